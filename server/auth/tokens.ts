import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerContext } from '../context.ts';
import type { ServerDatabase } from '../db/tables.ts';

/**
 * Tokens are `<branch id>.<32 random bytes, base64url>`: the prefix finds the branch's shard, and
 * only the SHA-256 of the whole token is stored, so a copy of the database logs nobody in.
 */

export interface TokenPair {
  access_token: string;
  access_expires_at: string;
  refresh_token: string;
}

const newToken = (branchId: string): string => `${branchId}.${randomBytes(32).toString('base64url')}`;

/** The stored form of a token. */
export const tokenHash = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** The branch a token names, or null when it is not shaped like one of ours. */
export const tokenBranch = (token: string): string | null => {
  const dot = token.lastIndexOf('.');
  if (dot < 1 || dot > 64 || token.length - dot - 1 !== 43) return null;
  return token.slice(0, dot);
};

/** Issues a fresh access + refresh pair for one user on one device. */
export const issueTokens = async (
  trx: Kysely<ServerDatabase>,
  ctx: ServerContext,
  who: { branchId: string; userId: string; deviceId: string },
): Promise<TokenPair> => {
  const now = ctx.now();
  const access = newToken(who.branchId);
  const refresh = newToken(who.branchId);
  const accessExpires = new Date(now.getTime() + ctx.accessTokenTtlMs);
  const refreshExpires = new Date(now.getTime() + ctx.refreshTokenTtlMs);
  const base = { branch_id: who.branchId, user_id: who.userId, device_id: who.deviceId, used_at: null };
  await trx
    .insertInto('tokens')
    .values([
      { ...base, hash: tokenHash(access), kind: 'access', expires_at: accessExpires },
      { ...base, hash: tokenHash(refresh), kind: 'refresh', expires_at: refreshExpires },
    ])
    .execute();
  // Long-expired tokens of this device are of no use, not even to detect a reuse.
  await trx
    .deleteFrom('tokens')
    .where('branch_id', '=', who.branchId)
    .where('device_id', '=', who.deviceId)
    .where('expires_at', '<', new Date(now.getTime() - 24 * 3600_000))
    .execute();
  return { access_token: access, access_expires_at: accessExpires.toISOString(), refresh_token: refresh };
};
