import { readdir } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { keyringPath, readKeyring } from '../keys/keyring.ts';
import { addDistrict, listBranchDistricts } from '../users/users.service.ts';
import { listRuns, pendingCount } from './engine/index.ts';
import { createFakeServer, type FakeServer } from './testing/fake-server.ts';
import { createSyncTestDevice, joinAsAdmin, type SyncTestDevice } from './testing/device.ts';

let device: SyncTestDevice | undefined;
let server: FakeServer;
afterEach(async () => {
  await device?.cleanup();
  device = undefined;
});

const joined = async () => {
  server = createFakeServer();
  device = await createSyncTestDevice(server);
  await joinAsAdmin(device, server);
  return device;
};

const statusEvents = () => (device?.events ?? []).filter((entry) => entry.event === 'sync:status').map((entry) => (entry.payload as { state: string }).state);

describe('sync now', () => {
  it('pushes local changes, pulls the server’s, records the run and tells the header', async () => {
    const { ctx } = await joined();
    const district = await addDistrict(ctx.sessions, { name: 'Tagounite' });
    expect((await ctx.sync.status()).pending).toBe(1);
    server.record('districts', 'district-from-server', { name: 'Mhamid', province: null, created_at: '2026-11-23T09:00:00.000Z' }, server.admin.id);
    device!.events.length = 0;

    const report = await ctx.sync.syncNow();
    expect(report.pushed).toBeGreaterThan(0);
    expect(report.pulled).toBeGreaterThan(0);
    expect(report.cursor).toBe(server.ops.length);
    expect(server.pushed.some((change) => change.row_id === district.id && change.field === 'name' && change.value === 'Tagounite')).toBe(true);
    expect((await listBranchDistricts(ctx.sessions)).map((row) => row.name).sort()).toEqual(['Mhamid', 'Tagounite']);
    const status = await ctx.sync.status();
    expect(status).toMatchObject({ state: 'idle', pending: 0, cursor: server.ops.length, lastError: null, openConflicts: 0 });
    expect(status.lastSyncAt).not.toBeNull();
    expect(statusEvents()).toEqual(['syncing', 'idle']);
    const [run] = listRuns(ctx.sessions.require().store);
    expect(run).toMatchObject({ via: 'network', pushed: report.pushed, pulled: report.pulled, error: null });
  });

  it('a second call while a run is under way joins it, unless a change was made since it started', async () => {
    const { ctx } = await joined();
    await addDistrict(ctx.sessions, { name: 'Tagounite' });
    const [first, second] = await Promise.all([ctx.sync.syncNow(), ctx.sync.syncNow()]);
    expect(second).toBe(first);
    expect(server.calls.filter((call) => call === 'POST /v1/sync/push')).toHaveLength(1);

    // A write after the run started: the later call gets its own run, which pushes it.
    const running = ctx.sync.syncNow();
    const district = await addDistrict(ctx.sessions, { name: 'Mhamid' });
    const [, after] = await Promise.all([running, ctx.sync.syncNow()]);
    expect(after.pushed).toBeGreaterThan(0);
    expect(server.pushed.some((change) => change.row_id === district.id)).toBe(true);
    expect((await ctx.sync.status()).pending).toBe(0);
  });

  it('offline: fails with `offline`, keeps the changes, and says so in the status and the history', async () => {
    const { ctx } = await joined();
    await addDistrict(ctx.sessions, { name: 'Tagounite' });
    server.knobs.offline = true;
    await expect(ctx.sync.syncNow()).rejects.toMatchObject({ code: 'offline' });
    expect(await ctx.sync.status()).toMatchObject({ state: 'offline', pending: 1, lastError: { code: 'offline' } });
    expect(listRuns(ctx.sessions.require().store)[0]).toMatchObject({ error: { code: 'offline' } });
    expect(statusEvents().slice(-2)).toEqual(['syncing', 'offline']);

    server.knobs.offline = false;
    await ctx.sync.syncNow();
    expect(await ctx.sync.status()).toMatchObject({ state: 'idle', pending: 0, lastError: null });
  });

  it('a server that needs a newer app leaves the changes waiting in state `outdated`', async () => {
    const { ctx } = await joined();
    await addDistrict(ctx.sessions, { name: 'Tagounite' });
    server.knobs.failStatus = 426;
    await expect(ctx.sync.syncNow()).rejects.toMatchObject({ code: 'outdated' });
    expect(await ctx.sync.status()).toMatchObject({ state: 'outdated', pending: 1 });
  });

  it('refreshes an expired access token once and carries on', async () => {
    const { ctx } = await joined();
    expect(server.calls).not.toContain('POST /v1/auth/refresh');
    server.expireAccessTokens();
    await ctx.sync.syncNow();
    expect(server.calls.filter((call) => call === 'POST /v1/auth/refresh')).toHaveLength(1);
    expect((await ctx.sync.status()).state).toBe('idle');
  });

  it('needs a new sign-in when the refresh token is refused; sync:login brings it back', async () => {
    const { ctx } = await joined();
    await addDistrict(ctx.sessions, { name: 'Tagounite' });
    server.expireAccessTokens();
    server.expireRefreshTokens();
    await expect(ctx.sync.syncNow()).rejects.toMatchObject({ code: 'forbidden', reason: 'needs-login' });
    expect(await ctx.sync.status()).toMatchObject({ state: 'needs-login', pending: 1, lastError: { code: 'needs-login' } });

    await expect(ctx.sync.login('wrong-password-9')).rejects.toMatchObject({ code: 'locked', reason: 'wrong-password' });
    const status = await ctx.sync.login(server.admin.password);
    expect(status).toMatchObject({ state: 'idle', pending: 0 });
  });
});

