import type { PullResponse, SnapshotLine, SyncRow } from '../../../../shared/sync/api.ts';
import { fieldSchema, isSyncTable, syncTableOrder, type SyncTableName } from '../../../../shared/sync/tables.ts';
import type { Store } from '../../db/store.ts';
import { CoreError } from '../../errors.ts';
import { localTables } from './columns.ts';
import { assertIdle, whenIdle } from './exclusive.ts';
import { householdHasPendingChanges, removeHousehold } from './leave.ts';
import { readSyncCursor, writeSyncMeta } from './meta.ts';
import { createRowWriter, rebases, type RowWriter } from './rows.ts';

/**
 * Rows per transaction while a snapshot is written. Each commit writes the search index's new
 * segment and every B-tree page the batch touched, so bigger batches write each page fewer
 * times (100,000 households and their members: 54 s in batches of 2,000 rows, 33 s of 25,000); it bounds
 * the memory and the write-ahead log a snapshot needs, and how long other calls wait for it.
 */
export const snapshotBatchRows = 25_000;

type ApplyStore = Pick<Store, 'sqlite'>;

const tableRank = new Map(syncTableOrder.map((table, index) => [table, index]));

/** The synced fields of a pulled row (unknown ones, from a newer server, are left out). */
const knownFields = (table: SyncTableName, fields: Record<string, unknown>): Record<string, unknown> => {
  const known: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) if (fieldSchema(table, field) && value !== undefined) known[field] = value;
  return known;
};

const without = (fields: Record<string, unknown>, drop: Set<string>): Record<string, unknown> =>
  drop.size === 0 ? fields : Object.fromEntries(Object.entries(fields).filter(([field]) => !drop.has(field)));

/** Writes a whole row (entering the scope, or from a snapshot); local pending fields stay on top. */
const writeWholeRow = (writer: RowWriter, row: SyncRow, rebase: boolean): boolean => {
  if (!isSyncTable(row.table)) return false;
  const seen = writer.seenSeq(row.table, row.row_id);
  if (seen !== null && seen >= row.seq) return false;
  const table = localTables[row.table];
  let fields = knownFields(row.table, row.fields);
  if (rebase && rebases(row.table) && writer.exists(table, row.row_id)) fields = without(fields, writer.pendingFields(row.table, row.row_id));
  writer.write(table, row.row_id, fields, row.seq);
  return true;
};

interface RowOps {
  table: SyncTableName;
  rowId: string;
  seen: number | null;
  pending: Set<string>;
  fields: Record<string, unknown>;
  seq: number;
  ops: number;
}

