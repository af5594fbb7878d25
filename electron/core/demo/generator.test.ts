import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegistry } from '../import/import.service.ts';
import { readRegistryFile } from '../import/registry-file.ts';
import { localIsoDate, parseRegistryRow } from '../import/registry-row.ts';
import { createTestDevice, type TestDevice } from '../testing.ts';
import { addUser } from '../users/users.service.ts';
import {
  csvField,
  generateCaseActivity,
  generateRegistryRows,
  mixedSearchQueries,
  querySourceFromRow,
  registryColumnNames,
  writeRegistryCsv,
  writeRegistryXlsx,
  type RegistryRow,
} from './generator.ts';
import { familyNames, femaleFirstNames, maleFirstNames } from './names.ts';
import { createRandom } from './random.ts';
import { allCommunes } from './territory.ts';

const today = '2026-06-01';
const rowsOf = (seed: number, households: number, startRef?: number): RegistryRow[] => [
  ...generateRegistryRows({ seed, households, today, ...(startRef === undefined ? {} : { startRef }) }),
];
const byHousehold = (rows: readonly RegistryRow[]): Map<string, RegistryRow[]> => {
  const groups = new Map<string, RegistryRow[]>();
  for (const row of rows) groups.set(row.household_ref, [...(groups.get(row.household_ref) ?? []), row]);
  return groups;
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowakaba-demo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 5 }, () => random.int(0, 1_000_000));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    const random = createRandom(1);
    const values = Array.from({ length: 10_000 }, () => random.normal(9.5, 1.5, 3, 16));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(9.4);
    expect(mean).toBeLessThan(9.6);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(3);
  });
});

describe('name and territory pools', () => {
  it('have enough names with Arabic spellings and Latin variants, and 15–25 communes', () => {
    expect(femaleFirstNames.length).toBeGreaterThanOrEqual(60);
    expect(maleFirstNames.length).toBeGreaterThanOrEqual(60);
    expect(familyNames.length).toBeGreaterThanOrEqual(80);
    for (const entry of [...femaleFirstNames, ...maleFirstNames, ...familyNames]) {
      expect(entry.ar).toMatch(/^[\u0600-\u06FF ]+$/);
      expect(entry.lat.length).toBeGreaterThan(0);
    }
    expect(femaleFirstNames.map((entry) => entry.ar)).toEqual(expect.arrayContaining(['فاطمة', 'أمينة', 'عائشة', 'إيمان']));
    expect(maleFirstNames.find((entry) => entry.ar === 'محمد')?.lat).toEqual(expect.arrayContaining(['Mohamed', 'Mohammed', 'Muhammad']));
    expect(familyNames.find((entry) => entry.ar === 'الفاسي')?.lat).toEqual(['El Fassi', 'Al Fassi', 'Elfassi']);
    expect(allCommunes.length).toBeGreaterThanOrEqual(15);
    expect(allCommunes.length).toBeLessThanOrEqual(25);
    expect(new Set(allCommunes.map((place) => place.commune.name)).size).toBe(allCommunes.length);
  });
});

