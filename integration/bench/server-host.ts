import { fork } from 'node:child_process';
import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../../server/db/tables.ts';
import type { ServerBackend } from '../../server/testing.ts';

/**
 * The branch server the benchmark syncs with: a test server (one branch and its admin) on PGlite
 * or PostgreSQL, in this process (what the integration tests do) or in a child process of its
 * own (closer to a real deployment, where the server does not share the device's CPU).
 */

export interface ServerStats {
  /** Accepted changes (the op log). */
  ops: number;
  /** Rows the server holds. */
  rows: number;
  /** pg_database_size of the server's database. */
  databaseBytes: number;
}

export interface BenchServer {
  url: string;
  admin: { username: string; password: string };
  stats(): Promise<ServerStats>;
  close(): Promise<void>;
}

export type ServerPlacement = 'in-process' | 'child-process';

export const serverStats = async (db: Kysely<ServerDatabase>): Promise<ServerStats> => {
  const result = await sql<{ ops: string | number; rows: string | number; bytes: string | number }>`
    SELECT (SELECT count(*) FROM ops) AS ops, (SELECT count(*) FROM rows) AS rows, pg_database_size(current_database()) AS bytes`.execute(db);
  const row = result.rows[0];
  return { ops: Number(row?.ops ?? 0), rows: Number(row?.rows ?? 0), databaseBytes: Number(row?.bytes ?? 0) };
};

/** Messages between the benchmark and a server in a child process (`server-process.ts`). */
export type ToServer = { type: 'stats' } | { type: 'close' };

/**
 * What-if for the benchmark: `ANALYZE` every so often, as PostgreSQL's autovacuum would. PGlite
 * runs PostgreSQL single-user, without autovacuum, and the server never analyzes: its tables keep
 * the statistics of the empty template. Returns the stop function.
 */
export const analyzeEvery = (db: Kysely<ServerDatabase>, seconds: number | undefined): (() => Promise<void>) => {
  if (!seconds) return async () => undefined;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() => sql`ANALYZE`.execute(db)).catch(() => undefined);
  }, seconds * 1000);
  return async () => {
    clearInterval(timer);
    await running;
  };
};
export type FromServer =
  | { type: 'ready'; url: string; admin: { username: string; password: string } }
  | { type: 'stats'; stats: ServerStats }
  | { type: 'closed' }
  | { type: 'error'; message: string };

export interface BenchServerOptions {
  backend: ServerBackend;
  placement: ServerPlacement;
  /** Node options of a server in a child process (e.g. `--cpu-prof`). */
  execArgv?: string[];
  /** Run ANALYZE this often (seconds); see `analyzeEvery`. */
  analyzeEverySeconds?: number;
}

const inProcess = async (options: BenchServerOptions): Promise<BenchServer> => {
  // Loaded here: server/testing.ts reads MOWAKABA_TEST_DATABASE_URL when it is first imported.
  const { startTestServer } = await import('../../server/testing.ts');
  const server = await startTestServer(options.backend);
  const stopAnalyze = analyzeEvery(server.server.db, options.analyzeEverySeconds);
  return {
    url: server.url,
    admin: server.admin,
    stats: () => serverStats(server.server.db),
    close: async () => {
      await stopAnalyze();
      await server.close();
    },
  };
};

const childProcess = async (options: BenchServerOptions): Promise<BenchServer> => {
  const args = [options.backend, String(options.analyzeEverySeconds ?? 0)];
  const child = fork(new URL('./server-process.ts', import.meta.url).pathname, args, { execArgv: options.execArgv ?? [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const next = (type: FromServer['type']) =>
    new Promise<FromServer>((resolve, reject) => {
      const onMessage = (message: FromServer) => {
        if (message.type !== type && message.type !== 'error') return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (message.type === 'error') reject(new Error(`sync server: ${message.message}`));
        else resolve(message);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`sync server exited (${code})`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const send = (message: ToServer) => child.send(message);
  const ready = await next('ready');
  if (ready.type !== 'ready') throw new Error('sync server: no address');
  let closed = false;
  return {
    url: ready.url,
    admin: ready.admin,
    async stats() {
      const answer = next('stats');
      send({ type: 'stats' });
      const message = await answer;
      return message.type === 'stats' ? message.stats : { ops: 0, rows: 0, databaseBytes: 0 };
    },
    async close() {
      if (closed) return;
      closed = true;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      send({ type: 'close' });
      await exited;
    },
  };
};

export const startBenchServer = (options: BenchServerOptions): Promise<BenchServer> => (options.placement === 'in-process' ? inProcess(options) : childProcess(options));
