import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listScopedHouseholds } from '../households/households.service.ts';
import { importRegistry } from '../import/import.service.ts';
import { adminPassword, createTestDevice, type TestDevice } from '../testing.ts';
import { addUser, listBranchDistricts } from '../users/users.service.ts';
import { searchHouseholds } from './search.service.ts';

const fixture = new URL('../../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;

let device: TestDevice;
beforeEach(async () => {
  device = await createTestDevice();
  await importRegistry(device.sessions, { source: { kind: 'path', path: fixture }, dryRun: false });
});
afterEach(async () => {
  await device.cleanup();
});

const namesFound = async (query: string) => (await searchHouseholds(device.sessions, query, 50)).map((hit) => hit.nameLat);

describe('search', () => {
  it.each([
    ['فاطمه الفاسي', 'Fatima El Fassi'],
    ['فاطمة الفاسى', 'Fatima El Fassi'],
    ['فاط', 'Fatima El Fassi'],
    ['fatema al fassi', 'Fatima El Fassi'],
    ['Fatima Elfassi', 'Fatima El Fassi'],
    ['Mohammed Ouali', 'Mohamed Ouali'],
    ['Muhammad', 'Mohamed Ouali'],
    ['محمد', 'Mohamed Ouali'],
    ['Yusuf Idrissi', 'Youssef Idrissi'],
    ['youssif el idrissi', 'Youssef Idrissi'],
    ['Khadidja', 'Khadija Idrissi'],
    ['Aïcha', 'Aicha Ouali'],
    ['عايشه', 'Aicha Ouali'],
    ['Hasan Tazi', 'Hassan Tazi'],
    ['Rashid Bouziane', 'Rachid Bouziane'],
  ])('finds %s → %s', async (query, expected) => {
    expect(await namesFound(query)).toContain(expected);
  });

  it('finds by national ID, phone and registry ref, typed loosely', async () => {
    const byId = await searchHouseholds(device.sessions, 'j 244083', 10);
    expect(byId.map((hit) => hit.nationalId)).toEqual(['J244083']);
    const byPhone = await searchHouseholds(device.sessions, '+212 6 81 59 08 30', 10);
    expect(byPhone[0]?.registryRef).toBe('RSU-ZAG-0000001');
    const byRef = await searchHouseholds(device.sessions, 'rsu-zag-0000001', 10);
    expect(new Set(byRef.map((hit) => hit.registryRef))).toEqual(new Set(['RSU-ZAG-0000001']));
  });

  it('does not match names that only look alike, and ignores FTS syntax in the query', async () => {
    expect(await namesFound('Fadwa')).not.toContain('Fatima El Fassi');
    expect(await searchHouseholds(device.sessions, '" OR * NEAR(', 10)).toEqual([]);
    expect(await searchHouseholds(device.sessions, '   ', 10)).toEqual([]);
  });

  it('never returns a household of a district the worker does not cover', async () => {
    const districts = await listBranchDistricts(device.sessions);
    const tagounite = districts.find((district) => district.name === 'Tagounite');
    if (!tagounite) throw new Error('no district');
    await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: [tagounite.id], password: 'worker-password-1' });
    const everywhere = await searchHouseholds(device.sessions, 'Youssef', 50);
    expect(new Set(everywhere.map((hit) => hit.districtName)).size).toBeGreaterThan(1);

    await device.sessions.lock();
    await device.sessions.unlock('salma', 'worker-password-1');
    for (const query of ['Youssef', 'يوسف', 'Fatima', 'RSU-', '0681590830']) {
      for (const hit of await searchHouseholds(device.sessions, query, 50)) expect(hit.districtName).toBe('Tagounite');
    }
    expect(await searchHouseholds(device.sessions, 'Bouziane', 50)).toEqual([]);
    const { rows, total } = await listScopedHouseholds(device.sessions, { limit: 500 });
    expect(total).toBeGreaterThan(0);
    expect(rows.every((row) => row.districtName === 'Tagounite')).toBe(true);
    await device.sessions.lock();
    await device.sessions.unlock('admin', adminPassword);
  });
});
