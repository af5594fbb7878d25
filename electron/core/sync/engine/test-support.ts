import type { PulledChange, PullResponse, SnapshotLine, SyncRow } from '../../../../shared/sync/api.ts';
import { syncTableOrder } from '../../../../shared/sync/tables.ts';
import type { Store } from '../../db/store.ts';
import { localTables } from './columns.ts';

/** Test helpers: pulled pages and snapshots as a server would send them. */

export const serverTime = '2026-11-23T10:00:00.000Z';

export const change = (seq: number, table: string, rowId: string, field: string, value: unknown): PulledChange => ({
  seq,
  table,
  row_id: rowId,
  field,
  value,
  user_id: null,
  device_time: null,
  server_time: serverTime,
});

/** Field-level changes for every field of a row, from `seq` on. */
export const rowChanges = (seq: number, table: string, rowId: string, fields: Record<string, unknown>): PulledChange[] =>
  Object.entries(fields).map(([field, value], index) => change(seq + index, table, rowId, field, value));

export const page = (parts: Partial<PullResponse> & { cursor: number }): PullResponse => ({ enter: [], leave: [], changes: [], more: false, ...parts });

/** Every synced row of a store, whole, in table order (what a server snapshot would carry). */
export const storeRows = (store: Pick<Store, 'sqlite'>, seq = 1): SyncRow[] => {
  const rows: SyncRow[] = [];
  for (const name of syncTableOrder) {
    const table = localTables[name];
    const found = store.sqlite.prepare(`SELECT ${table.key} AS row_id, ${table.columns.join(', ')} FROM ${name}`).all() as Record<string, unknown>[];
    for (const { row_id: rowId, ...fields } of found) {
      if (name === 'users') {
        fields.districts = (store.sqlite.prepare('SELECT district_id FROM user_districts WHERE user_id = ? ORDER BY district_id').all(rowId) as { district_id: string }[]).map(
          (link) => link.district_id,
        );
      }
      if (name === 'documents') {
        const blob = store.sqlite.prepare('SELECT data FROM document_blobs WHERE sha256 = ?').get(fields.sha256) as { data: Buffer };
        fields.content = blob.data.toString('base64');
      }
      rows.push({ table: name, row_id: String(rowId), seq, fields });
    }
  }
  return rows;
};

export async function* snapshotLines(
  header: { cursor: number; branch: { id: string; name: string }; user: Extract<SnapshotLine, { type: 'header' }>['user']; expected_rows?: number },
  rows: SyncRow[],
  { end = rows.length as number | null } = {},
): AsyncGenerator<SnapshotLine> {
  yield { type: 'header', ...header };
  for (const row of rows) yield { type: 'row', ...row };
  if (end !== null) yield { type: 'end', rows: end };
}

export const count = (store: Pick<Store, 'sqlite'>, sql: string, ...params: unknown[]): number =>
  (store.sqlite.prepare(`SELECT count(*) AS n FROM (${sql})`).get(...params) as { n: number }).n;
