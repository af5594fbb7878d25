import type { SyncReport } from '../../../shared/contract/index.ts';
import { syncSchemaVersion, type PullResponse, type PushResult } from '../../../shared/sync/api.ts';
import type { Store } from '../db/store.ts';
import {
  applyPage,
  applySnapshot,
  clearSyncedData,
  markPushed,
  readOutbox,
  readSyncCursor,
  whenIdle,
  type OutboxBatch,
} from './engine/index.ts';
import type { Auth } from './auth.ts';
import type { HttpClient } from './http-client.ts';
import { pull, push, snapshot } from './server-api.ts';

/** What one run works with: the open store, the server and who signs the requests. */
export interface RunScope {
  store: Store;
  branchId: string;
  deviceId: string;
  http: HttpClient;
  auth: Auth;
  /** After a page or a snapshot changed accounts (ids), or `all` after a snapshot. */
  onUsersChanged(ids: string[] | 'all'): Promise<void>;
  /** Rows of a fresh snapshot (after a reset) written so far, of about `total`. */
  onSnapshotProgress?(done: number, total: number | null): void;
}

/** A report before anything was sent or received. */
export const emptyReport = (cursor = 0): SyncReport => ({ pushed: 0, pulled: 0, conflicts: 0, rejected: 0, cursor });

/** Adds the server's answers to a batch to the report and marks the batch pushed. */
export const settleBatch = async (store: Store, batch: OutboxBatch, results: PushResult[], report: SyncReport): Promise<void> => {
  const counts = await whenIdle(store, () => markPushed(store, batch, results));
  report.pushed += counts.accepted + counts.duplicates;
  report.rejected += counts.rejected;
  report.conflicts += counts.conflicts;
};

const lastSeq = (batch: OutboxBatch): number => Math.max(0, ...batch.entries, ...batch.skipped);

/** Pushes the whole outbox in batches; an entry left unanswered stays for the next run. */
export const pushAll = async (scope: RunScope, report: SyncReport): Promise<void> => {
  const { store } = scope;
  let afterSeq = 0;
  for (;;) {
    const batch = readOutbox(store, { afterSeq });
    if (batch.entries.length === 0 && batch.skipped.length === 0) return;
    const results =
      batch.changes.length === 0
        ? []
        : (
            await scope.auth.call((token) =>
              push(scope.http, token, { schema_version: syncSchemaVersion, device_id: scope.deviceId, branch_id: scope.branchId, changes: batch.changes }),
            )
          ).results;
    await settleBatch(store, batch, results, report);
    afterSeq = lastSeq(batch);
  }
};

/** Empties the synced tables and downloads the user's scope again (the server's `reset`, or a cleared store). */
const resnapshot = async (scope: RunScope, report: SyncReport): Promise<void> => {
  const { store } = scope;
  await whenIdle(store, () => clearSyncedData(store));
  const { rows, cursor } = await scope.auth.call((token) =>
    applySnapshot(store, snapshot(scope.http, token, scope.deviceId), scope.onSnapshotProgress ? { onProgress: scope.onSnapshotProgress } : {}),
  );
  report.pulled += rows;
  report.cursor = cursor;
  await scope.onUsersChanged('all');
};

const pageSize = (page: PullResponse): number => page.changes.length + page.enter.length + page.leave.length;

/**
 * Pulls pages after the cursor until the server has no more. A page that cannot be applied yet
 * (a household leaving with unpushed changes) waits for a push and is tried once more; if it still
 * cannot, the run ends there without error and the next one starts from the same cursor.
 */
export const pullAll = async (scope: RunScope, report: SyncReport): Promise<void> => {
  const { store } = scope;
  let reset = false;
  if (readSyncCursor(store) === 0) {
    await resnapshot(scope, report);
    reset = true;
  }
  for (;;) {
    const cursor = readSyncCursor(store);
    const page = await scope.auth.call((token) => pull(scope.http, token, { cursor, deviceId: scope.deviceId }));
    if (page.reset) {
      // One fresh snapshot per run: a server that keeps asking is retried by the next run.
      if (reset) return;
      reset = true;
      await resnapshot(scope, report);
      continue;
    }
    let result = await whenIdle(store, () => applyPage(store, page));
    if (result.deferred) {
      await pushAll(scope, report);
      result = await whenIdle(store, () => applyPage(store, page));
      if (result.deferred) return;
    }
    report.pulled += pageSize(page);
    report.cursor = result.cursor;
    if (result.usersChanged.length > 0) await scope.onUsersChanged(result.usersChanged);
    // A server that says `more` without moving on would loop forever.
    if (!page.more || page.cursor <= cursor) return;
  }
};

/** One network run: push everything, then pull everything. */
export const runSync = async (scope: RunScope, report: SyncReport): Promise<SyncReport> => {
  report.cursor = readSyncCursor(scope.store);
  await pushAll(scope, report);
  await pullAll(scope, report);
  report.cursor = readSyncCursor(scope.store);
  return report;
};
