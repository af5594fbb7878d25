import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginResponseSchema } from '../../shared/sync/api.ts';
import { sealBundle } from '../../shared/sync/bundle.ts';
import { call, changesFor, signIn } from '../test-api.ts';
import { serverBackends, startTestServer, type TestServer } from '../testing.ts';

describe.each(serverBackends)('auth on %s', (backend) => {
  let test: TestServer;
  let clock = new Date('2026-11-23T10:00:00.000Z');

  beforeAll(async () => {
    test = await startTestServer(backend, { now: () => clock });
  }, 60_000);
  afterAll(() => test?.close());

  const login = (username: string, password: string, deviceId: string = randomUUID()) =>
    call<{ code?: string; message?: string; access_token?: string; refresh_token?: string }>(test.url, 'POST', '/v1/auth/login', {
      body: { username, password, device_id: deviceId, device_name: 'Laptop' },
    });

  it('answers its health and version', async () => {
    const health = await call<{ ok: boolean; version: string }>(test.url, 'GET', '/healthz');
    expect(health).toEqual({ status: 200, body: { ok: true, version: expect.stringMatching(/^\d+\.\d+\.\d+/) } });
    const missing = await call(test.url, 'GET', '/v1/nothing-here');
    expect(missing).toEqual({ status: 404, body: { code: 'not-found', message: expect.any(String) } });
  });

  it('logs in, registers the device with its own keys, and stores only a hash of the password', async () => {
    const deviceId = randomUUID();
    const answer = await login(test.admin.username, test.admin.password, deviceId);
    expect(answer.status).toBe(200);
    const body = loginResponseSchema.parse(answer.body);
    expect(body.user).toMatchObject({ id: test.adminId, role: 'admin', branch_id: test.branchId });
    expect(Buffer.from(body.bundle_key, 'base64')).toHaveLength(32);
    expect(Buffer.from(body.device_key, 'base64')).toHaveLength(32);
    expect(body.access_token.startsWith(`${test.branchId}.`)).toBe(true);
    expect(new Date(body.access_expires_at).getTime() - clock.getTime()).toBe(15 * 60_000);
    // The same device gets the same keys at its next login; tokens are stored hashed.
    const again = loginResponseSchema.parse((await login(test.admin.username, test.admin.password, deviceId)).body);
    expect(again.bundle_key).toBe(body.bundle_key);
    const account = await test.server.db.selectFrom('accounts').select('password_hash').where('id', '=', test.adminId).executeTakeFirstOrThrow();
    expect(account.password_hash).toMatch(/^\$argon2id\$/);
    const tokens = await test.server.db.selectFrom('tokens').select('hash').execute();
    expect(tokens.map((t) => t.hash)).not.toContain(body.access_token);
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await login(test.admin.username, 'not the password at all');
    const unknown = await login('nobody-here', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'unauthorized', message: expect.any(String) });
    expect(unknown.body).toEqual(wrong.body);
    expect(JSON.stringify(wrong.body)).not.toContain(test.admin.username);
    const malformed = await call(test.url, 'POST', '/v1/auth/login', { body: { username: 'x' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'bad-request' });
    const notJson = await call(test.url, 'POST', '/v1/auth/login', { body: '{"username": ' });
    expect(notJson.status).toBe(400);
    expect(notJson.body).toMatchObject({ code: 'bad-request' });
    expect((await call(test.url, 'POST', '/v1/auth/login', { raw: new Uint8Array(10) })).body).toMatchObject({ code: 'bad-request' });
    const huge = await call(test.url, 'POST', '/v1/auth/login', { body: { username: 'x'.repeat(2 * 1024 * 1024) } });
    expect(huge).toEqual({ status: 413, body: { code: 'payload-too-large', message: expect.any(String) } });
    // Large-body routes check the token before reading the body.
    expect((await call(test.url, 'POST', '/v1/sync/push', { body: { changes: 'x'.repeat(2 * 1024 * 1024) } })).status).toBe(401);
  });

  it('refuses every request without a valid, unexpired access token', async () => {
    const session = await signIn(test.url, test.admin.username, test.admin.password);
    expect((await call(test.url, 'GET', '/v1/admin/users')).body).toMatchObject({ code: 'unauthorized' });
    expect((await call(test.url, 'GET', '/v1/admin/users', { token: `${test.branchId}.${'A'.repeat(43)}` })).status).toBe(401);
    expect((await session.get('/v1/admin/users')).status).toBe(200);
    clock = new Date(clock.getTime() + 16 * 60_000);
    expect((await session.get('/v1/admin/users')).body).toMatchObject({ code: 'unauthorized' });
  });

  it('refuses a request naming another device than the token’s', async () => {
    const session = await signIn(test.url, test.admin.username, test.admin.password);
    const answer = await call(test.url, 'GET', `/v1/sync/pull?cursor=0&device_id=${randomUUID()}`, { token: session.token });
    expect(answer).toEqual({ status: 403, body: { code: 'forbidden', message: expect.any(String) } });
  });

  it('rotates refresh tokens and treats a reused one as stolen', async () => {
    const session = await signIn(test.url, test.admin.username, test.admin.password);
    const refresh = (token: string, deviceId = session.deviceId) => call<{ access_token: string; refresh_token: string; code?: string }>(test.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: token, device_id: deviceId } });
    const first = await refresh(session.refreshToken);
    expect(first.status).toBe(200);
    expect(first.body.refresh_token).not.toBe(session.refreshToken);
    const fresh = await call(test.url, 'GET', '/v1/admin/users', { token: first.body.access_token });
    expect(fresh.status).toBe(200);
    expect((await refresh(first.body.refresh_token, randomUUID())).status).toBe(401);

    const reused = await refresh(session.refreshToken);
    expect(reused).toEqual({ status: 401, body: { code: 'unauthorized', message: expect.any(String) } });
    // The whole family dies: the pair issued by the legitimate refresh stops working too.
    expect((await refresh(first.body.refresh_token)).status).toBe(401);
    expect((await call(test.url, 'GET', '/v1/admin/users', { token: first.body.access_token })).status).toBe(401);
  });

  it('answers device-revoked to a revoked device, on every route and at login', async () => {
    const admin = await signIn(test.url, test.admin.username, test.admin.password);
    const laptop = await signIn(test.url, test.admin.username, test.admin.password);
    const revoked = await admin.post(`/v1/admin/devices/${laptop.deviceId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ id: laptop.deviceId, revoked_at: expect.any(String) });
    expect((await laptop.pull(0)).body).toMatchObject({ code: 'device-revoked' });
    expect((await laptop.pull(0)).status).toBe(401);
    expect((await laptop.push([])).body).toMatchObject({ code: 'device-revoked' });
    const refreshed = await call(test.url, 'POST', '/v1/auth/refresh', { body: { refresh_token: laptop.refreshToken, device_id: laptop.deviceId } });
    expect(refreshed.body).toMatchObject({ code: 'device-revoked' });
    const relogin = await login(test.admin.username, test.admin.password, laptop.deviceId);
    expect(relogin).toEqual({ status: 401, body: { code: 'device-revoked', message: expect.any(String) } });
    // A wrong password on a revoked device reveals nothing about it.
    expect((await login(test.admin.username, 'wrong password here', laptop.deviceId)).body).toMatchObject({ code: 'unauthorized' });
    expect((await admin.get('/v1/admin/users')).status).toBe(200);
  });
});

describe.each(serverBackends)('a strict server (login limit, minimum schema) on %s', (backend) => {
  let test: TestServer;
  beforeAll(async () => {
    test = await startTestServer(backend, { loginRateLimit: { max: 5, timeWindowMs: 60_000 }, minSchemaVersion: 2 });
  }, 60_000);
  afterAll(() => test?.close());

  it('answers 426 outdated to clients below its minimum schema version, writing nothing', async () => {
    const session = await signIn(test.url, test.admin.username, test.admin.password);
    const changes = changesFor('districts', randomUUID(), { name: 'Tagounite', created_at: '2026-11-01T00:00:00.000Z' });
    const pushed = await session.push(changes, { schema_version: 1 });
    expect(pushed).toEqual({ status: 426, body: { code: 'outdated', message: expect.any(String) } });
    expect((await session.pull(0)).status).toBe(426);
    const snapshot = await call(test.url, 'GET', `/v1/sync/snapshot?device_id=${session.deviceId}&schema_version=1`, { token: session.token });
    expect(snapshot.body).toMatchObject({ code: 'outdated' });
    const bundle = await sealBundle({ direction: 'to-server', device_id: session.deviceId, branch_id: test.branchId, created_at: new Date().toISOString() }, { schema_version: 1, user_id: session.userId, cursor: 0, changes }, session.bundleKey);
    expect((await call(test.url, 'POST', '/v1/sync/bundle', { token: session.token, raw: bundle })).status).toBe(426);
    const ops = await test.server.db.selectFrom('ops').select('table_name').where('table_name', '=', 'districts').execute();
    expect(ops).toEqual([]);
    expect((await session.push(changes, { schema_version: 2 })).body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });

  it('answers 429 rate-limited once a client tried too often', async () => {
    const attempt = () => call(test.url, 'POST', '/v1/auth/login', { body: { username: test.admin.username, password: 'guessing-password', device_id: randomUUID(), device_name: 'x' } });
    const statuses = [];
    // One login was spent by the test before.
    for (let i = 0; i < 5; i++) statuses.push((await attempt()).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.body).toEqual({ code: 'rate-limited', message: expect.any(String) });
    // Other routes are not limited.
    expect((await call(test.url, 'GET', '/healthz')).status).toBe(200);
  });
});