describe('a revoked device', () => {
  it('wipes its store, keyring and sync data at its next contact and goes back to first run', async () => {
    const { ctx, dataDir } = await joined();
    await addDistrict(ctx.sessions, { name: 'Tagounite' });
    const { sync } = await readKeyring(keyringPath(dataDir));
    server.revoke(sync?.deviceId ?? '');
    await expect(ctx.sync.syncNow()).rejects.toMatchObject({ reason: 'device-revoked' });
    expect(await ctx.sessions.status()).toEqual({ state: 'setup' });
    expect((await readdir(dataDir)).filter((name) => name.startsWith('mowakaba.db') || name.startsWith('keyring'))).toEqual([]);
    expect(await ctx.sync.status()).toMatchObject({ state: 'off' });
    expect(device!.events.some((entry) => entry.event === 'session:changed' && (entry.payload as { state: string }).state === 'locked')).toBe(true);
  });
});

describe('a second user on a joined device', () => {
  const salmaPassword = 'salma-password-1';

  it('signs in online the first time, then offline; offline first sign-in and wrong passwords are refused', async () => {
    const { ctx, dataDir } = await joined();
    server.addAccount({ username: 'salma', password: salmaPassword, role: 'manager', display_name: 'Salma' });
    await ctx.sessions.lock();

    server.knobs.offline = true;
    await expect(ctx.sessions.unlock('salma', salmaPassword)).rejects.toMatchObject({ code: 'offline', message: expect.stringContaining('first sign-in') });
    server.knobs.offline = false;
    await expect(ctx.sessions.unlock('salma', 'wrong-password-1')).rejects.toMatchObject({ code: 'locked', reason: 'wrong-password' });

    // Her account is not on the device yet: the server proves her password and the device key opens the store.
    const { user } = await ctx.sessions.unlock('salma', salmaPassword);
    expect(user).toMatchObject({ username: 'salma', role: 'manager' });
    await device!.settle();
    expect((await readKeyring(keyringPath(dataDir))).usernames?.salma).toBe(user.id);
    await ctx.sessions.lock();

    server.knobs.offline = true;
    expect((await ctx.sessions.unlock('salma', salmaPassword)).user.id).toBe(user.id);
    await device!.settle();
    expect((await ctx.sync.status()).state).toBe('offline');
  });

  it('a user disabled on the server loses her key slot at the next pull', async () => {
    const { ctx, dataDir } = await joined();
    const salma = server.addAccount({ username: 'salma', password: salmaPassword, role: 'worker', display_name: 'Salma' });
    await ctx.sessions.lock();
    await ctx.sessions.unlock('salma', salmaPassword);
    await device!.settle();
    await ctx.sessions.lock();
    await ctx.sessions.unlock('admin', server.admin.password);
    await device!.settle();
    expect((await readKeyring(keyringPath(dataDir))).usernames?.salma).toBe(salma.id);

    salma.disabled = true;
    server.record('users', salma.id, { disabled: 1 }, null);
    await ctx.sync.syncNow();
    const keyring = await readKeyring(keyringPath(dataDir));
    expect(keyring.slots.some((slot) => slot.userId === salma.id)).toBe(false);
    expect(pendingCount(ctx.sessions.require().store)).toBe(0);
  });

  it('locks the app when the signed-in user herself was disabled on the server', async () => {
    const { ctx, dataDir } = await joined();
    server.admin.disabled = true;
    server.record('users', server.admin.id, { disabled: 1 }, null);
    await ctx.sync.syncNow();
    expect(await ctx.sessions.status()).toMatchObject({ state: 'locked' });
    expect((await readKeyring(keyringPath(dataDir))).slots.some((slot) => slot.userId === server.admin.id)).toBe(false);
  });
});
