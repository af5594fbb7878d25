import { readFile, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { keyringPath } from '../keys/keyring.ts';
import { adminPassword, createTestDevice, type TestDevice } from '../testing.ts';
import { addDistrict, addUser, updateUser } from '../users/users.service.ts';

let device: TestDevice | undefined;
afterEach(async () => {
  await device?.cleanup();
  device = undefined;
});

describe('session', () => {
  it('starts in setup, and setup leaves the admin signed in with a recovery code', async () => {
    device = await createTestDevice({ setup: false });
    expect(await device.sessions.status()).toEqual({ state: 'setup' });
    const result = await device.sessions.setup({ branchName: 'Tinghir', adminUsername: 'amina', adminDisplayName: 'Amina', password: adminPassword });
    expect(result.recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
    expect(await device.sessions.status()).toMatchObject({ state: 'unlocked', user: { username: 'amina', role: 'admin' }, branch: { name: 'Tinghir' } });
    await expect(
      device.sessions.setup({ branchName: 'Again', adminUsername: 'other', adminDisplayName: 'O', password: adminPassword }),
    ).rejects.toMatchObject({ code: 'conflict', reason: 'already-set-up' });
  });

  it('locks, then unlocks with the password and refuses a wrong one or an unknown user alike', async () => {
    device = await createTestDevice();
    await device.sessions.lock();
    expect(await device.sessions.status()).toEqual({ state: 'locked', retryAfterMs: 0 });
    expect(() => device?.sessions.require()).toThrow(expect.objectContaining({ code: 'locked' }));
    await expect(device.sessions.unlock('admin', 'not-the-password')).rejects.toMatchObject({ code: 'locked', reason: 'wrong-password' });
    await expect(device.sessions.unlock('nobody', adminPassword)).rejects.toMatchObject({ code: 'locked', reason: 'wrong-password' });
    const { user } = await device.sessions.unlock('admin', adminPassword);
    expect(user.role).toBe('admin');
    expect(device.events.map((event) => `${event.state}:${event.reason}`)).toEqual(['unlocked:unlock', 'locked:user', 'unlocked:unlock']);
  });

  it('makes repeated failures wait longer and longer, and a restart does not reset the wait', async () => {
    device = await createTestDevice();
    await device.sessions.lock();
    for (let i = 0; i < 3; i += 1) await expect(device.sessions.unlock('admin', 'wrong-wrong')).rejects.toMatchObject({ reason: 'wrong-password' });
    await expect(device.sessions.unlock('admin', 'wrong-wrong')).rejects.toMatchObject({ reason: 'wrong-password' });
    const first = await device.sessions.status();
    expect(first).toMatchObject({ state: 'locked' });
    const firstWait = first.state === 'locked' ? first.retryAfterMs : 0;
    expect(firstWait).toBeGreaterThan(0);
    // Even the right password waits.
    await expect(device.sessions.unlock('admin', adminPassword)).rejects.toMatchObject({ reason: 'rate-limited', retryAfterMs: firstWait });
    device.advance(firstWait);
    await expect(device.sessions.unlock('admin', 'wrong-wrong')).rejects.toMatchObject({ reason: 'wrong-password' });
    const second = await device.sessions.status();
    expect(second.state === 'locked' ? second.retryAfterMs : 0).toBeGreaterThan(firstWait);

    // A new session manager on the same folder (an app restart) still waits.
    const { createSessionManager } = await import('./session.service.ts');
    const { fastTestKdfParams } = await import('../keys/kdf.ts');
    const restarted = createSessionManager({ dataDir: device.dataDir, kdf: fastTestKdfParams, emit: () => undefined, now: () => Date.parse('2026-11-23T09:00:00Z') + firstWait });
    const afterRestart = await restarted.status();
    expect(afterRestart.state === 'locked' ? afterRestart.retryAfterMs : 0).toBeGreaterThan(0);
  });

  it('refuses a damaged keyring with a clear error, without crashing or overwriting it', async () => {
    device = await createTestDevice();
    await device.sessions.lock();
    const original = await readFile(keyringPath(device.dataDir));
    const truncated = original.subarray(0, Math.floor(original.length / 2));
    await writeFile(keyringPath(device.dataDir), truncated);
    await expect(device.sessions.unlock('admin', adminPassword)).rejects.toMatchObject({ code: 'locked', reason: 'keyring-damaged' });
    expect(await readFile(keyringPath(device.dataDir))).toEqual(truncated);
    await writeFile(keyringPath(device.dataDir), original);
    await expect(device.sessions.unlock('admin', adminPassword)).resolves.toMatchObject({ user: { username: 'admin' } });
  });

  it('locks itself after the idle delay and drops the open store', async () => {
    device = await createTestDevice();
    device.advance(9 * 60_000);
    await device.sessions.checkIdle();
    expect((await device.sessions.status()).state).toBe('unlocked');
    device.sessions.touch();
    device.advance(10 * 60_000);
    await device.sessions.checkIdle();
    expect((await device.sessions.status()).state).toBe('locked');
    expect(device.events.at(-1)).toEqual({ state: 'locked', reason: 'idle' });
  });

  it('changes a password by rewrapping only that user’s slot', async () => {
    device = await createTestDevice();
    await device.sessions.changePassword(adminPassword, 'a-brand-new-password');
    await device.sessions.lock();
    await expect(device.sessions.unlock('admin', adminPassword)).rejects.toMatchObject({ reason: 'wrong-password' });
    await expect(device.sessions.unlock('admin', 'a-brand-new-password')).resolves.toBeTruthy();
  });

  it('resets a forgotten password with the recovery code, and refuses a wrong code', async () => {
    device = await createTestDevice();
    await device.sessions.lock();
    await expect(device.sessions.recover('admin', 'AAAA-BBBB-CCCC-DDDD-EEEE', 'recovered-password')).rejects.toMatchObject({
      reason: 'wrong-recovery-code',
    });
    await device.sessions.recover('admin', device.recoveryCode.toLowerCase(), 'recovered-password');
    await expect(device.sessions.unlock('admin', 'recovered-password')).resolves.toBeTruthy();
  });

  it('keeps a disabled user out: no key slot, no unlock', async () => {
    device = await createTestDevice();
    const district = await addDistrict(device.sessions, { name: 'Tagounite' });
    const worker = await addUser(device.sessions, {
      username: 'salma',
      displayName: 'Salma',
      role: 'worker',
      districtIds: [district.id],
      password: 'worker-password-1',
    });
    await device.sessions.lock();
    const { user } = await device.sessions.unlock('salma', 'worker-password-1');
    expect(user).toMatchObject({ role: 'worker', districtIds: [district.id] });
    await device.sessions.lock();
    await device.sessions.unlock('admin', adminPassword);
    await updateUser(device.sessions, { id: worker.id, disabled: true });
    await device.sessions.lock();
    await expect(device.sessions.unlock('salma', 'worker-password-1')).rejects.toMatchObject({ reason: 'wrong-password' });
  });
});
