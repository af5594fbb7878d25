import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { SyncReport } from '../../../shared/contract/index.ts';
import { serverBundleSchema, syncSchemaVersion, type PushChange, type ServerBundle } from '../../../shared/sync/api.ts';
import { BundleError, openBundle, readBundleHeader, sealBundle } from '../../../shared/sync/bundle.ts';
import type { Store } from '../db/store.ts';
import { CoreError } from '../errors.ts';
import { writeFileAtomic } from '../keys/atomic-file.ts';
import type { OpenSession, SessionManager } from '../session/session.service.ts';
import { applyPage, readOutbox, readSyncCursor, readSyncMeta, whenIdle, type OutboxBatch } from './engine/index.ts';
import { notJoined } from './connection.ts';
import { emptyReport, settleBatch } from './run.ts';
import { errorOf } from './states.ts';
import { handleUsersChanged } from './users-changed.ts';
import type { SyncService } from './sync.service.ts';

/** Most changes one bundle carries (the server's limit). */
const maxBundleChanges = 100_000;
/** A bigger file is not a bundle this app made. */
const maxBundleBytes = 1024 * 1024 * 1024;

const unreadable = () =>
  new CoreError('validation', 'This bundle cannot be opened on this device: it is not for it, or it was altered.', undefined, { reason: 'bundle-unreadable' });

/** The joined store's device id and bundle key. */
const bundleIdentity = (store: Store) => {
  const meta = readSyncMeta(store);
  if (!meta.server || !meta.deviceId || !meta.bundleKey) throw notJoined();
  return { deviceId: meta.deviceId, key: new Uint8Array(Buffer.from(meta.bundleKey, 'base64')), cursor: meta.cursor };
};

/** Every unpushed entry, in batches as a push would send them. */
const outboxBatches = (store: Store): OutboxBatch[] => {
  const batches: OutboxBatch[] = [];
  let afterSeq = 0;
  for (;;) {
    const batch = readOutbox(store, { afterSeq });
    if (batch.entries.length === 0 && batch.skipped.length === 0) return batches;
    batches.push(batch);
    afterSeq = Math.max(0, ...batch.entries, ...batch.skipped);
  }
};

/** Writes the waiting changes, sealed with this device's bundle key, to a file (0600, written whole or not at all). */
export const exportBundle = async (sessions: SessionManager, input: { file: string }): Promise<{ file: string; changes: number }> => {
  const session = sessions.require();
  const { deviceId, key, cursor } = bundleIdentity(session.store);
  const file = resolve(input.file);
  if (!existsSync(dirname(file))) throw new CoreError('not-found', 'The folder for the bundle does not exist.', undefined, { reason: 'folder-missing' });
  const changes: PushChange[] = outboxBatches(session.store).flatMap((batch) => batch.changes);
  if (changes.length > maxBundleChanges) {
    throw new CoreError('validation', 'Too many waiting changes for one bundle; sync over the network.', undefined, { reason: 'bundle-too-large' });
  }
  const sealed = await sealBundle(
    { direction: 'to-server', device_id: deviceId, branch_id: session.branch.id, created_at: new Date().toISOString() },
    { schema_version: syncSchemaVersion, user_id: session.user.id, cursor, changes },
    key,
  );
  await writeFileAtomic(file, sealed);
  return { file, changes: changes.length };
};

const readBundleFile = async (path: string): Promise<Uint8Array> => {
  try {
    if ((await stat(path)).size > maxBundleBytes) throw unreadable();
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw new CoreError('not-found', 'The bundle file cannot be read.', undefined, { reason: 'file-missing' });
  }
};

/** Opens a server answer bundle meant for this device, or says clearly why not. */
const openAnswer = async (bytes: Uint8Array, session: OpenSession, deviceId: string, key: Uint8Array<ArrayBuffer>): Promise<ServerBundle> => {
  let header;
  try {
    ({ header } = readBundleHeader(bytes));
  } catch {
    throw unreadable();
  }
  if (header.direction !== 'to-device') {
    throw new CoreError('validation', 'This is the bundle to take to the branch server, not its answer.', undefined, { reason: 'bundle-wrong-direction' });
  }
  if (header.device_id !== deviceId || header.branch_id !== session.branch.id) {
    throw new CoreError('validation', 'This bundle was made for another device.', undefined, { reason: 'bundle-other-device' });
  }
  try {
    return (await openBundle(bytes, key, serverBundleSchema)).payload;
  } catch (error) {
    if (error instanceof BundleError) throw unreadable();
    throw error;
  }
};

/** Applies the results and pulled pages of an answer bundle to the store; returns the accounts it changed. */
const applyAnswer = async (store: Store, answer: ServerBundle, report: SyncReport): Promise<string[]> => {
  const usersChanged = new Set<string>();
  for (const batch of outboxBatches(store)) await settleBatch(store, batch, answer.results, report);
  for (const page of answer.pages) {
    if (page.reset) {
      throw new CoreError('conflict', 'The server asks this device for a fresh download; sync over the network.', undefined, { reason: 'sync-reset' });
    }
    // Never backwards: a page the device already has (a network sync since) is skipped.
    const result = await whenIdle(store, () => (page.cursor <= readSyncCursor(store) ? null : applyPage(store, page)));
    if (!result) continue;
    // A household leaving with changes made since the export: the next exchange brings it again.
    if (result.deferred) break;
    report.pulled += page.changes.length + page.enter.length + page.leave.length;
    for (const id of result.usersChanged) usersChanged.add(id);
  }
  report.cursor = readSyncCursor(store);
  return [...usersChanged];
};

/** Imports the server's answer bundle (from a USB stick): marks what went up, applies what came down. */
export const importBundle = async (sessions: SessionManager, sync: SyncService, input: { file: string }): Promise<SyncReport> => {
  const session = sessions.require();
  const { deviceId, key } = bundleIdentity(session.store);
  const answer = await openAnswer(await readBundleFile(resolve(input.file)), session, deviceId, key);
  // A network run under way finishes first: both move the cursor.
  await sync.settled();
  const startedAt = new Date(sync.now()).toISOString();
  const report = emptyReport(readSyncCursor(session.store));
  let usersChanged: string[];
  try {
    usersChanged = await applyAnswer(session.store, answer, report);
  } catch (error) {
    await sync.recordBundleRun(session, report, startedAt, errorOf(error)).catch(() => undefined);
    throw error;
  }
  await sync.recordBundleRun(session, report, startedAt, null);
  if (usersChanged.length > 0 && (await handleUsersChanged(sessions, session, usersChanged))) await sessions.lock('user');
  return report;
};
