import { describe, expect, it } from 'vitest';
import { CoreError } from '../errors.ts';
import { localIsoDate, parseRegistryRow, registryColumns, resolveRegistryHeader, type RowProblem } from './registry-row.ts';

const today = '2025-06-01';

const validRow = (overrides: Record<string, string> = {}): Record<string, string> => ({
  household_ref: 'RSU-ZAG-0000001',
  registry_score: '10.5329',
  region: 'Drâa-Tafilalet',
  province: 'Zagora',
  commune: 'Tagounite',
  locality: 'Douar 6',
  address: '112 Tagounite',
  phone: '0681590830',
  member_ref: 'P000000001',
  national_id: 'J244083',
  first_name_ar: 'فاطمة',
  last_name_ar: 'الفاسي',
  first_name_lat: 'Fatima',
  last_name_lat: 'El Fassi',
  sex: 'F',
  birth_date: '1997-01-23',
  relation: 'head',
  education: 'none',
  in_school: '',
  employment: 'inactive',
  disability: 'no',
  chronic_illness: 'yes',
  health_coverage: 'amo_tadamon',
  ...overrides,
});

const problemsOf = (overrides: Record<string, string>): RowProblem[] => {
  const result = parseRegistryRow(validRow(overrides), 7, today);
  return result.ok ? [] : result.problems;
};

const accepted = (overrides: Record<string, string>) => {
  const result = parseRegistryRow(validRow(overrides), 7, today);
  if (!result.ok) throw new Error(`expected the row to be accepted, got ${result.problems.map((problem) => problem.reason).join(', ')}`);
  return result;
};

