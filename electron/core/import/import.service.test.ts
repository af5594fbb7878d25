import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/audit.repository.ts';
import { listScopedHouseholds, updateHousehold } from '../households/households.service.ts';
import { addMember, updateMember } from '../households/members.service.ts';
import { addVisit } from '../households/records.service.ts';
import { createTestDevice, type TestDevice } from '../testing.ts';
import { importRegistry } from './import.service.ts';

export const sampleFixture = new URL('../../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;

let device: TestDevice;
beforeEach(async () => {
  device = await createTestDevice();
});
afterEach(async () => {
  await device.cleanup();
});

const importFile = (path: string, dryRun = false) => importRegistry(device.sessions, { source: { kind: 'path', path }, dryRun });

/** Everything registry-owned in the store, as comparable text. */
const snapshot = async () => {
  const { db } = device.sessions.require().store;
  const households = await db.selectFrom('households').select(['registry_ref', 'registry_score', 'district_id', 'phone', 'phone_override', 'notes']).orderBy('registry_ref').execute();
  const members = await db.selectFrom('members').select(['registry_ref', 'national_id', 'first_name_ar', 'birth_date', 'household_id', 'deleted']).orderBy('registry_ref').execute();
  return JSON.stringify({ households, members });
};

describe('registry import', () => {
  it('imports the sample fixture; a dry run writes nothing; importing twice gives the same store', async () => {
    const dry = await importFile(sampleFixture, true);
    expect(dry.households).toEqual({ created: 40, updated: 0, unchanged: 0 });
    expect((await listScopedHouseholds(device.sessions, {})).total).toBe(0);

    const first = await importFile(sampleFixture);
    expect(first.households.created).toBe(40);
    expect(first.members.created).toBe(dry.members.created);
    expect(first.rejected).toEqual([]);
    expect(first.districtsCreated.length).toBeGreaterThan(0);
    const before = await snapshot();

    const second = await importFile(sampleFixture);
    expect(second.households).toEqual({ created: 0, updated: 0, unchanged: 40 });
    expect(second.members).toEqual({ created: 0, updated: 0, unchanged: first.members.created });
    expect(second.districtsCreated).toEqual([]);
    expect(await snapshot()).toBe(before);
    expect((await verifyAudit(device.sessions.require().store.db)).ok).toBe(true);
  });

  it('imports the good rows of a file with malformed ones and reports each bad one with its line', async () => {
    const lines = (await readFile(sampleFixture, 'utf8')).trimEnd().split('\n');
    const header = lines[0] ?? '';
    const columns = header.split(',');
    const broken = (line: string, column: string, value: string) => {
      const cells = line.split(',');
      cells[columns.indexOf(column)] = value;
      return cells.join(',');
    };
    // Household RSU-ZAG-0000001 occupies lines 2-5; break a child's row (line 3) and a birth date (line 4).
    const rows = [...lines];
    rows[2] = broken(rows[2] ?? '', 'birth_date', '2011-02-30');
    rows[3] = broken(rows[3] ?? '', 'sex', 'X');
    const file = join(device.dataDir, 'broken.csv');
    await writeFile(file, `${rows.join('\n')}\n`);
    const report = await importFile(file);
    expect(report.rejected.map((problem) => [problem.line, problem.reason])).toEqual([
      [3, 'bad-date'],
      [4, 'bad-enum'],
    ]);
    expect(report.households.created).toBe(40);
    expect(report.members.created).toBe(lines.length - 1 - 2);
  });

  it('updates registry-owned fields and never overwrites what workers recorded', async () => {
    await importFile(sampleFixture);
    const household = await device.sessions
      .require()
      .store.db.selectFrom('households')
      .select('id')
      .where('registry_ref', '=', 'RSU-ZAG-0000001')
      .executeTakeFirstOrThrow();
    await updateHousehold(device.sessions, { id: household.id, phone: '0612345678', notes: 'يفضل الاتصال مساءً' });
    await addVisit(device.sessions, { householdId: household.id, type: 'home', visitedAt: '2026-11-20', notes: 'زيارة منزلية' });
    const newborn = await addMember(device.sessions, {
      householdId: household.id,
      firstNameAr: 'ريم',
      lastNameAr: 'الفاسي',
      sex: 'F',
      birthDate: '2026-10-01',
      relation: 'child',
    });

    const text = await readFile(sampleFixture, 'utf8');
    const file = join(device.dataDir, 'next-month.csv');
    // The registry re-scored the first household and changed its address.
    await writeFile(file, text.replaceAll('10.5329,', '9.1000,').replaceAll('112 Tagounite', '7 Rue Nouvelle'));
    const report = await importFile(file);
    expect(report.households).toEqual({ created: 0, updated: 1, unchanged: 39 });

    const { db } = device.sessions.require().store;
    const row = await db.selectFrom('households').selectAll().where('id', '=', household.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ registry_score: 9.1, address: '7 Rue Nouvelle', phone_override: '0612345678', notes: 'يفضل الاتصال مساءً' });
    expect(await db.selectFrom('visits').select('id').where('household_id', '=', household.id).execute()).toHaveLength(1);
    expect(await db.selectFrom('members').select('deleted').where('id', '=', newborn.id).executeTakeFirst()).toEqual({ deleted: 0 });
  });

  it('keeps a worker’s correction of a registry member only until the registry says otherwise, and keeps removed members removed', async () => {
    await importFile(sampleFixture);
    const { db } = device.sessions.require().store;
    const member = await db.selectFrom('members').selectAll().where('registry_ref', '=', 'P000000002').executeTakeFirstOrThrow();
    await updateMember(device.sessions, { id: member.id, employment: 'employed' });
    const again = await importFile(sampleFixture);
    // Member attributes come from the registry: the next extract is authoritative for them.
    expect(again.members.updated).toBe(1);
    expect(await db.selectFrom('members').select('employment').where('id', '=', member.id).executeTakeFirst()).toEqual({ employment: member.employment });
  });

  it('refuses a worker (admin only) and a file with a bad header, writing nothing', async () => {
    const file = join(device.dataDir, 'bad.csv');
    await writeFile(file, 'household_ref,whatever\nRSU-1,2\n');
    await expect(importFile(file)).rejects.toMatchObject({ code: 'validation', reason: 'bad-header' });
    expect((await listScopedHouseholds(device.sessions, {})).total).toBe(0);
  });
});
