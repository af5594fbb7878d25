import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyringPath, readKeyring } from '../keys/keyring.ts';
import { readSyncMeta } from './engine/index.ts';
import { createFakeServer, type FakeServer } from './testing/fake-server.ts';
import { createSyncTestDevice, joinAsAdmin, type SyncTestDevice } from './testing/device.ts';

let device: SyncTestDevice | undefined;
let server: FakeServer;
afterEach(async () => {
  await device?.cleanup();
  device = undefined;
});

const setup = async () => {
  server = createFakeServer();
  device = await createSyncTestDevice(server);
  return device;
};

describe('joining a branch server', () => {
  it('creates the store from the snapshot, signs the user in, and keeps a device slot but never the device key', async () => {
    const { ctx, dataDir } = await setup();
    const joined = await joinAsAdmin(device!, server);
    expect(joined.user).toMatchObject({ id: server.admin.id, username: 'admin', role: 'admin' });
    expect(joined.branch).toEqual(server.branch);
    expect(joined.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
    expect(await ctx.sessions.status()).toMatchObject({ state: 'unlocked', user: { username: 'admin' } });

    const keyring = await readKeyring(keyringPath(dataDir));
    expect(keyring.sync?.server).toBe(server.url);
    expect(keyring.slots.map((slot) => slot.kind).sort()).toEqual(['device', 'recovery', 'user']);
    const deviceId = keyring.sync?.deviceId ?? '';
    const deviceKey = server.devices.get(deviceId)?.deviceKey.toString('base64') ?? 'missing';
    for (const file of await readdir(dataDir)) {
      expect((await readFile(join(dataDir, file))).includes(deviceKey)).toBe(false);
    }
    const meta = readSyncMeta(ctx.sessions.require().store);
    expect(meta).toMatchObject({ server: server.url, deviceId, deviceName: 'Office PC', cursor: server.ops.length });
    expect(meta.bundleKey).toBe(server.bundleKeyOf(deviceId)?.toString('base64'));
    const status = await ctx.sync.status();
    expect(status).toMatchObject({ state: 'idle', server: server.url, deviceName: 'Office PC', pending: 0, lastError: null });
  });

  it('leaves nothing behind when the snapshot is cut in the middle of the download', async () => {
    const { ctx, dataDir } = await setup();
    for (let i = 0; i < 5; i += 1) server.record('districts', `district-${i}`, { name: `District ${i}`, province: null, created_at: '2026-11-23T09:00:00.000Z' }, null);
    server.knobs.cutSnapshotAfterRows = 3;
    await expect(ctx.sync.join({ server: server.url, username: 'admin', password: server.admin.password, deviceName: 'Office PC' })).rejects.toMatchObject({
      code: 'offline',
    });
    expect(await ctx.sessions.status()).toEqual({ state: 'setup' });
    expect((await readdir(dataDir)).filter((name) => name.includes('mowakaba') || name.includes('keyring'))).toEqual([]);
    expect(await ctx.sync.status()).toMatchObject({ state: 'off' });

    // The next attempt, on a good line, works.
    server.knobs.cutSnapshotAfterRows = null;
    await joinAsAdmin(device!, server);
    expect(await ctx.sessions.status()).toMatchObject({ state: 'unlocked' });
  });

  it('refuses a wrong password like a local unlock, and a device that already has a store', async () => {
    const { ctx } = await setup();
    await expect(ctx.sync.join({ server: server.url, username: 'admin', password: 'not-the-password', deviceName: 'PC' })).rejects.toMatchObject({
      code: 'locked',
      reason: 'wrong-password',
      message: expect.not.stringContaining('admin'),
    });
    await ctx.sessions.setup({ branchName: 'Local', adminUsername: 'local', adminDisplayName: 'Local', password: 'local-password-1' });
    await expect(ctx.sync.join({ server: server.url, username: 'admin', password: server.admin.password, deviceName: 'PC' })).rejects.toMatchObject({
      code: 'conflict',
      reason: 'already-set-up',
    });
    // A store set up on its own has no server.
    expect(await ctx.sync.status()).toMatchObject({ state: 'off', server: null });
    await expect(ctx.sync.syncNow()).rejects.toMatchObject({ code: 'conflict', reason: 'not-joined' });
  });

  it('refuses to join a server that needs a newer app, and leaves no store', async () => {
    const { ctx } = await setup();
    server.knobs.outdated = true;
    await expect(ctx.sync.join({ server: server.url, username: 'admin', password: server.admin.password, deviceName: 'PC' })).rejects.toMatchObject({ code: 'outdated' });
    expect(await ctx.sessions.status()).toEqual({ state: 'setup' });
  });
});
