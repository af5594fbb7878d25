import type { TFunction } from 'i18next';
import {
  educationLevels,
  employmentStatuses,
  healthCoverages,
  householdsChannels,
  memberFieldsSchema,
  nationalIdSchema,
  phoneSchema,
  relations,
  type ChannelInput,
  type Member,
} from '../../../shared/contract/index.ts';
import { parseDay, todayIso } from './use-date-format.ts';

type Relation = (typeof relations)[number];
type Education = (typeof educationLevels)[number];
type Employment = (typeof employmentStatuses)[number];
type Coverage = (typeof healthCoverages)[number];
/** A yes/no the registry may not know. */
export type TriState = 'yes' | 'no' | 'unknown';

const fields = memberFieldsSchema.shape;
const visitNotes = householdsChannels['visits:add'].input.shape.notes;
const householdNotes = householdsChannels['households:update'].input.shape.notes;

const isRealDay = (value: string) => fields.birthDate.safeParse(value).success && todayIso(parseDay(value)) === value;

/** Form rules that mirror the contract's schemas (households, members, visits), with translated messages. */
export const householdRules = (t: TFunction) => ({
  nationalId: (value: string) => (!value.trim() || nationalIdSchema.safeParse(value).success ? null : t('members.errors.nationalId')),
  nameAr: (value: string) => (fields.firstNameAr.safeParse(value).success ? null : t('members.errors.nameAr')),
  nameLat: (value: string) => (!value.trim() || fields.firstNameLat.safeParse(value).success ? null : t('members.errors.nameLat')),
  sex: (value: string) => (fields.sex.safeParse(value).success ? null : t('members.errors.required')),
  birthDate: (value: string) => {
    if (!isRealDay(value)) return t('members.errors.date');
    if (value > todayIso()) return t('members.errors.future');
    return value < '1900-01-01' ? t('members.errors.date') : null;
  },
  relation: (value: string | null, otherHead: boolean) => {
    if (!fields.relation.safeParse(value).success) return t('members.errors.required');
    return value === 'head' && otherHead ? t('members.errors.secondHead') : null;
  },
  phone: (value: string) => (!value.trim() || phoneSchema.safeParse(value).success ? null : t('household.contact.phoneInvalid')),
  householdNotes: (value: string) => (householdNotes.safeParse(value).success ? null : t('household.contact.notesTooLong')),
  visitNotes: (value: string) => (visitNotes.safeParse(value).success ? null : t('visits.notesInvalid')),
  /** A day that has happened (visits are recorded after the fact). */
  pastDay: (value: string) => {
    if (!isRealDay(value)) return t('members.errors.date');
    return value > todayIso() ? t('members.errors.future') : null;
  },
  optionalDay: (value: string) => (!value || isRealDay(value) ? null : t('members.errors.date')),
  endAfterStart: (end: string, start: string) => (!end || !start || end >= start ? null : t('enrollments.endBeforeStart')),
});

export interface MemberFormValues {
  nationalId: string;
  firstNameAr: string;
  lastNameAr: string;
  firstNameLat: string;
  lastNameLat: string;
  sex: string;
  birthDate: string;
  relation: string | null;
  education: string | null;
  inSchool: TriState;
  employment: string | null;
  disability: TriState;
  chronicIllness: TriState;
  healthCoverage: string | null;
}

/** The member fields a form shows and the core may refuse, by contract name. */
export const memberFieldNames = [
  'nationalId',
  'firstNameAr',
  'lastNameAr',
  'firstNameLat',
  'lastNameLat',
  'sex',
  'birthDate',
  'relation',
  'education',
  'inSchool',
  'employment',
  'disability',
  'chronicIllness',
  'healthCoverage',
] as const satisfies readonly (keyof MemberFormValues)[];

const fromTri = (value: TriState): boolean | null => (value === 'unknown' ? null : value === 'yes');
const toTri = (value: boolean | null): TriState => (value === null ? 'unknown' : value ? 'yes' : 'no');
const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null => (list as readonly (string | null)[]).includes(value) ? (value as T) : null;

/** A form's starting values: the member's, or blanks for a new one. */
export const memberFormValues = (member?: Member): MemberFormValues => ({
  nationalId: member?.nationalId ?? '',
  firstNameAr: member?.firstNameAr ?? '',
  lastNameAr: member?.lastNameAr ?? '',
  firstNameLat: member?.firstNameLat ?? '',
  lastNameLat: member?.lastNameLat ?? '',
  sex: member?.sex ?? '',
  birthDate: member?.birthDate ?? '',
  relation: member?.relation ?? null,
  education: member?.education ?? null,
  inSchool: toTri(member?.inSchool ?? null),
  employment: member?.employment ?? null,
  disability: toTri(member?.disability ?? null),
  chronicIllness: toTri(member?.chronicIllness ?? null),
  healthCoverage: member?.healthCoverage ?? null,
});

type MemberFields = Omit<ChannelInput<'members:add'>, 'householdId'>;

/** The values a validated form sends: trimmed, blanks as null. */
export const memberFieldsOf = (values: MemberFormValues): MemberFields => ({
  nationalId: values.nationalId.trim() || null,
  firstNameAr: values.firstNameAr.trim(),
  lastNameAr: values.lastNameAr.trim(),
  firstNameLat: values.firstNameLat.trim() || null,
  lastNameLat: values.lastNameLat.trim() || null,
  sex: values.sex === 'M' ? 'M' : 'F',
  birthDate: values.birthDate,
  relation: oneOf<Relation>(relations, values.relation) ?? 'other',
  education: oneOf<Education>(educationLevels, values.education),
  inSchool: fromTri(values.inSchool),
  employment: oneOf<Employment>(employmentStatuses, values.employment),
  disability: fromTri(values.disability),
  chronicIllness: fromTri(values.chronicIllness),
  healthCoverage: oneOf<Coverage>(healthCoverages, values.healthCoverage),
});

const normalisedId = (value: unknown): string | null =>
  typeof value === 'string' && value ? (nationalIdSchema.safeParse(value).data ?? value) : null;

/** Only what differs from the saved member, so an edit does not rewrite (or conflict on) untouched fields. */
export const changedMemberFields = (member: Member, next: MemberFields): Partial<MemberFields> =>
  Object.fromEntries(
    Object.entries(next).filter(([key, value]) =>
      key === 'nationalId' ? normalisedId(value) !== normalisedId(member.nationalId) : value !== member[key as keyof Member],
    ),
  );
