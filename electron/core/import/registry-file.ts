import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { readSheet } from 'read-excel-file/node';
import type { ErrorIssue } from '../../../shared/contract/index.ts';
import { CoreError } from '../errors.ts';
import {
  localIsoDate,
  parseRegistryRow,
  resolveRegistryHeader,
  type RegistryColumnName,
  type RegistryHeader,
  type RegistryHousehold,
  type RegistryHouseholdFields,
  type RegistryMember,
  type RowProblem,
} from './registry-row.ts';

export interface PossibleDuplicate {
  /** Shown to the admin in the report, which is its purpose; never logged. */
  nationalId: string;
  memberRefs: string[];
  lines: number[];
}

export interface RegistryReport {
  /** Data rows read (blank rows aside), imported or not. */
  rows: number;
  households: number;
  members: number;
  rejected: RowProblem[];
  /** Household-level notices that did not stop an import, e.g. `household-columns-disagree`. */
  warnings: RowProblem[];
  possibleDuplicates: PossibleDuplicate[];
}

export interface RegistryProgress {
  rows: number;
  bytes: number;
  totalBytes: number;
}

export interface ReadRegistryOptions {
  signal?: AbortSignal;
  onProgress?: (done: RegistryProgress) => void;
  /** YYYY-MM-DD; birth dates after it are rejected. Defaults to today on this machine. */
  today?: string;
}

/** A raw row from either format; XLSX cells may be numbers, booleans or dates. */
interface SheetRow {
  cells: readonly unknown[];
  line: number;
  bytes: number;
}

const progressEvery = 1000;
const sniffBytes = 64 * 1024;

const badFile = (reason: string, message: string, issues?: ErrorIssue[]): CoreError =>
  new CoreError('validation', message, issues, { reason });
const cancelled = (): CoreError => new CoreError('internal', 'The import was cancelled.', undefined, { reason: 'cancelled' });

const fileFormat = (path: string): 'csv' | 'xlsx' => {
  const extension = extname(path).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.xlsx') return 'xlsx';
  throw badFile('unsupported-file', 'Only .csv and .xlsx registry extracts can be imported.');
};

const fileSize = async (path: string): Promise<number> => {
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw badFile('unreadable-file', 'The file could not be read.');
  if (info.size === 0) throw badFile('empty-file', 'The file is empty.');
  return info.size;
};

