import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createSyncServer, initBranch, type SyncServer, type SyncServerOptions } from './app.ts';
import { migratedPgliteDump } from './db/database.ts';
import { migrationProvider } from './db/migrations/index.ts';

/**
 * Test support, for the server's own tests and for two-device integration tests: a real server on
 * 127.0.0.1 with a branch and its admin, on embedded PGlite or on PostgreSQL.
 */

export type ServerBackend = 'pglite' | 'postgres';

const adminUrl = process.env.MOWAKABA_TEST_DATABASE_URL;

/** PGlite always; PostgreSQL too when `MOWAKABA_TEST_DATABASE_URL` names a cluster (a superuser URL). */
export const serverBackends: ServerBackend[] = adminUrl ? ['pglite', 'postgres'] : ['pglite'];

export interface TestServer {
  /** The running server (a new object after `restart`). */
  readonly server: SyncServer;
  /** Its base URL (a new port after `restart`). */
  readonly url: string;
  branchId: string;
  adminId: string;
  admin: { username: string; password: string };
  close(): Promise<void>;
  /** Stops the server and starts it again on the same data; resolves to the new URL. */
  restart(): Promise<string>;
}

/** A fresh database on the test cluster, and how to drop it. */
const createTestDatabase = async (url: string): Promise<{ databaseUrl: string; drop: () => Promise<void> }> => {
  const name = `mowakaba_test_${randomBytes(6).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE DATABASE ${name}`);
  const databaseUrl = new URL(url);
  databaseUrl.pathname = `/${name}`;
  // The server's pool ends its connections without waiting for the backends to go: give them a moment before forcing.
  const drop = async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      try {
        return await run(`DROP DATABASE IF EXISTS ${name}`);
      } catch (error) {
        if ((error as { code?: string }).code !== '55006') throw error;
        await sleep(100);
      }
    }
    await run(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  return { databaseUrl: databaseUrl.toString(), drop };
};

/**
 * A dump of a migrated PGlite database, made once per migration set and kept in the temp folder:
 * a new PGlite database costs seconds of initdb, loading a dump a fraction of one.
 */
const pgliteTemplate = async (): Promise<Blob> => {
  const migrations = await migrationProvider.getMigrations();
  const fingerprint = createHash('sha256')
    .update(await readFile(new URL('../node_modules/@electric-sql/pglite/package.json', import.meta.url)).catch(() => 'unknown'))
    .update(Object.entries(migrations).map(([name, m]) => `${name}:${String(m.up)}`).join('\n'))
    .digest('hex')
    .slice(0, 16);
  const file = join(tmpdir(), `mowakaba-pglite-template-${fingerprint}.tar`);
  try {
    return new Blob([await readFile(file)]);
  } catch {
    const dump = await migratedPgliteDump();
    const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
    await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
    await rename(partial, file);
    return dump;
  }
};

/** Starts a server with one branch and its admin (light Argon2 settings, a generous login limit). */
export const startTestServer = async (backend: ServerBackend, options: Partial<SyncServerOptions> = {}): Promise<TestServer> => {
  let cleanup: () => Promise<void>;
  const serverOptions: SyncServerOptions = { passwordHashCost: 'test', loginRateLimit: { max: 10_000, timeWindowMs: 60_000 }, ...options };
  if (backend === 'postgres') {
    if (!adminUrl) throw new Error('MOWAKABA_TEST_DATABASE_URL is not set');
    const database = await createTestDatabase(adminUrl);
    serverOptions.databaseUrl = database.databaseUrl;
    cleanup = database.drop;
  } else {
    // On disk, so that `restart` finds the data again.
    const dataDir = options.dataDir ?? join(await mkdtemp(join(tmpdir(), 'mowakaba-server-')), 'data');
    serverOptions.dataDir = dataDir;
    if (!options.dataDir) serverOptions.pgliteSeed = await pgliteTemplate();
    serverOptions.databaseUrl = undefined;
    cleanup = options.dataDir ? async () => undefined : () => rm(dirname(dataDir), { recursive: true, force: true });
  }

  const admin = { username: `admin${randomBytes(4).toString('hex')}`, password: 'admin-password-for-tests' };
  let server: SyncServer | null = null;
  let url: string;
  let created: { branchId: string; adminId: string };
  try {
    server = await createSyncServer(serverOptions);
    url = await server.listen(0, '127.0.0.1');
    created = await initBranch(server, { branchName: 'Test branch', adminUsername: admin.username, adminPassword: admin.password, adminDisplayName: 'Test admin' });
  } catch (error) {
    await server?.close();
    await cleanup();
    throw error;
  }
  const { branchId, adminId } = created;
  let running: SyncServer = server;

  let closed = false;
  return {
    get server() {
      return running;
    },
    get url() {
      return url;
    },
    branchId,
    adminId,
    admin,
    close: async () => {
      if (closed) return;
      closed = true;
      await running.close();
      await cleanup();
    },
    restart: async () => {
      await running.close();
      running = await createSyncServer({ ...serverOptions, pgliteSeed: undefined });
      url = await running.listen(0, '127.0.0.1');
      return url;
    },
  };
};
