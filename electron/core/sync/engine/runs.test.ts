import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { syncTableOrder } from '../../../../shared/sync/tables.ts';
import { openStore, type Store } from '../../db/store.ts';
import { localTables } from './columns.ts';
import { listRuns, recordRun } from './runs.ts';

let dir: string;
let store: Store;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowakaba-sync-'));
  store = await openStore(join(dir, 'store.db'), randomBytes(32), { create: true });
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('sync runs', () => {
  it('lists runs newest first, with their error when one failed', () => {
    const base = { via: 'network' as const, pushed: 1, pulled: 2, conflicts: 0, rejected: 0, cursor: 5 };
    recordRun(store, { ...base, startedAt: '2026-11-23T10:00:00.000Z', finishedAt: '2026-11-23T10:00:01.000Z', error: null });
    recordRun(store, { ...base, via: 'bundle', startedAt: '2026-11-23T11:00:00.000Z', finishedAt: '2026-11-23T11:00:02.000Z', error: { code: 'offline', message: 'No network.' } });
    const runs = listRuns(store);
    expect(runs.map((run) => [run.via, run.error?.code ?? null])).toEqual([['bundle', 'offline'], ['network', null]]);
    expect(runs[1]).toMatchObject({ ...base, startedAt: '2026-11-23T10:00:00.000Z', id: expect.any(String) });
    expect(listRuns(store, 1)).toHaveLength(1);
  });
});

describe('the store and the allow-list', () => {
  it('stores every synced field of every table, and syncs every column but the key and branch', () => {
    for (const name of syncTableOrder) {
      const table = localTables[name];
      const columns = (store.sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).map((column) => column.name);
      expect({ name, columns: columns.filter((column) => column !== table.key && column !== 'branch_id').sort() }).toEqual({ name, columns: [...table.columns].sort() });
    }
  });
});
