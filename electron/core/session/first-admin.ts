import { writeTransaction } from '../db/changes.ts';
import type { Store } from '../db/store.ts';
import { insertUser } from '../users/users.repository.ts';

/** Writes a new local branch and its admin into an empty store (first-run setup without a server). */
export const writeFirstAdmin = (
  store: Store,
  input: { branch: { id: string; name: string }; userId: string; username: string; displayName: string; at: string },
): Promise<void> =>
  writeTransaction(store, { userId: input.userId, branchId: input.branch.id }, async (trx, changes) => {
    const { branch, userId, at } = input;
    await trx.insertInto('branches').values({ ...branch, created_at: at }).execute();
    await insertUser(trx, {
      id: userId,
      branch_id: branch.id,
      username: input.username,
      display_name: input.displayName,
      role: 'admin',
      disabled: 0,
      created_at: at,
      updated_at: at,
    });
    changes.record({ table: 'branches', rowId: branch.id, action: 'create', fields: { name: branch.name } });
    changes.record({
      table: 'users',
      rowId: userId,
      action: 'create',
      fields: { username: input.username, display_name: input.displayName, role: 'admin', districts: [] },
    });
  });
