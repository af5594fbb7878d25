import { z } from 'zod';

const id = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');

export const householdStatuses = ['active', 'closed', 'transferred'] as const;
export const relations = ['head', 'spouse', 'child', 'parent', 'sibling', 'other'] as const;
export const educationLevels = ['none', 'primary', 'lower_secondary', 'upper_secondary', 'vocational', 'higher'] as const;
export const employmentStatuses = ['employed', 'self_employed', 'unemployed', 'inactive', 'student', 'retired'] as const;
export const healthCoverages = ['none', 'amo_tadamon', 'amo', 'other'] as const;
export const visitTypes = ['home', 'office', 'phone', 'caravan'] as const;
export const enrollmentStatuses = ['pending', 'active', 'suspended', 'ended'] as const;
export const partnerKinds = ['employment_agency', 'training_centre', 'health_centre', 'school', 'association', 'other'] as const;
export const householdFlags = ['disability', 'chronic_illness', 'no_coverage', 'child_out_of_school', 'young_children'] as const;
export const documentMimes = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type HouseholdFlag = (typeof householdFlags)[number];

/** Moroccan CIN: one or two letters then digits (e.g. JA123456). */
export const nationalIdSchema = z
  .string()
  .trim()
  .toUpperCase()
  .transform((value) => value.replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z]{1,2}\d{1,7}$/, 'national ID: one or two letters then digits'));

/** Moroccan phone: 05/06/07 + 8 digits, or the +212 / 00212 form; stored as 0XXXXXXXXX. */
export const phoneSchema = z
  .string()
  .trim()
  .transform((value) => value.replace(/[\s.()-]/g, '').replace(/^(\+|00)212/, '0'))
  .pipe(z.string().regex(/^0[567]\d{8}$/, 'phone: 05, 06 or 07 followed by 8 digits'));

const arabicName = z.string().trim().min(1).max(60);
const latinName = z.string().trim().min(1).max(60);

export const memberSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  registryRef: z.string().nullable(),
  nationalId: z.string().nullable(),
  firstNameAr: z.string(),
  lastNameAr: z.string(),
  firstNameLat: z.string().nullable(),
  lastNameLat: z.string().nullable(),
  sex: z.enum(['F', 'M']),
  birthDate: z.string(),
  relation: z.enum(relations),
  education: z.enum(educationLevels).nullable(),
  inSchool: z.boolean().nullable(),
  employment: z.enum(employmentStatuses).nullable(),
  disability: z.boolean().nullable(),
  chronicIllness: z.boolean().nullable(),
  healthCoverage: z.enum(healthCoverages).nullable(),
  source: z.enum(['registry', 'worker']),
});
export type Member = z.infer<typeof memberSchema>;

/** What a worker may write about a member (validated as in the registry). */
export const memberFieldsSchema = z.object({
  nationalId: nationalIdSchema.nullable().optional(),
  firstNameAr: arabicName,
  lastNameAr: arabicName,
  firstNameLat: latinName.nullable().optional(),
  lastNameLat: latinName.nullable().optional(),
  sex: z.enum(['F', 'M']),
  birthDate: isoDate,
  relation: z.enum(relations),
  education: z.enum(educationLevels).nullable().optional(),
  inSchool: z.boolean().nullable().optional(),
  employment: z.enum(employmentStatuses).nullable().optional(),
  disability: z.boolean().nullable().optional(),
  chronicIllness: z.boolean().nullable().optional(),
  healthCoverage: z.enum(healthCoverages).nullable().optional(),
});

export const householdSummarySchema = z.object({
  id: z.string(),
  registryRef: z.string().nullable(),
  headNameAr: z.string().nullable(),
  headNameLat: z.string().nullable(),
  districtId: z.string(),
  districtName: z.string(),
  registryScore: z.number().nullable(),
  assignedWorkerId: z.string().nullable(),
  assignedWorkerName: z.string().nullable(),
  status: z.enum(householdStatuses),
  memberCount: z.number().int(),
  flags: z.array(z.enum(householdFlags)),
});
export type HouseholdSummary = z.infer<typeof householdSummarySchema>;

export const householdSchema = householdSummarySchema.extend({
  region: z.string().nullable(),
  province: z.string().nullable(),
  locality: z.string().nullable(),
  address: z.string().nullable(),
  /** The number to call: the worker's correction when there is one, else the registry's. */
  phone: z.string().nullable(),
  registryPhone: z.string().nullable(),
  notes: z.string().nullable(),
  updatedAt: z.string(),
});
export type Household = z.infer<typeof householdSchema>;

export const programmeSchema = z.object({
  id: z.string(),
  code: z.string(),
  nameAr: z.string(),
  nameFr: z.string(),
  nameEn: z.string(),
  scoreThreshold: z.number().nullable(),
  active: z.boolean(),
});
export type Programme = z.infer<typeof programmeSchema>;

export const enrollmentSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  memberId: z.string().nullable(),
  programmeId: z.string(),
  status: z.enum(enrollmentStatuses),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});
export type Enrollment = z.infer<typeof enrollmentSchema>;

