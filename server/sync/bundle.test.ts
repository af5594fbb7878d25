import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverBundleSchema, syncSchemaVersion, type PushChange } from '../../shared/sync/api.ts';
import { openBundle, sealBundle } from '../../shared/sync/bundle.ts';
import { initBranch } from '../app.ts';
import { branchFixture, call, changesFor, householdFields, memberFields, pullAll, signIn, type BranchFixture, type Session } from '../test-api.ts';
import { serverBackends, startTestServer, type TestServer } from '../testing.ts';

describe.each(serverBackends)('USB bundles and restarts on %s', (backend) => {
  let test: TestServer;
  let branch: BranchFixture;

  beforeAll(async () => {
    test = await startTestServer(backend);
    branch = await branchFixture(test);
  }, 60_000);
  afterAll(() => test?.close());

  const seal = (device: Session, payload: { cursor: number; changes: PushChange[]; user_id?: string }, key = device.bundleKey) =>
    sealBundle(
      { direction: 'to-server', device_id: device.deviceId, branch_id: device.branchId, created_at: new Date().toISOString() },
      { schema_version: syncSchemaVersion, user_id: device.userId, ...payload },
      key,
    );
  const post = (file: Uint8Array, by: Session = branch.admin) => call<Uint8Array | { code: string }>(test.url, 'POST', '/v1/sync/bundle', { token: by.token, raw: file });

  it('answers a device bundle with what a network push and pull would have given', async () => {
    const field = branch.worker;
    const { cursor } = await pullAll(field, 0);
    // Meanwhile at the office: a district-B household is assigned to her.
    const assigned = randomUUID();
    await branch.manager.push([...changesFor('households', assigned, householdFields(branch.districtB, { assigned_worker_id: field.userId })), ...changesFor('members', randomUUID(), memberFields(assigned))]);
    const created = randomUUID();
    const changes = [...changesFor('households', created, householdFields(branch.districtA)), ...changesFor('members', randomUUID(), memberFields(created), { userId: field.userId })];

    const answer = await post(await seal(field, { cursor, changes }));
    expect(answer.status).toBe(200);
    const { header, payload } = await openBundle(answer.body as Uint8Array, field.bundleKey, serverBundleSchema);
    expect(header).toMatchObject({ direction: 'to-device', device_id: field.deviceId, branch_id: test.branchId });
    expect(payload.results.map((r) => r.status)).toEqual(changes.map(() => 'accepted'));

    // The same changes over the network are duplicates of the same sequences…
    const pushed = await field.push(changes);
    expect(pushed.body.results).toEqual(payload.results.map((r) => ({ op_id: r.op_id, status: 'duplicate', seq: r.seq })));
    // …and a network pull from the same cursor brings what the bundle's pages brought.
    const network = await pullAll(field, cursor, 2000);
    const pages = payload.pages;
    expect(pages.flatMap((p) => p.enter)).toEqual(network.enter);
    expect(pages.flatMap((p) => p.changes)).toEqual(network.changes);
    expect(pages.flatMap((p) => p.leave)).toEqual(network.leave);
    expect(pages.at(-1)?.cursor).toBe(network.cursor);
    expect(network.enter.map((r) => r.row_id)).toContain(assigned);
  });

  it('authors each change as the device user who made it, and only users of that device', async () => {
    const field = branch.worker;
    const { cursor } = await pullAll(field, 0);
    const id = randomUUID();
    const changes = [
      ...changesFor('households', id, householdFields(branch.districtA)),
      ...changesFor('households', id, { notes: 'by someone else' }, { userId: branch.manager.userId }),
    ];
    const answer = await post(await seal(field, { cursor, changes }));
    const { payload } = await openBundle(answer.body as Uint8Array, field.bundleKey, serverBundleSchema);
    expect(payload.results.map((r) => r.code ?? r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted', 'role-forbidden']);
    const stranger = await post(await seal(field, { cursor, changes: [], user_id: branch.otherWorker.userId }));
    expect(stranger.body).toMatchObject({ code: 'forbidden' });
  });

  it('refuses files that are not bundles, altered or sealed with another key, and other branches', async () => {
    const field = branch.worker;
    const good = await seal(field, { cursor: 0, changes: [] });
    expect((await post(new TextEncoder().encode('hello\nworld'))).body).toMatchObject({ code: 'bad-request' });
    const altered = good.slice();
    altered[altered.length - 1] = (altered.at(-1) as number) ^ 1;
    expect((await post(altered)).body).toMatchObject({ code: 'bad-request', message: expect.stringMatching(/altered|sealed/) });
    expect((await post(await seal(field, { cursor: 0, changes: [] }, crypto.getRandomValues(new Uint8Array(32))))).status).toBe(400);
    const answerFile = await sealBundle({ direction: 'to-device', device_id: field.deviceId, branch_id: field.branchId, created_at: new Date().toISOString() }, { results: [], pages: [] }, field.bundleKey);
    expect((await post(answerFile)).status).toBe(400);

    const other = await initBranch(test.server, { branchName: 'Elsewhere', adminUsername: `far${randomUUID().slice(0, 8)}`, adminPassword: 'elsewhere-password' });
    const farAdmin = await test.server.db.selectFrom('accounts').select('username').where('id', '=', other.adminId).executeTakeFirstOrThrow();
    const stranger = await signIn(test.url, farAdmin.username, 'elsewhere-password');
    expect((await post(good, stranger)).body).toMatchObject({ code: 'wrong-branch' });
    expect((await call(test.url, 'POST', '/v1/sync/bundle', { raw: good })).status).toBe(401);
  });

  it("refuses a revoked device's bundle without telling the carrier's device to wipe itself", async () => {
    const input = { username: `lost${randomUUID().slice(0, 8)}`, display_name: 'Lost', role: 'worker', password: 'lost-laptop-password', district_ids: [branch.districtA] };
    await branch.admin.post('/v1/admin/users', input);
    const lost = await signIn(test.url, input.username, input.password);
    const file = await seal(lost, { cursor: 0, changes: [] });
    await branch.admin.post(`/v1/admin/devices/${lost.deviceId}/revoke`);
    expect(await post(file)).toEqual({ status: 403, body: { code: 'forbidden', message: expect.any(String) } });
  });

  it('keeps its data across a restart, and a retried push is a duplicate', async () => {
    const id = randomUUID();
    const changes = changesFor('households', id, householdFields(branch.districtA, { notes: 'before restart' }));
    const first = await branch.manager.push(changes);
    const url = await test.restart();
    expect(url).toBe(test.url);
    const manager = await signIn(url, branch.passwords.manager.username, branch.passwords.manager.password, branch.manager.deviceId);
    const again = await manager.push(changes);
    expect(again.body.results).toEqual(first.body.results.map((r) => ({ op_id: r.op_id, status: 'duplicate', seq: r.seq })));
    const pulled = await pullAll(manager, 0, 2000);
    expect(pulled.changes.find((c) => c.row_id === id && c.field === 'notes')?.value).toBe('before restart');
  });
});
