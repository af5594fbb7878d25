import Sqlite from 'better-sqlite3-multiple-ciphers';
import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import { CoreError } from '../errors.ts';
import { backupBeforeMigrations } from './backup-before-migrations.ts';
import { migrationProvider, migrations } from './migrations/index.ts';
import type { Database } from './tables.ts';

export type SqliteDatabase = InstanceType<typeof Sqlite>;

export interface Store {
  sqlite: SqliteDatabase;
  db: Kysely<Database>;
  path: string;
  close(): Promise<void>;
}

export const storeFileName = 'mowakaba.db';
export const storePath = (dataDir: string): string => join(dataDir, storeFileName);
export const storeExists = (dataDir: string): boolean => existsSync(storePath(dataDir));

const slowQueryMs = 40;

export interface StoreOptions {
  /** Create the file when it does not exist (first run). */
  create?: boolean;
  /** No encryption: only the benchmark uses it, to measure what encryption costs. */
  plaintext?: boolean;
}

/**
 * Opens (or creates) an encrypted SQLite file with SQLCipher v4 settings and a raw 32-byte key.
 * Cipher pragmas come first, the key before any other statement; a wrong key fails here.
 */
export const openEncrypted = (path: string, key: Buffer, { create = false, plaintext = false }: StoreOptions = {}): SqliteDatabase => {
  if (key.length !== 32) throw new CoreError('internal', 'A database key must be 32 bytes.');
  if (!existsSync(path)) {
    if (!create) throw new CoreError('not-found', 'There is no case store on this device.', undefined, { reason: 'store-missing' });
    closeSync(openSync(path, 'a', 0o600));
  }
  const sqlite = new Sqlite(path, { fileMustExist: true });
  try {
    if (!plaintext) {
      sqlite.pragma(`cipher = 'sqlcipher'`);
      sqlite.pragma('legacy = 4');
      sqlite.pragma(`key = "x'${key.toString('hex')}'"`);
    }
    // The first read proves the key; a wrong one throws "file is not a database".
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // A 64 MiB page cache: fewer pages to read and decrypt again on a branch-sized store.
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
  } catch (error) {
    sqlite.close();
    if (error instanceof Error && /not a database/i.test(error.message)) {
      throw new CoreError('locked', 'The case store cannot be opened with this key.', undefined, { reason: 'wrong-key' });
    }
    throw error;
  }
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) chmodSync(path + suffix, 0o600);
  return sqlite;
};

/** Wraps an open SQLite handle in Kysely, logging slow queries without their parameters. */
export const toStore = (sqlite: SqliteDatabase, path: string): Store => {
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (event) => {
      if (event.level === 'error' || event.queryDurationMillis < slowQueryMs) return;
      console.warn(`[store] slow query ${Math.round(event.queryDurationMillis)} ms: ${event.query.sql.slice(0, 120)}`);
    },
  });
  return {
    sqlite,
    db,
    path,
    // Kysely's destroy closes the SQLite handle (checkpointing the WAL).
    close: () => db.destroy(),
  };
};

/** Names of the migrations this store has run (none for a file just created). */
const appliedMigrations = (sqlite: SqliteDatabase): string[] => {
  const table = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`).get();
  if (!table) return [];
  return (sqlite.prepare('SELECT name FROM kysely_migration').all() as { name: string }[]).map((row) => row.name);
};

/**
 * Brings the schema to this build's version; refuses a store written by a newer app. The live
 * store (`<dataDir>/mowakaba.db`) that already holds data is first copied, with its keyring, to
 * `<dataDir>/backups/` — the first start of a new version never migrates without that copy.
 */
export const migrateStore = async (store: Store): Promise<void> => {
  const applied = appliedMigrations(store.sqlite);
  if (applied.some((name) => !Object.hasOwn(migrations, name))) {
    throw new CoreError('outdated', 'This case store was written by a newer version of Mowakaba; update the app.', undefined, {
      reason: 'store-newer',
    });
  }
  const pending = Object.keys(migrations)
    .sort()
    .filter((name) => !applied.includes(name));
  const [firstPending] = pending;
  if (firstPending && applied.length > 0 && basename(store.path) === storeFileName) {
    await backupBeforeMigrations(store.sqlite, store.path, firstPending);
  }
  const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateToLatest();
  if (error) {
    console.error(`[store] migration failed: ${error instanceof Error ? error.name : 'unknown'}`);
    throw new CoreError('internal', 'The case store could not be updated to this version.');
  }
};

/** Opens, checks and migrates the store; closes it again if any step fails. */
export const openStore = async (path: string, key: Buffer, options: StoreOptions = {}): Promise<Store> => {
  const store = toStore(openEncrypted(path, key, options), path);
  try {
    await migrateStore(store);
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
};

/** Runs SQLite's full integrity check; true when the file is sound. */
export const integrityOk = (sqlite: SqliteDatabase): boolean => {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  return rows.length === 1 && rows[0]?.integrity_check === 'ok';
};

/**
 * Re-encrypts the file with a new key. SQLCipher cannot rekey in WAL mode: checkpoint, switch to
 * a rollback journal, rekey outside any transaction, switch back, then prove the new key reads.
 */
export const rekeyDatabase = (sqlite: SqliteDatabase, newKey: Buffer): void => {
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  sqlite.pragma('journal_mode = DELETE');
  sqlite.pragma(`rekey = "x'${newKey.toString('hex')}'"`);
  sqlite.pragma('journal_mode = WAL');
  sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
};

/** Writes a consistent encrypted copy (same cipher and key) of the open store to `target`. */
export const snapshotTo = (sqlite: SqliteDatabase, target: string): void => {
  sqlite.prepare('VACUUM INTO ?').run(target);
};

export { sql };
