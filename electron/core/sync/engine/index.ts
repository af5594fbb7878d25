/** The store side of sync: outbox expansion, applying pulled pages and snapshots, sync state. */
export { applyPage, applySnapshot, clearSyncedData } from './apply.ts';
export { assertIdle, whenIdle } from './exclusive.ts';
export { readRefreshToken, readSyncCursor, readSyncMeta, writeRefreshToken, writeSyncMeta, type SyncMeta } from './meta.ts';
export { markPushed, pendingCount, readOutbox, type OutboxBatch } from './outbox.ts';
export { listRejections, listRuns, recordRun, type SyncRejection } from './runs.ts';
