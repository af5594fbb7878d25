import type { Selectable } from 'kysely';
import type { PushChange, PushResult } from '../../../../shared/sync/api.ts';
import { maxPushChanges } from '../../../../shared/sync/api.ts';
import { fieldSchema, isSyncTable, syncTables } from '../../../../shared/sync/tables.ts';
import type { SqliteDatabase, Store } from '../../db/store.ts';
import type { ChangeLogTable } from '../../db/tables.ts';
import { localTables } from './columns.ts';
import { assertIdle } from './exclusive.ts';
import { insertRejections } from './runs.ts';

/** One batch of the outbox, ready to push. */
export interface OutboxBatch {
  changes: PushChange[];
  /** change_log seqs whose ops are in `changes`. */
  entries: number[];
  /** change_log seqs marked pushed without sending (server-managed tables, nothing synced in them). */
  skipped: number[];
}

export const defaultMaxBytes = 8 * 1024 * 1024;

/** The change_log columns the outbox reads. */
type EntryRow = Omit<Selectable<ChangeLogTable>, 'branch_id' | 'pushed_at'>;

interface Statements {
  unpushed: { iterate(afterSeq: number): IterableIterator<EntryRow> };
  seen: { get(table: string, rowId: string): unknown };
  earlier: { get(rowId: string, seq: number, table: string): unknown };
  blob: { get(sha256: string): { data: Buffer } | undefined };
  entry: { get(seq: number): { op_id: string; table_name: string; row_id: string } | undefined };
  markPushed: { run(at: string, seq: number): unknown };
  count: { get(): { count: number } };
  rows: Map<string, { get(id: string): Record<string, unknown> | undefined }>;
}

const cache = new WeakMap<SqliteDatabase, Statements>();
const statements = (sqlite: SqliteDatabase): Statements => {
  let found = cache.get(sqlite);
  if (!found) {
    found = {
      unpushed: sqlite.prepare(
        'SELECT seq, op_id, table_name, row_id, fields, base_seq, device_time, user_id FROM change_log WHERE pushed_at IS NULL AND seq > ? ORDER BY seq',
      ) as Statements['unpushed'],
      seen: sqlite.prepare('SELECT 1 FROM sync_rows WHERE table_name = ? AND row_id = ?'),
      earlier: sqlite.prepare('SELECT 1 FROM change_log INDEXED BY change_log_row WHERE row_id = ? AND seq < ? AND table_name = ? LIMIT 1'),
      blob: sqlite.prepare('SELECT data FROM document_blobs WHERE sha256 = ?') as Statements['blob'],
      entry: sqlite.prepare('SELECT op_id, table_name, row_id FROM change_log WHERE seq = ?') as Statements['entry'],
      markPushed: sqlite.prepare('UPDATE change_log SET pushed_at = ? WHERE seq = ? AND pushed_at IS NULL'),
      count: sqlite.prepare('SELECT count(*) AS count FROM change_log WHERE pushed_at IS NULL') as Statements['count'],
      rows: new Map(),
    };
    cache.set(sqlite, found);
  }
  return found;
};

const readRow = (sqlite: SqliteDatabase, table: keyof typeof localTables, rowId: string): Record<string, unknown> | undefined => {
  const statement = statements(sqlite);
  let read = statement.rows.get(table);
  if (!read) {
    const local = localTables[table];
    read = sqlite.prepare(`SELECT ${local.columns.join(', ')} FROM ${local.name} WHERE ${local.key} = ?`) as { get(id: string): Record<string, unknown> | undefined };
    statement.rows.set(table, read);
  }
  return read.get(rowId);
};

// Names only (never values): a field recorded but not synced is a gap in the allow-list.
const warned = new Set<string>();
const warnUnsynced = (table: string, field: string) => {
  const key = `${table}.${field}`;
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(`[sync] recorded field not in the sync allow-list, not pushed: ${key}`);
};

