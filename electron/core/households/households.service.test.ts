import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importRegistry } from '../import/import.service.ts';
import { createTestDevice, type TestDevice } from '../testing.ts';
import { getHouseholdFile, householdHistory, listScopedHouseholds, updateHousehold } from './households.service.ts';
import { addMember, removeMember } from './members.service.ts';
import { addDocument, addEnrollment, addVisit, getDocument, listProgrammes } from './records.service.ts';

const fixture = new URL('../../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;
// A 1x1 PNG.
const png = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

let device: TestDevice;
let householdId: string;
beforeEach(async () => {
  device = await createTestDevice();
  await importRegistry(device.sessions, { source: { kind: 'path', path: fixture }, dryRun: false });
  const row = await device.sessions.require().store.db.selectFrom('households').select('id').where('registry_ref', '=', 'RSU-ZAG-0000001').executeTakeFirstOrThrow();
  householdId = row.id;
});
afterEach(async () => {
  await device.cleanup();
});

describe('household list', () => {
  it('counts, pages and sorts; filters by score, district and flags', async () => {
    const all = await listScopedHouseholds(device.sessions, { sort: 'score', limit: 10 });
    expect(all.total).toBe(40);
    expect(all.rows).toHaveLength(10);
    const scores = all.rows.map((row) => row.registryScore ?? 0);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
    const next = await listScopedHouseholds(device.sessions, { sort: 'score', limit: 10, offset: 10 });
    expect(next.rows[0]?.registryScore ?? 0).toBeGreaterThanOrEqual(scores.at(-1) ?? 0);

    const poor = await listScopedHouseholds(device.sessions, { scoreMax: 9 });
    expect(poor.rows.every((row) => (row.registryScore ?? 99) <= 9)).toBe(true);
    const first = all.rows[0];
    const sameDistrict = await listScopedHouseholds(device.sessions, { districtIds: [first?.districtId ?? ''], limit: 500 });
    expect(sameDistrict.rows.every((row) => row.districtId === first?.districtId)).toBe(true);
    const disabled = await listScopedHouseholds(device.sessions, { flags: ['disability'], limit: 500 });
    expect(disabled.rows.every((row) => row.flags.includes('disability'))).toBe(true);
    expect(disabled.total).toBeLessThan(40);
    expect(all.rows.every((row) => row.headNameAr !== null && row.memberCount > 0)).toBe(true);
  });
});

describe('household file', () => {
  it('shows the header and members, head first', async () => {
    const file = await getHouseholdFile(device.sessions, householdId);
    expect(file.household).toMatchObject({ registryRef: 'RSU-ZAG-0000001', headNameLat: 'Fatima El Fassi', phone: '0681590830' });
    expect(file.members[0]?.relation).toBe('head');
    await expect(getHouseholdFile(device.sessions, 'missing')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('adds and removes a member, records a visit, a document and an enrollment, all in the history', async () => {
    const newborn = await addMember(device.sessions, { householdId, firstNameAr: 'ريم', lastNameAr: 'الفاسي', sex: 'F', birthDate: '2026-10-01', relation: 'child' });
    await expect(
      addMember(device.sessions, { householdId, firstNameAr: 'غد', lastNameAr: 'الفاسي', sex: 'F', birthDate: '2999-01-01', relation: 'child' }),
    ).rejects.toMatchObject({ code: 'validation' });
    const visit = await addVisit(device.sessions, { householdId, type: 'home', visitedAt: '2026-11-20', notes: 'زيارة منزلية' });
    const document = await addDocument(device.sessions, { householdId, name: 'cin.png', mime: 'image/png', dataBase64: png });
    await expect(addDocument(device.sessions, { householdId, name: 'fake.pdf', mime: 'application/pdf', dataBase64: png })).rejects.toMatchObject({
      reason: 'bad-document',
    });
    const [programme] = await listProgrammes(device.sessions);
    await addEnrollment(device.sessions, { householdId, programmeId: programme?.id ?? '', status: 'active', startDate: '2026-01-01' });
    await updateHousehold(device.sessions, { id: householdId, phone: '0700000000' });

    const file = await getHouseholdFile(device.sessions, householdId);
    expect(file.members.map((member) => member.id)).toContain(newborn.id);
    expect(file.visits[0]?.id).toBe(visit.id);
    expect(file.documents[0]?.id).toBe(document.id);
    expect(file.enrollments).toHaveLength(1);
    expect(file.household).toMatchObject({ phone: '0700000000', registryPhone: '0681590830' });
    expect((await getDocument(device.sessions, document.id)).dataBase64).toBe(png);

    await removeMember(device.sessions, newborn.id);
    expect((await getHouseholdFile(device.sessions, householdId)).members.map((member) => member.id)).not.toContain(newborn.id);

    const history = await householdHistory(device.sessions, householdId);
    const entities = history.map((entry) => `${entry.entity}:${entry.action}`);
    expect(entities).toEqual(expect.arrayContaining(['members:create', 'members:delete', 'visits:create', 'documents:create', 'enrollments:create', 'households:update']));
    expect(history.find((entry) => entry.entity === 'households' && entry.action === 'update')?.fields).toEqual(['phone_override']);

    const outbox = await device.sessions.require().store.db.selectFrom('change_log').select(['table_name', 'row_id']).where('row_id', '=', newborn.id).execute();
    expect(outbox.length).toBe(2);
  });
});

describe('household rules in the core', () => {
  it('refuses a second head, a visit in the future and an enrollment ending before it starts', async () => {
    await expect(
      addMember(device.sessions, { householdId, firstNameAr: 'علي', lastNameAr: 'الفاسي', sex: 'M', birthDate: '1980-01-01', relation: 'head' }),
    ).rejects.toMatchObject({ code: 'conflict', reason: 'several-heads' });
    await expect(addVisit(device.sessions, { householdId, type: 'phone', visitedAt: '2999-01-01', notes: 'x' })).rejects.toMatchObject({ reason: 'future-date' });
    const [programme] = await listProgrammes(device.sessions);
    await expect(
      addEnrollment(device.sessions, { householdId, programmeId: programme?.id ?? '', status: 'active', startDate: '2026-05-01', endDate: '2026-01-01' }),
    ).rejects.toMatchObject({ reason: 'end-before-start' });
  });
});
