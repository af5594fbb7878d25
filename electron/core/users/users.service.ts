import type { District, Role, User } from '../../../shared/contract/index.ts';
import { actorOf, auditEvent, writeTransaction } from '../db/changes.ts';
import { CoreError } from '../errors.ts';
import { removeUserSlot, setSlot, wrapKey } from '../keys/keyring.ts';
import type { SessionManager } from '../session/session.service.ts';
import {
  countActiveAdmins,
  districtIdsOf,
  existingDistrictIds,
  findDistrictByName,
  findUserById,
  findUserByUsername,
  insertUser,
  listDistricts,
  listUsers,
  replaceUserDistricts,
  toUser,
  updateUserRow,
} from './users.repository.ts';
import { newId } from '../db/ids.ts';

const readers: Role[] = ['admin', 'manager'];
const admins: Role[] = ['admin'];

const checkDistricts = async (session: ReturnType<SessionManager['require']>, districtIds: string[]) => {
  const unique = [...new Set(districtIds)];
  const known = await existingDistrictIds(session.store.db, session.branch.id, unique);
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new CoreError('validation', 'Some districts do not exist in this branch.', [{ path: 'districtIds', message: 'unknown district' }]);
  }
  return unique.sort();
};

/** Every account of the branch (admins and managers). */
export const listBranchUsers = async (sessions: SessionManager): Promise<User[]> => {
  const session = sessions.require(readers);
  return listUsers(session.store.db, session.branch.id);
};

export interface NewUser {
  username: string;
  displayName: string;
  role: Role;
  districtIds: string[];
  password: string;
}

/** Creates an account and its key slot on this device (admin). */
export const addUser = async (sessions: SessionManager, input: NewUser): Promise<User> => {
  const session = sessions.require(admins);
  const { db } = session.store;
  if (await findUserByUsername(db, input.username)) {
    throw new CoreError('conflict', 'This username is already taken.', [{ path: 'username', message: 'taken' }], { reason: 'username-taken' });
  }
  const districtIds = await checkDistricts(session, input.districtIds);
  const at = new Date().toISOString();
  const row = {
    id: newId(),
    branch_id: session.branch.id,
    username: input.username,
    display_name: input.displayName,
    role: input.role,
    disabled: 0,
    created_at: at,
    updated_at: at,
  };
  // The slot is written first: a user row without a slot is harmless, a slot without a row is not possible.
  const keyring = await sessions.loadKeyring();
  const slot = await wrapKey(session.masterKey, input.password, { kind: 'user', userId: row.id }, sessions.kdf);
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await insertUser(trx, row);
    await replaceUserDistricts(trx, session.branch.id, row.id, districtIds);
    changes.record({
      table: 'users',
      rowId: row.id,
      action: 'create',
      fields: { username: row.username, display_name: row.display_name, role: row.role, districts: districtIds },
    });
  });
  await sessions.saveKeyring({ ...setSlot(keyring, slot), usernames: { ...keyring.usernames, [row.username]: row.id } });
  return toUser(row, districtIds);
};

export interface UserPatch {
  id: string;
  displayName?: string;
  role?: Role;
  districtIds?: string[];
  disabled?: boolean;
}

/** Edits an account (admin); disabling removes its key slot, so it cannot unlock this device. */
export const updateUser = async (sessions: SessionManager, patch: UserPatch): Promise<User> => {
  const session = sessions.require(admins);
  const { db } = session.store;
  const row = await findUserById(db, patch.id);
  if (!row || row.branch_id !== session.branch.id) throw new CoreError('not-found', 'No such account.');
  const losesAdmin = row.role === 'admin' && row.disabled === 0 && (patch.disabled === true || (patch.role && patch.role !== 'admin'));
  if (losesAdmin && (await countActiveAdmins(db, session.branch.id)) <= 1) {
    throw new CoreError('conflict', 'The branch needs at least one active administrator.', undefined, { reason: 'last-admin' });
  }
  if (patch.id === session.user.id && (patch.disabled || (patch.role !== undefined && patch.role !== row.role))) {
    throw new CoreError('conflict', 'You cannot disable your own account or change your own role.', undefined, { reason: 'own-account' });
  }
  const districtIds = patch.districtIds ? await checkDistricts(session, patch.districtIds) : undefined;
  const changes = {
    ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled ? 1 : 0 } : {}),
  };
  const fields = { ...changes, ...(districtIds ? { districts: districtIds } : {}) };
  if (Object.keys(fields).length > 0) {
    await writeTransaction(session.store, actorOf(session), async (trx, recorder) => {
      await updateUserRow(trx, row.id, { ...changes, updated_at: new Date().toISOString() });
      if (districtIds) await replaceUserDistricts(trx, session.branch.id, row.id, districtIds);
      recorder.record({ table: 'users', rowId: row.id, action: 'update', fields });
    });
  }
  if (patch.disabled === true) {
    const keyring = await sessions.loadKeyring();
    await sessions.saveKeyring(removeUserSlot(keyring, row.id));
  }
  if (row.id === session.user.id) await sessions.reloadUser();
  const updated = await findUserById(db, row.id);
  if (!updated) throw new CoreError('internal', 'The account vanished while it was saved.');
  return toUser(updated, await districtIdsOf(db, row.id));
};

/** Gives another account a new password (admin); also re-enables its key slot on this device. */
export const setUserPassword = async (sessions: SessionManager, id: string, password: string): Promise<void> => {
  const session = sessions.require(admins);
  const row = await findUserById(session.store.db, id);
  if (!row || row.branch_id !== session.branch.id) throw new CoreError('not-found', 'No such account.');
  if (row.disabled === 1) throw new CoreError('conflict', 'Enable this account before giving it a password.', undefined, { reason: 'user-disabled' });
  const keyring = await sessions.loadKeyring();
  const slot = await wrapKey(session.masterKey, password, { kind: 'user', userId: row.id }, sessions.kdf);
  await sessions.saveKeyring({ ...setSlot(keyring, slot), usernames: { ...keyring.usernames, [row.username]: row.id } });
  await auditEvent(session.store, actorOf(session), { entity: 'users', entityId: row.id, action: 'password', fields: ['password'] });
};

/** The branch's districts (any signed-in user). */
export const listBranchDistricts = async (sessions: SessionManager): Promise<District[]> => {
  const session = sessions.require();
  return listDistricts(session.store.db, session.branch.id);
};

/** Adds a district (admin). */
export const addDistrict = async (sessions: SessionManager, input: { name: string; province?: string }): Promise<District> => {
  const session = sessions.require(admins);
  const { db } = session.store;
  if (await findDistrictByName(db, session.branch.id, input.name)) {
    throw new CoreError('conflict', 'This district already exists.', [{ path: 'name', message: 'taken' }], { reason: 'district-exists' });
  }
  const district = { id: newId(), name: input.name, province: input.province ?? null };
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.insertInto('districts').values({ ...district, branch_id: session.branch.id, created_at: new Date().toISOString() }).execute();
    changes.record({ table: 'districts', rowId: district.id, action: 'create', fields: { name: district.name, province: district.province } });
  });
  return district;
};
