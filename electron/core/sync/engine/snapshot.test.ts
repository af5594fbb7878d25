import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncTableOrder } from '../../../../shared/sync/tables.ts';
import { openStore, type Store } from '../../db/store.ts';
import { updateHousehold } from '../../households/households.service.ts';
import { addDocument } from '../../households/records.service.ts';
import { importRegistry } from '../../import/import.service.ts';
import { createPlan } from '../../plans/plans.service.ts';
import type { OpenSession } from '../../session/session.service.ts';
import { createTestDevice, type TestDevice } from '../../testing.ts';
import { addUser } from '../../users/users.service.ts';
import { applySnapshot, clearSyncedData } from './apply.ts';
import { readRefreshToken, readSyncMeta, writeRefreshToken, writeSyncMeta } from './meta.ts';
import { pendingCount } from './outbox.ts';
import { count, snapshotLines, storeRows } from './test-support.ts';

const fixture = new URL('../../../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let device: TestDevice;
let session: OpenSession;
let fresh: Store;

const header = (cursor: number) => ({
  cursor,
  branch: session.branch,
  user: { id: session.user.id, username: session.user.username, display_name: session.user.displayName, role: session.user.role, branch_id: session.branch.id },
});

const tableCounts = (store: Pick<Store, 'sqlite'>) => Object.fromEntries(syncTableOrder.map((table) => [table, count(store, `SELECT * FROM ${table}`)]));
const searchDocuments = (store: Pick<Store, 'sqlite'>) => store.sqlite.prepare('SELECT member_id, household_id, tokens FROM member_search ORDER BY member_id').all();

beforeEach(async () => {
  device = await createTestDevice();
  session = device.sessions.require();
  await importRegistry(device.sessions, { source: { kind: 'path', path: fixture }, dryRun: false });
  const household = await session.store.db.selectFrom('households').select(['id', 'district_id']).where('registry_ref', '=', 'RSU-ZAG-0000001').executeTakeFirstOrThrow();
  await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', password: 'worker-password-1', districtIds: [household.district_id] });
  await createPlan(device.sessions, { householdId: household.id, domain: 'health', goals: 'g', status: 'active', actions: [{ type: 'phone_call', title: 't', dueDate: '2026-12-01' }] });
  await addDocument(device.sessions, { householdId: household.id, name: 'cin.png', mime: 'image/png', dataBase64: png });
  await updateHousehold(device.sessions, { id: household.id, phone: '0699999999' });
  fresh = await openStore(join(device.dataDir, 'fresh.db'), randomBytes(32), { create: true });
});
afterEach(async () => {
  await fresh.close();
  await device.cleanup();
});

describe('a snapshot', () => {
  it('builds a new device’s store: every row, user districts, files, search, server sequences and cursor', async () => {
    const rows = storeRows(session.store, 7);
    const result = await applySnapshot(fresh, snapshotLines(header(500), rows));
    expect(result).toEqual({ rows: rows.length, cursor: 500 });
    expect(tableCounts(fresh)).toEqual(tableCounts(session.store));
    expect(searchDocuments(fresh)).toEqual(searchDocuments(session.store));
    expect(fresh.sqlite.prepare('SELECT * FROM user_districts ORDER BY user_id').all()).toEqual(session.store.sqlite.prepare('SELECT * FROM user_districts ORDER BY user_id').all());
    expect(count(fresh, 'SELECT * FROM document_blobs')).toBe(1);
    expect(count(fresh, 'SELECT * FROM sync_rows WHERE seq = 7')).toBe(rows.length);
    expect(readSyncMeta(fresh).cursor).toBe(500);
    // Someone else's writes, audited on the server: nothing goes to this device's outbox or chain.
    expect(count(fresh, 'SELECT * FROM change_log')).toBe(0);
    expect(count(fresh, 'SELECT * FROM audit_log')).toBe(0);
  });

  it('refuses a stream cut short or with a wrong row count, and sets no cursor', async () => {
    const rows = storeRows(session.store);
    await expect(applySnapshot(fresh, snapshotLines(header(9), rows.slice(0, 100), { end: null }))).rejects.toMatchObject({ reason: 'snapshot-incomplete' });
    expect(readSyncMeta(fresh).cursor).toBe(0);
    await expect(applySnapshot(fresh, snapshotLines(header(9), rows.slice(0, 100), { end: rows.length }))).rejects.toMatchObject({ reason: 'snapshot-incomplete' });
    expect(readSyncMeta(fresh).cursor).toBe(0);
  });

  it('tells how far it got: after the header, after each batch and at the end', async () => {
    const rows = storeRows(session.store);
    const progress: [number, number | null][] = [];
    await applySnapshot(fresh, snapshotLines({ ...header(9), expected_rows: rows.length }, rows), { batchRows: 50, onProgress: (done, total) => progress.push([done, total]) });
    const batches = Math.floor(rows.length / 50);
    expect(progress).toEqual([[0, rows.length], ...Array.from({ length: batches }, (_, i) => [(i + 1) * 50, rows.length]), [rows.length, rows.length]]);

    // A server that does not count: the total is unknown until the end.
    const again = await openStore(join(device.dataDir, 'again.db'), randomBytes(32), { create: true });
    const unknown: [number, number | null][] = [];
    await applySnapshot(again, snapshotLines(header(9), rows.slice(0, 60)), { batchRows: 50, onProgress: (done, total) => unknown.push([done, total]) });
    await again.close();
    expect(unknown).toEqual([[0, null], [50, null], [60, 60]]);
  });

  it('takes a snapshot again over the rows one cut short left behind, writing each row once', async () => {
    const rows = storeRows(session.store, 5);
    expect(rows.length).toBeGreaterThan(120);
    // Batches of 50: the first two are written before the stream is cut.
    await expect(applySnapshot(fresh, snapshotLines(header(9), rows.slice(0, 120), { end: null }), { batchRows: 50 })).rejects.toMatchObject({
      reason: 'snapshot-incomplete',
    });
    expect(count(fresh, 'SELECT * FROM sync_rows')).toBe(100);
    expect(readSyncMeta(fresh).cursor).toBe(0);

    await applySnapshot(fresh, snapshotLines(header(700), rows), { batchRows: 50 });
    expect(tableCounts(fresh)).toEqual(tableCounts(session.store));
    expect(searchDocuments(fresh)).toEqual(searchDocuments(session.store));
    expect(count(fresh, 'SELECT * FROM sync_rows')).toBe(rows.length);
    expect(readSyncMeta(fresh).cursor).toBe(700);
  });

  it('replaces a device’s data after a reset, keeping its unpushed changes, audit chain and settings', async () => {
    writeSyncMeta(session.store, { server: 'https://zagora.example', deviceId: '0190f0e6-8a4e-7d6a-9a0e-3f6f2a1b2c3d', cursor: 44 });
    writeRefreshToken(session.store, session.user.id, 'refresh-token-value-123456');
    const rows = storeRows(session.store, 3);
    const before = { counts: tableCounts(session.store), pending: pendingCount(session.store), audit: count(session.store, 'SELECT * FROM audit_log'), search: searchDocuments(session.store) };
    session.store.sqlite.prepare('INSERT INTO sync_rows (table_name, row_id, seq) VALUES (?, ?, ?), (?, ?, ?)').run('users', session.user.id, 2, 'members', 'm1', 2);
    clearSyncedData(session.store);
    const cleared = tableCounts(session.store);
    // Accounts stay, so the device can still be unlocked should the snapshot fail.
    expect(cleared).toMatchObject({ branches: 1, users: 2, districts: before.counts.districts });
    expect(Object.entries(cleared).filter(([table]) => !['branches', 'users', 'districts'].includes(table)).every(([, n]) => n === 0)).toBe(true);
    expect(count(session.store, 'SELECT * FROM user_districts')).toBe(1);
    expect(count(session.store, 'SELECT * FROM member_search')).toBe(0);
    expect(count(session.store, 'SELECT * FROM document_blobs')).toBe(0);
    expect(session.store.sqlite.prepare('SELECT table_name FROM sync_rows').all()).toEqual([{ table_name: 'users' }]);
    expect(pendingCount(session.store)).toBe(before.pending);
    expect(count(session.store, 'SELECT * FROM audit_log')).toBe(before.audit);
    expect(readSyncMeta(session.store)).toMatchObject({ server: 'https://zagora.example', cursor: 0 });
    expect(readRefreshToken(session.store, session.user.id)).toBe('refresh-token-value-123456');

    await applySnapshot(session.store, snapshotLines(header(600), rows));
    expect(tableCounts(session.store)).toEqual(before.counts);
    expect(searchDocuments(session.store)).toEqual(before.search);
    expect(readSyncMeta(session.store).cursor).toBe(600);
  });
});

describe('sync state', () => {
  it('keeps settings, tokens per user and clears what is set to null', () => {
    expect(readSyncMeta(fresh)).toEqual({ server: null, deviceId: null, deviceName: null, cursor: 0, bundleKey: null, lastSyncAt: null, openConflicts: null });
    writeSyncMeta(fresh, { server: 'https://s', deviceName: 'Tablette 1', bundleKey: 'a2V5', lastSyncAt: '2026-11-23T10:00:00.000Z', openConflicts: 0, cursor: 12 });
    expect(readSyncMeta(fresh)).toEqual({ server: 'https://s', deviceId: null, deviceName: 'Tablette 1', cursor: 12, bundleKey: 'a2V5', lastSyncAt: '2026-11-23T10:00:00.000Z', openConflicts: 0 });
    writeSyncMeta(fresh, { openConflicts: null, bundleKey: null });
    expect(readSyncMeta(fresh)).toMatchObject({ openConflicts: null, bundleKey: null, cursor: 12 });
    writeRefreshToken(fresh, 'u1', 'token-one');
    writeRefreshToken(fresh, 'u2', 'token-two');
    writeRefreshToken(fresh, 'u1', null);
    expect([readRefreshToken(fresh, 'u1'), readRefreshToken(fresh, 'u2')]).toEqual([null, 'token-two']);
  });
});
