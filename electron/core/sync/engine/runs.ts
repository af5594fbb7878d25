import type { SyncRun } from '../../../../shared/contract/sync.contract.ts';
import { newId } from '../../db/ids.ts';
import type { SyncRunsTable } from '../../db/tables.ts';
import type { Store } from '../../db/store.ts';

/** Runs and refusals kept on the device for the Sync screen; older ones are dropped. */
const keptRuns = 200;
const keptRejections = 2000;

/** A local change the server refused, as the Sync screen lists it. */
export interface SyncRejection {
  table: string;
  rowId: string;
  field: string;
  code: string;
  at: string;
}

/** A sync_runs row as SELECT * reads it. */
type RunRow = SyncRunsTable;

type RunStore = Pick<Store, 'sqlite'>;

/** Records one finished (or failed) sync run. */
export const recordRun = (store: RunStore, run: Omit<SyncRun, 'id'>): void => {
  const write = store.sqlite.transaction(() => {
    store.sqlite
      .prepare(
        `INSERT INTO sync_runs (id, started_at, finished_at, via, pushed, pulled, conflicts, rejected, cursor, error_code, error_message)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(newId(), run.startedAt, run.finishedAt, run.via, run.pushed, run.pulled, run.conflicts, run.rejected, run.cursor, run.error?.code ?? null, run.error?.message ?? null);
    store.sqlite.prepare(`DELETE FROM sync_runs WHERE id NOT IN (SELECT id FROM sync_runs ORDER BY started_at DESC, id DESC LIMIT ?)`).run(keptRuns);
  });
  write();
};

/** Recent runs, newest first. */
export const listRuns = (store: RunStore, limit = 50): SyncRun[] =>
  (store.sqlite.prepare('SELECT * FROM sync_runs ORDER BY started_at DESC, id DESC LIMIT ?').all(limit) as RunRow[]).map((row) => ({
    id: row.id,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    via: row.via,
    pushed: row.pushed,
    pulled: row.pulled,
    conflicts: row.conflicts,
    rejected: row.rejected,
    cursor: row.cursor,
    error: row.error_code === null ? null : { code: row.error_code, message: row.error_message ?? '' },
  }));

/** Changes the server refused, newest first. */
export const listRejections = (store: RunStore, limit = 100): SyncRejection[] =>
  store.sqlite
    .prepare('SELECT table_name AS "table", row_id AS rowId, field, code, at FROM sync_rejections ORDER BY id DESC LIMIT ?')
    .all(limit) as SyncRejection[];

/** Writes refused fields (inside the caller's transaction) and keeps the list bounded. */
export const insertRejections = (
  store: RunStore,
  rejections: { changeSeq: number; table: string; rowId: string; field: string; code: string }[],
  at: string,
): void => {
  if (rejections.length === 0) return;
  const insert = store.sqlite.prepare('INSERT INTO sync_rejections (change_seq, table_name, row_id, field, code, at) VALUES (?, ?, ?, ?, ?, ?)');
  for (const rejection of rejections) insert.run(rejection.changeSeq, rejection.table, rejection.rowId, rejection.field, rejection.code, at);
  store.sqlite.prepare('DELETE FROM sync_rejections WHERE id <= (SELECT max(id) FROM sync_rejections) - ?').run(keptRejections);
};
