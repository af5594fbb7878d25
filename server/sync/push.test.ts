import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBranch } from '../app.ts';
import { branchFixture, changesFor, householdFields, memberFields, pullAll, signIn, type BranchFixture, type Session } from '../test-api.ts';
import { serverBackends, startTestServer, type TestServer } from '../testing.ts';

describe.each(serverBackends)('push on %s', (backend) => {
  let test: TestServer;
  let branch: BranchFixture;

  beforeAll(async () => {
    test = await startTestServer(backend);
    branch = await branchFixture(test);
  }, 60_000);
  afterAll(() => test?.close());

  const opsCount = async () => Number((await test.server.db.selectFrom('ops').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const codes = (results: { status: string; code?: string }[]) => results.map((r) => r.code ?? r.status);

  /** A household in district A with one member, created by the manager; returns its id. */
  const household = async (districtId = branch.districtA) => {
    const id = randomUUID();
    const answer = await branch.manager.push([...changesFor('households', id, householdFields(districtId)), ...changesFor('members', randomUUID(), memberFields(id))]);
    expect(answer.body.results.every((r) => r.status === 'accepted')).toBe(true);
    return id;
  };

  it('accepts a batch once: the same batch again is all duplicates with the same sequences', async () => {
    const id = randomUUID();
    const changes = [...changesFor('households', id, householdFields(branch.districtA, { notes: 'first visit' })), ...changesFor('members', randomUUID(), memberFields(id))];
    const first = await branch.worker.push(changes);
    expect(first.status).toBe(200);
    expect(first.body.results.map((r) => r.status)).toEqual(changes.map(() => 'accepted'));
    const seqs = first.body.results.map((r) => r.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const before = await opsCount();

    const again = await branch.worker.push(changes);
    expect(again.body.results).toEqual(changes.map((c, i) => ({ op_id: c.op_id, status: 'duplicate', seq: seqs[i] })));
    expect(await opsCount()).toBe(before);
    const pulled = await pullAll(branch.manager, (seqs[0] as number) - 1);
    expect(pulled.changes.filter((c) => c.row_id === id && c.field === 'notes').map((c) => c.value)).toEqual(['first visit']);
  });

  it('refuses a push for another branch as a whole, writing nothing', async () => {
    const before = await opsCount();
    const answer = await branch.manager.push(changesFor('households', randomUUID(), householdFields(branch.districtA)), { branch_id: randomUUID() });
    expect(answer).toEqual({ status: 403, body: { code: 'wrong-branch', message: expect.any(String) } });
    expect(await opsCount()).toBe(before);
  });

  it('refuses malformed bodies with 400 bad-request', async () => {
    const before = await opsCount();
    const valid = changesFor('households', randomUUID(), householdFields(branch.districtA));
    const bad = [
      { changes: 'nope' },
      { schema_version: 'one' },
      { changes: [{ ...valid[0], base_seq: -1 }] },
      { changes: [{ ...valid[0], extra: true }] },
      { changes: Array.from({ length: 501 }, () => valid[0]) },
    ];
    for (const overrides of bad) {
      const answer = await branch.manager.push(valid, overrides);
      expect(answer.status).toBe(400);
      expect(answer.body).toMatchObject({ code: 'bad-request' });
    }
    expect(await opsCount()).toBe(before);
  });

  it('rejects changes outside the allow-list, each with its code, and applies the rest', async () => {
    const id = await household();
    const before = await opsCount();
    const answer = await branch.manager.push([
      ...changesFor('secrets', id, { x: 1 }),
      ...changesFor('households', id, { password: 'x' }),
      ...changesFor('households', id, { status: 'lost' }),
      ...changesFor('users', branch.worker.userId, { role: 'admin' }),
      ...changesFor('households', id, { notes: 'kept' }),
    ]);
    expect(codes(answer.body.results)).toEqual(['unknown-table', 'unknown-field', 'invalid-value', 'server-managed', 'accepted']);
    expect(await opsCount()).toBe(before + 1);
  });

  it("refuses a worker's assignment and a worker's change outside her districts", async () => {
    const inB = await household(branch.districtB);
    const inA = await household(branch.districtA);
    const before = await opsCount();
    const answer = await branch.worker.push([
      ...changesFor('households', inA, { assigned_worker_id: branch.worker.userId }),
      ...changesFor('households', inB, { notes: 'not mine' }),
      ...changesFor('members', randomUUID(), memberFields(inB)),
      ...changesFor('households', randomUUID(), householdFields(branch.districtB)),
      ...changesFor('households', inA, { district_id: branch.districtB }),
    ]);
    expect(codes(answer.body.results)).toEqual(['role-forbidden', 'out-of-scope', ...Array(9).fill('out-of-scope'), ...Array(4).fill('out-of-scope'), 'out-of-scope']);
    expect(await opsCount()).toBe(before);
    // Managers hold the whole branch.
    const managers = await branch.manager.push(changesFor('households', inB, { assigned_worker_id: branch.worker.userId }));
    expect(codes(managers.body.results)).toEqual(['accepted']);
    // Now assigned to her, it is hers to edit even outside her districts.
    expect(codes((await branch.worker.push(changesFor('households', inB, { notes: 'mine now' }))).body.results)).toEqual(['accepted']);
  });

  it('refuses a change naming as its author a user who never signed in on that device', async () => {
    const id = await household();
    const answer = await branch.worker.push(changesFor('households', id, { notes: 'x' }, { userId: branch.manager.userId }));
    expect(codes(answer.body.results)).toEqual(['role-forbidden']);
    const own = await branch.worker.push(changesFor('households', id, { notes: 'x' }, { userId: branch.worker.userId }));
    expect(codes(own.body.results)).toEqual(['accepted']);
  });

  it("judges a shared laptop's changes as their authors': a colleague's pushed by whoever syncs, in the author's role and scope", async () => {
    const inB = await household(branch.districtB);
    // The manager signed in on the worker's laptop earlier; the worker now syncs the outbox of both.
    await signIn(test.url, branch.passwords.manager.username, branch.passwords.manager.password, branch.worker.deviceId);
    const managers = await branch.worker.push(changesFor('households', inB, { notes: 'seen by the manager' }, { userId: branch.manager.userId }));
    expect(codes(managers.body.results)).toEqual(['accepted']);
    const authored = await test.server.db.selectFrom('ops').select('user_id').where('op_id', '=', `${managers.body.results[0]?.op_id}`).executeTakeFirstOrThrow();
    expect(authored.user_id).toBe(branch.manager.userId);
    // Her own change there is still out of her scope, and a worker's assignment is still refused.
    expect(codes((await branch.worker.push(changesFor('households', inB, { notes: 'mine?' }))).body.results)).toEqual(['out-of-scope']);
    const assignment = await branch.worker.push(changesFor('households', inB, { assigned_worker_id: branch.worker.userId }, { userId: branch.worker.userId }));
    expect(codes(assignment.body.results)).toEqual(['role-forbidden']);
  });

  it('creates a row only whole, under an existing household, with references that exist', async () => {
    const id = await household();
    const before = await opsCount();
    const { household_id: _h, first_name_ar: _f, ...incomplete } = memberFields(id);
    const answer = await branch.manager.push([
      ...changesFor('members', randomUUID(), { household_id: id, ...incomplete }),
      ...changesFor('members', randomUUID(), memberFields(randomUUID())),
      ...changesFor('households', randomUUID(), householdFields(randomUUID())),
    ]);
    expect(codes(answer.body.results)).toEqual([...Array(8).fill('missing-fields'), ...Array(9).fill('invalid-value'), ...Array(4).fill('invalid-value')]);
    expect(await opsCount()).toBe(before);
  });

  it('keeps rows in their household and append-only rows unedited', async () => {
    const id = await household();
    const other = await household();
    const memberId = randomUUID();
    const visitId = randomUUID();
    const visit = { household_id: id, user_id: branch.manager.userId, type: 'home', visited_at: '2026-11-02T10:00:00.000Z', notes: 'visited', created_at: '2026-11-02T10:00:00.000Z' };
    const created = await branch.manager.push([...changesFor('members', memberId, memberFields(id)), ...changesFor('visits', visitId, visit)]);
    expect(created.body.results.every((r) => r.status === 'accepted')).toBe(true);
    const answer = await branch.manager.push([...changesFor('members', memberId, { household_id: other }), ...changesFor('visits', visitId, { notes: 'edited' })]);
    expect(codes(answer.body.results)).toEqual(['invalid-value', 'append-only']);
  });

  it('refuses a row that belongs to another branch', async () => {
    const otherBranch = await initBranch(test.server, { branchName: 'Other branch', adminUsername: `other${randomUUID().slice(0, 8)}`, adminPassword: 'other-admin-password' });
    const answer = await branch.admin.push(changesFor('users', otherBranch.adminId, { display_name: 'x' }));
    expect(codes(answer.body.results)).toEqual(['server-managed']);
    const districtOfOther = randomUUID();
    const otherAdmin = await test.server.db.selectFrom('accounts').select('username').where('id', '=', otherBranch.adminId).executeTakeFirstOrThrow();
    const elsewhere = await signIn(test.url, otherAdmin.username, 'other-admin-password');
    expect(codes((await elsewhere.push(changesFor('districts', districtOfOther, { name: 'Far', created_at: '2026-11-01T00:00:00.000Z' }))).body.results)).toEqual(['accepted', 'accepted']);
    const answerHere = await branch.manager.push(changesFor('districts', districtOfOther, { name: 'Near', created_at: '2026-11-01T00:00:00.000Z' }));
    expect(codes(answerHere.body.results)).toEqual(['wrong-branch', 'wrong-branch']);
    const branchRow = await branch.admin.push(changesFor('branches', otherBranch.branchId, { name: 'Mine', created_at: '2026-11-01T00:00:00.000Z' }));
    expect(codes(branchRow.body.results)).toEqual(['wrong-branch', 'wrong-branch']);
  });

  it('orders concurrent pushes without gaps or interleaving, and pulls see every change once', async () => {
    const start = Number((await test.server.db.selectFrom('branches').select('last_seq').where('id', '=', test.branchId).executeTakeFirstOrThrow()).last_seq);
    const sessions = Array.from({ length: 30 }, (_, i) => [branch.manager, branch.admin, branch.worker][i % 3] as Session);
    const answers = await Promise.all(
      sessions.map((session, i) => {
        const id = randomUUID();
        return Promise.all([session.push([...changesFor('households', id, householdFields(branch.districtA, { notes: `batch ${i}` })), ...changesFor('members', randomUUID(), memberFields(id))]), branch.manager.pull(start)]);
      }),
    );
    const seqs = answers.flatMap(([push]) => push.body.results.map((r) => r.seq as number)).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: sessions.length * 14 }, (_, i) => start + i + 1));
    // Each batch got one unbroken run of sequences.
    for (const [push] of answers) {
      const own = push.body.results.map((r) => r.seq as number);
      expect(own).toEqual(Array.from({ length: own.length }, (_, i) => (own[0] as number) + i));
    }
    const pulled = await pullAll(branch.manager, start);
    expect(pulled.changes.map((c) => c.seq)).toEqual(seqs);
  });
});
