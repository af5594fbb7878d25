import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type { LoginRequest, LoginResponse, refreshRequestSchema } from '../../shared/sync/api.ts';
import type { ServerContext } from '../context.ts';
import { fail } from '../errors.ts';
import { verifyDecoy, verifyPassword } from './passwords.ts';
import { issueTokens, tokenBranch, tokenHash, type TokenPair } from './tokens.ts';

const wrongCredentials = (): never => fail('unauthorized', 'Wrong username or password.');
const revoked = (): never => fail('device-revoked', 'This device was revoked by an administrator.');
const base64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');

/** Checks a user's password, registers the device on its first login, and issues its tokens. */
export const login = async (ctx: ServerContext, input: LoginRequest): Promise<LoginResponse> => {
  const account = await ctx.db.selectFrom('accounts').selectAll().where('username', '=', input.username).executeTakeFirst();
  const valid = account && !account.disabled ? await verifyPassword(account.password_hash, input.password) : await verifyDecoy(input.password, ctx.passwordHashCost);
  if (!valid || !account) return wrongCredentials();

  const now = ctx.now();
  return ctx.db.transaction().execute(async (trx) => {
    const branchId = account.branch_id;
    let device = await trx.selectFrom('devices').selectAll().where('branch_id', '=', branchId).where('id', '=', input.device_id).executeTakeFirst();
    if (device?.revoked_at) return revoked();
    if (!device) {
      device = await trx
        .insertInto('devices')
        .values({
          branch_id: branchId,
          id: input.device_id,
          name: input.device_name,
          device_key: randomBytes(32),
          bundle_key: randomBytes(32),
          created_at: now,
          last_seen_at: now,
          revoked_at: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      await trx.updateTable('devices').set({ name: input.device_name, last_seen_at: now }).where('branch_id', '=', branchId).where('id', '=', device.id).execute();
    }
    await trx
      .insertInto('device_users')
      .values({ branch_id: branchId, device_id: device.id, user_id: account.id, first_seen_at: now })
      .onConflict((oc) => oc.columns(['branch_id', 'device_id', 'user_id']).doNothing())
      .execute();
    const tokens = await issueTokens(trx, ctx, { branchId, userId: account.id, deviceId: device.id });
    const branch = await trx.selectFrom('branches').select(['id', 'name']).where('id', '=', branchId).executeTakeFirstOrThrow();
    return {
      ...tokens,
      user: { id: account.id, username: account.username, display_name: account.display_name, role: account.role, branch_id: branchId },
      branch,
      device_key: base64(device.device_key),
      bundle_key: base64(device.bundle_key),
      min_schema_version: ctx.minSchemaVersion,
    };
  });
};

/**
 * Trades a refresh token for a new pair; each refresh token works once. A second use means a copy
 * is in other hands: every token of that user on that device dies, and both must sign in again.
 */
export const refresh = async (ctx: ServerContext, input: z.infer<typeof refreshRequestSchema>): Promise<TokenPair> => {
  const branchId = tokenBranch(input.refresh_token) ?? fail('unauthorized', 'Sign in again.');
  const hash = tokenHash(input.refresh_token);
  const now = ctx.now();
  const outcome = await ctx.db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('tokens as t')
      .innerJoin('devices as d', (join) => join.onRef('d.branch_id', '=', 't.branch_id').onRef('d.id', '=', 't.device_id'))
      .innerJoin('accounts as a', (join) => join.onRef('a.branch_id', '=', 't.branch_id').onRef('a.id', '=', 't.user_id'))
      .select(['t.user_id', 't.device_id', 't.expires_at', 't.used_at', 'd.revoked_at', 'a.disabled'])
      .where('t.branch_id', '=', branchId)
      .where('t.hash', '=', hash)
      .where('t.kind', '=', 'refresh')
      .executeTakeFirst();
    if (!found || found.device_id !== input.device_id) return 'unknown' as const;
    if (found.revoked_at) return 'revoked' as const;
    const claimed = found.used_at
      ? null
      : await trx.updateTable('tokens').set({ used_at: now }).where('branch_id', '=', branchId).where('hash', '=', hash).where('used_at', 'is', null).executeTakeFirst();
    if (!claimed || claimed.numUpdatedRows === 0n) {
      await trx.deleteFrom('tokens').where('branch_id', '=', branchId).where('device_id', '=', found.device_id).where('user_id', '=', found.user_id).execute();
      return 'reused' as const;
    }
    if (found.expires_at.getTime() <= now.getTime() || found.disabled) return 'unknown' as const;
    return issueTokens(trx, ctx, { branchId, userId: found.user_id, deviceId: found.device_id });
  });
  if (outcome === 'revoked') return revoked();
  if (typeof outcome === 'string') return fail('unauthorized', 'Sign in again.');
  return outcome;
};