/** Pulled changes folded per row in server order: ops already seen and locally pending fields left out. */
const groupChanges = (writer: RowWriter, changes: PullResponse['changes']): RowOps[] => {
  const rows = new Map<string, RowOps>();
  for (const change of [...changes].sort((a, b) => a.seq - b.seq)) {
    if (!isSyncTable(change.table) || !fieldSchema(change.table, change.field)) continue;
    const key = `${change.table}\u0000${change.row_id}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        table: change.table,
        rowId: change.row_id,
        seen: writer.seenSeq(change.table, change.row_id),
        pending: rebases(change.table) ? writer.pendingFields(change.table, change.row_id) : new Set(),
        fields: {},
        seq: 0,
        ops: 0,
      };
      rows.set(key, row);
    }
    if (row.seen !== null && change.seq <= row.seen) continue;
    row.seq = Math.max(row.seq, change.seq);
    // Rebase: the local value stays on top and goes up later; the server decides then.
    if (row.pending.has(change.field)) continue;
    row.fields[change.field] = change.value;
    row.ops += 1;
  }
  return [...rows.values()].filter((row) => row.seq > 0);
};

/**
 * Applies one pulled page in one transaction: households leaving the scope, rows entering it,
 * then changes in server order; the cursor moves with it. A page whose leaving households still
 * have unpushed changes is not applied (`deferred`): push, then pull it again.
 */
export const applyPage = (
  store: ApplyStore,
  page: PullResponse,
): { applied: number; cursor: number; deferred: boolean; usersChanged: string[] } => {
  if (page.reset) throw new CoreError('conflict', 'The server asks this device for a fresh snapshot.', undefined, { reason: 'sync-reset' });
  assertIdle(store);
  const { sqlite } = store;
  const apply = sqlite.transaction(() => {
    // Parents and children of one page may come in any order; checked at commit.
    sqlite.pragma('defer_foreign_keys = ON');
    if (page.leave.some((householdId) => householdHasPendingChanges(sqlite, householdId))) return null;
    for (const householdId of page.leave) removeHousehold(sqlite, householdId);
    const writer = createRowWriter(sqlite);
    let applied = 0;
    const entering = [...page.enter].sort((a, b) => (tableRank.get(a.table as SyncTableName) ?? 99) - (tableRank.get(b.table as SyncTableName) ?? 99));
    for (const row of entering) if (writeWholeRow(writer, row, true)) applied += 1;
    for (const row of groupChanges(writer, page.changes)) {
      writer.write(localTables[row.table], row.rowId, row.fields, row.seq);
      applied += row.ops;
    }
    const usersChanged = writer.finish();
    writeSyncMeta(store, { cursor: page.cursor, ...(page.open_conflicts !== undefined ? { openConflicts: page.open_conflicts } : {}) });
    return { applied, usersChanged };
  });
  const result = apply();
  if (!result) return { applied: 0, cursor: readSyncCursor(store), deferred: true, usersChanged: [] };
  return { ...result, cursor: page.cursor, deferred: false };
};

/** Synced tables with no row, none seen and none staged: a snapshot only inserts into them. */
const emptyTables = (store: ApplyStore): Set<SyncTableName> => {
  const { sqlite } = store;
  const seen = sqlite.prepare('SELECT 1 FROM sync_rows WHERE table_name = ? LIMIT 1');
  const staged = sqlite.prepare('SELECT 1 FROM sync_staged WHERE table_name = ? LIMIT 1');
  // Constant table names from the allow-list.
  return new Set(
    syncTableOrder.filter(
      (table) => !sqlite.prepare(`SELECT 1 FROM ${localTables[table].name} LIMIT 1`).get() && !seen.get(table) && !staged.get(table),
    ),
  );
};

const cutShort = () =>
  new CoreError('offline', 'The download from the server was cut short; try again.', undefined, { reason: 'snapshot-incomplete' });

/**
 * Writes a snapshot streamed by the server (the first sync of a device, or after a reset) in
 * transactions of `snapshotBatchRows` rows. Throws when the stream ends early or its row count
 * is wrong: the caller discards the half-built store (or, after clearSyncedData, the cursor stays
 * 0 so the next sync takes a snapshot again). The cursor is set with the last rows.
 * `onProgress` hears of the rows written after the header and after each batch.
 */
export const applySnapshot = async (
  store: ApplyStore,
  lines: AsyncIterable<SnapshotLine>,
  { batchRows = snapshotBatchRows, onProgress }: { batchRows?: number; onProgress?: (done: number, total: number | null) => void } = {},
): Promise<{ rows: number; cursor: number }> => {
  let header: Extract<SnapshotLine, { type: 'header' }> | null = null;
  let ended = false;
  let received = 0;
  let batch: SyncRow[] = [];
  const newTables = emptyTables(store);
  const write = (rows: SyncRow[], cursor: number | null) =>
    whenIdle(store, () => {
      const run = store.sqlite.transaction(() => {
        store.sqlite.pragma('defer_foreign_keys = ON');
        const writer = createRowWriter(store.sqlite, { newTables, ...(header ? { branchId: header.branch.id } : {}) });
        for (const row of rows) writeWholeRow(writer, row, false);
        writer.finish();
        if (cursor !== null) writeSyncMeta(store, { cursor });
      });
      run();
    });
  for await (const line of lines) {
    if (ended) throw cutShort();
    if (line.type === 'header') {
      if (header) throw cutShort();
      header = line;
      onProgress?.(0, line.expected_rows ?? null);
    } else if (!header) {
      throw cutShort();
    } else if (line.type === 'row') {
      received += 1;
      batch.push(line);
      if (batch.length >= batchRows) {
        await write(batch, null);
        batch = [];
        // The count was taken before the stream: rows written meanwhile can make it a little short.
        onProgress?.(received, header.expected_rows === undefined ? null : Math.max(header.expected_rows, received));
      }
    } else {
      if (line.rows !== received) throw cutShort();
      ended = true;
    }
  }
  if (!header || !ended) throw cutShort();
  await write(batch, header.cursor);
  onProgress?.(received, received);
  return { rows: received, cursor: header.cursor };
};

/** Accounts and places: kept by a reset, so the device can still be unlocked if the snapshot fails. */
const keptByReset = new Set<SyncTableName>(['branches', 'districts', 'users']);

/**
 * Empties the synced case data before a fresh snapshot (`reset`), and sets the cursor back to 0
 * (so a snapshot cut short is taken again by the next sync). Kept: branches, districts, users and
 * user_districts (the signed-in user and the keyring's slots depend on them; the snapshot
 * overwrites them), meta (sync settings, refresh tokens, audit head), audit_log, change_log (its
 * unpushed entries still go up), user_state, import_runs, sync_runs and sync_rejections.
 */
export const clearSyncedData = (store: ApplyStore): void => {
  assertIdle(store);
  const { sqlite } = store;
  const clear = sqlite.transaction(() => {
    sqlite.pragma('defer_foreign_keys = ON');
    // Constant table names: the search index, then synced tables children first.
    const tables = [...syncTableOrder].reverse().filter((table) => !keptByReset.has(table));
    for (const table of ['member_search', ...tables, 'document_blobs', 'sync_staged']) sqlite.prepare(`DELETE FROM ${table}`).run();
    sqlite.prepare(`DELETE FROM sync_rows WHERE table_name NOT IN (SELECT value FROM json_each(?))`).run(JSON.stringify([...keptByReset]));
    writeSyncMeta(store, { cursor: 0, openConflicts: null });
  });
  clear();
};
