import type { Device, SyncConflict } from '../../../shared/contract/index.ts';
import type { Conflict } from '../../../shared/sync/api.ts';
import type { Store } from '../db/store.ts';
import type { SyncService } from './sync.service.ts';
import { listConflicts, listDevices, resolveConflict, revokeDevice } from './server-api.ts';

/** Branch administration that lives on the server: devices (admin) and conflicts (managers). */

/** The branch's devices, this one marked `current` (admin; online). */
export const branchDevices = (sync: SyncService): Promise<Device[]> =>
  sync.online(async (connection) => {
    const devices = await connection.auth.call((token) => listDevices(connection.http, token));
    return devices.map((device) => ({
      id: device.id,
      name: device.name,
      usernames: device.users.map((user) => user.username),
      lastSeenAt: device.last_seen_at,
      revokedAt: device.revoked_at,
      current: device.id === connection.deviceId,
    }));
  });

/** Revokes a device of the branch (admin; online); it wipes its store at its next contact. */
export const revokeBranchDevice = (sync: SyncService, deviceId: string): Promise<void> =>
  sync.online((connection) => connection.auth.call((token) => revokeDevice(connection.http, token, deviceId)));

/** Display names of local accounts by id (server-managed, pulled to every device). */
const displayNames = (store: Pick<Store, 'sqlite'>, ids: (string | null)[]): Map<string, string> => {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const rows = store.sqlite
    .prepare('SELECT id, display_name FROM users WHERE id IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(wanted)) as { id: string; display_name: string }[];
  return new Map(rows.map((row) => [row.id, row.display_name]));
};

const toSyncConflict = (conflict: Conflict, names: Map<string, string>): SyncConflict => {
  const side = (value: Conflict['kept'] | Conflict['lost']) => ({
    value: value.value,
    userName: value.user_id ? (names.get(value.user_id) ?? null) : null,
    deviceTime: value.device_time,
    serverTime: value.server_time,
  });
  return {
    id: conflict.id,
    table: conflict.table,
    rowId: conflict.row_id,
    field: conflict.field,
    householdId: conflict.household_id,
    kept: side(conflict.kept),
    lost: side(conflict.lost),
    status: conflict.status,
  };
};

/** The branch's conflicts with authors' names from this device's accounts (managers; online). */
export const branchConflicts = (sync: SyncService, status: 'open' | 'all'): Promise<SyncConflict[]> =>
  sync.online(async (connection, session) => {
    const conflicts = await connection.auth.call((token) => listConflicts(connection.http, token, status));
    const names = displayNames(session.store, conflicts.flatMap((conflict) => [conflict.kept.user_id, conflict.lost.user_id]));
    return conflicts.map((conflict) => toSyncConflict(conflict, names));
  });

/** Confirms or restores a conflict (managers; online), then syncs so a restored value arrives. */
export const resolveBranchConflict = async (sync: SyncService, id: string, keep: 'kept' | 'lost'): Promise<void> => {
  await sync.online((connection) => connection.auth.call((token) => resolveConflict(connection.http, token, id, keep)));
  // The decision is made; a failed sync shows in the status and the next run brings the value.
  await sync.syncNow().catch(() => undefined);
};
