import { afterEach, describe, expect, it } from 'vitest';
import { channels } from '../../../shared/contract/index.ts';
import { createDispatch } from '../dispatch.ts';
import { handlers } from '../handlers.ts';
import { keyringPath, readKeyring } from '../keys/keyring.ts';
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
  return { ...device, dispatch: createDispatch(handlers, device.ctx) };
};

describe('sync channels', () => {
  it('has a handler for every sync and bundle channel of the contract', () => {
    const names = Object.keys(channels).filter((name) => name.startsWith('sync:') || name.startsWith('bundle:'));
    expect(names.length).toBeGreaterThanOrEqual(11);
    for (const name of names) expect(typeof (handlers as Record<string, unknown>)[name]).toBe('function');
  });

  it('joins through the contract and reports status, devices and history', async () => {
    const { dispatch, dataDir } = await joined();
    expect(await dispatch('sync:status', undefined)).toMatchObject({ ok: true, value: { state: 'idle', server: server.url } });
    const devices = await dispatch('sync:devices', undefined);
    const deviceId = (await readKeyring(keyringPath(dataDir))).sync?.deviceId;
    expect(devices).toMatchObject({ ok: true, value: [{ id: deviceId, name: 'Office PC', usernames: ['admin'], current: true }] });
    expect(await dispatch('sync:history', undefined)).toMatchObject({ ok: true, value: { runs: [expect.objectContaining({ via: 'network' })], rejections: [] } });
  });

  it('manages accounts of a joined store through the server, and offline says so', async () => {
    const { dispatch, ctx } = await joined();
    const added = await dispatch('users:add', { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: [], password: 'salma-password-1' });
    expect(added).toMatchObject({ ok: true, value: { username: 'salma', role: 'worker' } });
    expect(server.accounts.get('salma')?.display_name).toBe('Salma');
    // The next pull brought the account; her slot on this device opens offline too.
    const local = ctx.sessions.require().store.sqlite.prepare('SELECT display_name FROM users WHERE username = ?').get('salma');
    expect(local).toEqual({ display_name: 'Salma' });
    // No local write of the account went to the outbox.
    expect(server.pushed.filter((change) => change.table === 'users')).toEqual([]);

    const listed = await dispatch('users:list', undefined);
    expect(listed.ok && (listed.value as { username: string }[]).map((user) => user.username).sort()).toEqual(['admin', 'salma']);

    const salmaId = server.accounts.get('salma')?.id ?? '';
    server.knobs.offline = true;
    expect(await dispatch('users:update', { id: salmaId, displayName: 'Salma B.' })).toMatchObject({ ok: false, error: { code: 'offline' } });
    // Offline, the list is the one this device last pulled.
    expect(await dispatch('users:list', undefined)).toMatchObject({ ok: true });
    server.knobs.offline = false;

    expect(await dispatch('users:update', { id: salmaId, disabled: true })).toMatchObject({ ok: true, value: { disabled: true } });
    expect((await readKeyring(keyringPath(device!.dataDir))).slots.some((slot) => slot.userId === salmaId)).toBe(false);
  });

  it('refuses demonstration data in a joined store', async () => {
    const { dispatch } = await joined();
    expect(await dispatch('demo:populate', { households: 10 })).toMatchObject({ ok: false, error: { code: 'conflict', reason: 'joined-store' } });
  });

  it('keeps devices to admins and conflicts to managers', async () => {
    const { dispatch, ctx } = await joined();
    server.addAccount({ username: 'salma', password: 'salma-password-1', role: 'worker' });
    await ctx.sessions.lock();
    await ctx.sessions.unlock('salma', 'salma-password-1');
    await device!.settle();
    expect(await dispatch('sync:devices', undefined)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('sync:revoke-device', { deviceId: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('sync:conflicts', { status: 'open' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await dispatch('sync:status', undefined)).toMatchObject({ ok: true, value: { openConflicts: null } });
  });
});
