import { deviceBundleSchema, maxPullLimit, maxPushChanges, type PullResponse, type PushResult, type ServerBundle } from '../../shared/sync/api.ts';
import { BundleError, openBundle, readBundleHeader, sealBundle } from '../../shared/sync/bundle.ts';
import { requireSchema, type AuthContext } from '../auth/authenticate.ts';
import type { ServerContext } from '../context.ts';
import { fail } from '../errors.ts';
import { chunks } from './ledger.ts';
import { pullPage } from './pull.ts';
import { applyChanges, deviceAuthors } from './push.ts';

const bundleRefused = (error: unknown): never => {
  if (error instanceof BundleError) return fail('bad-request', error.message);
  throw error;
};

/**
 * Imports a device's USB bundle carried in by any signed-in user of its branch: applies its
 * changes as a push would (each authored by the device's user who made it), then seals for the
 * device the results and every pull page from its cursor, in its exporting user's scope.
 */
export const importBundle = async (ctx: ServerContext, auth: AuthContext, file: Uint8Array): Promise<Uint8Array> => {
  const { header } = (() => {
    try {
      return readBundleHeader(file);
    } catch (error) {
      return bundleRefused(error);
    }
  })();
  if (header.direction !== 'to-server') fail('bad-request', 'This bundle is an answer for a device, not a device export.');
  if (header.branch_id !== auth.branchId) fail('wrong-branch', 'This bundle belongs to another branch.');
  const device = await ctx.db.selectFrom('devices').selectAll().where('branch_id', '=', auth.branchId).where('id', '=', header.device_id).executeTakeFirst();
  if (!device) return fail('not-found', 'The device that made this bundle is unknown to this server.');
  // Not `device-revoked`: that code tells the caller's own device to wipe itself.
  if (device.revoked_at) return fail('forbidden', 'The device that made this bundle was revoked.');
  const key = new Uint8Array(device.bundle_key);
  const { payload } = await openBundle(file, key, deviceBundleSchema).catch(bundleRefused);
  requireSchema(ctx, payload.schema_version);

  const authors = await deviceAuthors(ctx.db, auth.branchId, device.id);
  const exporter = authors.get(payload.user_id) ?? fail('forbidden', 'The user who exported this bundle may not sync from that device.');
  const source = { branchId: auth.branchId, deviceId: device.id, now: ctx.now(), authorOf: (userId: string | undefined) => authors.get(userId ?? payload.user_id) ?? null };
  const results: PushResult[] = await ctx.db.transaction().execute(async (trx) => {
    const all: PushResult[] = [];
    for (const part of chunks(payload.changes, maxPushChanges)) all.push(...(await applyChanges(trx, source, part)));
    return all;
  });

  const pages: PullResponse[] = [];
  let cursor = payload.cursor;
  for (;;) {
    const page = await pullPage(ctx.db, { branchId: auth.branchId, deviceId: device.id, actor: exporter, cursor, limit: maxPullLimit, confirmedCursor: payload.cursor });
    pages.push(page);
    if (!page.more || page.reset) break;
    cursor = page.cursor;
  }
  const answer: ServerBundle = { results, pages };
  return sealBundle({ direction: 'to-device', device_id: device.id, branch_id: auth.branchId, created_at: ctx.now().toISOString() }, answer, key);
};
