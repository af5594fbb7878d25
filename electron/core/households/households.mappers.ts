import type { Selectable } from 'kysely';
import type { DocumentMeta, Enrollment, Member, Programme } from '../../../shared/contract/index.ts';
import type { DocumentsTable, EnrollmentsTable, MembersTable, ProgrammesTable } from '../db/tables.ts';

const bool = (value: number | null): boolean | null => (value === null ? null : value === 1);
const bit = (value: boolean | null | undefined): number | null => (value === null || value === undefined ? null : value ? 1 : 0);

export const toMember = (row: Selectable<MembersTable>): Member => ({
  id: row.id,
  householdId: row.household_id,
  registryRef: row.registry_ref,
  nationalId: row.national_id,
  firstNameAr: row.first_name_ar,
  lastNameAr: row.last_name_ar,
  firstNameLat: row.first_name_lat,
  lastNameLat: row.last_name_lat,
  sex: row.sex,
  birthDate: row.birth_date,
  relation: row.relation,
  education: row.education as Member['education'],
  inSchool: bool(row.in_school),
  employment: row.employment as Member['employment'],
  disability: bool(row.disability),
  chronicIllness: bool(row.chronic_illness),
  healthCoverage: row.health_coverage as Member['healthCoverage'],
  source: row.source,
});

/** Contract member fields → member columns (only those present in the input). */
export const memberColumns = (input: Partial<Omit<Member, 'id' | 'householdId' | 'registryRef' | 'source'>>) => {
  const columns: Partial<Selectable<MembersTable>> = {};
  if (input.nationalId !== undefined) columns.national_id = input.nationalId;
  if (input.firstNameAr !== undefined) columns.first_name_ar = input.firstNameAr;
  if (input.lastNameAr !== undefined) columns.last_name_ar = input.lastNameAr;
  if (input.firstNameLat !== undefined) columns.first_name_lat = input.firstNameLat;
  if (input.lastNameLat !== undefined) columns.last_name_lat = input.lastNameLat;
  if (input.sex !== undefined) columns.sex = input.sex;
  if (input.birthDate !== undefined) columns.birth_date = input.birthDate;
  if (input.relation !== undefined) columns.relation = input.relation;
  if (input.education !== undefined) columns.education = input.education;
  if (input.inSchool !== undefined) columns.in_school = bit(input.inSchool);
  if (input.employment !== undefined) columns.employment = input.employment;
  if (input.disability !== undefined) columns.disability = bit(input.disability);
  if (input.chronicIllness !== undefined) columns.chronic_illness = bit(input.chronicIllness);
  if (input.healthCoverage !== undefined) columns.health_coverage = input.healthCoverage;
  return columns;
};

export const toEnrollment = (row: Selectable<EnrollmentsTable>): Enrollment => ({
  id: row.id,
  householdId: row.household_id,
  memberId: row.member_id,
  programmeId: row.programme_id,
  status: row.status,
  startDate: row.start_date,
  endDate: row.end_date,
});

export const toProgramme = (row: Selectable<ProgrammesTable>): Programme => ({
  id: row.id,
  code: row.code,
  nameAr: row.name_ar,
  nameFr: row.name_fr,
  nameEn: row.name_en,
  scoreThreshold: row.score_threshold,
  active: row.active === 1,
});

export const toDocumentMeta = (row: Omit<Selectable<DocumentsTable>, 'sha256' | 'created_by' | 'branch_id' | 'deleted'>): DocumentMeta => ({
  id: row.id,
  householdId: row.household_id,
  memberId: row.member_id,
  name: row.name,
  mime: row.mime,
  size: row.size,
  createdAt: row.created_at,
});
