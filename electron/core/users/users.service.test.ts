import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminPassword, createTestDevice, type TestDevice } from '../testing.ts';
import { addDistrict, addUser, listBranchDistricts, listBranchUsers, setUserPassword, updateUser } from './users.service.ts';

let device: TestDevice;
beforeEach(async () => {
  device = await createTestDevice();
});
afterEach(async () => {
  await device.cleanup();
});

const signInAs = async (username: string, password: string) => {
  await device.sessions.lock();
  await device.sessions.unlock(username, password);
};

describe('accounts and roles', () => {
  it('lets an admin add districts and users, and lists them with their districts', async () => {
    const tagounite = await addDistrict(device.sessions, { name: 'Tagounite', province: 'Zagora' });
    const mhamid = await addDistrict(device.sessions, { name: 'Mhamid' });
    await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: [tagounite.id, mhamid.id], password: 'worker-password-1' });
    const users = await listBranchUsers(device.sessions);
    expect(users.map((user) => [user.username, user.role, user.districtIds.length])).toEqual([
      ['admin', 'admin', 0],
      ['salma', 'worker', 2],
    ]);
    expect((await listBranchDistricts(device.sessions)).map((district) => district.name)).toEqual(['Mhamid', 'Tagounite']);
  });

  it('refuses a taken username, an unknown district, and disabling the last admin', async () => {
    await expect(
      addUser(device.sessions, { username: 'admin', displayName: 'Again', role: 'worker', districtIds: [], password: 'worker-password-1' }),
    ).rejects.toMatchObject({ code: 'conflict', reason: 'username-taken' });
    await expect(
      addUser(device.sessions, { username: 'new.one', displayName: 'New', role: 'worker', districtIds: ['nope'], password: 'worker-password-1' }),
    ).rejects.toMatchObject({ code: 'validation' });
    const admin = (await listBranchUsers(device.sessions))[0];
    await expect(updateUser(device.sessions, { id: admin?.id ?? '', role: 'worker' })).rejects.toMatchObject({ reason: 'last-admin' });
  });

  it('enforces roles in the service: a worker cannot create users or list them; a manager can list only', async () => {
    await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: [], password: 'worker-password-1' });
    await addUser(device.sessions, { username: 'karim', displayName: 'Karim', role: 'manager', districtIds: [], password: 'manager-password-1' });

    await signInAs('salma', 'worker-password-1');
    await expect(
      addUser(device.sessions, { username: 'x.y', displayName: 'X', role: 'admin', districtIds: [], password: 'worker-password-1' }),
    ).rejects.toMatchObject({ code: 'forbidden' });
    await expect(listBranchUsers(device.sessions)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(addDistrict(device.sessions, { name: 'Nowhere' })).rejects.toMatchObject({ code: 'forbidden' });

    await signInAs('karim', 'manager-password-1');
    expect(await listBranchUsers(device.sessions)).toHaveLength(3);
    await expect(setUserPassword(device.sessions, (await listBranchUsers(device.sessions))[0]?.id ?? '', 'taken-over-password')).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('lets an admin set a new password for a user who forgot hers', async () => {
    const salma = await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: [], password: 'worker-password-1' });
    await setUserPassword(device.sessions, salma.id, 'fresh-password-22');
    await signInAs('salma', 'fresh-password-22');
    expect((await device.sessions.status()).state).toBe('unlocked');
    await device.sessions.lock();
    await expect(device.sessions.unlock('salma', 'worker-password-1')).rejects.toMatchObject({ reason: 'wrong-password' });
    await device.sessions.unlock('admin', adminPassword);
  });
});
