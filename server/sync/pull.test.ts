import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotLineSchema, syncSchemaVersion, type SnapshotLine } from '../../shared/sync/api.ts';
import { branchFixture, changesFor, householdFields, memberFields, planFields, pullAll, signIn, type BranchFixture, type Session } from '../test-api.ts';
import { serverBackends, startTestServer, type TestServer } from '../testing.ts';

describe.each(serverBackends)('pull and snapshot on %s', (backend) => {
  let test: TestServer;
  let branch: BranchFixture;

  beforeAll(async () => {
    test = await startTestServer(backend);
    branch = await branchFixture(test);
  }, 60_000);
  afterAll(() => test?.close());

  const lastSeq = async () => Number((await test.server.db.selectFrom('branches').select('last_seq').where('id', '=', test.branchId).executeTakeFirstOrThrow()).last_seq);

  /** A household with a member and a plan, made by the manager. */
  const household = async (districtId: string) => {
    const id = randomUUID();
    const memberId = randomUUID();
    const planId = randomUUID();
    await branch.manager.push([
      ...changesFor('households', id, householdFields(districtId)),
      ...changesFor('members', memberId, memberFields(id)),
      ...changesFor('plans', planId, planFields(id, branch.manager.userId)),
    ]);
    return { id, memberId, planId };
  };

  const snapshot = async (session: Session): Promise<SnapshotLine[]> => {
    const response = await fetch(`${session.url}/v1/sync/snapshot?device_id=${session.deviceId}&schema_version=${syncSchemaVersion}`, { headers: { authorization: `Bearer ${session.token}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    // Sent gzipped to a client that accepts it (fetch does, and inflates it).
    expect(response.headers.get('content-encoding')).toBe('gzip');
    const text = await response.text();
    expect(text.endsWith('\n')).toBe(true);
    return text.trimEnd().split('\n').map((line) => snapshotLineSchema.parse(JSON.parse(line)));
  };

  it('pages changes in server order with cursor and more', async () => {
    const start = await lastSeq();
    const { id } = await household(branch.districtA);
    const end = await lastSeq();
    const seen: number[] = [];
    let cursor = start;
    for (let pages = 0; ; pages++) {
      const page = await branch.manager.pull(cursor, 7);
      expect(page.status).toBe(200);
      seen.push(...page.body.changes.map((c) => c.seq));
      expect(page.body.more).toBe(page.body.changes.length === 7);
      cursor = page.body.cursor;
      if (!page.body.more) break;
      expect(pages).toBeLessThan(10);
    }
    expect(seen).toEqual(Array.from({ length: end - start }, (_, i) => start + i + 1));
    expect(cursor).toBe(end);
    const first = await branch.manager.pull(start, 1);
    expect(first.body.changes[0]).toMatchObject({ table: 'households', row_id: id, user_id: branch.manager.userId, server_time: expect.any(String) });
    expect(first.body.open_conflicts).toEqual(expect.any(Number));
  });

  it("gives a worker her district's households and the branch tables, nothing else, and moves her cursor past the rest", async () => {
    // Her device is in step first (its scope known to the server); new households then come as changes.
    const { cursor: start } = await pullAll(branch.worker, 0);
    const mine = await household(branch.districtA);
    const notMine = await household(branch.districtB);
    const pulled = await pullAll(branch.worker, start);
    // A household new to her device arrives whole (in `enter`); later edits of it come as changes.
    expect(pulled.enter.map((r) => r.row_id)).toEqual([mine.id, mine.memberId, mine.planId]);
    const rows = new Set([...pulled.enter, ...pulled.changes].map((c) => c.row_id));
    expect(rows.has(mine.id) && rows.has(mine.memberId) && rows.has(mine.planId)).toBe(true);
    expect(rows.has(notMine.id) || rows.has(notMine.memberId) || rows.has(notMine.planId)).toBe(false);
    expect(pulled.cursor).toBe(await lastSeq());
    expect(pulled.open_conflicts).toBeNull();
    const edit = await branch.manager.push(changesFor('members', mine.memberId, { first_name_lat: 'Amina' }, { baseSeq: await lastSeq() }));
    const next = await pullAll(branch.worker, pulled.cursor);
    expect(next.enter).toEqual([]);
    expect(next.changes.map((c) => [c.seq, c.row_id, c.value])).toEqual([[edit.body.results[0]?.seq, mine.memberId, 'Amina']]);
    const districtId = randomUUID();
    await branch.manager.push(changesFor('districts', districtId, { name: 'Zagora', created_at: '2026-11-03T00:00:00.000Z' }));
    expect((await pullAll(branch.worker, next.cursor)).changes.map((c) => c.row_id)).toEqual([districtId, districtId]);
  });

  it('sends a household whole when it is assigned to a worker, takes it back when reassigned, and re-sends a lost answer', async () => {
    const { cursor } = await pullAll(branch.worker, 0);
    const moved = await household(branch.districtB);
    const assign = await branch.manager.push(changesFor('households', moved.id, { assigned_worker_id: branch.worker.userId }));
    expect(assign.body.results[0]?.status).toBe('accepted');

    const page = await pullAll(branch.worker, cursor);
    expect(page.enter.map((r) => [r.table, r.row_id])).toEqual([
      ['households', moved.id],
      ['members', moved.memberId],
      ['plans', moved.planId],
    ]);
    expect(page.enter[0]?.fields).toMatchObject({ district_id: branch.districtB, assigned_worker_id: branch.worker.userId });
    expect(page.changes.some((c) => c.row_id === moved.id)).toBe(false);
    // The answer was lost: the same cursor brings the household again; the next cursor does not.
    const retried = await pullAll(branch.worker, cursor);
    expect(retried.enter.map((r) => r.row_id)).toEqual([moved.id, moved.memberId, moved.planId]);
    expect((await pullAll(branch.worker, retried.cursor)).enter).toEqual([]);

    await branch.manager.push(changesFor('households', moved.id, { assigned_worker_id: branch.otherWorker.userId }, { baseSeq: await lastSeq() }));
    const leaving = await pullAll(branch.worker, retried.cursor);
    expect(leaving.leave).toEqual([moved.id]);
    expect(leaving.changes.some((c) => c.row_id === moved.id)).toBe(false);
    expect(leaving.cursor).toBe(await lastSeq());
    expect((await pullAll(branch.worker, retried.cursor)).leave).toEqual([moved.id]);
    expect((await pullAll(branch.worker, leaving.cursor)).leave).toEqual([]);
  });

  it('gzips pages for clients that accept it, and only for them', async () => {
    const path = `/v1/sync/pull?cursor=0&limit=500&device_id=${branch.manager.deviceId}&schema_version=${syncSchemaVersion}`;
    const headers = { authorization: `Bearer ${branch.manager.token}` };
    const zipped = await fetch(`${test.url}${path}`, { headers });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    const page = (await zipped.json()) as { changes: unknown[] };
    expect(page.changes.length).toBeGreaterThan(0);
    const plain = await fetch(`${test.url}${path}`, { headers: { ...headers, 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.json()).toEqual(page);
  });

  it('tells a device whose cursor is ahead of the server to take a fresh snapshot', async () => {
    const page = await branch.manager.pull((await lastSeq()) + 100);
    expect(page.body).toMatchObject({ reset: true, changes: [], more: false });
  });

  it("tells a manager's device to take a fresh snapshot once she is made a worker, and again once she is a manager", async () => {
    const credentials = { username: `promoted${randomUUID().slice(0, 8)}`, password: 'promoted-password-1' };
    const created = await branch.admin.post<{ id: string }>('/v1/admin/users', { ...credentials, display_name: 'Salma', role: 'manager', district_ids: [] });
    expect(created.status).toBe(201);
    const laptop = await signIn(test.url, credentials.username, credentials.password);
    const mine = await household(branch.districtA);
    const notMine = await household(branch.districtB);
    const asManager = await snapshot(laptop);
    const cursor = asManager[0]?.type === 'header' ? asManager[0].cursor : -1;
    expect((await laptop.pull(cursor)).body.reset).toBeUndefined();

    expect((await branch.admin.patch(`/v1/admin/users/${created.body.id}`, { role: 'worker', district_ids: [branch.districtA] })).status).toBe(200);
    // Her device holds the whole branch: changes from her cursor would leave the other districts on it.
    expect((await laptop.pull(cursor)).body).toMatchObject({ reset: true, changes: [], enter: [], leave: [] });
    const asWorker = await snapshot(laptop);
    const ids = new Set(asWorker.flatMap((line) => (line.type === 'row' ? [line.row_id] : [])));
    expect(ids.has(mine.id) && ids.has(mine.memberId)).toBe(true);
    expect(ids.has(notMine.id) || ids.has(notMine.memberId) || ids.has(notMine.planId)).toBe(false);
    const workerCursor = asWorker[0]?.type === 'header' ? asWorker[0].cursor : -1;
    expect((await laptop.pull(workerCursor)).body).toMatchObject({ enter: [], leave: [] });
    expect((await laptop.pull(workerCursor)).body.reset).toBeUndefined();

    // Made a manager again: she would only ever get changes of the households she never had.
    expect((await branch.admin.patch(`/v1/admin/users/${created.body.id}`, { role: 'manager', district_ids: [] })).status).toBe(200);
    expect((await laptop.pull(workerCursor)).body.reset).toBe(true);
    const again = await snapshot(laptop);
    expect(again.some((line) => line.type === 'row' && line.row_id === notMine.id)).toBe(true);
    expect((await laptop.pull(workerCursor)).body.reset).toBeUndefined();
  });

  it('streams a snapshot: header, rows in table order within scope, end count', async () => {
    const mine = await household(branch.districtA);
    const notMine = await household(branch.districtB);
    const cursorBefore = await lastSeq();
    const lines = await snapshot(branch.worker);
    const [header, ...rest] = lines;
    const end = rest.pop();
    expect(header).toMatchObject({ type: 'header', cursor: cursorBefore, branch: { id: test.branchId }, user: { id: branch.worker.userId, role: 'worker' } });
    expect(end).toEqual({ type: 'end', rows: rest.length });
    // Counted before the rows, for the device's progress bar; nothing was written meanwhile.
    expect(header).toMatchObject({ expected_rows: rest.length });
    const rows = rest.flatMap((line) => (line.type === 'row' ? [line] : []));
    const ids = new Set(rows.map((r) => r.row_id));
    expect(ids.has(mine.id) && ids.has(mine.memberId) && ids.has(mine.planId)).toBe(true);
    expect(ids.has(notMine.id) || ids.has(notMine.memberId)).toBe(false);
    expect(ids.has(branch.districtA) && ids.has(branch.districtB) && ids.has(branch.worker.userId) && ids.has(test.branchId)).toBe(true);
    const order = ['branches', 'districts', 'users', 'programmes', 'partners', 'eligibility_rules', 'households', 'members', 'enrollments', 'plans', 'actions', 'visits', 'documents'];
    const ranks = rows.map((r) => order.indexOf(r.table));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    const user = rows.find((r) => r.table === 'users' && r.row_id === branch.worker.userId);
    expect(user?.fields).toMatchObject({ role: 'worker', districts: [branch.districtA], disabled: 0 });
    expect(JSON.stringify(lines)).not.toContain('argon2');
    // The snapshot set the device's scope: pulling from its cursor sends nothing again.
    const after = await pullAll(branch.worker, cursorBefore);
    expect(after.enter).toEqual([]);

    const managerLines = await snapshot(branch.manager);
    expect(managerLines[0]).toMatchObject({ type: 'header', expected_rows: managerLines.length - 2 });
    expect(managerLines.length - 2).toBeGreaterThan(rest.length);
    const managerRows = managerLines.filter((l) => l.type === 'row').map((l) => (l.type === 'row' ? l.row_id : ''));
    expect(managerRows).toEqual(expect.arrayContaining([mine.id, notMine.id, notMine.memberId]));
  });

  it('refuses a snapshot for another device or an unauthenticated caller', async () => {
    const other = await fetch(`${test.url}/v1/sync/snapshot?device_id=${randomUUID()}`, { headers: { authorization: `Bearer ${branch.worker.token}` } });
    expect(other.status).toBe(403);
    const anonymous = await fetch(`${test.url}/v1/sync/snapshot`);
    expect(anonymous.status).toBe(401);
  });
});