export const visitSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  userId: z.string(),
  userName: z.string(),
  type: z.enum(visitTypes),
  visitedAt: z.string(),
  notes: z.string(),
});
export type Visit = z.infer<typeof visitSchema>;

export const documentMetaSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  memberId: z.string().nullable(),
  name: z.string(),
  mime: z.enum(documentMimes),
  size: z.number().int(),
  createdAt: z.string(),
});
export type DocumentMeta = z.infer<typeof documentMetaSchema>;

export const historyEntrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  userName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  fields: z.array(z.string()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const partnerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(partnerKinds),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type Partner = z.infer<typeof partnerSchema>;

export const householdListInputSchema = z
  .object({
    districtIds: z.array(id).max(200).optional(),
    statuses: z.array(z.enum(householdStatuses)).optional(),
    /** A worker's id, or 'unassigned'. */
    assignedWorkerId: id.optional(),
    scoreMin: z.number().finite().optional(),
    scoreMax: z.number().finite().optional(),
    programmeId: id.optional(),
    flags: z.array(z.enum(householdFlags)).optional(),
    sort: z.enum(['score', 'ref', 'name', 'updated']).default('score'),
    direction: z.enum(['asc', 'desc']).default('asc'),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();
export type HouseholdListInput = z.input<typeof householdListInputSchema>;

const maxDocumentBytes = 10 * 1024 * 1024;

export const householdsChannels = {
  /** Households in the caller's scope, filtered and sorted, one page at a time, with the total. */
  'households:list': {
    input: householdListInputSchema,
    output: z.object({ total: z.number().int(), rows: z.array(householdSummarySchema) }),
  },
  /** A whole household file: header, members, enrollments, visits and documents. */
  'households:get': {
    input: z.object({ id }).strict(),
    output: z.object({
      household: householdSchema,
      members: z.array(memberSchema),
      enrollments: z.array(enrollmentSchema),
      visits: z.array(visitSchema),
      documents: z.array(documentMetaSchema),
    }),
  },
  /** Fields workers own on a household: the phone they corrected, status and notes. */
  'households:update': {
    input: z
      .object({
        id,
        phone: phoneSchema.nullable().optional(),
        status: z.enum(householdStatuses).optional(),
        notes: z.string().max(4000).nullable().optional(),
      })
      .strict(),
    output: householdSchema,
  },
  /** What changed in a household file, newest first, from the audit log. */
  'households:history': { input: z.object({ id }).strict(), output: z.array(historyEntrySchema) },
  /** Adds a member (e.g. a newborn) to a household. */
  'members:add': { input: memberFieldsSchema.extend({ householdId: id }).strict(), output: memberSchema },
  /** Edits a member. */
  'members:update': { input: memberFieldsSchema.partial().extend({ id }).strict(), output: memberSchema },
  /** Removes a member from the household file (kept as a tombstone). */
  'members:remove': { input: z.object({ id }).strict(), output: z.null() },
  /** Records a contact with the household. */
  'visits:add': {
    input: z
      .object({
        householdId: id,
        type: z.enum(visitTypes),
        visitedAt: z.iso.datetime({ offset: true }).or(isoDate),
        notes: z.string().trim().min(1).max(4000),
      })
      .strict(),
    output: visitSchema,
  },
  /** Attaches a scan or photo, stored encrypted in the case store. */
  'documents:add': {
    input: z
      .object({
        householdId: id,
        memberId: id.nullable().optional(),
        name: z.string().trim().min(1).max(200),
        mime: z.enum(documentMimes),
        dataBase64: z.base64().max(Math.ceil((maxDocumentBytes * 4) / 3) + 4),
      })
      .strict(),
    output: documentMetaSchema,
  },
  /** A document's content, to show inline. */
  'documents:get': {
    input: z.object({ id }).strict(),
    output: z.object({ meta: documentMetaSchema, dataBase64: z.string() }),
  },
  /** The branch's programmes. */
  'programmes:list': { input: z.undefined(), output: z.array(programmeSchema) },
  /** Enrolls a household (or one member) in a programme. */
  'enrollments:add': {
    input: z
      .object({
        householdId: id,
        memberId: id.nullable().optional(),
        programmeId: id,
        status: z.enum(enrollmentStatuses),
        startDate: isoDate.nullable().optional(),
        endDate: isoDate.nullable().optional(),
      })
      .strict(),
    output: enrollmentSchema,
  },
  /** Changes an enrollment's status or dates. */
  'enrollments:update': {
    input: z
      .object({ id, status: z.enum(enrollmentStatuses).optional(), startDate: isoDate.nullable().optional(), endDate: isoDate.nullable().optional() })
      .strict(),
    output: enrollmentSchema,
  },
  /** Partner services (employment agency, training centre, health centre, school, …). */
  'partners:list': { input: z.undefined(), output: z.array(partnerSchema) },
  'partners:add': {
    input: z
      .object({
        name: z.string().trim().min(2).max(120),
        kind: z.enum(partnerKinds),
        phone: phoneSchema.nullable().optional(),
        address: z.string().trim().max(300).nullable().optional(),
      })
      .strict(),
    output: partnerSchema,
  },
};