describe('generateRegistryRows', () => {
  it('gives identical rows for the same seed and different rows for another', () => {
    expect(rowsOf(11, 300)).toEqual(rowsOf(11, 300));
    expect(rowsOf(12, 300)).not.toEqual(rowsOf(11, 300));
    // More households extend the same run.
    expect(rowsOf(11, 400).slice(0, rowsOf(11, 300).length)).toEqual(rowsOf(11, 300));
  });

  it('writes every README column, and every row passes the importer check, with exactly one head per household', () => {
    const rows = rowsOf(3, 3000);
    expect(Object.keys(rows[0] ?? {})).toEqual(registryColumnNames);
    rows.forEach((row, index) => {
      const parsed = parseRegistryRow(row, index + 2, today);
      if (!parsed.ok) throw new Error(`row ${index + 2}: ${JSON.stringify(parsed.problems)}`);
    });
    const households = byHousehold(rows);
    expect(households.size).toBe(3000);
    for (const members of households.values()) {
      expect(members.filter((member) => member.relation === 'head')).toHaveLength(1);
      expect(members.length).toBeGreaterThanOrEqual(1);
      expect(members.length).toBeLessThanOrEqual(9);
      expect(new Set(members.map((member) => member.registry_score)).size).toBe(1);
    }
    const mean = rows.length / households.size;
    expect(mean).toBeGreaterThan(4.5);
    expect(mean).toBeLessThan(5.5);
    for (const row of rows) {
      expect(row.household_ref).toMatch(/^RSU-[A-Z]{3}-\d{7}$/);
      expect(row.member_ref).toMatch(/^P\d{9}$/);
      expect(row.registry_score).toMatch(/^\d{1,2}\.\d{4}$/);
      expect(Number(row.registry_score)).toBeGreaterThanOrEqual(3);
      expect(Number(row.registry_score)).toBeLessThanOrEqual(16);
      if (row.phone) expect(row.phone).toMatch(/^0[67]\d{8}$/);
      const adult = row.birth_date <= '2008-06-01';
      if (adult) expect(row.national_id).toMatch(/^[A-Z]{1,2}\d{5,7}$/);
      else expect(row.national_id).toBe('');
    }
    const withPhone = [...households.values()].filter((members) => members[0]?.phone).length / households.size;
    expect(withPhone).toBeGreaterThan(0.75);
    expect(withPhone).toBeLessThan(0.85);
  });

  it('keeps national IDs and refs unique over 20,000 households, and across runs with disjoint ranges', () => {
    const rows = rowsOf(5, 20_000);
    const ids = rows.map((row) => row.national_id).filter((id) => id !== '');
    expect(ids.length).toBeGreaterThan(50_000);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(rows.map((row) => row.member_ref)).size).toBe(rows.length);
    expect(byHousehold(rows).size).toBe(20_000);

    const next = rowsOf(5, 1000, 20_001);
    const seen = new Set(ids);
    expect(next.some((row) => row.national_id !== '' && seen.has(row.national_id))).toBe(false);
    expect(next[0]?.household_ref).toMatch(/-0020001$/);
  });

  it('refuses bad options', () => {
    expect(() => rowsOf(1, -1)).toThrow(RangeError);
    expect(() => rowsOf(1, 10, 9_999_995)).toThrow(RangeError);
    expect(() => [...generateRegistryRows({ seed: 1, households: 1, today: '2026-13-01' })]).toThrow(RangeError);
  });
});

describe('extract files', () => {
  it('quotes CSV fields the RFC 4180 way', () => {
    expect(csvField('N° 12, Hay Al Amal')).toBe('"N° 12, Hay Al Amal"');
    expect(csvField('Immeuble "Al Amal"')).toBe('"Immeuble ""Al Amal"""');
    expect(csvField('فاطمة')).toBe('فاطمة');
  });

  it('writes a CSV of 300 households that imports with no rejected row', async () => {
    const path = join(dir, 'extract-300.csv');
    const written = await writeRegistryCsv(path, { seed: 9, households: 300, today });
    const text = await readFile(path, 'utf8');
    expect(written.bytes).toBe(Buffer.byteLength(text));
    expect(text.startsWith(`${registryColumnNames.join(',')}\r\n`)).toBe(true);

    const { households, report } = await readRegistryFile(path, { today });
    expect(report.rejected).toEqual([]);
    expect(report.warnings).toEqual([]);
    expect(report.possibleDuplicates).toEqual([]);
    expect(report.households).toBe(300);
    expect(report.members).toBe(written.members);
    expect(written).toMatchObject({ households: 300, members: rowsOf(9, 300).length });
    // Quoted addresses come back whole.
    const rows = rowsOf(9, 300);
    const quoted = rows.find((row) => row.address.includes(','));
    expect(quoted).toBeDefined();
    expect(households.find((household) => household.householdRef === quoted?.household_ref)?.address).toBe(quoted?.address);
  });

  it('writes an XLSX of 50 households that reads the same as the CSV', async () => {
    const options = { seed: 21, households: 50, today };
    const xlsx = join(dir, 'extract-50.xlsx');
    const csv = join(dir, 'extract-50.csv');
    const written = await writeRegistryXlsx(xlsx, options);
    await writeRegistryCsv(csv, options);
    const fromXlsx = await readRegistryFile(xlsx, { today });
    const fromCsv = await readRegistryFile(csv, { today });
    expect(fromXlsx.report.rejected).toEqual([]);
    expect(fromXlsx.report).toEqual(fromCsv.report);
    expect(fromXlsx.households).toEqual(fromCsv.households);
    expect(written.households).toBe(50);
    expect(written.bytes).toBeGreaterThan(0);
    await expect(writeRegistryXlsx(join(dir, 'big.xlsx'), { ...options, households: 5001 })).rejects.toThrow(RangeError);
  });
});

