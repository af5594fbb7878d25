import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Migrator } from 'kysely/migration';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChangeRecorder } from '../changes.ts';
import { migrateStore, openEncrypted, toStore, type Store } from '../store.ts';
import { migrationProvider } from './index.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowakaba-migration-'));
  store = toStore(openEncrypted(join(dir, 'store.db'), randomBytes(32), { create: true }), join(dir, 'store.db'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('migration 20261123T1600-sync', () => {
  it('keeps the outbox written before it and records base_seq from the rows the device has seen', async () => {
    const { error } = await new Migrator({ db: store.db, provider: migrationProvider }).migrateTo('20261123T1500-query-indexes');
    expect(error).toBeUndefined();
    store.sqlite
      .prepare('INSERT INTO change_log (op_id, branch_id, table_name, row_id, fields, device_time, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('old-op', 'b1', 'households', 'h1', '{"notes":"x"}', '2026-11-20T10:00:00.000Z', 'u1');

    await migrateStore(store);
    expect(store.sqlite.prepare('SELECT op_id, base_seq, pushed_at FROM change_log').all()).toEqual([{ op_id: 'old-op', base_seq: 0, pushed_at: null }]);
    store.sqlite.prepare('INSERT INTO sync_rows (table_name, row_id, seq) VALUES (?, ?, ?)').run('households', 'h1', 17);

    const recorder = createChangeRecorder(store.sqlite, { userId: 'u1', branchId: 'b1' });
    recorder.record({ table: 'households', rowId: 'h1', action: 'update', fields: { notes: 'y' } }, { audit: false });
    recorder.record({ table: 'members', rowId: 'h1', action: 'update', fields: { notes: 'y' } }, { audit: false });
    recorder.finish();
    expect(store.sqlite.prepare('SELECT table_name, base_seq FROM change_log WHERE op_id != ? ORDER BY seq').all('old-op')).toEqual([
      { table_name: 'households', base_seq: 17 },
      { table_name: 'members', base_seq: 0 },
    ]);
    for (const table of ['sync_rows', 'sync_staged', 'sync_runs', 'sync_rejections']) {
      expect(store.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table)).toEqual({ name: table });
    }
  });
});
