import type { Kysely } from 'kysely';
import type { SnapshotLine } from '../../shared/sync/api.ts';
import { syncTableOrder, tableSpec } from '../../shared/sync/tables.ts';
import type { AuthContext } from '../auth/authenticate.ts';
import type { ServerDatabase } from '../db/tables.ts';
import { chunks } from './ledger.ts';
import { holdsBranch, scopeCondition, type Actor } from './scope.ts';

type Db = Kysely<ServerDatabase>;

/** Rows per query; documents carry their files, so fewer of them at a time. */
const pageSize = (table: string): number => (table === 'documents' ? 10 : 1000);
/** Lines are sent in chunks of about this size. */
const chunkChars = 1 << 20;
const line = (value: SnapshotLine): string => `${JSON.stringify(value)}\n`;

/**
 * What the device holds from now on: the whole branch, or exactly the worker's households as of
 * `cursor` (its `device_scope`).
 */
const resetDeviceScope = (db: Db, auth: AuthContext, actor: Actor, cursor: number): Promise<void> =>
  db.transaction().execute(async (trx) => {
    await trx.updateTable('devices').set({ holds_branch: holdsBranch(actor) }).where('branch_id', '=', auth.branchId).where('id', '=', auth.deviceId).execute();
    await trx.deleteFrom('device_scope').where('branch_id', '=', auth.branchId).where('device_id', '=', auth.deviceId).execute();
    if (holdsBranch(actor)) return;
    const inScope = await trx.selectFrom('household_scope as hs').select('hs.household_id').where('hs.branch_id', '=', auth.branchId).where(scopeCondition('hs', actor)).execute();
    for (const part of chunks(inScope, 500)) {
      await trx
        .insertInto('device_scope')
        .values(part.map((h) => ({ branch_id: auth.branchId, device_id: auth.deviceId, household_id: h.household_id, since_cursor: cursor, left_cursor: null })))
        .execute();
    }
  });

/** One page of a table's rows in the user's scope, after `after` in row id order. */
const rowsPage = (db: Db, branchId: string, table: string, actor: Actor | null, after: string) => {
  const base = db
    .selectFrom('rows as r')
    .select(['r.row_id', 'r.seq', 'r.data'])
    .where('r.branch_id', '=', branchId)
    .where('r.table_name', '=', table)
    .where('r.row_id', '>', after)
    .orderBy('r.row_id')
    .limit(pageSize(table));
  if (!actor) return base.execute();
  return base
    .innerJoin('household_scope as hs', (join) => join.onRef('hs.branch_id', '=', 'r.branch_id').onRef('hs.household_id', '=', 'r.household_id'))
    .where(scopeCondition('hs', actor))
    .execute();
};

/** How many rows the snapshot will send, counted before it starts (for the device's progress bar). */
const countRows = async (db: Db, branchId: string, actor: Actor): Promise<number> => {
  const tables = holdsBranch(actor) ? [] : syncTableOrder.filter((table) => tableSpec(table).scope === 'household');
  const whole = syncTableOrder.filter((table) => !tables.includes(table));
  let total = 0;
  if (whole.length > 0) {
    const found = await db.selectFrom('rows').select((eb) => eb.fn.countAll().as('n')).where('branch_id', '=', branchId).where('table_name', 'in', whole).executeTakeFirst();
    total += Number(found?.n ?? 0);
  }
  if (tables.length > 0) {
    const found = await db
      .selectFrom('rows as r')
      .innerJoin('household_scope as hs', (join) => join.onRef('hs.branch_id', '=', 'r.branch_id').onRef('hs.household_id', '=', 'r.household_id'))
      .select((eb) => eb.fn.countAll().as('n'))
      .where('r.branch_id', '=', branchId)
      .where('r.table_name', 'in', tables)
      .where(scopeCondition('hs', actor))
      .executeTakeFirst();
    total += Number(found?.n ?? 0);
  }
  return total;
};

/**
 * The snapshot as NDJSON lines: the header (its cursor read before any row), every row in the
 * user's scope in table order, page by page, then the count. A cut stream lacks the end line.
 */
export async function* snapshotLines(db: Db, auth: AuthContext): AsyncGenerator<string> {
  const branch = await db.selectFrom('branches').select(['id', 'name', 'last_seq']).where('id', '=', auth.branchId).executeTakeFirstOrThrow();
  const cursor = Number(branch.last_seq);
  const actor: Actor = { userId: auth.userId, role: auth.role, districtIds: auth.districtIds };
  await resetDeviceScope(db, auth, actor, cursor);
  yield line({
    type: 'header',
    cursor,
    branch: { id: branch.id, name: branch.name },
    user: { id: auth.userId, username: auth.username, display_name: auth.displayName, role: auth.role, branch_id: auth.branchId },
    expected_rows: await countRows(db, auth.branchId, actor),
  });
  let count = 0;
  for (const table of syncTableOrder) {
    const scoped = tableSpec(table).scope === 'household' && !holdsBranch(actor) ? actor : null;
    let after = '';
    for (;;) {
      const rows = await rowsPage(db, auth.branchId, table, scoped, after);
      let text = '';
      for (const row of rows) {
        text += line({ type: 'row', table, row_id: row.row_id, seq: Number(row.seq), fields: row.data });
        if (text.length >= chunkChars) {
          yield text;
          text = '';
        }
      }
      count += rows.length;
      if (text) yield text;
      if (rows.length < pageSize(table)) break;
      after = rows[rows.length - 1]?.row_id ?? after;
    }
  }
  yield line({ type: 'end', rows: count });
}
