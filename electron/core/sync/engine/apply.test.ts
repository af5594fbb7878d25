import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateHousehold } from '../../households/households.service.ts';
import { importRegistry } from '../../import/import.service.ts';
import { newId } from '../../db/ids.ts';
import { createPlan } from '../../plans/plans.service.ts';
import { myQueue } from '../../plans/queue.service.ts';
import { addDays, todayIso } from '../../../../shared/rules/dates.ts';
import { addDocument } from '../../households/records.service.ts';
import { searchHouseholds } from '../../search/search.service.ts';
import type { OpenSession } from '../../session/session.service.ts';
import { createTestDevice, type TestDevice } from '../../testing.ts';
import { addUser } from '../../users/users.service.ts';
import { applyPage } from './apply.ts';
import { whenIdle } from './exclusive.ts';
import { readSyncMeta } from './meta.ts';
import { readOutbox } from './outbox.ts';
import { change, count, page, rowChanges } from './test-support.ts';

const fixture = new URL('../../../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const at = '2026-11-22T08:00:00.000Z';

let device: TestDevice;
let session: OpenSession;
let districtId: string;
let householdId: string;

const pushEverything = () => session.store.sqlite.prepare('UPDATE change_log SET pushed_at = ? WHERE pushed_at IS NULL').run(at);
const seen = (table: string, rowId: string) =>
  (session.store.sqlite.prepare('SELECT seq FROM sync_rows WHERE table_name = ? AND row_id = ?').get(table, rowId) as { seq: number } | undefined)?.seq;
const row = (table: 'households' | 'members' | 'partners' | 'plans' | 'actions', id: string) =>
  session.store.sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
const outboxAndAudit = () => ({
  changes: count(session.store, 'SELECT * FROM change_log'),
  audit: count(session.store, 'SELECT * FROM audit_log'),
});

const householdFields = (extra: Record<string, unknown> = {}) => ({ district_id: districtId, created_at: at, updated_at: at, phone: '0612345678', ...extra });
const memberFields = (household: string, extra: Record<string, unknown> = {}) => ({
  household_id: household,
  first_name_ar: 'خديجة',
  last_name_ar: 'البقالي',
  first_name_lat: 'Khadija',
  last_name_lat: 'Bekkali',
  sex: 'F',
  birth_date: '1980-05-01',
  relation: 'head',
  source: 'worker',
  created_at: at,
  updated_at: at,
  ...extra,
});

beforeEach(async () => {
  device = await createTestDevice();
  session = device.sessions.require();
  await importRegistry(device.sessions, { source: { kind: 'path', path: fixture }, dryRun: false });
  const household = await session.store.db.selectFrom('households').select(['id', 'district_id']).where('registry_ref', '=', 'RSU-ZAG-0000001').executeTakeFirstOrThrow();
  householdId = household.id;
  districtId = household.district_id;
  pushEverything();
});
afterEach(async () => {
  await device.cleanup();
});

describe('applying a pulled page', () => {
  it('creates rows from field-level changes, outside the outbox and the audit chain, and moves the cursor', () => {
    const partnerId = newId();
    const before = outboxAndAudit();
    const result = applyPage(session.store, page({ cursor: 12, changes: rowChanges(10, 'partners', partnerId, { name: 'ANAPEC Zagora', kind: 'employment_agency', created_at: at }) }));
    expect(result).toEqual({ applied: 3, cursor: 12, deferred: false, usersChanged: [] });
    expect(row('partners', partnerId)).toMatchObject({ name: 'ANAPEC Zagora', kind: 'employment_agency', active: 1, branch_id: session.branch.id });
    expect(seen('partners', partnerId)).toBe(12);
    expect(outboxAndAudit()).toEqual(before);
    expect(readSyncMeta(session.store).cursor).toBe(12);
  });

  it('skips changes it already has and ignores tables and fields it does not know', () => {
    const id = newId();
    applyPage(session.store, page({ cursor: 20, enter: [{ table: 'households', row_id: id, seq: 20, fields: householdFields({ notes: 'from enter' }) }] }));
    const result = applyPage(
      session.store,
      page({
        cursor: 23,
        changes: [
          change(19, 'households', id, 'notes', 'older'),
          change(21, 'households', id, 'address', 'دوار تمزموط'),
          change(22, 'households', id, 'future_field', 'x'),
          change(23, 'future_table', 'x1', 'name', 'x'),
        ],
      }),
    );
    expect(result.applied).toBe(1);
    expect(row('households', id)).toMatchObject({ notes: 'from enter', address: 'دوار تمزموط' });
    expect(seen('households', id)).toBe(21);
  });

  it('keeps a field changed locally and not yet pushed on top (rebase), and still records the server sequence', async () => {
    session.store.sqlite.prepare('INSERT INTO sync_rows (table_name, row_id, seq) VALUES (?, ?, ?)').run('households', householdId, 5);
    await updateHousehold(device.sessions, { id: householdId, notes: 'local note' });
    applyPage(session.store, page({ cursor: 31, changes: [change(30, 'households', householdId, 'notes', 'server note'), change(31, 'households', householdId, 'address', 'server address')] }));
    expect(row('households', householdId)).toMatchObject({ notes: 'local note', address: 'server address' });
    expect(seen('households', householdId)).toBe(31);
    // Once pushed, the next pulled value is taken.
    pushEverything();
    applyPage(session.store, page({ cursor: 32, changes: [change(32, 'households', householdId, 'notes', 'local note')] }));
    expect(row('households', householdId)?.notes).toBe('local note');
  });

  it('keeps a locally pending field when the row enters the scope whole, and drops a removed member from search', async () => {
    session.store.sqlite.prepare('INSERT INTO sync_rows (table_name, row_id, seq) VALUES (?, ?, ?)').run('households', householdId, 5);
    await updateHousehold(device.sessions, { id: householdId, notes: 'local note' });
    const current = row('households', householdId) as Record<string, unknown>;
    applyPage(session.store, page({ cursor: 35, enter: [{ table: 'households', row_id: householdId, seq: 35, fields: { ...householdFields(), notes: 'server', address: 'enter address', registry_ref: current.registry_ref } }] }));
    expect(row('households', householdId)).toMatchObject({ notes: 'local note', address: 'enter address' });

    const member = (await session.store.db.selectFrom('members').select(['id', 'first_name_lat', 'last_name_lat']).where('household_id', '=', householdId).executeTakeFirstOrThrow());
    const hits = async () => (await searchHouseholds(device.sessions, `${member.first_name_lat} ${member.last_name_lat}`, 50)).filter((hit) => hit.memberId === member.id);
    expect(await hits()).toHaveLength(1);
    applyPage(session.store, page({ cursor: 36, changes: [change(36, 'members', member.id, 'deleted', 1)] }));
    expect(await hits()).toHaveLength(0);
  });

  it('stages a create whose required fields are split across pages and writes it when complete', () => {
    const household = newId();
    const member = newId();
    const { birth_date: birthDate, ...firstPart } = memberFields(household);
    applyPage(
      session.store,
      page({ cursor: 50, changes: [...rowChanges(40, 'households', household, householdFields()), ...rowChanges(45, 'members', member, firstPart)] }),
    );
    expect(row('members', member)).toBeUndefined();
    expect(count(session.store, 'SELECT * FROM sync_staged')).toBe(1);
    expect(readSyncMeta(session.store).cursor).toBe(50);
    applyPage(session.store, page({ cursor: 60, changes: [change(60, 'members', member, 'birth_date', birthDate)] }));
    expect(row('members', member)).toMatchObject({ first_name_ar: 'خديجة', birth_date: '1980-05-01', deleted: 0 });
    expect(count(session.store, 'SELECT * FROM sync_staged')).toBe(0);
    expect(seen('members', member)).toBe(60);
  });

  it('writes rows entering the scope whole, parents first, with their members findable by name', async () => {
    const household = newId();
    const member = newId();
    const result = applyPage(
      session.store,
      page({
        cursor: 70,
        enter: [
          { table: 'members', row_id: member, seq: 68, fields: memberFields(household, { national_id: 'JK123456' }) },
          { table: 'households', row_id: household, seq: 69, fields: householdFields({ assigned_worker_id: session.user.id, unknown_field: 1 }) },
        ],
      }),
    );
    expect(result.applied).toBe(2);
    expect(row('households', household)).toMatchObject({ status: 'active', assigned_worker_id: session.user.id });
    expect((await searchHouseholds(device.sessions, 'Bekkali', 10)).map((hit) => hit.householdId)).toEqual([household]);
    expect((await searchHouseholds(device.sessions, 'البقالي خديجة', 10)).map((hit) => hit.householdId)).toContain(household);
    expect((await searchHouseholds(device.sessions, 'JK123456', 10)).map((hit) => hit.householdId)).toEqual([household]);
    // A pulled rename and phone change reach the search index too.
    applyPage(session.store, page({ cursor: 72, changes: [change(71, 'members', member, 'last_name_lat', 'Bouzerkaoui'), change(72, 'households', household, 'phone', '0677777777')] }));
    expect(await searchHouseholds(device.sessions, 'Bekkali', 10)).toEqual([]);
    expect((await searchHouseholds(device.sessions, 'Bouzerkaoui', 10)).map((hit) => hit.householdId)).toEqual([household]);
    expect((await searchHouseholds(device.sessions, '0677777777', 10)).map((hit) => hit.householdId)).toEqual([household]);
  });

  it('replaces a pulled user’s districts and reports the users whose row changed', async () => {
    const user = await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', password: 'worker-password-1', districtIds: [] });
    const newUser = newId();
    const result = applyPage(
      session.store,
      page({
        cursor: 80,
        changes: [
          change(77, 'users', user.id, 'districts', [districtId]),
          change(78, 'users', user.id, 'disabled', 1),
          ...rowChanges(79, 'users', newUser, { username: 'omar', display_name: 'Omar', role: 'manager', created_at: at, updated_at: at, districts: [districtId] }),
        ],
      }),
    );
    expect(result.usersChanged.sort()).toEqual([user.id, newUser].sort());
    const links = session.store.sqlite.prepare('SELECT user_id, district_id, branch_id FROM user_districts ORDER BY user_id').all();
    expect(links).toEqual(
      [user.id, newUser].sort().map((id) => ({ user_id: id, district_id: districtId, branch_id: session.branch.id })),
    );
    expect(session.store.sqlite.prepare('SELECT disabled FROM users WHERE id = ?').get(user.id)).toEqual({ disabled: 1 });
  });

  it('stores a pulled document’s file once, by its checksum', () => {
    const documentId = newId();
    const sha256 = '6ab41c5a0a1bdcd4ba8a9c6b7a4d0b25a8be8b5a5d3ab4b2b94d5a1a7a6b0a38';
    const actual = createHash('sha256').update(Buffer.from(png, 'base64')).digest('hex');
    const fields = { household_id: householdId, name: 'cin.png', mime: 'image/png', size: 70, sha256: actual, content: png, created_by: session.user.id, created_at: at };
    applyPage(session.store, page({ cursor: 90, changes: rowChanges(85, 'documents', documentId, fields) }));
    expect(session.store.sqlite.prepare('SELECT d.name, length(b.data) AS bytes FROM documents d JOIN document_blobs b ON b.sha256 = d.sha256 WHERE d.id = ?').get(documentId)).toEqual({
      name: 'cin.png',
      bytes: Buffer.from(png, 'base64').length,
    });
    const bad = newId();
    expect(() => applyPage(session.store, page({ cursor: 99, changes: rowChanges(91, 'documents', bad, { ...fields, sha256 }) }))).toThrow(/checksum/);
    expect(readSyncMeta(session.store).cursor).toBe(90);
  });

  it('moves the cursor only when the whole page committed', () => {
    const partnerId = newId();
    const member = newId();
    applyPage(session.store, page({ cursor: 100 }));
    const before = { households: count(session.store, 'SELECT * FROM households'), partners: count(session.store, 'SELECT * FROM partners') };
    expect(() =>
      applyPage(
        session.store,
        page({
          cursor: 110,
          changes: [
            ...rowChanges(101, 'partners', partnerId, { name: 'P', kind: 'school', created_at: at }),
            change(105, 'households', householdId, 'notes', 'half-applied'),
            // A value the store's CHECK constraint refuses, after the rows above were written.
            ...rowChanges(106, 'members', member, memberFields(householdId, { sex: 'X' })),
          ],
        }),
      ),
    ).toThrow(/CHECK/);
    expect({ households: count(session.store, 'SELECT * FROM households'), partners: count(session.store, 'SELECT * FROM partners') }).toEqual(before);
    expect(row('households', householdId)?.notes).not.toBe('half-applied');
    expect(seen('partners', partnerId)).toBeUndefined();
    expect(readSyncMeta(session.store).cursor).toBe(100);
  });

  it('rolls back a page whose rows break a foreign key at commit', () => {
    const member = newId();
    expect(() => applyPage(session.store, page({ cursor: 120, changes: rowChanges(111, 'members', member, memberFields(newId())) }))).toThrow(/FOREIGN KEY/);
    expect(session.store.sqlite.inTransaction).toBe(false);
    expect(row('members', member)).toBeUndefined();
    expect(readSyncMeta(session.store).cursor).toBe(0);
  });

  it('never joins a write transaction in flight: refuses, or waits for it with whenIdle', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const writing = session.store.db.transaction().execute(async (trx) => {
      await trx.updateTable('households').set({ notes: 'in flight' }).where('id', '=', householdId).execute();
      await held;
      throw new Error('rolled back');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(() => applyPage(session.store, page({ cursor: 7 }))).toThrow(expect.objectContaining({ reason: 'store-busy' }));
    expect(() => readOutbox(session.store)).toThrow(expect.objectContaining({ reason: 'store-busy' }));
    const waiting = whenIdle(session.store, () => applyPage(session.store, page({ cursor: 7, changes: [change(7, 'households', householdId, 'address', 'pulled')] })));
    release();
    await expect(writing).rejects.toThrow('rolled back');
    expect((await waiting).cursor).toBe(7);
    expect(row('households', householdId)).toMatchObject({ address: 'pulled' });
    expect(row('households', householdId)?.notes).not.toBe('in flight');
  });

  it('refuses a page asking for a fresh snapshot', () => {
    expect(() => applyPage(session.store, page({ cursor: 0, reset: true }))).toThrow(expect.objectContaining({ reason: 'sync-reset' }));
  });

  it('records open conflicts for managers when the page carries them', () => {
    applyPage(session.store, page({ cursor: 5, open_conflicts: 3 }));
    expect(readSyncMeta(session.store).openConflicts).toBe(3);
    applyPage(session.store, page({ cursor: 6 }));
    expect(readSyncMeta(session.store).openConflicts).toBe(3);
  });
});

describe('the queue', () => {
  it('sees a step pulled from the server at once (its cache follows the sync cursor)', async () => {
    const plan = await createPlan(device.sessions, { householdId, domain: 'employment', goals: 'عمل', status: 'active', actions: [] });
    pushEverything();
    expect((await myQueue(device.sessions)).some((item) => item.planId === plan.id)).toBe(false);
    const actionId = newId();
    applyPage(
      session.store,
      page({
        cursor: 300,
        changes: rowChanges(290, 'actions', actionId, {
          plan_id: plan.id,
          household_id: householdId,
          type: 'call',
          title: 'اتصال',
          due_date: addDays(todayIso(), -2),
          assignee_id: session.user.id,
          status: 'planned',
          created_at: at,
          updated_at: at,
        }),
      }),
    );
    expect((await myQueue(device.sessions)).find((item) => item.actionId === actionId)).toMatchObject({ kind: 'overdue', planId: plan.id });
  });
});

describe('a household leaving the scope', () => {
  const setUpFile = async () => {
    const plan = await createPlan(device.sessions, {
      householdId,
      domain: 'health',
      goals: 'تغطية صحية',
      status: 'active',
      actions: [{ type: 'phone_call', title: 'اتصال', dueDate: '2026-11-30' }],
    });
    const document = await addDocument(device.sessions, { householdId, name: 'cin.png', mime: 'image/png', dataBase64: png });
    session.store.sqlite.prepare('INSERT INTO sync_rows (table_name, row_id, seq) VALUES (?, ?, ?)').run('households', householdId, 3);
    return { plan, document };
  };
  const left = () => ({
    household: count(session.store, 'SELECT * FROM households WHERE id = ?', householdId),
    members: count(session.store, 'SELECT * FROM members WHERE household_id = ?', householdId),
    plans: count(session.store, 'SELECT * FROM plans WHERE household_id = ?', householdId),
    actions: count(session.store, 'SELECT * FROM actions WHERE household_id = ?', householdId),
    documents: count(session.store, 'SELECT * FROM documents WHERE household_id = ?', householdId),
    blobs: count(session.store, 'SELECT * FROM document_blobs'),
    search: count(session.store, 'SELECT * FROM member_search WHERE household_id = ?', householdId),
    seen: count(session.store, `SELECT * FROM sync_rows WHERE table_name = 'households' AND row_id = ?`, householdId),
  });

  it('waits while the household has unpushed changes (the cursor stays), then removes it whole', async () => {
    await setUpFile();
    const before = left();
    expect(before.members).toBeGreaterThan(0);
    expect(before.search).toBe(before.members);
    const result = applyPage(session.store, page({ cursor: 200, leave: [householdId], changes: [change(199, 'households', householdId, 'notes', 'x')] }));
    expect(result).toEqual({ applied: 0, cursor: 0, deferred: true, usersChanged: [] });
    expect(left()).toEqual(before);
    expect(row('households', householdId)?.notes).not.toBe('x');

    pushEverything();
    const other = await session.store.db.selectFrom('households').select('id').where('id', '!=', householdId).executeTakeFirstOrThrow();
    const othersSearch = count(session.store, 'SELECT * FROM member_search WHERE household_id = ?', other.id);
    expect(applyPage(session.store, page({ cursor: 200, leave: [householdId] })).deferred).toBe(false);
    expect(left()).toEqual({ household: 0, members: 0, plans: 0, actions: 0, documents: 0, blobs: 0, search: 0, seen: 0 });
    expect(count(session.store, 'SELECT * FROM member_search WHERE household_id = ?', other.id)).toBe(othersSearch);
    expect(readSyncMeta(session.store).cursor).toBe(200);
  });

  it('counts a pending change to a step of its plans as unpushed', async () => {
    const { plan } = await setUpFile();
    pushEverything();
    session.store.sqlite.prepare('UPDATE change_log SET pushed_at = NULL WHERE table_name = ? AND row_id = ?').run('actions', plan.actions[0]?.id);
    expect(applyPage(session.store, page({ cursor: 5, leave: [householdId] })).deferred).toBe(true);
  });
});
