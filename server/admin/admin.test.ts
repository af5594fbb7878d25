import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminUserSchema, deviceInfoSchema, type AdminUser, type DeviceInfo } from '../../shared/sync/api.ts';
import { branchFixture, call, changesFor, householdFields, pullAll, signIn, type BranchFixture } from '../test-api.ts';
import { serverBackends, startTestServer, type TestServer } from '../testing.ts';

describe.each(serverBackends)('administration on %s', (backend) => {
  let test: TestServer;
  let branch: BranchFixture;

  beforeAll(async () => {
    test = await startTestServer(backend);
    branch = await branchFixture(test);
  }, 60_000);
  afterAll(() => test?.close());

  const newUser = (extra: Record<string, unknown> = {}) => ({
    username: `user${randomUUID().slice(0, 8)}`,
    display_name: 'Nadia',
    role: 'worker',
    password: 'a-long-enough-password',
    district_ids: [branch.districtA],
    ...extra,
  });

  it('lists and creates accounts; every device pulls the new user without any secret', async () => {
    const listed = await branch.admin.get<AdminUser[]>('/v1/admin/users');
    expect(listed.status).toBe(200);
    const users = listed.body.map((u) => adminUserSchema.parse(u));
    expect(users.map((u) => u.id)).toEqual(expect.arrayContaining([test.adminId, branch.worker.userId, branch.manager.userId]));

    const { cursor } = await pullAll(branch.worker, 0);
    const input = newUser();
    const created = await branch.admin.post<AdminUser>('/v1/admin/users', input);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ username: input.username, role: 'worker', disabled: false, district_ids: [branch.districtA], branch_id: test.branchId });
    const pulled = await pullAll(branch.worker, cursor);
    const fields = Object.fromEntries(pulled.changes.filter((c) => c.table === 'users' && c.row_id === created.body.id).map((c) => [c.field, c.value]));
    expect(fields).toMatchObject({ username: input.username, display_name: 'Nadia', role: 'worker', disabled: 0, districts: [branch.districtA] });
    expect(JSON.stringify(pulled)).not.toContain('argon2');
    expect(JSON.stringify(pulled)).not.toContain(input.password);
    await expect(signIn(test.url, input.username, input.password)).resolves.toMatchObject({ userId: created.body.id });
  });

  it('refuses a taken username, an unknown district and a malformed account', async () => {
    const taken = await branch.admin.post('/v1/admin/users', newUser({ username: branch.passwords.worker.username }));
    expect(taken).toEqual({ status: 409, body: { code: 'conflict', message: expect.any(String) } });
    expect((await branch.admin.post('/v1/admin/users', newUser({ district_ids: [randomUUID()] }))).body).toMatchObject({ code: 'bad-request' });
    expect((await branch.admin.post('/v1/admin/users', newUser({ password: 'short' }))).status).toBe(400);
    expect((await branch.admin.post('/v1/admin/users', newUser({ role: 'owner' }))).status).toBe(400);
    expect((await branch.admin.patch(`/v1/admin/users/${randomUUID()}`, { display_name: 'x' })).status).toBe(404);
  });

  it('keeps managers and workers out of the admin API', async () => {
    for (const session of [branch.manager, branch.worker]) {
      expect((await session.get('/v1/admin/users')).body).toMatchObject({ code: 'forbidden' });
      expect((await session.post('/v1/admin/users', newUser())).status).toBe(403);
      expect((await session.get('/v1/admin/devices')).status).toBe(403);
      expect((await session.post(`/v1/admin/devices/${session.deviceId}/revoke`)).status).toBe(403);
    }
  });

  it('disables an account: it can no longer sign in, and its tokens stop working', async () => {
    const input = newUser();
    const created = await branch.admin.post<AdminUser>('/v1/admin/users', input);
    const session = await signIn(test.url, input.username, input.password);
    const disabled = await branch.admin.patch<AdminUser>(`/v1/admin/users/${created.body.id}`, { disabled: true });
    expect(disabled.body).toMatchObject({ disabled: true });
    expect((await session.pull(0)).body).toMatchObject({ code: 'unauthorized' });
    const login = await call(test.url, 'POST', '/v1/auth/login', { body: { username: input.username, password: input.password, device_id: randomUUID(), device_name: 'x' } });
    expect(login).toEqual({ status: 401, body: { code: 'unauthorized', message: expect.any(String) } });
    const fields = (await pullAll(branch.manager, 0)).changes.filter((c) => c.row_id === created.body.id && c.field === 'disabled').map((c) => c.value);
    expect(fields).toEqual([0, 1]);
  });

  it('changes a password (old one refused) and a worker’s districts (her scope follows)', async () => {
    const input = newUser({ district_ids: [] });
    const created = await branch.admin.post<AdminUser>('/v1/admin/users', input);
    const session = await signIn(test.url, input.username, input.password);
    const { cursor } = await pullAll(session, 0);
    const householdId = randomUUID();
    await branch.manager.push(changesFor('households', householdId, householdFields(branch.districtB)));
    expect((await pullAll(session, cursor)).enter).toEqual([]);

    await branch.admin.patch(`/v1/admin/users/${created.body.id}`, { district_ids: [branch.districtB], password: 'another-long-password' });
    expect((await session.pull(cursor)).status).toBe(401);
    const again = await signIn(test.url, input.username, 'another-long-password', session.deviceId);
    await expect(signIn(test.url, input.username, input.password)).rejects.toThrow(/401/);
    const pulled = await pullAll(again, cursor);
    expect(pulled.enter.map((r) => r.row_id)).toContain(householdId);
  });

  it('always keeps one active administrator', async () => {
    expect((await branch.admin.patch(`/v1/admin/users/${test.adminId}`, { disabled: true })).body).toMatchObject({ code: 'conflict' });
    expect((await branch.admin.patch(`/v1/admin/users/${test.adminId}`, { role: 'manager' })).status).toBe(409);
    const second = await branch.admin.post<AdminUser>('/v1/admin/users', newUser({ role: 'admin', district_ids: [] }));
    const demoted = await branch.admin.patch<AdminUser>(`/v1/admin/users/${second.body.id}`, { role: 'manager' });
    expect(demoted.body).toMatchObject({ role: 'manager' });
  });

  it('lists devices with their users and revokes one', async () => {
    const devices = await branch.admin.get<DeviceInfo[]>('/v1/admin/devices');
    const list = devices.body.map((d) => deviceInfoSchema.parse(d));
    const laptop = list.find((d) => d.id === branch.otherWorker.deviceId);
    expect(laptop).toMatchObject({ name: 'Test laptop', revoked_at: null, users: [{ id: branch.otherWorker.userId, username: branch.passwords.otherWorker.username }] });
    const revoked = await branch.admin.post<DeviceInfo>(`/v1/admin/devices/${branch.otherWorker.deviceId}/revoke`);
    expect(revoked.body.revoked_at).toEqual(expect.any(String));
    expect((await branch.otherWorker.pull(0)).body).toMatchObject({ code: 'device-revoked' });
    expect((await branch.admin.post(`/v1/admin/devices/${randomUUID()}/revoke`)).status).toBe(404);
    expect((await branch.admin.post('/v1/admin/devices/not-a-uuid/revoke')).status).toBe(400);
  });
});
