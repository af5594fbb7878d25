import type { Store } from '../../db/store.ts';

/** This device's sync state, kept in the encrypted store's `meta` table. */
export interface SyncMeta {
  server: string | null;
  deviceId: string | null;
  deviceName: string | null;
  /** Where the next pull starts (0: never pulled). */
  cursor: number;
  /** The key of this device's USB bundles, base64. */
  bundleKey: string | null;
  lastSyncAt: string | null;
  /** Open conflicts in the branch as of the last pull (managers), else null. */
  openConflicts: number | null;
}

/** The `meta` key of each field. */
export const syncMetaKeys = {
  server: 'sync_server',
  deviceId: 'sync_device_id',
  deviceName: 'sync_device_name',
  cursor: 'sync_cursor',
  bundleKey: 'sync_bundle_key',
  lastSyncAt: 'sync_last_sync_at',
  openConflicts: 'sync_open_conflicts',
} as const satisfies Record<keyof SyncMeta, string>;

const refreshKey = (userId: string) => `sync_refresh:${userId}`;

type MetaStore = Pick<Store, 'sqlite'>;

const readAll = (store: MetaStore): Map<string, string> => {
  const rows = store.sqlite
    .prepare(`SELECT key, value FROM meta WHERE key IN (SELECT value FROM json_each(?))`)
    .all(JSON.stringify(Object.values(syncMetaKeys))) as { key: string; value: string }[];
  return new Map(rows.map((row) => [row.key, row.value]));
};

const toNumber = (text: string | undefined): number | null => {
  if (text === undefined) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
};

/** Reads the device's sync state (defaults when it never synced). */
export const readSyncMeta = (store: MetaStore): SyncMeta => {
  const values = readAll(store);
  return {
    server: values.get(syncMetaKeys.server) ?? null,
    deviceId: values.get(syncMetaKeys.deviceId) ?? null,
    deviceName: values.get(syncMetaKeys.deviceName) ?? null,
    cursor: toNumber(values.get(syncMetaKeys.cursor)) ?? 0,
    bundleKey: values.get(syncMetaKeys.bundleKey) ?? null,
    lastSyncAt: values.get(syncMetaKeys.lastSyncAt) ?? null,
    openConflicts: toNumber(values.get(syncMetaKeys.openConflicts)),
  };
};

const setKey = (store: MetaStore, key: string, value: string | null): void => {
  if (value === null) store.sqlite.prepare('DELETE FROM meta WHERE key = ?').run(key);
  else store.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
};

/** Writes the fields given (null removes one); joins the caller's transaction when one is open. */
export const writeSyncMeta = (store: MetaStore, patch: Partial<SyncMeta>): void => {
  const write = store.sqlite.transaction(() => {
    for (const [field, key] of Object.entries(syncMetaKeys) as [keyof SyncMeta, string][]) {
      if (!Object.hasOwn(patch, field)) continue;
      const value = patch[field];
      if (value === undefined) continue;
      setKey(store, key, value === null ? null : String(value));
    }
  });
  write();
};

/** The cursor alone (one indexed read: the queue cache checks it on every call). */
export const readSyncCursor = (store: MetaStore): number =>
  toNumber((store.sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(syncMetaKeys.cursor) as { value: string } | undefined)?.value) ?? 0;

/** The saved refresh token of one user of this device, or null. */
export const readRefreshToken = (store: MetaStore, userId: string): string | null =>
  (store.sqlite.prepare('SELECT value FROM meta WHERE key = ?').get(refreshKey(userId)) as { value: string } | undefined)?.value ?? null;

/** Saves (or with null forgets) one user's refresh token. */
export const writeRefreshToken = (store: MetaStore, userId: string, token: string | null): void => setKey(store, refreshKey(userId), token);
