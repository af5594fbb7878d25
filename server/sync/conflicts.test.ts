import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictSchema, type Conflict, type PullResponse } from '../../shared/sync/api.ts';
import { branchFixture, changesFor, householdFields, planFields, pullAll, type BranchFixture, type Session } from '../test-api.ts';
import { serverBackends, startTestServer, type TestServer } from '../testing.ts';

/** The value a device holds for a field after applying these changes in order. */
const finalValue = (pulled: PullResponse, rowId: string, field: string): unknown => pulled.changes.filter((c) => c.row_id === rowId && c.field === field).at(-1)?.value;

describe.each(serverBackends)('conflicts on %s', (backend) => {
  let test: TestServer;
  let branch: BranchFixture;

  beforeAll(async () => {
    test = await startTestServer(backend);
    branch = await branchFixture(test);
    // Both workers' devices in step, so later changes reach them as changes.
    await pullAll(branch.worker, 0);
  }, 60_000);
  afterAll(() => test?.close());

  const lastSeq = async () => Number((await test.server.db.selectFrom('branches').select('last_seq').where('id', '=', test.branchId).executeTakeFirstOrThrow()).last_seq);
  const conflicts = async (session: Session, status = 'open') => {
    const answer = await session.get<Conflict[]>(`/v1/conflicts?status=${status}`);
    expect(answer.status).toBe(200);
    return answer.body.map((c) => conflictSchema.parse(c));
  };
  const household = async () => {
    const id = randomUUID();
    await branch.manager.push(changesFor('households', id, householdFields(branch.districtA, { notes: 'initial' })));
    await pullAll(branch.worker, 0);
    return id;
  };

  it('keeps the last change to arrive, records the other, and both devices converge', async () => {
    const id = await household();
    const base = await lastSeq();
    const fromField = await branch.worker.push(changesFor('households', id, { notes: 'from the field' }, { baseSeq: base }));
    expect(fromField.body.results[0]).toMatchObject({ status: 'accepted' });
    expect(fromField.body.results[0]?.conflict).toBeUndefined();
    const fromOffice = await branch.manager.push(changesFor('households', id, { notes: 'from the office' }, { baseSeq: base }));
    expect(fromOffice.body.results[0]).toMatchObject({ status: 'accepted', conflict: 'won' });

    expect(finalValue(await pullAll(branch.worker, base), id, 'notes')).toBe('from the office');
    expect(finalValue(await pullAll(branch.manager, base), id, 'notes')).toBe('from the office');
    const recorded = (await conflicts(branch.manager)).find((c) => c.row_id === id);
    expect(recorded).toMatchObject({
      table: 'households',
      field: 'notes',
      household_id: id,
      status: 'open',
      kept: { value: 'from the office', user_id: branch.manager.userId, seq: fromOffice.body.results[0]?.seq },
      lost: { value: 'from the field', user_id: branch.worker.userId },
    });
    // A change made after seeing the other is no conflict.
    const seen = await branch.worker.push(changesFor('households', id, { notes: 'agreed' }, { baseSeq: await lastSeq() }));
    expect(seen.body.results[0]?.conflict).toBeUndefined();
  });

  it("holds a manager's protected value against a worker's concurrent change, and tells the worker's device", async () => {
    const id = await household();
    const planId = randomUUID();
    await branch.manager.push(changesFor('plans', planId, { ...planFields(id, branch.manager.userId), status: 'draft' }));
    const { cursor: base } = await pullAll(branch.worker, 0);
    const closed = await branch.manager.push(changesFor('plans', planId, { status: 'closed', closed_by: branch.manager.userId }, { baseSeq: base }));
    expect(closed.body.results.map((r) => r.status)).toEqual(['accepted', 'accepted']);

    const reopen = changesFor('plans', planId, { status: 'active' }, { baseSeq: base });
    const reopened = await branch.worker.push(reopen);
    const result = reopened.body.results[0];
    expect(result).toMatchObject({ status: 'accepted', conflict: 'lost', seq: expect.any(Number) });
    expect(result?.seq).toBeGreaterThan(closed.body.results[1]?.seq as number);
    // The worker's device still shows "active"; its next pull restates "closed" under a newer sequence.
    const pulled = await pullAll(branch.worker, base);
    expect(finalValue(pulled, planId, 'status')).toBe('closed');
    expect(pulled.changes.find((c) => c.seq === result?.seq)).toMatchObject({ row_id: planId, field: 'status', value: 'closed', user_id: branch.manager.userId });
    expect((await conflicts(branch.manager)).find((c) => c.row_id === planId)).toMatchObject({ kept: { value: 'closed' }, lost: { value: 'active', user_id: branch.worker.userId } });
    // Retrying the push is a duplicate with the same sequence.
    const retried = await branch.worker.push(reopen);
    expect(retried.body.results).toEqual([{ op_id: result?.op_id, status: 'duplicate', seq: result?.seq }]);
  });

  it('does not let a device win through a clock set a year ahead', async () => {
    const id = await household();
    const base = await lastSeq();
    const future = new Date(Date.now() + 365 * 24 * 3600_000).toISOString();
    await branch.worker.push(changesFor('households', id, { notes: 'from the future' }, { baseSeq: base, deviceTime: future }));
    const later = await branch.manager.push(changesFor('households', id, { notes: 'from today' }, { baseSeq: base, deviceTime: new Date().toISOString() }));
    expect(later.body.results[0]).toMatchObject({ conflict: 'won' });
    const pulled = await pullAll(branch.manager, base);
    expect(finalValue(pulled, id, 'notes')).toBe('from today');
    expect(pulled.changes.find((c) => c.value === 'from the future')?.device_time).toBe(future);
  });

  it('lets a manager confirm or restore, once, and keeps workers out of the queue', async () => {
    const id = await household();
    const base = await lastSeq();
    await branch.worker.push(changesFor('households', id, { phone: '0600000001', notes: 'worker notes' }, { baseSeq: base }));
    await branch.manager.push(changesFor('households', id, { phone: '0600000002', notes: 'manager notes' }, { baseSeq: base }));
    const open = (await conflicts(branch.manager)).filter((c) => c.row_id === id);
    const phone = open.find((c) => c.field === 'phone') as Conflict;
    const notes = open.find((c) => c.field === 'notes') as Conflict;

    const confirmed = await branch.manager.post<Conflict>(`/v1/conflicts/${phone.id}/resolve`, { keep: 'kept' });
    expect(confirmed.body).toMatchObject({ status: 'confirmed', resolved_by: branch.manager.userId, resolved_at: expect.any(String) });
    const before = await lastSeq();
    const restored = await branch.manager.post<Conflict>(`/v1/conflicts/${notes.id}/resolve`, { keep: 'lost' });
    expect(restored.body).toMatchObject({ status: 'restored' });
    const pulled = await pullAll(branch.worker, before);
    expect(pulled.changes.map((c) => [c.row_id, c.field, c.value, c.user_id])).toEqual([[id, 'notes', 'worker notes', branch.manager.userId]]);
    expect(finalValue(await pullAll(branch.manager, base), id, 'phone')).toBe('0600000002');

    expect((await branch.manager.post(`/v1/conflicts/${notes.id}/resolve`, { keep: 'kept' })).body).toMatchObject({ code: 'conflict' });
    expect((await branch.manager.post(`/v1/conflicts/${notes.id}/resolve`, { keep: 'maybe' })).status).toBe(400);
    expect((await branch.manager.post(`/v1/conflicts/${randomUUID()}/resolve`, { keep: 'kept' })).status).toBe(404);
    expect((await conflicts(branch.manager)).some((c) => c.id === notes.id)).toBe(false);
    expect((await conflicts(branch.manager, 'all')).find((c) => c.id === notes.id)?.status).toBe('restored');
    expect((await branch.worker.get('/v1/conflicts')).body).toMatchObject({ code: 'forbidden' });
    expect((await branch.worker.post(`/v1/conflicts/${phone.id}/resolve`, { keep: 'lost' })).status).toBe(403);
    expect((await branch.manager.pull(await lastSeq())).body.open_conflicts).toEqual(expect.any(Number));
  });
});
