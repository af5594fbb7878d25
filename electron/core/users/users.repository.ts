import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { District, User } from '../../../shared/contract/index.ts';
import type { Database, UsersTable } from '../db/tables.ts';

type Db = Kysely<Database> | Transaction<Database>;
export type UserRow = Selectable<UsersTable>;

export const toUser = (row: UserRow, districtIds: string[]): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  role: row.role,
  districtIds,
  disabled: row.disabled === 1,
  createdAt: row.created_at,
});

export const findUserByUsername = (db: Db, username: string) =>
  db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();

export const findUserById = (db: Db, id: string) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const districtIdsOf = async (db: Db, userId: string): Promise<string[]> =>
  (await db.selectFrom('user_districts').select('district_id').where('user_id', '=', userId).orderBy('district_id').execute()).map(
    (row) => row.district_id,
  );

/** Every account of a branch with its districts, in two queries. */
export const listUsers = async (db: Db, branchId: string): Promise<User[]> => {
  const rows = await db.selectFrom('users').selectAll().where('branch_id', '=', branchId).orderBy(sql`display_name COLLATE NOCASE`).execute();
  const links = await db.selectFrom('user_districts').select(['user_id', 'district_id']).where('branch_id', '=', branchId).execute();
  const byUser = new Map<string, string[]>();
  for (const link of links) byUser.set(link.user_id, [...(byUser.get(link.user_id) ?? []), link.district_id]);
  return rows.map((row) => toUser(row, (byUser.get(row.id) ?? []).sort()));
};

export const insertUser = (trx: Transaction<Database>, row: UserRow) => trx.insertInto('users').values(row).execute();

export const updateUserRow = (trx: Transaction<Database>, id: string, patch: Partial<Omit<UserRow, 'id' | 'branch_id'>>) =>
  trx.updateTable('users').set(patch).where('id', '=', id).execute();

export const replaceUserDistricts = async (trx: Transaction<Database>, branchId: string, userId: string, districtIds: string[]) => {
  await trx.deleteFrom('user_districts').where('user_id', '=', userId).execute();
  if (districtIds.length === 0) return;
  await trx
    .insertInto('user_districts')
    .values(districtIds.map((districtId) => ({ branch_id: branchId, user_id: userId, district_id: districtId })))
    .execute();
};

export const countActiveAdmins = async (db: Db, branchId: string): Promise<number> => {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('branch_id', '=', branchId)
    .where('role', '=', 'admin')
    .where('disabled', '=', 0)
    .executeTakeFirstOrThrow();
  return Number(row.count);
};

export const listDistricts = async (db: Db, branchId: string): Promise<District[]> =>
  db.selectFrom('districts').select(['id', 'name', 'province']).where('branch_id', '=', branchId).orderBy(sql`name COLLATE NOCASE`).execute();

export const existingDistrictIds = async (db: Db, branchId: string, ids: string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('districts').select('id').where('branch_id', '=', branchId).where('id', 'in', ids).execute();
  return new Set(rows.map((row) => row.id));
};

export const findDistrictByName = (db: Db, branchId: string, name: string) =>
  db.selectFrom('districts').select('id').where('branch_id', '=', branchId).where('name', '=', name).executeTakeFirst();

export const getBranch = (db: Db, id: string) => db.selectFrom('branches').select(['id', 'name']).where('id', '=', id).executeTakeFirst();
