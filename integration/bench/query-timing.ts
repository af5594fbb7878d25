import { PGliteDriver, PostgresDriver, type CompiledQuery, type DatabaseConnection, type QueryResult } from 'kysely';

/**
 * Diagnostics for the sync benchmark (`--query-timing`, server in this process): the time the
 * server's database spends on each kind of statement, timed around Kysely's connection. On PGlite
 * the statement runs on this thread, so the time is its execution; commits are timed apart.
 */

export interface StatementTiming {
  statement: string;
  count: number;
  ms: number;
}

const timings = new Map<string, { count: number; ms: number }>();
let installed = false;

/** A statement's shape: parameters and value lists collapsed, the first 90 characters (big inserts are long: only their start is read). */
const shapeOf = (text: string): string =>
  text
    .slice(0, 400)
    .replace(/\s+/g, ' ')
    .replace(/\$\d+/g, '?')
    .replace(/\((?:\?, )*\?\)(?:, \((?:\?, )*\?\))+/g, '(…), …')
    .replace(/\((?:\?, )+\?\)/g, '(?, …)')
    .slice(0, 90);

const add = (statement: string, ms: number) => {
  const timing = timings.get(statement) ?? { count: 0, ms: 0 };
  timing.count += 1;
  timing.ms += ms;
  timings.set(statement, timing);
};

const wrapConnection = (connection: DatabaseConnection): DatabaseConnection => {
  const marked = connection as DatabaseConnection & { benchTimed?: boolean };
  if (marked.benchTimed) return connection;
  const execute = connection.executeQuery.bind(connection);
  marked.executeQuery = async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
    const started = performance.now();
    try {
      return await execute<R>(query);
    } finally {
      add(shapeOf(query.sql), performance.now() - started);
    }
  };
  marked.benchTimed = true;
  return connection;
};

type Driver = {
  prototype: {
    acquireConnection(): Promise<DatabaseConnection>;
    commitTransaction(connection: DatabaseConnection): Promise<void>;
  };
};

const patch = (driver: Driver) => {
  const acquire = driver.prototype.acquireConnection;
  driver.prototype.acquireConnection = async function (this: unknown) {
    return wrapConnection(await acquire.call(this));
  };
  const commit = driver.prototype.commitTransaction;
  driver.prototype.commitTransaction = async function (this: unknown, connection: DatabaseConnection) {
    const started = performance.now();
    try {
      return await commit.call(this, connection);
    } finally {
      add('commit', performance.now() - started);
    }
  };
};

/** Starts timing every statement the server runs in this process (call before it starts). */
export const installQueryTiming = (): void => {
  if (installed) return;
  installed = true;
  patch(PGliteDriver as unknown as Driver);
  patch(PostgresDriver as unknown as Driver);
};

/** The statements timed since the last call, slowest first (and starts over). */
export const takeQueryTimings = (top = 12): StatementTiming[] => {
  const list = [...timings].map(([statement, { count, ms }]) => ({ statement, count, ms: Math.round(ms) })).sort((a, b) => b.ms - a.ms);
  timings.clear();
  return list.slice(0, top);
};
