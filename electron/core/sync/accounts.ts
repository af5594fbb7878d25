import type { User } from '../../../shared/contract/index.ts';
import type { AdminUser } from '../../../shared/sync/api.ts';
import { CoreError } from '../errors.ts';
import { removeUserSlot, setSlot, wrapKey } from '../keys/keyring.ts';
import type { SessionManager } from '../session/session.service.ts';
import { listBranchUsers, setUserPassword, type NewUser, type UserPatch } from '../users/users.service.ts';
import { createAdminUser, listAdminUsers, updateAdminUser } from './server-api.ts';
import type { SyncService } from './sync.service.ts';

/**
 * Accounts of a joined store live on the server: they are read and written through its admin
 * API, and the next pull brings them to every device (local changes to them are never pushed).
 */

const toUser = (user: AdminUser): User => ({
  id: user.id,
  username: user.username,
  displayName: user.display_name,
  role: user.role,
  districtIds: [...user.district_ids].sort(),
  disabled: user.disabled,
  createdAt: user.created_at,
});

/** Pulls the accounts just written; a failed sync shows in the status, the answer stands. */
const pullAccounts = (sync: SyncService) => sync.syncNow().catch(() => undefined);

/** The branch's accounts from the server; offline, the ones this device last pulled (admins and managers). */
export const listServerUsers = async (sessions: SessionManager, sync: SyncService): Promise<User[]> => {
  sessions.require(['admin', 'manager']);
  try {
    const users = await sync.online((connection) => connection.auth.call((token) => listAdminUsers(connection.http, token)));
    return users.map(toUser).sort((a, b) => a.displayName.localeCompare(b.displayName));
  } catch (error) {
    if (error instanceof CoreError && error.code === 'offline') return listBranchUsers(sessions);
    throw error;
  }
};

/** Creates an account on the server (admin; online) and, as on a local store, her key slot on this device. */
export const addServerUser = async (sessions: SessionManager, sync: SyncService, input: NewUser): Promise<User> => {
  sessions.require(['admin']);
  const body = { username: input.username, display_name: input.displayName, role: input.role, password: input.password, district_ids: input.districtIds };
  const created = await sync.online((connection) => connection.auth.call((token) => createAdminUser(connection.http, token, body)));
  // Read again: the store may have been locked while the server answered.
  const slot = await wrapKey(sessions.require(['admin']).masterKey, input.password, { kind: 'user', userId: created.id }, sessions.kdf);
  const keyring = await sessions.loadKeyring();
  await sessions.saveKeyring({ ...setSlot(keyring, slot), usernames: { ...keyring.usernames, [created.username]: created.id } });
  await pullAccounts(sync);
  return toUser(created);
};

/** Edits an account on the server (admin; online); disabling also removes its key slot here at once. */
export const updateServerUser = async (sessions: SessionManager, sync: SyncService, patch: UserPatch): Promise<User> => {
  const session = sessions.require(['admin']);
  if (patch.id === session.user.id && (patch.disabled || (patch.role !== undefined && patch.role !== session.user.role))) {
    throw new CoreError('conflict', 'You cannot disable your own account or change your own role.', undefined, { reason: 'own-account' });
  }
  const body = {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    ...(patch.districtIds !== undefined ? { district_ids: patch.districtIds } : {}),
  };
  const updated = await sync.online((connection) => connection.auth.call((token) => updateAdminUser(connection.http, token, patch.id, body)));
  if (updated.disabled) await sessions.saveKeyring(removeUserSlot(await sessions.loadKeyring(), updated.id));
  await pullAccounts(sync);
  return toUser(updated);
};

/** Sets a new password on the server (admin; online) and rewraps the account's key slot here, as on a local store. */
export const setServerUserPassword = async (sessions: SessionManager, sync: SyncService, id: string, password: string): Promise<void> => {
  sessions.require(['admin']);
  await sync.online((connection) => connection.auth.call((token) => updateAdminUser(connection.http, token, id, { password })));
  try {
    await setUserPassword(sessions, id, password);
  } catch (error) {
    // An account not pulled here yet has no slot to rewrap: she signs in online the first time.
    if (!(error instanceof CoreError && error.code === 'not-found')) throw error;
  }
};
