import type { FastifyRequest } from 'fastify';
import type { Role } from '../../shared/contract/session.contract.ts';
import { type ServerContext } from '../context.ts';
import { fail } from '../errors.ts';
import { tokenBranch, tokenHash } from './tokens.ts';

/** Who is calling: the token's user on the token's device, as the database knows them now. */
export interface AuthContext {
  branchId: string;
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  districtIds: string[];
  deviceId: string;
}

const unauthorized = (): never => fail('unauthorized', 'Sign in again.');

const bearer = (request: FastifyRequest): string => {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._-]{20,200})$/.exec(header) : null;
  return match?.[1] ?? unauthorized();
};

/** Checks the access token, the device it was issued to and its user, as they are now. */
export const requireAuth = async (ctx: ServerContext, request: FastifyRequest): Promise<AuthContext> => {
  const token = bearer(request);
  const branchId = tokenBranch(token) ?? unauthorized();
  const found = await ctx.db
    .selectFrom('tokens as t')
    .innerJoin('devices as d', (join) => join.onRef('d.branch_id', '=', 't.branch_id').onRef('d.id', '=', 't.device_id'))
    .innerJoin('accounts as a', (join) => join.onRef('a.branch_id', '=', 't.branch_id').onRef('a.id', '=', 't.user_id'))
    .select(['t.expires_at', 't.device_id', 'd.revoked_at', 'd.last_seen_at', 'a.id', 'a.username', 'a.display_name', 'a.role', 'a.disabled', 'a.district_ids'])
    .where('t.branch_id', '=', branchId)
    .where('t.hash', '=', tokenHash(token))
    .where('t.kind', '=', 'access')
    .executeTakeFirst();
  if (!found) return unauthorized();
  if (found.revoked_at) return fail('device-revoked', 'This device was revoked by an administrator.');
  const now = ctx.now();
  if (found.expires_at.getTime() <= now.getTime() || found.disabled) return unauthorized();
  // One write a minute per device is enough to tell an administrator when it was last seen.
  if (!found.last_seen_at || now.getTime() - found.last_seen_at.getTime() > 60_000) {
    await ctx.db.updateTable('devices').set({ last_seen_at: now }).where('branch_id', '=', branchId).where('id', '=', found.device_id).execute();
  }
  return {
    branchId,
    userId: found.id,
    username: found.username,
    displayName: found.display_name,
    role: found.role,
    districtIds: found.district_ids,
    deviceId: found.device_id,
  };
};

/** Refuses a request that names another device than the token's (when it names one). */
export const requireDevice = (auth: AuthContext, deviceId: string | undefined): void => {
  if (deviceId !== undefined && deviceId !== auth.deviceId) fail('forbidden', 'This request names another device than the one signed in.');
};

/** Refuses callers below `role` (admins count as managers). */
export const requireRole = (auth: AuthContext, role: 'manager' | 'admin'): void => {
  const allowed = role === 'admin' ? auth.role === 'admin' : auth.role !== 'worker';
  if (!allowed) fail('forbidden', role === 'admin' ? 'Only an administrator may do this.' : 'Only a manager may do this.');
};

/** Refuses clients whose synced-table schema is older than the server accepts. */
export const requireSchema = (ctx: ServerContext, version: number | undefined): void => {
  if (version !== undefined && version < ctx.minSchemaVersion) fail('outdated', 'This app is too old for the server; update it to sync again.');
};
