import { CoreError } from '../errors.ts';

/** The columns of a registry extract (shared/fixtures/README.md), in the registry's order. */
export const registryColumns = [
  { name: 'household_ref', required: true },
  { name: 'registry_score', required: true },
  { name: 'region', required: true },
  { name: 'province', required: true },
  { name: 'commune', required: true },
  { name: 'locality', required: false },
  { name: 'address', required: false },
  { name: 'phone', required: false },
  { name: 'member_ref', required: true },
  { name: 'national_id', required: false },
  { name: 'first_name_ar', required: true },
  { name: 'last_name_ar', required: true },
  { name: 'first_name_lat', required: false },
  { name: 'last_name_lat', required: false },
  { name: 'sex', required: true },
  { name: 'birth_date', required: true },
  { name: 'relation', required: true },
  { name: 'education', required: false },
  { name: 'in_school', required: false },
  { name: 'employment', required: false },
  { name: 'disability', required: false },
  { name: 'chronic_illness', required: false },
  { name: 'health_coverage', required: false },
] as const satisfies readonly { name: string; required: boolean }[];

export type RegistryColumnName = (typeof registryColumns)[number]['name'];

export const sexes = ['F', 'M'] as const;
export const relations = ['head', 'spouse', 'child', 'parent', 'sibling', 'other'] as const;
export const educationLevels = ['none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'higher'] as const;
export const employmentStatuses = ['employed', 'self_employed', 'unemployed', 'inactive', 'student', 'retired'] as const;
export const healthCoverages = ['none', 'amo_tadamon', 'amo', 'other'] as const;

export interface RegistryMember {
  memberRef: string;
  nationalId: string | null;
  firstNameAr: string;
  lastNameAr: string;
  firstNameLat: string | null;
  lastNameLat: string | null;
  sex: (typeof sexes)[number];
  /** YYYY-MM-DD */
  birthDate: string;
  relation: (typeof relations)[number];
  education: (typeof educationLevels)[number] | null;
  inSchool: boolean | null;
  employment: (typeof employmentStatuses)[number] | null;
  disability: boolean | null;
  chronicIllness: boolean | null;
  healthCoverage: (typeof healthCoverages)[number] | null;
}

export interface RegistryHousehold {
  householdRef: string;
  registryScore: number;
  region: string;
  province: string;
  commune: string;
  locality: string | null;
  address: string | null;
  /** Normalised to 0XXXXXXXXX. */
  phone: string | null;
  members: RegistryMember[];
  /** The line of the household's first row. */
  line: number;
}

/** One problem with one row; `reason` is a stable code and `message` never holds a value from the file. */
export interface RowProblem {
  line: number;
  column: string | null;
  reason: string;
  message: string;
}

export type RegistryHouseholdFields = Omit<RegistryHousehold, 'members' | 'line'>;

export type RegistryRowResult =
  | { ok: true; household: RegistryHouseholdFields; member: RegistryMember }
  | { ok: false; problems: RowProblem[] };

/** Where each known column sits in the file, and how many columns the header has. */
export interface RegistryHeader {
  indexes: Map<RegistryColumnName, number>;
  width: number;
}

/** Maps a header row to column positions; throws `bad-header` naming any missing or repeated column. */
export const resolveRegistryHeader = (cells: readonly string[]): RegistryHeader => {
  const indexes = new Map<RegistryColumnName, number>();
  const issues: { path: string; message: string }[] = [];
  cells.forEach((cell, index) => {
    const name = cell.replace(/^\uFEFF/, '').trim().toLowerCase();
    const column = registryColumns.find((candidate) => candidate.name === name);
    if (!column) return;
    if (indexes.has(column.name)) issues.push({ path: column.name, message: 'The column appears more than once.' });
    else indexes.set(column.name, index);
  });
  for (const column of registryColumns) {
    if (column.required && !indexes.has(column.name)) issues.push({ path: column.name, message: 'A required column is missing.' });
  }
  if (issues.length > 0) {
    throw new CoreError('validation', 'The header row does not match the registry extract format.', issues, { reason: 'bad-header' });
  }
  return { indexes, width: cells.length };
};

const pad = (value: number): string => String(value).padStart(2, '0');

/** Today's date on this machine as YYYY-MM-DD. */
export const localIsoDate = (now: Date = new Date()): string =>
  `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

type Defined<T> = { [K in keyof T]: Exclude<T[K], undefined> };

/** Checkers below return `undefined` for a value they rejected (and reported); `null` is a valid empty cell. */
const isComplete = <T extends object>(values: T): values is T & Defined<T> =>
  Object.values(values).every((value) => value !== undefined);

const cinPattern = /^[A-Z]{1,2}\d{1,7}$/;
const moroccanPhonePattern = /^0[567]\d{8}$/;
const decimalPattern = /^-?\d+(?:[.,]\d+)?$/;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Birth dates before this are typing mistakes, not people the agency follows. */
const earliestYear = 1900;

const isRealDate = (value: string): boolean => {
  const match = isoDatePattern.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= earliestYear && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

const normalisePhone = (value: string): string | undefined => {
  const compact = value.replace(/[\s.\-()]/g, '');
  const international = /^(?:\+|00)212(\d+)$/.exec(compact);
  const national = international ? `0${(international[1] ?? '').replace(/^0/, '')}` : compact;
  return moroccanPhonePattern.test(national) ? national : undefined;
};

/** Checks one registry row (cells keyed by column name) and splits it into household and member fields. */
export const parseRegistryRow = (record: Record<string, string>, line: number, today: string = localIsoDate()): RegistryRowResult => {
  const problems: RowProblem[] = [];
  const reject = (column: RegistryColumnName, reason: string, message: string): undefined => {
    problems.push({ line, column, reason, message });
    return undefined;
  };

  const optional = (column: RegistryColumnName): string | null | undefined => {
    const value = (record[column] ?? '').trim();
    if (value.includes('\uFFFD')) return reject(column, 'bad-encoding', `${column} holds characters that are not UTF-8; save the file as UTF-8.`);
    return value === '' ? null : value;
  };
  const required = (column: RegistryColumnName): string | undefined => {
    const value = optional(column);
    return value === null ? reject(column, 'required', `${column} is required.`) : value;
  };
  const oneOf = <T extends string>(column: RegistryColumnName, allowed: readonly T[], value: string | null | undefined): T | null | undefined => {
    if (value === null || value === undefined) return value;
    const match = allowed.find((candidate) => candidate === value);
    return match ?? reject(column, 'bad-enum', `${column} must be one of: ${allowed.join(', ')}.`);
  };
  const requiredOneOf = <T extends string>(column: RegistryColumnName, allowed: readonly T[]): T | undefined =>
    oneOf(column, allowed, required(column)) ?? undefined;
  const yesNo = (column: RegistryColumnName): boolean | null | undefined => {
    const value = oneOf(column, ['yes', 'no'], optional(column));
    return value === null || value === undefined ? value : value === 'yes';
  };

  const score = (): number | undefined => {
    const value = required('registry_score');
    if (value === undefined) return undefined;
    const parsed = decimalPattern.test(value) ? Number(value.replace(',', '.')) : Number.NaN;
    return Number.isFinite(parsed) ? parsed : reject('registry_score', 'bad-score', 'registry_score must be a decimal number.');
  };
  const phone = (): string | null | undefined => {
    const value = optional('phone');
    if (value === null || value === undefined) return value;
    return normalisePhone(value) ?? reject('phone', 'bad-phone', 'phone must be a Moroccan number: 05, 06 or 07 then 8 digits, or the +212 form.');
  };
  const nationalId = (): string | null | undefined => {
    const value = optional('national_id');
    if (value === null || value === undefined) return value;
    const cin = value.toUpperCase().replace(/\s+/g, '');
    return cinPattern.test(cin) ? cin : reject('national_id', 'bad-national-id', 'national_id must be one or two letters then up to seven digits.');
  };
  const birthDate = (): string | undefined => {
    const value = required('birth_date');
    if (value === undefined) return undefined;
    if (!isRealDate(value)) return reject('birth_date', 'bad-date', `birth_date must be a real date from ${earliestYear} on, written YYYY-MM-DD.`);
    return value > today ? reject('birth_date', 'future-birth-date', 'birth_date is in the future.') : value;
  };

  const household = {
    householdRef: required('household_ref'),
    registryScore: score(),
    region: required('region'),
    province: required('province'),
    commune: required('commune'),
    locality: optional('locality'),
    address: optional('address'),
    phone: phone(),
  };
  const member = {
    memberRef: required('member_ref'),
    nationalId: nationalId(),
    firstNameAr: required('first_name_ar'),
    lastNameAr: required('last_name_ar'),
    firstNameLat: optional('first_name_lat'),
    lastNameLat: optional('last_name_lat'),
    sex: requiredOneOf('sex', sexes),
    birthDate: birthDate(),
    relation: requiredOneOf('relation', relations),
    education: oneOf('education', educationLevels, optional('education')),
    inSchool: yesNo('in_school'),
    employment: oneOf('employment', employmentStatuses, optional('employment')),
    disability: yesNo('disability'),
    chronicIllness: yesNo('chronic_illness'),
    healthCoverage: oneOf('health_coverage', healthCoverages, optional('health_coverage')),
  };

  if (problems.length > 0 || !isComplete(household) || !isComplete(member)) return { ok: false, problems };
  return { ok: true, household, member };
};
