import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import { CoreError } from '../errors.ts';
import { readRegistryFile, type RegistryReport } from './registry-file.ts';
import { registryColumns } from './registry-row.ts';

const sample = '/work/shared/fixtures/registry-sample.csv';
const today = '2025-06-01';
const columnNames = registryColumns.map((column) => column.name);

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mowakaba-registry-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

type Row = Record<string, string>;

const row = (householdRef: string, memberRef: string, relation: string, overrides: Row = {}): Row => ({
  household_ref: householdRef,
  registry_score: '10.5329',
  region: 'Drâa-Tafilalet',
  province: 'Zagora',
  commune: 'Tagounite',
  locality: 'Douar 6',
  address: '112 Tagounite',
  phone: '0681590830',
  member_ref: memberRef,
  national_id: '',
  first_name_ar: 'فاطمة',
  last_name_ar: 'الفاسي',
  first_name_lat: 'Fatima',
  last_name_lat: 'El Fassi',
  sex: 'F',
  birth_date: '1997-01-23',
  relation,
  education: 'none',
  in_school: '',
  employment: 'inactive',
  disability: 'no',
  chronic_illness: 'no',
  health_coverage: 'none',
  ...overrides,
});

interface CsvOptions {
  delimiter?: string;
  eol?: string;
  bom?: boolean;
  columns?: readonly string[];
}

const toCsv = (rows: readonly Row[], { delimiter = ',', eol = '\n', bom = false, columns = columnNames }: CsvOptions = {}): string => {
  const quote = (value: string): string => (/[",;\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value);
  const lines = [columns, ...rows.map((values) => columns.map((name) => values[name] ?? ''))];
  return (bom ? '\uFEFF' : '') + lines.map((cells) => cells.map(quote).join(delimiter)).join(eol) + eol;
};

const writeCsv = async (name: string, content: string | Buffer): Promise<string> => {
  const path = join(root, name);
  await writeFile(path, content);
  return path;
};

const read = (path: string, options: Parameters<typeof readRegistryFile>[1] = {}) => readRegistryFile(path, { today, ...options });

const failure = async (promise: Promise<unknown>): Promise<CoreError> => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof CoreError) return error;
    throw error;
  }
  throw new Error('expected the import to fail');
};

const allMessages = (report: RegistryReport): string =>
  [...report.rejected, ...report.warnings].map((problem) => problem.message).join('\n');

const reasonsByLine = (report: RegistryReport): [number, string | null, string][] =>
  report.rejected.map((problem) => [problem.line, problem.column, problem.reason]);