const readHead = async (path: string): Promise<Buffer> => {
  const handle = await open(path, 'r');
  try {
    const { buffer, bytesRead } = await handle.read({ buffer: Buffer.alloc(sniffBytes), position: 0 });
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

/** Reads the header line to choose the delimiter: French Excel writes `;`. */
const sniffCsvDelimiter = async (path: string): Promise<',' | ';'> => {
  const head = await readHead(path).catch(() => {
    throw badFile('unreadable-file', 'The file could not be read.');
  });
  let text: string;
  try {
    // `stream: true` keeps a character cut at the end of the sample from counting as invalid.
    text = new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
  } catch {
    throw badFile('not-utf8', 'The file is not UTF-8 text; save it as "CSV UTF-8".');
  }
  if (text.trim() === '') throw badFile('empty-file', 'The file is empty.');
  const headerLine = text.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const count = (character: string): number => headerLine.split(character).length - 1;
  return count(';') > count(',') ? ';' : ',';
};

/** An operating-system failure (permissions, disk), as opposed to a bug. */
const isSystemError = (error: unknown): boolean => error instanceof Error && 'syscall' in error;

const countLineBreaks = (text: string): number => text.match(/\r\n|\r|\n/g)?.length ?? 0;

async function* csvRows(path: string, delimiter: string): AsyncGenerator<SheetRow> {
  const source = createReadStream(path);
  const parser = parse({ bom: true, delimiter, raw: true, relax_column_count: true, relax_quotes: true });
  // Errors on either side surface in the loop below; the callback only keeps them from being thrown twice.
  pipeline(source, parser, () => undefined);
  const records: AsyncIterable<{ record: string[]; raw: string }> = parser;
  // Counted from the raw text: csv-parse's own line count takes a CRLF inside quotes for two lines.
  let line = 1;
  try {
    for await (const { record, raw } of records) {
      yield { cells: record, line, bytes: source.bytesRead };
      line += countLineBreaks(raw);
    }
  } catch (error) {
    if (isSystemError(error)) throw badFile('unreadable-file', 'The file could not be read.');
    if (!(error instanceof CsvError)) throw error;
    throw badFile('bad-csv', `The file is not valid CSV from line ${line} on.`, [
      { path: `line ${line}`, message: 'This record cannot be read as CSV; check its quotes.' },
    ]);
  }
}

async function* xlsxRows(path: string, totalBytes: number): AsyncGenerator<SheetRow> {
  let data: unknown[][];
  try {
    data = await readSheet(path);
  } catch {
    throw badFile('unreadable-file', 'The spreadsheet could not be read.');
  }
  for (let index = 0; index < data.length; index += 1) {
    const cells = data[index] ?? [];
    // Let each row go once read: a 500,000-row sheet is large.
    data[index] = [];
    yield { cells, line: index + 1, bytes: totalBytes };
  }
}

/** Spreadsheet cells come typed; the row checks take text as the registry writes it. */
const cellText = (cell: unknown, column: RegistryColumnName | undefined): string => {
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') {
    // A phone column typed as numbers loses its leading zero.
    return column === 'phone' && /^[567]\d{8}$/.test(String(cell)) ? `0${cell}` : String(cell);
  }
  if (typeof cell === 'boolean') return cell ? 'yes' : 'no';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'invalid-date' : cell.toISOString().slice(0, 10);
  return '';
};

const isBlank = (cell: unknown): boolean => cellText(cell, undefined).trim() === '';

const toRecord = (cells: readonly unknown[], header: RegistryHeader): Record<string, string> => {
  const record: Record<string, string> = {};
  for (const [name, index] of header.indexes) record[name] = cellText(cells[index], name);
  return record;
};

const householdColumns = [
  ['registryScore', 'registry_score'],
  ['region', 'region'],
  ['province', 'province'],
  ['commune', 'commune'],
  ['locality', 'locality'],
  ['address', 'address'],
  ['phone', 'phone'],
] as const satisfies readonly (readonly [keyof RegistryHouseholdFields, RegistryColumnName])[];

interface HouseholdDraft {
  fields: RegistryHouseholdFields;
  line: number;
  members: RegistryMember[];
  lines: number[];
  heads: number;
}

/** Groups valid rows into households and applies the file-wide rules of the README. */
const createHouseholdCollector = (today: string) => {
  const drafts = new Map<string, HouseholdDraft>();
  const memberRefs = new Set<string>();
  const rejected: RowProblem[] = [];
  const warnings: RowProblem[] = [];
  let rows = 0;

  const reject = (problem: RowProblem): void => {
    rows += 1;
    rejected.push(problem);
  };

  const add = (record: Record<string, string>, line: number): void => {
    rows += 1;
    const parsed = parseRegistryRow(record, line, today);
    if (!parsed.ok) {
      rejected.push(...parsed.problems);
      return;
    }
    const { household, member } = parsed;
    if (memberRefs.has(member.memberRef)) {
      rejected.push({ line, column: 'member_ref', reason: 'duplicate-member-ref', message: 'member_ref already appears on an earlier row; this row is skipped.' });
      return;
    }
    memberRefs.add(member.memberRef);
    let draft = drafts.get(household.householdRef);
    if (draft) {
      for (const [key, column] of householdColumns) {
        if (draft.fields[key] === household[key]) continue;
        const message = `${column} differs from the household's first row (line ${draft.line}); the first row's value is kept.`;
        warnings.push({ line, column, reason: 'household-columns-disagree', message });
      }
    } else {
      draft = { fields: household, line, members: [], lines: [], heads: 0 };
      drafts.set(household.householdRef, draft);
    }
    draft.members.push(member);
    draft.lines.push(line);
    if (member.relation === 'head') draft.heads += 1;
  };

  const finish = (): { households: RegistryHousehold[]; report: RegistryReport } => {
    const households: RegistryHousehold[] = [];
    const byNationalId = new Map<string, { memberRef: string; line: number }[]>();
    let members = 0;
    for (const draft of drafts.values()) {
      // A household without exactly one head cannot be followed up, so none of its rows is imported.
      if (draft.heads !== 1) {
        const [reason, message] = draft.heads === 0
          ? ['no-head', 'The household has no head among its valid rows; none of its rows is imported.']
          : ['several-heads', 'The household has more than one head; none of its rows is imported.'];
        for (const line of draft.lines) rejected.push({ line, column: 'relation', reason, message });
        continue;
      }
      households.push({ ...draft.fields, members: draft.members, line: draft.line });
      members += draft.members.length;
      draft.members.forEach((member, index) => {
        if (member.nationalId === null) return;
        const holders = byNationalId.get(member.nationalId) ?? [];
        holders.push({ memberRef: member.memberRef, line: draft.lines[index] ?? draft.line });
        byNationalId.set(member.nationalId, holders);
      });
    }
    drafts.clear();
    const possibleDuplicates = [...byNationalId]
      .filter(([, holders]) => holders.length > 1)
      .map(([nationalId, holders]) => {
        holders.sort((a, b) => a.line - b.line);
        return { nationalId, memberRefs: holders.map((holder) => holder.memberRef), lines: holders.map((holder) => holder.line) };
      })
      .sort((a, b) => (a.lines[0] ?? 0) - (b.lines[0] ?? 0));
    const byLine = (a: RowProblem, b: RowProblem): number => a.line - b.line;
    return {
      households,
      report: { rows, households: households.length, members, rejected: rejected.sort(byLine), warnings: warnings.sort(byLine), possibleDuplicates },
    };
  };

  return { add, reject, finish, rows: () => rows };
};

/**
 * Reads a registry extract (.csv or .xlsx) into households, rejecting bad rows with their line and reason.
 * Throws a `validation` CoreError for a file it cannot use at all, and reason `cancelled` when `signal` aborts.
 */
export const readRegistryFile = async (
  path: string,
  options: ReadRegistryOptions = {},
): Promise<{ households: RegistryHousehold[]; report: RegistryReport }> => {
  const { signal, onProgress, today = localIsoDate() } = options;
  const format = fileFormat(path);
  if (signal?.aborted) throw cancelled();
  const totalBytes = await fileSize(path);
  const rows = format === 'csv' ? csvRows(path, await sniffCsvDelimiter(path)) : xlsxRows(path, totalBytes);
  const collector = createHouseholdCollector(today);
  let header: RegistryHeader | undefined;
  try {
    for await (const row of rows) {
      if (signal?.aborted) throw cancelled();
      if (!header) {
        header = resolveRegistryHeader(row.cells.map((cell) => cellText(cell, undefined)));
        continue;
      }
      if (row.cells.every(isBlank)) continue;
      if (format === 'csv' && row.cells.length !== header.width) {
        collector.reject({ line: row.line, column: null, reason: 'bad-column-count', message: 'The row does not have as many fields as the header.' });
      } else {
        collector.add(toRecord(row.cells, header), row.line);
      }
      if (collector.rows() % progressEvery === 0) onProgress?.({ rows: collector.rows(), bytes: row.bytes, totalBytes });
    }
  } catch (error) {
    if (signal?.aborted) throw cancelled();
    throw error;
  }
  if (signal?.aborted) throw cancelled();
  if (!header) throw badFile('empty-file', 'The file is empty.');
  onProgress?.({ rows: collector.rows(), bytes: totalBytes, totalBytes });
  return collector.finish();
};