/** The ops of one change_log entry; a row the server never saw carries its whole current row. */
const expandEntry = (sqlite: SqliteDatabase, entry: EntryRow): PushChange[] => {
  if (!isSyncTable(entry.table_name) || syncTables[entry.table_name].writer === 'server') return [];
  const table = entry.table_name;
  const recorded = JSON.parse(entry.fields) as Record<string, unknown>;
  const fields: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(recorded)) {
    if (fieldSchema(table, field)) fields[field] = value;
    else warnUnsynced(table, field);
  }
  const statement = statements(sqlite);
  // Never seen by the server: not pulled back yet, and no earlier entry of the row went up.
  const newToServer = !statement.seen.get(table, entry.row_id) && !statement.earlier.get(entry.row_id, entry.seq, table);
  if (newToServer) {
    const current = readRow(sqlite, table, entry.row_id);
    if (current) {
      for (const [field, value] of Object.entries(current)) if (!Object.hasOwn(fields, field)) fields[field] = value;
      if (table === 'documents' && typeof current.sha256 === 'string') {
        const blob = statement.blob.get(current.sha256);
        if (blob) fields.content = Buffer.from(blob.data).toString('base64');
      }
    }
  }
  return Object.entries(fields).map(([field, value]) => ({
    op_id: `${entry.op_id}:${field}`,
    table,
    row_id: entry.row_id,
    field,
    value,
    base_seq: entry.base_seq,
    device_time: entry.device_time,
    user_id: entry.user_id,
  }));
};

/**
 * Reads the next batch of unpushed changes (after `afterSeq`) as field-level ops, in change
 * order. An entry is never split across batches; one larger than `maxBytes` goes alone.
 * Entries with nothing to send are listed in `skipped`: pass the batch to markPushed even when
 * `changes` is empty, so they stop coming back. Call it through `whenIdle` (it refuses to run
 * while a write transaction is open).
 */
export const readOutbox = (store: Pick<Store, 'sqlite'>, options: { maxOps?: number; maxBytes?: number; afterSeq?: number } = {}): OutboxBatch => {
  // Inside an open write transaction it would read changes that may still roll back.
  assertIdle(store);
  const { maxOps = maxPushChanges, maxBytes = defaultMaxBytes, afterSeq = 0 } = options;
  const batch: OutboxBatch = { changes: [], entries: [], skipped: [] };
  let bytes = 2;
  for (const entry of statements(store.sqlite).unpushed.iterate(afterSeq)) {
    const ops = expandEntry(store.sqlite, entry);
    if (ops.length === 0) {
      batch.skipped.push(entry.seq);
      continue;
    }
    const size = Buffer.byteLength(JSON.stringify(ops));
    if (batch.entries.length > 0 && (batch.changes.length + ops.length > maxOps || bytes + size > maxBytes)) break;
    batch.changes.push(...ops);
    batch.entries.push(entry.seq);
    bytes += size;
  }
  return batch;
};

const entryOpId = (opId: string): string => opId.slice(0, opId.lastIndexOf(':'));

/**
 * Applies the server's answers to a pushed batch: an entry whose every op was answered
 * (accepted, duplicate or rejected) is marked pushed, refusals are kept for the Sync screen.
 * Rows' server sequences are left alone: the pull brings our own changes back in server order.
 */
export const markPushed = (
  store: Pick<Store, 'sqlite'>,
  batch: OutboxBatch,
  results: PushResult[],
  now: Date = new Date(),
): { accepted: number; duplicates: number; rejected: number; conflicts: number } => {
  assertIdle(store);
  const statement = statements(store.sqlite);
  const at = now.toISOString();
  const byOp = new Map(results.map((result) => [result.op_id, result]));
  const opsByEntry = new Map<string, PushChange[]>();
  for (const change of batch.changes) {
    const id = entryOpId(change.op_id);
    const list = opsByEntry.get(id);
    if (list) list.push(change);
    else opsByEntry.set(id, [change]);
  }
  const counts = { accepted: 0, duplicates: 0, rejected: 0, conflicts: 0 };
  const write = store.sqlite.transaction(() => {
    for (const seq of batch.skipped) statement.markPushed.run(at, seq);
    for (const seq of batch.entries) {
      const entry = statement.entry.get(seq);
      if (!entry) continue;
      const ops = opsByEntry.get(entry.op_id) ?? [];
      const answers = ops.map((op) => byOp.get(op.op_id));
      const rejections: Parameters<typeof insertRejections>[1] = [];
      for (const [index, answer] of answers.entries()) {
        if (!answer) continue;
        if (answer.status === 'accepted') counts.accepted += 1;
        else if (answer.status === 'duplicate') counts.duplicates += 1;
        else {
          counts.rejected += 1;
          rejections.push({ changeSeq: seq, table: entry.table_name, rowId: entry.row_id, field: ops[index]?.field ?? '', code: answer.code ?? 'rejected' });
        }
        if (answer.conflict) counts.conflicts += 1;
      }
      insertRejections(store, rejections, at);
      if (answers.every((answer) => answer !== undefined)) statement.markPushed.run(at, seq);
    }
  });
  write();
  return counts;
};

/** Local changes not yet accepted by the server (change_log rows not pushed). */
export const pendingCount = (store: Pick<Store, 'sqlite'>): number => statements(store.sqlite).count.get().count;
