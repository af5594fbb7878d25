import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { z } from 'zod';
import type { Role } from '../../shared/contract/session.contract.ts';
import type { AdminUser, createUserRequestSchema, updateUserRequestSchema } from '../../shared/sync/api.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import { hashPassword } from '../auth/passwords.ts';
import { iso, type ServerContext } from '../context.ts';
import type { Account, ServerDatabase } from '../db/tables.ts';
import { fail } from '../errors.ts';
import { lockBranch } from '../sync/ledger.ts';
import { writeRowFields, type ServerAuthor } from '../sync/server-writes.ts';

type Db = Kysely<ServerDatabase>;
export type NewAccount = Omit<z.output<typeof createUserRequestSchema>, 'password'> & { passwordHash: string };

/** The synced `users` row of an account (never its password hash). */
const usersRow = (account: Account): Record<string, unknown> => ({
  username: account.username,
  display_name: account.display_name,
  role: account.role,
  disabled: account.disabled ? 1 : 0,
  districts: account.district_ids,
  created_at: iso(account.created_at),
  updated_at: iso(account.updated_at),
});

/** An account as the admin API shows it. */
export const toAdminUser = (account: Account): AdminUser => ({
  id: account.id,
  username: account.username,
  display_name: account.display_name,
  role: account.role,
  branch_id: account.branch_id,
  disabled: account.disabled,
  district_ids: account.district_ids,
  created_at: iso(account.created_at),
});

const isUniqueViolation = (error: unknown): boolean => typeof error === 'object' && error !== null && 'code' in error && error.code === '23505';

/** Turns a lost race on a login name into the same answer as the check before it. */
export const usernameTaken = (error: unknown): never => {
  if (isUniqueViolation(error)) return fail('conflict', 'This username is already taken.');
  throw error;
};

const requireDistricts = async (trx: Db, branchId: string, districtIds: readonly string[]): Promise<void> => {
  const wanted = [...new Set(districtIds)];
  if (wanted.length === 0) return;
  const found = await trx.selectFrom('rows').select('row_id').where('branch_id', '=', branchId).where('table_name', '=', 'districts').where('row_id', 'in', wanted).execute();
  if (found.length !== wanted.length) fail('bad-request', 'One of these districts does not exist in the branch.');
};

/** Creates an account (login names are unique across branches) and its synced `users` row. */
export const insertAccount = async (trx: Db, branchId: string, input: NewAccount, author: ServerAuthor, now: Date): Promise<Account> => {
  const taken = await trx.selectFrom('accounts').select('id').where('username', '=', input.username).executeTakeFirst();
  if (taken) fail('conflict', 'This username is already taken.');
  await requireDistricts(trx, branchId, input.district_ids);
  const account = await trx
    .insertInto('accounts')
    .values({
      branch_id: branchId,
      id: uuidv7(),
      username: input.username,
      password_hash: input.passwordHash,
      role: input.role,
      display_name: input.display_name,
      disabled: false,
      district_ids: JSON.stringify(input.district_ids),
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await writeRowFields(trx, { branchId, now, table: 'users', rowId: account.id, fields: usersRow(account), author });
  return account;
};

const authorOf = (auth: AuthContext): ServerAuthor => ({ userId: auth.userId, role: auth.role, deviceId: auth.deviceId });

/** Every account of the admin's branch. */
export const listAccounts = async (ctx: ServerContext, auth: AuthContext): Promise<AdminUser[]> => {
  const accounts = await ctx.db.selectFrom('accounts').selectAll().where('branch_id', '=', auth.branchId).orderBy('username').execute();
  return accounts.map(toAdminUser);
};

/** Creates an account in the admin's branch. */
export const createAccount = async (ctx: ServerContext, auth: AuthContext, input: z.output<typeof createUserRequestSchema>): Promise<AdminUser> => {
  const { password, ...rest } = input;
  const passwordHash = await hashPassword(password, ctx.passwordHashCost);
  const account = await ctx.db
    .transaction()
    .execute((trx) => insertAccount(trx, auth.branchId, { ...rest, passwordHash }, authorOf(auth), ctx.now()))
    .catch(usernameTaken);
  return toAdminUser(account);
};

const isActiveAdmin = (account: { role: Role; disabled: boolean }): boolean => account.role === 'admin' && !account.disabled;

/**
 * Changes an account; a new password or disabling signs it out everywhere. The branch always
 * keeps one active admin.
 */
export const updateAccount = async (ctx: ServerContext, auth: AuthContext, id: string, patch: z.output<typeof updateUserRequestSchema>): Promise<AdminUser> => {
  const passwordHash = patch.password ? await hashPassword(patch.password, ctx.passwordHashCost) : undefined;
  const now = ctx.now();
  const account = await ctx.db.transaction().execute(async (trx) => {
    await lockBranch(trx, auth.branchId);
    const current = await trx.selectFrom('accounts').selectAll().where('branch_id', '=', auth.branchId).where('id', '=', id).executeTakeFirst();
    if (!current) return fail('not-found', 'No such user in this branch.');
    if (patch.district_ids) await requireDistricts(trx, auth.branchId, patch.district_ids);
    const next = { role: patch.role ?? current.role, disabled: patch.disabled ?? current.disabled };
    if (isActiveAdmin(current) && !isActiveAdmin(next)) {
      const others = await trx.selectFrom('accounts').select('id').where('branch_id', '=', auth.branchId).where('role', '=', 'admin').where('disabled', '=', false).where('id', '<>', id).limit(1).execute();
      if (others.length === 0) fail('conflict', 'The branch must keep at least one active administrator.');
    }
    const updated = await trx
      .updateTable('accounts')
      .set({
        ...(patch.display_name !== undefined && { display_name: patch.display_name }),
        ...(patch.district_ids !== undefined && { district_ids: JSON.stringify(patch.district_ids) }),
        ...(passwordHash !== undefined && { password_hash: passwordHash }),
        role: next.role,
        disabled: next.disabled,
        updated_at: now,
      })
      .where('branch_id', '=', auth.branchId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (passwordHash !== undefined || next.disabled) {
      await trx.deleteFrom('tokens').where('branch_id', '=', auth.branchId).where('user_id', '=', id).execute();
    }
    await writeRowFields(trx, { branchId: auth.branchId, now, table: 'users', rowId: id, fields: usersRow(updated), author: authorOf(auth) });
    return updated;
  });
  return toAdminUser(account);
};
