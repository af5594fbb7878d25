import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { pullQuerySchema, pushRequestSchema, resolveConflictRequestSchema, type PushResponse } from '../../shared/sync/api.ts';
import { requireAuth, requireDevice, requireRole, requireSchema, type AuthContext } from '../auth/authenticate.ts';
import { gzipResponse } from '../compression.ts';
import type { ServerContext } from '../context.ts';
import { fail, parseInput } from '../errors.ts';
import { importBundle } from './bundle.ts';
import { listConflicts, resolveConflict } from './conflicts.ts';
import { pullPage } from './pull.ts';
import { applyChanges, deviceAuthors } from './push.ts';
import type { Actor } from './scope.ts';
import { snapshotLines } from './snapshot.ts';

/** Pushes carry files (documents) inline, so they may be larger than Fastify's 1 MB default. */
const pushBodyLimit = 64 * 1024 * 1024;
/** USB bundles hold a whole offline period. */
const bundleBodyLimit = 300 * 1024 * 1024;

const deviceQuery = z.object({ device_id: z.uuid().optional() });
const snapshotQuerySchema = deviceQuery.extend({ schema_version: z.coerce.number().int().positive().optional() });
const conflictsQuerySchema = z.object({ status: z.enum(['open', 'all']).default('open') });
const idParams = z.object({ id: z.string().min(1).max(64) });

/** `/v1/sync/*` and `/v1/conflicts*`. */
export const registerSyncRoutes = async (app: FastifyInstance, ctx: ServerContext): Promise<void> => {
  // Routes with large bodies check the token before reading the body, not after.
  const early = new WeakMap<FastifyRequest, AuthContext>();
  const authenticateFirst = async (request: FastifyRequest) => {
    early.set(request, await requireAuth(ctx, request));
  };
  const earlyAuth = (request: FastifyRequest): AuthContext => early.get(request) ?? fail('unauthorized', 'Sign in again.');

  app.post('/v1/sync/push', { bodyLimit: pushBodyLimit, onRequest: authenticateFirst }, async (request): Promise<PushResponse> => {
    const auth = earlyAuth(request);
    const body = parseInput(pushRequestSchema, request.body);
    requireDevice(auth, body.device_id);
    if (body.branch_id !== auth.branchId) fail('wrong-branch', 'These changes belong to another branch.');
    requireSchema(ctx, body.schema_version);
    const actor = { userId: auth.userId, role: auth.role, districtIds: auth.districtIds };
    // Colleagues' changes (a shared laptop) are rare: their authors are looked up only then.
    const colleagues = body.changes.some((change) => change.user_id !== undefined && change.user_id !== auth.userId);
    const authors = colleagues ? await deviceAuthors(ctx.db, auth.branchId, auth.deviceId) : new Map<string, Actor>();
    const authorOf = (userId: string | undefined) => (userId === undefined || userId === auth.userId ? actor : (authors.get(userId) ?? null));
    const source = { branchId: auth.branchId, deviceId: auth.deviceId, now: ctx.now(), authorOf };
    const results = await ctx.db.transaction().execute((trx) => applyChanges(trx, source, body.changes));
    return { results };
  });

  app.get('/v1/sync/pull', { compress: gzipResponse }, async (request) => {
    const auth = await requireAuth(ctx, request);
    const query = parseInput(pullQuerySchema.extend(deviceQuery.shape), request.query);
    requireDevice(auth, query.device_id);
    requireSchema(ctx, query.schema_version);
    const actor = { userId: auth.userId, role: auth.role, districtIds: auth.districtIds };
    return pullPage(ctx.db, { branchId: auth.branchId, deviceId: auth.deviceId, actor, cursor: query.cursor, limit: query.limit });
  });

  app.get('/v1/sync/snapshot', { compress: gzipResponse }, async (request, reply) => {
    const auth = await requireAuth(ctx, request);
    const query = parseInput(snapshotQuerySchema, request.query);
    requireDevice(auth, query.device_id);
    requireSchema(ctx, query.schema_version);
    return reply.type('application/x-ndjson; charset=utf-8').send(Readable.from(snapshotLines(ctx.db, auth)));
  });

  // Only this route reads raw bytes.
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: bundleBodyLimit }, (_request, body, done) => done(null, body));
    scope.post('/v1/sync/bundle', { bodyLimit: bundleBodyLimit, onRequest: authenticateFirst }, async (request, reply) => {
      const auth = earlyAuth(request);
      if (!Buffer.isBuffer(request.body)) return fail('bad-request', 'Send the bundle file as application/octet-stream.');
      const answer = await importBundle(ctx, auth, request.body);
      return reply.type('application/octet-stream').send(Buffer.from(answer.buffer, answer.byteOffset, answer.byteLength));
    });
  });

  app.get('/v1/conflicts', async (request) => {
    const auth = await requireAuth(ctx, request);
    requireRole(auth, 'manager');
    return listConflicts(ctx, auth, parseInput(conflictsQuerySchema, request.query).status);
  });

  app.post('/v1/conflicts/:id/resolve', async (request) => {
    const auth = await requireAuth(ctx, request);
    requireRole(auth, 'manager');
    const { id } = parseInput(idParams, request.params);
    return resolveConflict(ctx, auth, id, parseInput(resolveConflictRequestSchema, request.body).keep);
  });
};