describe('readRegistryFile', () => {
  it('reads the shared sample: 40 households, every member, nothing rejected', async () => {
    const lines = (await readFile(sample, 'utf8')).split(/\r?\n/).filter((line) => line.trim() !== '').slice(1);
    const householdRefs = new Set(lines.map((line) => line.split(',')[0]));

    const progress: number[] = [];
    const { households, report } = await readRegistryFile(sample, { onProgress: (done) => progress.push(done.rows) });

    expect(householdRefs.size).toBe(40);
    expect(report).toMatchObject({ rows: lines.length, households: 40, members: lines.length, rejected: [], warnings: [] });
    expect(households).toHaveLength(40);
    expect(households.reduce((total, household) => total + household.members.length, 0)).toBe(lines.length);
    expect(households.every((household) => household.members.filter((member) => member.relation === 'head').length === 1)).toBe(true);
    expect(households[0]).toMatchObject({ householdRef: 'RSU-ZAG-0000001', line: 2, phone: '0681590830', registryScore: 10.5329 });
    expect(households[0]?.members.map((member) => member.memberRef)).toEqual(['P000000001', 'P000000002', 'P000000003', 'P000000004']);
    expect(progress).toEqual([lines.length]);
  });

  it('rejects exactly the malformed rows, with their lines and reasons, and imports the rest', async () => {
    const bad = {
      date: '2001-02-30',
      cin: 'XX12345678',
      phone: '0812345678',
      relation: 'cousin',
      future: '2031-01-01',
      score: 'abc',
    };
    const path = await writeCsv('malformed.csv', toCsv([
      row('H1', 'M1', 'head'), // line 2
      row('H1', 'M2', 'child', { birth_date: bad.date }), // 3
      row('H1', 'M3', 'child', { national_id: bad.cin }), // 4
      row('H1', 'M4', 'child', { phone: bad.phone }), // 5
      row('H1', 'M5', 'child', { first_name_ar: '' }), // 6
      row('H1', 'M6', bad.relation), // 7
      row('H1', 'M7', 'child', { birth_date: bad.future }), // 8
      row('H1', 'M8', 'child', { registry_score: bad.score }), // 9
      row('H1', 'M9', 'child'), // 10
      row('H2', 'M10', 'head', { first_name_ar: 'يوسف' }), // 11
    ]));

    const { households, report } = await read(path);

    expect(reasonsByLine(report)).toEqual([
      [3, 'birth_date', 'bad-date'],
      [4, 'national_id', 'bad-national-id'],
      [5, 'phone', 'bad-phone'],
      [6, 'first_name_ar', 'required'],
      [7, 'relation', 'bad-enum'],
      [8, 'birth_date', 'future-birth-date'],
      [9, 'registry_score', 'bad-score'],
    ]);
    expect(report).toMatchObject({ rows: 10, households: 2, members: 3, warnings: [] });
    expect(households.map((household) => household.members.map((member) => member.memberRef))).toEqual([['M1', 'M9'], ['M10']]);
    const messages = allMessages(report);
    for (const value of Object.values(bad)) expect(messages).not.toContain(value);
    expect(messages).not.toMatch(/فاطمة|Fatima|M\d/);
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ])('keeps line numbers right after a quoted field holding a comma and a line break (%s)', async (_name, eol) => {
    const path = await writeCsv('quoted.csv', toCsv([
      row('H1', 'M1', 'head', { address: `12, Derb Sidi Ali${eol}Bab Doukkala`, locality: 'Douar "Lkbir"' }), // lines 2-3
      row('H1', 'M2', 'child', { birth_date: '2001-02-30' }), // line 4
      row('H2', 'M3', 'head'), // line 5
      row('H2', 'M4', 'child', { address: `a${eol}b${eol}c`, sex: 'X' }), // lines 6-8
      row('H2', 'M5', 'child', { relation: 'cousin' }), // line 9
    ], { eol }));

    const { households, report } = await read(path);

    expect(reasonsByLine(report)).toEqual([
      [4, 'birth_date', 'bad-date'],
      [6, 'sex', 'bad-enum'],
      [9, 'relation', 'bad-enum'],
    ]);
    expect(households.map((household) => household.line)).toEqual([2, 5]);
    expect(households[0]?.address).toBe(`12, Derb Sidi Ali${eol}Bab Doukkala`);
    expect(households[0]?.locality).toBe('Douar "Lkbir"');
  });

  it('reads a semicolon-separated file with a byte order mark, as French Excel writes it', async () => {
    const rows = [row('H1', 'M1', 'head', { registry_score: '7,25', address: '3; rue 7' }), row('H1', 'M2', 'child'), row('H2', 'M3', 'head')];
    const commaPath = await writeCsv('comma.csv', toCsv(rows));
    const semicolonPath = await writeCsv('SEMICOLON.CSV', toCsv(rows, { delimiter: ';', bom: true, eol: '\r\n' }));

    const comma = await read(commaPath);
    const semicolon = await read(semicolonPath);

    expect(semicolon.report).toMatchObject({ rows: 3, households: 2, members: 3, rejected: [] });
    expect(semicolon.households).toEqual(comma.households);
    expect(semicolon.households[0]).toMatchObject({ registryScore: 7.25, address: '3; rue 7' });
  });

  it('reads an XLSX sheet with typed cells to the same households as the CSV', async () => {
    const rows = [
      row('H1', 'M1', 'head', { national_id: 'JA123456' }),
      row('H1', 'M2', 'child', { birth_date: '2011-08-29', in_school: 'yes', phone: '' }),
      row('H2', 'M3', 'head', { registry_score: '5.5977', phone: '0762459571', national_id: '' }),
    ];
    const typed = (values: Row) =>
      columnNames.map((name) => {
        const value = values[name] ?? '';
        if (value === '') return null;
        if (name === 'phone' || name === 'registry_score') return Number(value);
        if (name === 'birth_date') return new Date(`${value}T00:00:00Z`);
        return value;
      });
    const xlsxPath = join(root, 'extract.XLSX');
    await writeXlsxFile([[...columnNames], ...rows.map(typed)], { dateFormat: 'yyyy-mm-dd' }).toFile(xlsxPath);
    const csvPath = await writeCsv('extract.csv', toCsv(rows));

    const fromXlsx = await read(xlsxPath);
    const fromCsv = await read(csvPath);

    expect(fromXlsx.report).toEqual(fromCsv.report);
    expect(fromXlsx.households).toEqual(fromCsv.households);
    expect(fromXlsx.households[1]).toMatchObject({ phone: '0762459571', registryScore: 5.5977, line: 4 });
    expect(fromXlsx.households[0]?.members[1]).toMatchObject({ birthDate: '2011-08-29', inSchool: true, nationalId: null });
  });

  it('names the missing required column when the header is wrong', async () => {
    const path = await writeCsv('no-birth-date.csv', toCsv([row('H1', 'M1', 'head')], { columns: [...columnNames.filter((name) => name !== 'birth_date'), 'notes'] }));

    const error = await failure(read(path));

    expect(error).toMatchObject({ code: 'validation', reason: 'bad-header' });
    expect(error.issues).toEqual([{ path: 'birth_date', message: expect.any(String) }]);
  });

  it.each([
    ['extract.txt', 'unsupported-file', 'a,b'],
    ['extract.xls', 'unsupported-file', 'a,b'],
    ['empty.csv', 'empty-file', ''],
    ['blank.csv', 'empty-file', '\uFEFF\n\n'],
    ['broken.xlsx', 'unreadable-file', 'not a zip'],
    ['latin1.csv', 'not-utf8', Buffer.concat([Buffer.from(`${columnNames.join(',')}\nH1,1,R,P,C,,,,M1,,`), Buffer.from([0xe9]), Buffer.from(',x\n')])],
  ])('refuses %s as %s', async (name, reason, content) => {
    const error = await failure(read(await writeCsv(name, content)));
    expect(error).toMatchObject({ code: 'validation', reason });
  });

  it('refuses a file that is not there', async () => {
    expect(await failure(read(join(root, 'missing.csv')))).toMatchObject({ code: 'validation', reason: 'unreadable-file' });
  });

  it('gives an empty report for a header with no rows, and skips blank rows', async () => {
    expect((await read(await writeCsv('header.csv', toCsv([])))).report).toMatchObject({ rows: 0, households: 0 });
    const path = await writeCsv('blank-rows.csv', `${toCsv([row('H1', 'M1', 'head')])}\n${','.repeat(columnNames.length - 1)}\n${toCsv([row('H2', 'M2', 'head')]).split('\n')[1]}\n`);
    const { report, households } = await read(path);
    expect(report).toMatchObject({ rows: 2, households: 2, rejected: [] });
    expect(households.map((household) => household.line)).toEqual([2, 5]);
  });

  it('stops at a quote that is never closed, naming the line where the record starts', async () => {
    const csv = `${toCsv([row('H1', 'M1', 'head')])}H2,"10.5,R\nH3,1\n`;
    const error = await failure(read(await writeCsv('unclosed.csv', csv)));
    expect(error).toMatchObject({ code: 'validation', reason: 'bad-csv', issues: [{ path: 'line 3' }] });
  });

  it('rejects a row whose field count differs from the header', async () => {
    const csv = `${toCsv([row('H1', 'M1', 'head')])}H1,1,2\n`;
    const { report } = await read(await writeCsv('short.csv', csv));
    expect(reasonsByLine(report)).toEqual([[3, null, 'bad-column-count']]);
    expect(report).toMatchObject({ rows: 2, households: 1 });
  });

  it('rejects every row of a household with two heads or with none', async () => {
    const path = await writeCsv('heads.csv', toCsv([
      row('H1', 'M1', 'head'), // 2
      row('H2', 'M2', 'head'), // 3
      row('H1', 'M3', 'spouse'), // 4
      row('H2', 'M4', 'head'), // 5
      row('H3', 'M5', 'child'), // 6
      row('H3', 'M6', 'child'), // 7
      row('H4', 'M7', 'child', { birth_date: '2099-01-01' }), // 8
      row('H4', 'M8', 'head', { sex: '' }), // 9: the head row itself is rejected, so H4 has none
      row('H4', 'M9', 'child'), // 10
    ]));

    const { households, report } = await read(path);

    expect(reasonsByLine(report)).toEqual([
      [3, 'relation', 'several-heads'],
      [5, 'relation', 'several-heads'],
      [6, 'relation', 'no-head'],
      [7, 'relation', 'no-head'],
      [8, 'birth_date', 'future-birth-date'],
      [9, 'sex', 'required'],
      [10, 'relation', 'no-head'],
    ]);
    expect(households.map((household) => household.householdRef)).toEqual(['H1']);
    expect(report).toMatchObject({ rows: 9, households: 1, members: 2 });
  });

  it('groups rows that are not together, warns when household columns disagree, and keeps the first row', async () => {
    const path = await writeCsv('disagree.csv', toCsv([
      row('H1', 'M1', 'head'), // 2
      row('H2', 'M2', 'head'), // 3
      row('H1', 'M3', 'child', { commune: 'Mhamid El Ghizlane', phone: '+212 681 590 830' }), // 4: same phone, other form
      row('H1', 'M4', 'child', { registry_score: '10,5329', locality: '', phone: '0699999999' }), // 5
    ]));

    const { households, report } = await read(path);

    expect(report.warnings.map((warning) => [warning.line, warning.column, warning.reason])).toEqual([
      [4, 'commune', 'household-columns-disagree'],
      [5, 'locality', 'household-columns-disagree'],
      [5, 'phone', 'household-columns-disagree'],
    ]);
    expect(households[0]).toMatchObject({ householdRef: 'H1', commune: 'Tagounite', locality: 'Douar 6', phone: '0681590830', line: 2 });
    expect(households[0]?.members.map((member) => member.memberRef)).toEqual(['M1', 'M3', 'M4']);
    expect(report.rejected).toEqual([]);
    expect(allMessages(report)).not.toMatch(/Mhamid|0699999999/);
  });

  it('reports one national ID on two members as a possible duplicate and imports both', async () => {
    const path = await writeCsv('duplicates.csv', toCsv([
      row('H1', 'M1', 'head', { national_id: 'JA123456' }), // 2
      row('H2', 'M2', 'head', { national_id: 'K99' }), // 3
      row('H2', 'M3', 'spouse', { national_id: 'ja 123456' }), // 4
      row('H1', 'M1', 'child'), // 5: the same member twice
    ]));

    const { households, report } = await read(path);

    expect(report.possibleDuplicates).toEqual([{ nationalId: 'JA123456', memberRefs: ['M1', 'M3'], lines: [2, 4] }]);
    expect(reasonsByLine(report)).toEqual([[5, 'member_ref', 'duplicate-member-ref']]);
    expect(report).toMatchObject({ households: 2, members: 3 });
    expect(households.flatMap((household) => household.members.map((member) => member.memberRef))).toEqual(['M1', 'M2', 'M3']);
  });

  describe('a large file', () => {
    const bigCsv = (count: number): string =>
      toCsv(Array.from({ length: count }, (_, index) => row(`H${index}`, `M${index}`, 'head')));

    it('reports progress every thousand rows and at the end', async () => {
      const path = await writeCsv('big.csv', bigCsv(2500));
      const progress: { rows: number; bytes: number; totalBytes: number }[] = [];

      const { report } = await read(path, { onProgress: (done) => progress.push(done) });

      expect(report).toMatchObject({ rows: 2500, households: 2500 });
      expect(progress.map((done) => done.rows)).toEqual([1000, 2000, 2500]);
      expect(progress.at(-1)?.bytes).toBe(progress.at(-1)?.totalBytes);
      expect(progress[0]?.bytes).toBeLessThanOrEqual(progress[1]?.bytes ?? 0);
    });

    it('stops with reason cancelled when the signal aborts mid-file', async () => {
      const path = await writeCsv('big.csv', bigCsv(3000));
      const controller = new AbortController();
      const seen: number[] = [];

      const error = await failure(read(path, { signal: controller.signal, onProgress: (done) => {
        seen.push(done.rows);
        controller.abort();
      } }));

      expect(error).toMatchObject({ code: 'internal', reason: 'cancelled' });
      expect(seen).toEqual([1000]);
    });

    it('does not start when the signal has already aborted', async () => {
      const controller = new AbortController();
      controller.abort();
      expect(await failure(read(sample, { signal: controller.signal }))).toMatchObject({ reason: 'cancelled' });
    });
  });
});
