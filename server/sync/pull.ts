import type { Kysely } from 'kysely';
import type { PulledChange, PullResponse, SyncRow } from '../../shared/sync/api.ts';
import { syncTableOrder, tableSpec, isSyncTable } from '../../shared/sync/tables.ts';
import { iso } from '../context.ts';
import type { ServerDatabase } from '../db/tables.ts';
import { chunks } from './ledger.ts';
import { holdsBranch, scopeCondition, type Actor } from './scope.ts';

type Db = Kysely<ServerDatabase>;

export interface PullInput {
  branchId: string;
  deviceId: string;
  actor: Actor;
  cursor: number;
  limit: number;
  /**
   * The cursor the device has certainly applied (default: `cursor`). Bundles chain several pages
   * the device has not applied yet, so "leave" notices are kept until the bundle's own cursor.
   */
  confirmedCursor?: number;
}

const tableRank = new Map(syncTableOrder.map((table, i) => [table, i]));

/** Whole rows of these households (the household row first, then its rows in table order). */
export const householdRows = async (db: Db, branchId: string, householdIds: readonly string[]): Promise<SyncRow[]> => {
  const rows: SyncRow[] = [];
  for (const part of chunks(householdIds, 500)) {
    const found = await db.selectFrom('rows').select(['table_name', 'row_id', 'seq', 'data']).where('branch_id', '=', branchId).where('household_id', 'in', part).execute();
    rows.push(...found.map((r) => ({ table: r.table_name, row_id: r.row_id, seq: Number(r.seq), fields: r.data })));
  }
  const rank = (table: string) => (isSyncTable(table) ? (tableRank.get(table) ?? 99) : 99);
  return rows.sort((a, b) => rank(a.table) - rank(b.table) || (a.row_id < b.row_id ? -1 : a.row_id > b.row_id ? 1 : 0));
};

/** Open conflicts of the branch, for managers (null for workers). */
export const openConflictCount = async (db: Db, branchId: string, actor: Actor): Promise<number | null> => {
  if (!holdsBranch(actor)) return null;
  const found = await db.selectFrom('conflicts').select((eb) => eb.fn.countAll<number>().as('n')).where('branch_id', '=', branchId).where('status', '=', 'open').executeTakeFirst();
  return Number(found?.n ?? 0);
};

/** A worker's scope moves: households to send whole, households to take away; the device's scope is updated to match. */
const scopeMoves = async (trx: Db, input: PullInput, answerCursor: number): Promise<{ enter: string[]; leave: string[] }> => {
  const { branchId, deviceId, actor, cursor } = input;
  await trx
    .deleteFrom('device_scope')
    .where('branch_id', '=', branchId)
    .where('device_id', '=', deviceId)
    .where('left_cursor', 'is not', null)
    .where('left_cursor', '<=', input.confirmedCursor ?? cursor)
    .execute();
  const enter = await trx
    .selectFrom('household_scope as hs')
    .leftJoin('device_scope as ds', (join) => join.onRef('ds.branch_id', '=', 'hs.branch_id').onRef('ds.household_id', '=', 'hs.household_id').on('ds.device_id', '=', deviceId))
    .select('hs.household_id')
    .where('hs.branch_id', '=', branchId)
    .where(scopeCondition('hs', actor))
    .where((eb) => eb.or([eb('ds.household_id', 'is', null), eb('ds.left_cursor', 'is not', null), eb('ds.since_cursor', '>', cursor)]))
    .orderBy('hs.household_id')
    .execute();
  const leave = await trx
    .selectFrom('device_scope as ds')
    .leftJoin('household_scope as hs', (join) => join.onRef('hs.branch_id', '=', 'ds.branch_id').onRef('hs.household_id', '=', 'ds.household_id'))
    .select('ds.household_id')
    .where('ds.branch_id', '=', branchId)
    .where('ds.device_id', '=', deviceId)
    .where((eb) => eb.not(scopeCondition('hs', actor)))
    .where((eb) => eb.or([eb('ds.left_cursor', 'is', null), eb('ds.left_cursor', '>', cursor)]))
    .orderBy('ds.household_id')
    .execute();
  const enterIds = enter.map((e) => e.household_id);
  const leaveIds = leave.map((l) => l.household_id);
  for (const part of chunks(enterIds, 500)) {
    await trx
      .insertInto('device_scope')
      .values(part.map((household_id) => ({ branch_id: branchId, device_id: deviceId, household_id, since_cursor: answerCursor, left_cursor: null })))
      .onConflict((oc) => oc.columns(['branch_id', 'device_id', 'household_id']).doUpdateSet({ since_cursor: answerCursor, left_cursor: null }))
      .execute();
  }
  for (const part of chunks(leaveIds, 500)) {
    await trx.updateTable('device_scope').set({ left_cursor: answerCursor }).where('branch_id', '=', branchId).where('device_id', '=', deviceId).where('household_id', 'in', part).execute();
  }
  return { enter: enterIds, leave: leaveIds };
};

