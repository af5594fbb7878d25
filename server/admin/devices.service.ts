import type { DeviceInfo } from '../../shared/sync/api.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import { iso, isoOrNull, type ServerContext } from '../context.ts';
import { fail } from '../errors.ts';

/** The branch's devices with the users who signed in on each. */
export const listDevices = async (ctx: ServerContext, auth: AuthContext): Promise<DeviceInfo[]> => {
  const devices = await ctx.db
    .selectFrom('devices')
    .select(['id', 'name', 'last_seen_at', 'revoked_at', 'created_at'])
    .where('branch_id', '=', auth.branchId)
    .orderBy('created_at')
    .execute();
  const users = await ctx.db
    .selectFrom('device_users as du')
    .innerJoin('accounts as a', (join) => join.onRef('a.branch_id', '=', 'du.branch_id').onRef('a.id', '=', 'du.user_id'))
    .select(['du.device_id', 'a.id', 'a.username'])
    .where('du.branch_id', '=', auth.branchId)
    .orderBy('a.username')
    .execute();
  return devices.map((device) => ({
    id: device.id,
    name: device.name,
    users: users.filter((u) => u.device_id === device.id).map((u) => ({ id: u.id, username: u.username })),
    last_seen_at: isoOrNull(device.last_seen_at),
    revoked_at: isoOrNull(device.revoked_at),
    created_at: iso(device.created_at),
  }));
};

/**
 * Revokes a device: every token it holds stops working at once, and its next contact answers
 * `device-revoked`, on which it wipes its store. Revoking twice keeps the first time.
 */
export const revokeDevice = async (ctx: ServerContext, auth: AuthContext, deviceId: string): Promise<DeviceInfo> => {
  const now = ctx.now();
  const updated = await ctx.db
    .updateTable('devices')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(now)) }))
    .where('branch_id', '=', auth.branchId)
    .where('id', '=', deviceId)
    .returning('id')
    .executeTakeFirst();
  if (!updated) return fail('not-found', 'No such device in this branch.');
  const info = (await listDevices(ctx, auth)).find((d) => d.id === deviceId);
  return info ?? fail('not-found', 'No such device in this branch.');
};
