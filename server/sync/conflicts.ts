import type { Conflict } from '../../shared/sync/api.ts';
import { isSyncTable } from '../../shared/sync/tables.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import { isoOrNull, type ServerContext } from '../context.ts';
import type { ConflictRow } from '../db/tables.ts';
import { fail } from '../errors.ts';
import { lockBranch } from './ledger.ts';
import { writeRowFields } from './server-writes.ts';

const toConflict = (row: ConflictRow): Conflict => ({
  id: row.id,
  table: row.table_name,
  row_id: row.row_id,
  field: row.field,
  household_id: row.household_id,
  kept: { value: row.kept.value ?? null, user_id: row.kept.user_id, device_time: row.kept.device_time, server_time: row.kept.server_time, seq: row.kept.seq ?? 0 },
  lost: { value: row.lost.value ?? null, user_id: row.lost.user_id, device_time: row.lost.device_time, server_time: row.lost.server_time },
  status: row.status,
  resolved_by: row.resolved_by,
  resolved_at: isoOrNull(row.resolved_at),
});

/** The branch's conflicts, newest first (at most 500). */
export const listConflicts = async (ctx: ServerContext, auth: AuthContext, status: 'open' | 'all'): Promise<Conflict[]> => {
  let query = ctx.db.selectFrom('conflicts').selectAll().where('branch_id', '=', auth.branchId);
  if (status === 'open') query = query.where('status', '=', 'open');
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(500).execute();
  return rows.map(toConflict);
};

/**
 * A manager's decision on a conflict: confirm the value the rule kept, or restore the other one
 * (a new change authored by the manager, pulled by every device like any other).
 */
export const resolveConflict = (ctx: ServerContext, auth: AuthContext, id: string, keep: 'kept' | 'lost'): Promise<Conflict> =>
  ctx.db.transaction().execute(async (trx) => {
    await lockBranch(trx, auth.branchId);
    const conflict = await trx.selectFrom('conflicts').selectAll().where('branch_id', '=', auth.branchId).where('id', '=', id).executeTakeFirst();
    if (!conflict) return fail('not-found', 'No such conflict.');
    if (conflict.status !== 'open') return fail('conflict', 'This conflict was already resolved.');
    const now = ctx.now();
    if (keep === 'lost' && isSyncTable(conflict.table_name)) {
      await writeRowFields(trx, {
        branchId: auth.branchId,
        now,
        table: conflict.table_name,
        rowId: conflict.row_id,
        fields: { [conflict.field]: conflict.lost.value ?? null },
        author: { userId: auth.userId, role: auth.role, deviceId: auth.deviceId },
      });
    }
    const updated = await trx
      .updateTable('conflicts')
      .set({ status: keep === 'kept' ? 'confirmed' : 'restored', resolved_by: auth.userId, resolved_at: now })
      .where('branch_id', '=', auth.branchId)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toConflict(updated);
  });

