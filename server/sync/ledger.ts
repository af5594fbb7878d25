import type { Insertable, Kysely } from 'kysely';
import type { SyncTableName } from '../../shared/sync/tables.ts';
import { fail } from '../errors.ts';
import type { ConflictSide, ConflictsTable, NewOp, ServerDatabase, VersionInfo } from '../db/tables.ts';

type Db = Kysely<ServerDatabase>;

/** A synced row as the server holds it, loaded once per batch and written back at the end. */
export interface RowState {
  table: SyncTableName;
  rowId: string;
  householdId: string | null;
  data: Record<string, unknown>;
  versions: Record<string, VersionInfo>;
  seq: number;
  /** False for a row the batch has not created (yet). */
  exists: boolean;
  dirty: boolean;
  /** A household created, or moved to another district or worker: its household_scope row is rewritten. */
  scopeDirty?: boolean;
}

/** The fields of a household that decide whose scope it is in (kept in household_scope). */
const scopeFields = new Set(['district_id', 'assigned_worker_id']);

/** One field written: what goes in the op log, and who the field's version names afterwards. */
export interface FieldWrite {
  field: string;
  value: unknown;
  opId: string;
  /** The device whose op id this is (null for the server's own writes). */
  opDeviceId: string | null;
  userId: string | null;
  deviceTime: string | null;
  version: Omit<VersionInfo, 'seq'>;
}

export interface ConflictInput {
  row: RowState;
  field: string;
  kept: ConflictSide;
  lost: ConflictSide;
}

/** The cache key of a row. */
export const rowKey = (table: string, rowId: string): string => `${table}\u0000${rowId}`;

/** `items` in slices of at most `size` (statements stay under PostgreSQL's parameter limit). */
export const chunks = <T>(items: readonly T[], size: number): T[][] => Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Locks the branch's sequence for this transaction and returns its last value. */
export const lockBranch = async (trx: Db, branchId: string): Promise<number> => {
  const branch = await trx.selectFrom('branches').select('last_seq').where('id', '=', branchId).forUpdate().executeTakeFirst();
  return branch ? Number(branch.last_seq) : fail('not-found', 'This branch does not exist on the server.');
};

/** Which of `keys` (absent from this branch) exist in another branch. */
export const rowsOfOtherBranches = async (trx: Db, branchId: string, keys: readonly { table: string; rowId: string }[]): Promise<Set<string>> => {
  const found = new Set<string>();
  for (const part of chunks(keys, 500)) {
    const rows = await trx
      .selectFrom('rows')
      .select(['table_name', 'row_id'])
      .where('row_id', 'in', part.map((k) => k.rowId))
      .where('branch_id', '<>', branchId)
      .execute();
    for (const row of rows) found.add(rowKey(row.table_name, row.row_id));
  }
  return new Set(keys.map((k) => rowKey(k.table, k.rowId)).filter((k) => found.has(k)));
};

/**
 * A write batch inside one transaction: takes the branch lock, hands out sequence numbers in
 * order, keeps the rows it touches in memory and writes ops, rows, scope and conflicts on flush.
 */