describe('parseRegistryRow', () => {
  it('splits a valid row into household and member fields', () => {
    const { household, member } = accepted({ locality: '  ', in_school: '', address: ' 112 Tagounite ' });
    expect(household).toEqual({
      householdRef: 'RSU-ZAG-0000001',
      registryScore: 10.5329,
      region: 'Drâa-Tafilalet',
      province: 'Zagora',
      commune: 'Tagounite',
      locality: null,
      address: '112 Tagounite',
      phone: '0681590830',
    });
    expect(member).toMatchObject({
      memberRef: 'P000000001',
      nationalId: 'J244083',
      sex: 'F',
      birthDate: '1997-01-23',
      relation: 'head',
      inSchool: null,
      disability: false,
      chronicIllness: true,
      healthCoverage: 'amo_tadamon',
    });
  });

  it('treats a missing optional column as empty', () => {
    const row = validRow();
    delete row.locality;
    delete row.national_id;
    const result = parseRegistryRow(row, 2, today);
    expect(result.ok && result.household.locality).toBeNull();
    expect(result.ok && result.member.nationalId).toBeNull();
  });

  it.each([
    ['0681590830', '0681590830'],
    ['06 81 59 08 30', '0681590830'],
    ['06-81-59-08-30', '0681590830'],
    ['+212681590830', '0681590830'],
    ['+212 6 81 59 08 30', '0681590830'],
    ['+212 (0)6 81 59 08 30', '0681590830'],
    ['00212781590830', '0781590830'],
    ['0528123456', '0528123456'],
  ])('normalises the phone %s', (phone, expected) => {
    expect(accepted({ phone }).household.phone).toBe(expected);
  });

  it.each(['0881590830', '068159083', '06815908300', '+33681590830', 'abc'])('rejects the phone %s', (phone) => {
    expect(problemsOf({ phone })).toEqual([expect.objectContaining({ line: 7, column: 'phone', reason: 'bad-phone' })]);
  });

  it.each([
    ['ja123456', 'JA123456'],
    [' JA 123 456 ', 'JA123456'],
    ['J1', 'J1'],
  ])('normalises the national ID %s', (nationalId, expected) => {
    expect(accepted({ national_id: nationalId }).member.nationalId).toBe(expected);
  });

  it.each(['123456', 'JAB123456', 'JA12345678', 'JA-123456', 'JA'])('rejects the national ID %s', (nationalId) => {
    expect(problemsOf({ national_id: nationalId })).toEqual([expect.objectContaining({ column: 'national_id', reason: 'bad-national-id' })]);
  });

  it.each([
    ['7,25', 7.25],
    ['7.25', 7.25],
    [' 12 ', 12],
  ])('reads the score %s', (score, expected) => {
    expect(accepted({ registry_score: score }).household.registryScore).toBe(expected);
  });

  it.each(['abc', '1.2.3', '7,', 'Infinity', '1e5', '1 000'])('rejects the score %s', (score) => {
    expect(problemsOf({ registry_score: score })).toEqual([expect.objectContaining({ column: 'registry_score', reason: 'bad-score' })]);
  });

  it.each(['2001-02-30', '2001-13-01', '23/01/1997', '1997-1-23', '1850-01-01'])('rejects the birth date %s', (birthDate) => {
    expect(problemsOf({ birth_date: birthDate })).toEqual([expect.objectContaining({ column: 'birth_date', reason: 'bad-date' })]);
  });

  it('accepts a leap day and today, and rejects tomorrow as a future birth date', () => {
    expect(accepted({ birth_date: '2024-02-29' }).member.birthDate).toBe('2024-02-29');
    expect(accepted({ birth_date: today }).member.birthDate).toBe(today);
    expect(problemsOf({ birth_date: '2025-06-02' })).toEqual([expect.objectContaining({ reason: 'future-birth-date' })]);
  });

  it('takes today from the machine when none is given', () => {
    expect(localIsoDate(new Date(2025, 0, 5, 23, 30))).toBe('2025-01-05');
    const result = parseRegistryRow(validRow({ birth_date: `${new Date().getFullYear() + 1}-01-01` }), 2);
    expect(result.ok).toBe(false);
  });

  it.each([
    ['sex', 'f'],
    ['sex', 'X'],
    ['relation', 'cousin'],
    ['relation', 'Head'],
    ['education', 'college'],
    ['employment', 'farmer'],
    ['health_coverage', 'ramed'],
    ['in_school', 'oui'],
    ['disability', 'true'],
    ['chronic_illness', '1'],
  ])('rejects %s = %s as bad-enum', (column, value) => {
    expect(problemsOf({ [column]: value })).toEqual([expect.objectContaining({ column, reason: 'bad-enum' })]);
  });

  it('reports every problem of a row, each with its column', () => {
    const problems = problemsOf({ household_ref: '', first_name_ar: ' ', sex: '', birth_date: '2001-02-30', national_id: 'X' });
    expect(problems.map((problem) => [problem.column, problem.reason])).toEqual([
      ['household_ref', 'required'],
      ['national_id', 'bad-national-id'],
      ['first_name_ar', 'required'],
      ['sex', 'required'],
      ['birth_date', 'bad-date'],
    ]);
    expect(problems.every((problem) => problem.line === 7)).toBe(true);
  });

  it('rejects text that was not decoded as UTF-8', () => {
    expect(problemsOf({ last_name_lat: 'El F\uFFFDssi' })).toEqual([expect.objectContaining({ column: 'last_name_lat', reason: 'bad-encoding' })]);
  });

  it('never puts a value from the row into a message', () => {
    const bad = { phone: '0999111222', national_id: 'QQ99887766', registry_score: 'zz9', birth_date: '2099-12-31', relation: 'voisin', sex: 'Z' };
    const messages = problemsOf(bad).map((problem) => problem.message);
    expect(messages).toHaveLength(6);
    for (const value of Object.values(bad)) expect(messages.join('\n')).not.toContain(value);
  });
});

describe('resolveRegistryHeader', () => {
  const names = registryColumns.map((column) => column.name);

  it('finds columns in any order and case, ignoring unknown ones', () => {
    const header = resolveRegistryHeader(['notes', ...names.map((name) => ` ${name.toUpperCase()} `).reverse()]);
    expect(header.width).toBe(names.length + 1);
    expect(header.indexes.get('health_coverage')).toBe(1);
    expect(header.indexes.get('household_ref')).toBe(names.length);
  });

  it('accepts a header without the optional columns', () => {
    const required = registryColumns.filter((column) => column.required).map((column) => column.name);
    expect(resolveRegistryHeader(required).indexes.size).toBe(required.length);
  });

  it('names every missing required column and every repeated one', () => {
    const cells = names.filter((name) => name !== 'birth_date' && name !== 'sex').concat('phone');
    const error = (() => {
      try {
        resolveRegistryHeader(cells);
      } catch (thrown) {
        return thrown;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(CoreError);
    expect(error).toMatchObject({ code: 'validation', reason: 'bad-header' });
    const issues = error instanceof CoreError ? error.issues ?? [] : [];
    expect(issues.map((issue) => issue.path).sort()).toEqual(['birth_date', 'phone', 'sex']);
  });
});
