import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventName } from '../../../../shared/contract/index.ts';
import { createCoreContext, type CoreContext, type CoreContextOptions } from '../../context.ts';
import { fastTestKdfParams } from '../../keys/kdf.ts';
import type { FakeServer } from './fake-server.ts';

export interface SyncTestDevice {
  dataDir: string;
  ctx: CoreContext;
  events: { event: EventName; payload: unknown }[];
  /** Lets the background run started by an unlock or a join finish. */
  settle(): Promise<void>;
  cleanup(): Promise<void>;
}

/** A core context on a fresh data folder that reaches the fake server; the background sync only runs on unlock. */
export const createSyncTestDevice = async (server: FakeServer, overrides: Partial<CoreContextOptions> = {}): Promise<SyncTestDevice> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mowakaba-sync-'));
  const events: SyncTestDevice['events'] = [];
  const ctx = createCoreContext(
    { dataDir, appVersion: '0.1.0', locale: 'en', kdf: fastTestKdfParams, fetch: server.fetch, syncIntervalMs: 3_600_000, syncDebounceMs: 3_600_000, ...overrides },
    (event, payload) => void events.push({ event, payload }),
  );
  const settle = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    await ctx.sync.settled();
  };
  return {
    dataDir,
    ctx,
    events,
    settle,
    async cleanup() {
      await ctx.sync.stop();
      await ctx.sessions.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** Joins the fake server as its admin and waits for the first background run. */
export const joinAsAdmin = async (device: SyncTestDevice, server: FakeServer) => {
  const joined = await device.ctx.sync.join({ server: server.url, username: 'admin', password: server.admin.password, deviceName: 'Office PC' });
  await device.settle();
  return joined;
};
