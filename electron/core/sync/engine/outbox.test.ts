import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PushChange, PushResult } from '../../../../shared/sync/api.ts';
import { updateHousehold } from '../../households/households.service.ts';
import { addMember } from '../../households/members.service.ts';
import { addDocument } from '../../households/records.service.ts';
import { importRegistry } from '../../import/import.service.ts';
import type { OpenSession } from '../../session/session.service.ts';
import { createTestDevice, type TestDevice } from '../../testing.ts';
import { addUser } from '../../users/users.service.ts';
import { markPushed, pendingCount, readOutbox, type OutboxBatch } from './outbox.ts';
import { listRejections } from './runs.ts';
import { count } from './test-support.ts';

const fixture = new URL('../../../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let device: TestDevice;
let session: OpenSession;
let householdId: string;

beforeEach(async () => {
  device = await createTestDevice();
  session = device.sessions.require();
  await importRegistry(device.sessions, { source: { kind: 'path', path: fixture }, dryRun: false });
  householdId = (await session.store.db.selectFrom('households').select('id').where('registry_ref', '=', 'RSU-ZAG-0000001').executeTakeFirstOrThrow()).id;
});
afterEach(async () => {
  await device.cleanup();
});

const entries = (table: string, rowId: string) =>
  session.store.sqlite.prepare('SELECT seq, op_id, base_seq, pushed_at FROM change_log WHERE table_name = ? AND row_id = ? ORDER BY seq').all(table, rowId) as {
    seq: number;
    op_id: string;
    base_seq: number;
    pushed_at: string | null;
  }[];

/** The whole outbox in batches, the way a bundle export reads it. */
const readAll = (options: { maxOps?: number; maxBytes?: number } = {}): OutboxBatch[] => {
  const batches: OutboxBatch[] = [];
  let afterSeq = 0;
  for (;;) {
    const batch = readOutbox(session.store, { ...options, afterSeq });
    if (batch.entries.length === 0 && batch.skipped.length === 0) return batches;
    batches.push(batch);
    afterSeq = Math.max(...batch.entries, ...batch.skipped);
  }
};

const opsOf = (changes: PushChange[], table: string, rowId: string) => changes.filter((op) => op.table === table && op.row_id === rowId);
const answer = (changes: PushChange[], status: PushResult['status'], extra: Partial<PushResult> = {}): PushResult[] =>
  changes.map((op) => ({ op_id: op.op_id, status, ...extra }));

describe('base_seq', () => {
  it('records the server sequence the device last saw for the row, 0 for a row never pulled', async () => {
    session.store.sqlite.prepare('INSERT INTO sync_rows (table_name, row_id, seq) VALUES (?, ?, ?)').run('households', householdId, 42);
    await updateHousehold(device.sessions, { id: householdId, notes: 'يحتاج متابعة' });
    const other = (await session.store.db.selectFrom('households').select('id').where('id', '!=', householdId).executeTakeFirstOrThrow()).id;
    await updateHousehold(device.sessions, { id: other, notes: 'x' });
    expect(entries('households', householdId).at(-1)?.base_seq).toBe(42);
    expect(entries('households', other).at(-1)?.base_seq).toBe(0);
  });
});

describe('reading the outbox', () => {
  it('sends field-level ops, a new row whole with its current columns, later entries with their own fields', async () => {
    await updateHousehold(device.sessions, { id: householdId, notes: 'ملاحظة' });
    const [batch] = readAll({ maxOps: 100_000, maxBytes: 1e9 });
    if (!batch) throw new Error('no batch');
    const [create, update] = entries('households', householdId);
    const createOps = batch.changes.filter((op) => op.op_id.startsWith(`${create?.op_id}:`));
    const fields = Object.fromEntries(createOps.map((op) => [op.field, op.value]));
    // Recorded by the import, and added from the row: what the server needs to create it.
    expect(fields).toMatchObject({ registry_ref: 'RSU-ZAG-0000001', status: 'active', deleted: 0, notes: 'ملاحظة' });
    expect(fields.created_at).toEqual(expect.any(String));
    expect(fields.district_id).toEqual(expect.any(String));
    expect(createOps.every((op) => op.op_id === `${create?.op_id}:${op.field}` && op.base_seq === 0 && op.user_id === session.user.id)).toBe(true);
    const updateOps = batch.changes.filter((op) => op.op_id.startsWith(`${update?.op_id}:`));
    // An edit also tells other devices when the row changed.
    expect(updateOps.map((op) => [op.field, op.value])).toEqual([['notes', 'ملاحظة'], ['updated_at', expect.any(String)]]);
  });

  it('sends only the recorded fields of a row the server already holds', async () => {
    session.store.sqlite.prepare('INSERT INTO sync_rows (table_name, row_id, seq) VALUES (?, ?, ?)').run('households', householdId, 7);
    session.store.sqlite.prepare('UPDATE change_log SET pushed_at = ?').run('2026-11-23T09:00:00Z');
    await updateHousehold(device.sessions, { id: householdId, phone: '0600000000' });
    const batch = readOutbox(session.store);
    expect(batch.changes.map((op) => [op.field, op.value, op.base_seq])).toEqual([
      ['phone_override', '0600000000', 7],
      ['updated_at', expect.any(String), 7],
    ]);
  });

  it('carries a new document with its file, base64', async () => {
    session.store.sqlite.prepare('UPDATE change_log SET pushed_at = ?').run('2026-11-23T09:00:00Z');
    const document = await addDocument(device.sessions, { householdId, name: 'cin.png', mime: 'image/png', dataBase64: png });
    const ops = opsOf(readOutbox(session.store).changes, 'documents', document.id);
    const fields = Object.fromEntries(ops.map((op) => [op.field, op.value]));
    expect(fields).toMatchObject({ household_id: householdId, name: 'cin.png', mime: 'image/png', content: png, deleted: 0, created_by: session.user.id });
  });

  it('never pushes accounts (server-managed) and marks their entries pushed', async () => {
    session.store.sqlite.prepare('UPDATE change_log SET pushed_at = ?').run('2026-11-23T09:00:00Z');
    const user = await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', password: 'worker-password-1', districtIds: [] });
    await updateHousehold(device.sessions, { id: householdId, notes: 'n' });
    const batch = readOutbox(session.store);
    expect(batch.changes.some((op) => op.table === 'users')).toBe(false);
    expect(batch.skipped).toEqual(entries('users', user.id).map((entry) => entry.seq));
    // Whatever is not a synced table stays on the device.
    session.store.sqlite
      .prepare('INSERT INTO change_log (op_id, branch_id, table_name, row_id, fields, device_time, user_id) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('local-op', session.branch.id, 'user_state', session.user.id, '{"queue_seen_at":"x"}', '2026-11-23T09:00:00Z', session.user.id);
    const withLocal = readOutbox(session.store);
    expect(withLocal.skipped).toHaveLength(batch.skipped.length + 1);
    expect(withLocal.changes).toEqual(batch.changes);
    expect(pendingCount(session.store)).toBe(3);
    markPushed(session.store, withLocal, answer(withLocal.changes, 'accepted'));
    expect(pendingCount(session.store)).toBe(0);
  });

  it('marks skipped entries pushed even with nothing sent', async () => {
    session.store.sqlite.prepare('UPDATE change_log SET pushed_at = ?').run('2026-11-23T09:00:00Z');
    await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', password: 'worker-password-1', districtIds: [] });
    const batch = readOutbox(session.store);
    expect(batch.changes).toEqual([]);
    expect(pendingCount(session.store)).toBe(1);
    markPushed(session.store, batch, []);
    expect(pendingCount(session.store)).toBe(0);
  });

  it('fills batches up to the op and byte limits without ever splitting an entry; a large entry goes alone', async () => {
    const whole = readAll({ maxOps: 100_000, maxBytes: 1e9 });
    expect(whole).toHaveLength(1);
    const all = whole[0] as OutboxBatch;
    const opsPerEntry = new Map<string, number>();
    for (const op of all.changes) opsPerEntry.set(op.op_id.split(':')[0] as string, (opsPerEntry.get(op.op_id.split(':')[0] as string) ?? 0) + 1);

    const small = readAll({ maxOps: 40 });
    expect(small.length).toBeGreaterThan(10);
    for (const batch of small) {
      expect(batch.changes.length).toBeLessThanOrEqual(40);
      const inBatch = new Map<string, number>();
      for (const op of batch.changes) inBatch.set(op.op_id.split(':')[0] as string, (inBatch.get(op.op_id.split(':')[0] as string) ?? 0) + 1);
      for (const [opId, n] of inBatch) expect(n).toBe(opsPerEntry.get(opId));
    }
    expect(small.flatMap((batch) => batch.changes)).toEqual(all.changes);
    expect(small.flatMap((batch) => batch.entries)).toEqual(all.entries);

    session.store.sqlite.prepare('UPDATE change_log SET pushed_at = ?').run('2026-11-23T09:00:00Z');
    const big = Buffer.alloc(200_000);
    Buffer.from(png, 'base64').copy(big);
    await addDocument(device.sessions, { householdId, name: 'scan.png', mime: 'image/png', dataBase64: big.toString('base64') });
    await updateHousehold(device.sessions, { id: householdId, notes: 'after' });
    const [first, second] = readAll({ maxBytes: 100_000 });
    expect(first?.entries).toHaveLength(1);
    expect(first?.changes.find((op) => op.field === 'content')).toBeDefined();
    expect(second?.changes.map((op) => op.field)).toEqual(['notes', 'updated_at']);
  });
});

describe('marking pushed', () => {
  it('marks entries whose every op was answered; keeps refusals; counts each kind', async () => {
    session.store.sqlite.prepare('UPDATE change_log SET pushed_at = ?').run('2026-11-23T09:00:00Z');
    session.store.sqlite.prepare('INSERT INTO sync_rows (table_name, row_id, seq) VALUES (?, ?, ?)').run('households', householdId, 3);
    await updateHousehold(device.sessions, { id: householdId, notes: 'a' });
    await updateHousehold(device.sessions, { id: householdId, notes: 'b', phone: '0611111111' });
    const member = await addMember(device.sessions, { householdId, firstNameAr: 'ريم', lastNameAr: 'الفاسي', sex: 'F', birthDate: '2020-01-01', relation: 'child' });
    const batch = readOutbox(session.store);
    const [a, b] = entries('households', householdId).slice(-2);
    const memberOps = opsOf(batch.changes, 'members', member.id);
    const results: PushResult[] = [
      { op_id: `${a?.op_id}:notes`, status: 'accepted', seq: 10, conflict: 'won' },
      { op_id: `${a?.op_id}:updated_at`, status: 'accepted', seq: 11 },
      { op_id: `${b?.op_id}:notes`, status: 'duplicate', seq: 12 },
      { op_id: `${b?.op_id}:updated_at`, status: 'duplicate', seq: 13 },
      { op_id: `${b?.op_id}:phone_override`, status: 'rejected', code: 'invalid-value' },
      // One op of the member's create is not answered: the entry stays in the outbox.
      ...answer(memberOps.slice(1), 'accepted'),
    ];
    const counts = markPushed(session.store, batch, results, new Date('2026-11-23T11:00:00Z'));
    expect(counts).toEqual({ accepted: 2 + memberOps.length - 1, duplicates: 2, rejected: 1, conflicts: 1 });
    expect(entries('households', householdId).slice(-2).map((entry) => entry.pushed_at)).toEqual(['2026-11-23T11:00:00.000Z', '2026-11-23T11:00:00.000Z']);
    expect(entries('members', member.id)[0]?.pushed_at).toBeNull();
    expect(listRejections(session.store)).toEqual([{ table: 'households', rowId: householdId, field: 'phone_override', code: 'invalid-value', at: '2026-11-23T11:00:00.000Z' }]);
    // Push results never move what the device has seen of a row: the pull brings it.
    expect(count(session.store, 'SELECT * FROM sync_rows WHERE seq > 3')).toBe(0);
    expect(readOutbox(session.store).entries).toEqual(entries('members', member.id).map((entry) => entry.seq));
  });
});
