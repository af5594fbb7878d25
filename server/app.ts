import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { displayNameSchema, passwordSchema, usernameSchema } from '../shared/contract/session.contract.ts';
import { registerAdminRoutes } from './admin/admin.handlers.ts';
import { insertAccount, usernameTaken } from './admin/accounts.service.ts';
import { registerAuthRoutes } from './auth/auth.handlers.ts';
import { hashPassword, type PasswordHashCost } from './auth/passwords.ts';
import { registerCompression } from './compression.ts';
import type { ServerContext } from './context.ts';
import { migrateToLatest, openDatabase } from './db/database.ts';
import type { ServerDatabase } from './db/tables.ts';
import { installErrorHandling } from './errors.ts';
import { writeRowFields } from './sync/server-writes.ts';
import { registerSyncRoutes } from './sync/sync.handlers.ts';
import { registerUpdates } from './updates/updates.ts';

export interface SyncServerOptions {
  /** PostgreSQL connection string; wins over `dataDir`. */
  databaseUrl?: string;
  /** PGlite folder; in memory when both are absent. */
  dataDir?: string;
  now?: () => Date;
  /** Clients whose synced-table schema is older are answered `outdated` (default 1). */
  minSchemaVersion?: number;
  /** Default 15 minutes. */
  accessTokenTtlMs?: number;
  /** Default 60 days. */
  refreshTokenTtlMs?: number;
  /** Login and refresh attempts per client address (default 10 a minute). */
  loginRateLimit?: { max: number; timeWindowMs: number };
  /** Folder served at `/updates/` for electron-updater (see server/updates). */
  updatesDir?: string;
  /** `test` makes Argon2id cheap, for test suites only (default `default`). */
  passwordHashCost?: PasswordHashCost;
  /** PGlite only: a dump to start a new data folder from (tests use a migrated template). */
  pgliteSeed?: Blob;
  /** Fastify's request log (method, path, status, time; never bodies). Off by default. */
  logger?: boolean;
}

export interface SyncServer {
  /** The base URL once listening. */
  url: string | null;
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
  db: Kysely<ServerDatabase>;
}

const version = z.object({ version: z.string() }).parse(JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))).version;

const contexts = new WeakMap<SyncServer, ServerContext>();

const initBranchSchema = z.object({
  branchName: z.string().trim().min(2).max(120),
  adminUsername: usernameSchema,
  adminPassword: passwordSchema,
  adminDisplayName: displayNameSchema.optional(),
});

/** Opens (and migrates) the database and builds the HTTP service; call `listen` to serve. */
export const createSyncServer = async (options: SyncServerOptions): Promise<SyncServer> => {
  const db = openDatabase(options);
  try {
    await migrateToLatest(db);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  const ctx: ServerContext = {
    db,
    now: options.now ?? (() => new Date()),
    minSchemaVersion: options.minSchemaVersion ?? 1,
    accessTokenTtlMs: options.accessTokenTtlMs ?? 15 * 60_000,
    refreshTokenTtlMs: options.refreshTokenTtlMs ?? 60 * 24 * 3600_000,
    passwordHashCost: options.passwordHashCost ?? 'default',
  };
  const app = Fastify({ logger: options.logger ?? false, trustProxy: false });
  installErrorHandling(app);
  await registerCompression(app);
  app.get('/healthz', async () => ({ ok: true, version }));
  await registerAuthRoutes(app, ctx, options.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 });
  await registerSyncRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  if (options.updatesDir) await registerUpdates(app, options.updatesDir);

  let closed = false;
  const server: SyncServer = {
    url: null,
    db,
    listen: async (port = 0, host = '127.0.0.1') => {
      await app.listen({ port, host });
      const address = app.server.address();
      if (!address || typeof address === 'string') throw new Error('The server is not listening on a TCP port');
      const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      server.url = `http://${shownHost}:${address.port}`;
      return server.url;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      await app.close();
      await db.destroy();
      server.url = null;
    },
  };
  contexts.set(server, ctx);
  return server;
};

/** Creates a branch with its first admin (and their synced rows), for `init` and tests. */
export const initBranch = async (
  server: SyncServer,
  input: { branchName: string; adminUsername: string; adminPassword: string; adminDisplayName?: string },
): Promise<{ branchId: string; adminId: string }> => {
  const ctx = contexts.get(server);
  if (!ctx) throw new Error('initBranch needs a server made by createSyncServer');
  const valid = initBranchSchema.parse(input);
  const passwordHash = await hashPassword(valid.adminPassword, ctx.passwordHashCost);
  const now = ctx.now();
  const branchId = uuidv7();
  const author = { userId: null, role: 'admin' as const, deviceId: null };
  const admin = await server.db
    .transaction()
    .execute(async (trx) => {
      await trx.insertInto('branches').values({ id: branchId, name: valid.branchName, last_seq: 0, created_at: now }).execute();
      await writeRowFields(trx, { branchId, now, table: 'branches', rowId: branchId, fields: { name: valid.branchName, created_at: now.toISOString() }, author });
      const account = { username: valid.adminUsername, display_name: valid.adminDisplayName ?? valid.adminUsername, role: 'admin' as const, district_ids: [], passwordHash };
      return insertAccount(trx, branchId, account, author, now);
    })
    .catch(usernameTaken);
  return { branchId, adminId: admin.id };
};