describe('mixedSearchQueries', () => {
  it('mixes Arabic, Latin variants, prefixes, national IDs, phones and refs', () => {
    const sources = rowsOf(4, 400).map(querySourceFromRow);
    const queries = mixedSearchQueries(4, sources, 240);
    expect(queries).toHaveLength(240);
    expect(mixedSearchQueries(4, sources, 240)).toEqual(queries);
    const arabic = queries.filter((query) => /\p{Script=Arabic}/u.test(query));
    const latin = queries.filter((query) => /^[\p{Script=Latin} '’-]+$/u.test(query));
    const digits = queries.filter((query) => /\d{5,}/.test(query));
    expect(arabic.length).toBeGreaterThan(60);
    expect(latin.length).toBeGreaterThan(50);
    expect(digits.length).toBeGreaterThan(20);
    expect(queries.some((query) => query.startsWith('+212'))).toBe(true);
    expect(queries.some((query) => /^rsu-|^RSU-/.test(query))).toBe(true);
    // Lazy Arabic: a bare alef or ه where the registry wrote أ/إ or ة.
    const lazy = queries.filter((query) => /\p{Script=Arabic}/u.test(query) && !/[أإآة]/.test(query) && sources.some((source) => /[أإآة]/.test(`${source.firstNameAr} ${source.lastNameAr}`) && query === `${source.firstNameAr} ${source.lastNameAr}`.replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه')));
    expect(lazy.length).toBeGreaterThan(0);
    // Latin spellings the registry did not use for that row.
    const spellings = new Set(sources.flatMap((source) => [source.firstNameLat, source.lastNameLat]).map((name) => name?.toLowerCase()));
    expect(latin.some((query) => query.split(' ').some((word) => !spellings.has(word.toLowerCase())))).toBe(true);
    // Short prefixes as typed.
    expect(queries.some((query) => query.length <= 5 && !/\d/.test(query))).toBe(true);
  });
});

describe('generateCaseActivity', () => {
  let device: TestDevice;
  beforeAll(async () => {
    device = await createTestDevice();
  });
  afterAll(async () => {
    await device.cleanup();
  });

  it('fills plans, actions and visits on a real store and shares households evenly between workers', async () => {
    const now = localIsoDate();
    const path = join(device.dataDir, 'generated.csv');
    await writeRegistryCsv(path, { seed: 31, households: 240, today: now });
    const report = await importRegistry(device.sessions, { source: { kind: 'path', path }, dryRun: false });
    expect(report.rejected).toEqual([]);
    expect(report.households.created).toBe(240);

    const salma = await addUser(device.sessions, { username: 'salma', displayName: 'Salma', role: 'worker', districtIds: [], password: 'worker-password-1' });
    const karim = await addUser(device.sessions, { username: 'karim', displayName: 'Karim', role: 'worker', districtIds: [], password: 'worker-password-2' });
    const session = device.sessions.require();
    const { sqlite } = session.store;

    const counts = generateCaseActivity(
      sqlite,
      { branchId: session.branch.id, userIds: [salma.id, karim.id], managerId: session.user.id },
      { seed: 31, today: now, plansPerHousehold: 0.6, actionsPerPlan: 5, visitsPerHousehold: 5 },
    );
    const count = (sql: string): number => (sqlite.prepare(sql).get() as { n: number }).n;
    expect(count('SELECT count(*) AS n FROM plans')).toBe(counts.plans);
    expect(count('SELECT count(*) AS n FROM actions')).toBe(counts.actions);
    expect(count('SELECT count(*) AS n FROM visits')).toBe(counts.visits);
    expect(counts.plans).toBeGreaterThan(100);
    expect(counts.plans).toBeLessThan(200);
    expect(counts.actions / counts.plans).toBeGreaterThan(4);
    expect(counts.actions / counts.plans).toBeLessThan(6);
    expect(counts.visits).toBeGreaterThan(1000);
    expect(counts.visits).toBeLessThan(1400);

    const loads = sqlite.prepare('SELECT assigned_worker_id AS worker, count(*) AS n FROM households GROUP BY assigned_worker_id').all() as { worker: string | null; n: number }[];
    expect(loads.map((load) => load.worker).sort()).toEqual([salma.id, karim.id].sort());
    expect(loads.map((load) => load.n)).toEqual([120, 120]);

    expect(count(`SELECT count(*) AS n FROM actions WHERE status = 'planned' AND due_date < '${now}'`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM actions WHERE status = 'done' AND outcome_code IN ('job_found', 'training_started', 'coverage_enrolled', 'school_enrolled')`)).toBeGreaterThan(0);
    expect(count(`SELECT count(*) AS n FROM actions WHERE status = 'done' AND completed_at > '${now}T23:59:59.999Z'`)).toBe(0);
    expect(count(`SELECT count(*) AS n FROM actions a JOIN households h ON h.id = a.household_id WHERE a.assignee_id IS NOT h.assigned_worker_id`)).toBe(0);
    expect(count(`SELECT count(DISTINCT type) AS n FROM visits`)).toBe(4);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