/** Households among `ids` that are in the worker's scope now. */
const visibleHouseholds = async (trx: Db, branchId: string, actor: Actor, ids: readonly string[]): Promise<Set<string>> => {
  const visible = new Set<string>();
  for (const part of chunks(ids, 500)) {
    const found = await trx.selectFrom('household_scope as hs').select('hs.household_id').where('hs.branch_id', '=', branchId).where('hs.household_id', 'in', part).where(scopeCondition('hs', actor)).execute();
    for (const f of found) visible.add(f.household_id);
  }
  return visible;
};

/**
 * One page of changes after `cursor`, in server order, cut to the user's scope. The answer's
 * cursor is the last op scanned, visible or not, so a worker moves past changes she may not see.
 */
export const pullPage = (db: Db, input: PullInput): Promise<PullResponse> =>
  db.transaction().execute(async (trx) => {
    const { branchId, actor, cursor } = input;
    const branch = await trx.selectFrom('branches').select('last_seq').where('id', '=', branchId).executeTakeFirstOrThrow();
    const device = await trx.selectFrom('devices').select('holds_branch').where('branch_id', '=', branchId).where('id', '=', input.deviceId).executeTakeFirst();
    const openConflicts = await openConflictCount(trx, branchId, actor);
    // A cursor the server never gave, or a device holding another kind of scope than its user's now
    // (a manager made a worker keeps nothing of the branch beyond her households): a fresh snapshot.
    const wrongScope = device?.holds_branch != null && device.holds_branch !== holdsBranch(actor);
    if (cursor > Number(branch.last_seq) || wrongScope) return { enter: [], leave: [], changes: [], cursor, more: false, reset: true, open_conflicts: openConflicts };

    const scanned = await trx
      .selectFrom('ops')
      .select(['seq', 'table_name', 'row_id', 'field', 'value', 'household_id', 'user_id', 'device_time', 'server_time'])
      .where('branch_id', '=', branchId)
      .where('seq', '>', cursor)
      .orderBy('seq')
      .limit(input.limit)
      .execute();
    const answerCursor = scanned.length ? Number(scanned[scanned.length - 1]?.seq) : cursor;
    const toChange = (op: (typeof scanned)[number]): PulledChange => ({
      seq: Number(op.seq),
      table: op.table_name,
      row_id: op.row_id,
      field: op.field,
      value: op.value,
      user_id: op.user_id,
      device_time: op.device_time,
      server_time: iso(op.server_time),
    });
    const page = { cursor: answerCursor, more: scanned.length === input.limit, open_conflicts: openConflicts };
    if (holdsBranch(actor)) return { enter: [], leave: [], changes: scanned.map(toChange), ...page };

    const { enter, leave } = await scopeMoves(trx, input, answerCursor);
    const entering = new Set(enter);
    const householdIds = [...new Set(scanned.flatMap((op) => (op.household_id ? [op.household_id] : [])))];
    const visible = await visibleHouseholds(trx, branchId, actor, householdIds);
    const changes = scanned
      .filter((op) => {
        if (isSyncTable(op.table_name) && tableSpec(op.table_name).scope === 'branch') return true;
        return op.household_id !== null && visible.has(op.household_id) && !entering.has(op.household_id);
      })
      .map(toChange);
    return { enter: await householdRows(trx, branchId, enter), leave, changes, ...page };
  });