export const openBatch = async (trx: Db, branchId: string, now: Date) => {
  let lastSeq = await lockBranch(trx, branchId);
  const rows = new Map<string, RowState>();
  let ops: NewOp[] = [];
  let conflicts: Insertable<ConflictsTable>[] = [];
  const serverTime = now.toISOString();

  const prefetch = async (wanted: readonly { table: SyncTableName; rowId: string }[]): Promise<void> => {
    const missing = [...new Map(wanted.filter((w) => !rows.has(rowKey(w.table, w.rowId))).map((w) => [rowKey(w.table, w.rowId), w])).values()];
    for (const part of chunks(missing, 500)) {
      const found = await trx
        .selectFrom('rows')
        .select(['table_name', 'row_id', 'household_id', 'data', 'versions', 'seq'])
        .where('branch_id', '=', branchId)
        .where('table_name', 'in', [...new Set(part.map((p) => p.table))])
        .where('row_id', 'in', part.map((p) => p.rowId))
        .execute();
      for (const r of found) {
        rows.set(rowKey(r.table_name, r.row_id), {
          table: r.table_name as SyncTableName,
          rowId: r.row_id,
          householdId: r.household_id,
          data: r.data,
          versions: r.versions,
          seq: Number(r.seq),
          exists: true,
          dirty: false,
        });
      }
      for (const p of part) {
        if (!rows.has(rowKey(p.table, p.rowId))) {
          rows.set(rowKey(p.table, p.rowId), { table: p.table, rowId: p.rowId, householdId: null, data: {}, versions: {}, seq: 0, exists: false, dirty: false });
        }
      }
    }
  };

  /** The row (loaded on first use); `exists` tells whether it is there. */
  const row = async (table: SyncTableName, rowId: string): Promise<RowState> => {
    await prefetch([{ table, rowId }]);
    return rows.get(rowKey(table, rowId)) as RowState;
  };

  /** Gives `write` the next sequence number and applies it to the row; returns that number. */
  const write = (target: RowState, change: FieldWrite): number => {
    const seq = ++lastSeq;
    ops.push({
      branch_id: branchId,
      seq,
      table_name: target.table,
      row_id: target.rowId,
      field: change.field,
      value: JSON.stringify(change.value ?? null),
      household_id: target.householdId,
      user_id: change.userId,
      device_id: change.opDeviceId,
      op_id: change.opId,
      device_time: change.deviceTime,
      server_time: now,
    });
    if (target.table === 'households' && (!target.exists || scopeFields.has(change.field))) target.scopeDirty = true;
    target.data[change.field] = change.value ?? null;
    target.versions[change.field] = { ...change.version, seq };
    target.seq = seq;
    target.exists = true;
    target.dirty = true;
    return seq;
  };

  const addConflict = (conflict: ConflictInput, id: string): void => {
    conflicts.push({
      branch_id: branchId,
      id,
      table_name: conflict.row.table,
      row_id: conflict.row.rowId,
      field: conflict.field,
      household_id: conflict.row.householdId,
      kept: JSON.stringify(conflict.kept),
      lost: JSON.stringify(conflict.lost),
      status: 'open',
      resolved_by: null,
      resolved_at: null,
      created_at: now,
    });
  };

  /** Writes everything gathered so far; the batch stays usable (bundles flush per chunk). */
  const flush = async (): Promise<void> => {
    for (const part of chunks(ops, 400)) await trx.insertInto('ops').values(part).execute();
    const dirty = [...rows.values()].filter((r) => r.dirty);
    for (const part of chunks(dirty, 200)) {
      await trx
        .insertInto('rows')
        .values(part.map((r) => ({ branch_id: branchId, table_name: r.table, row_id: r.rowId, household_id: r.householdId, data: JSON.stringify(r.data), versions: JSON.stringify(r.versions), seq: r.seq })))
        .onConflict((oc) =>
          oc.columns(['branch_id', 'table_name', 'row_id']).doUpdateSet((eb) => ({ data: eb.ref('excluded.data'), versions: eb.ref('excluded.versions'), seq: eb.ref('excluded.seq') })),
        )
        .execute();
    }
    const households = dirty.filter((r) => r.table === 'households' && r.scopeDirty);
    for (const part of chunks(households, 400)) {
      await trx
        .insertInto('household_scope')
        .values(part.map((r) => ({ branch_id: branchId, household_id: r.rowId, district_id: text(r.data.district_id), assigned_worker_id: text(r.data.assigned_worker_id) })))
        .onConflict((oc) => oc.columns(['branch_id', 'household_id']).doUpdateSet((eb) => ({ district_id: eb.ref('excluded.district_id'), assigned_worker_id: eb.ref('excluded.assigned_worker_id') })))
        .execute();
    }
    const branchRow = dirty.find((r) => r.table === 'branches' && r.rowId === branchId && typeof r.data.name === 'string');
    if (branchRow) await trx.updateTable('branches').set({ name: branchRow.data.name as string }).where('id', '=', branchId).execute();
    for (const part of chunks(conflicts, 200)) await trx.insertInto('conflicts').values(part).execute();
    await trx.updateTable('branches').set({ last_seq: lastSeq }).where('id', '=', branchId).execute();
    for (const r of dirty) {
      r.dirty = false;
      r.scopeDirty = false;
    }
    ops = [];
    conflicts = [];
  };

  return { row, prefetch, write, addConflict, flush, serverTime, lastSeq: () => lastSeq };
};

export type Batch = Awaited<ReturnType<typeof openBatch>>;

/** Seqs of ops this device already pushed, by op id. */
export const knownOps = async (trx: Db, branchId: string, deviceId: string, opIds: readonly string[]): Promise<Map<string, number>> => {
  const known = new Map<string, number>();
  for (const part of chunks([...new Set(opIds)], 1000)) {
    const found = await trx.selectFrom('ops').select(['op_id', 'seq']).where('branch_id', '=', branchId).where('device_id', '=', deviceId).where('op_id', 'in', part).execute();
    for (const op of found) known.set(op.op_id, Number(op.seq));
  }
  return known;
};
