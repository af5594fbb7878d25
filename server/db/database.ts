import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import { Migrator } from 'kysely/migration';
import pg from 'pg';
import { migrationProvider } from './migrations/index.ts';
import type { ServerDatabase } from './tables.ts';

export type ServerDb = Kysely<ServerDatabase>;

const int8 = 20;

/**
 * Opens PostgreSQL at `databaseUrl`, or embedded PGlite in `dataDir` (in memory when absent);
 * `pgliteSeed`, a PGlite dump, fills a new PGlite database (tests start from a migrated one).
 */
export const openDatabase = (options: { databaseUrl?: string; dataDir?: string; pgliteSeed?: Blob }): ServerDb => {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // Sequences and counts fit in a double long before a branch could reach them.
      types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === int8 ? Number : pg.types.getTypeParser(oid, format ?? 'text'))) as typeof pg.types.getTypeParser },
    });
    // An idle connection that drops (a restart, a killed backend) is replaced on next use; without a listener it would crash the process.
    pool.on('error', (error: Error & { code?: string }) => console.error(`database connection lost (${error.code ?? error.name})`));
    return new Kysely<ServerDatabase>({ dialect: new PostgresDialect({ pool }) });
  }
  const pglite = () => PGlite.create(options.dataDir, { parsers: { [int8]: Number }, ...(options.pgliteSeed && { loadDataDir: options.pgliteSeed }) });
  // PGlite is one connection: Kysely's PGlite adapter lends it to one caller (query or whole transaction) at a time.
  return new Kysely<ServerDatabase>({ dialect: new PGliteDialect({ pglite }) });
};

/** A dump of a new PGlite database migrated to the latest version. */
export const migratedPgliteDump = async (): Promise<Blob> => {
  const instance = await PGlite.create();
  const db = new Kysely<ServerDatabase>({ dialect: new PGliteDialect({ pglite: instance }) });
  try {
    await migrateToLatest(db);
    return await instance.dumpDataDir('none');
  } finally {
    await db.destroy();
  }
};

/** Runs every migration not yet applied; throws when one fails (Kysely does not). */
export const migrateToLatest = async (db: ServerDb): Promise<void> => {
  const result = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed`, { cause: result.error });
  }
};
