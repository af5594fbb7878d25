import { z } from 'zod';

/**
 * The allow-list of what syncs: every table and field a device may push or pull, with the schema
 * of its stored value. The server never builds SQL or a row from a name that is not listed here.
 * Values are as the case store keeps them (booleans 0/1, times as ISO text, dates YYYY-MM-DD).
 */

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().max(max);
const time = z.string().min(10).max(40);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const flag = z.union([z.literal(0), z.literal(1)]);
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable();

/** Who may write a table or a field, by role (admins are managers too). */
export type Writer = 'any' | 'manager' | 'admin' | 'server';

export interface TableSpec {
  /** `branch`: every device of the branch holds it; `household`: follows its household's scope. */
  scope: 'branch' | 'household';
  /** Who may create rows and write fields not listed in `fieldWriters`. */
  writer: Writer;
  /** Rows are written once and never edited: never a conflict. */
  appendOnly?: boolean;
  /** Fields a create must carry (the store's NOT NULL columns without a default). */
  required: readonly string[];
  fields: Record<string, z.ZodType>;
  /** Fields with a stricter writer than the table's. */
  fieldWriters?: Record<string, Writer>;
  /** Fields where a manager's value wins a conflict against a worker's (assignment, plan approval). */
  protectedFields?: readonly string[];
}

const householdFields = {
  registry_ref: nullable(text(64)),
  registry_score: nullable(z.number().finite()),
  district_id: id,
  region: nullable(text(120)),
  province: nullable(text(120)),
  locality: nullable(text(120)),
  address: nullable(text(400)),
  phone: nullable(text(20)),
  phone_override: nullable(text(20)),
  assigned_worker_id: nullable(id),
  status: z.enum(['active', 'closed', 'transferred']),
  notes: nullable(text(4000)),
  registry_seen_at: nullable(time),
  assigned_at: nullable(time),
  assigned_by: nullable(id),
  created_at: time,
  updated_at: time,
  deleted: flag,
};

export const syncTables = {
  branches: {
    scope: 'branch',
    writer: 'admin',
    required: ['name', 'created_at'],
    fields: { name: text(120), created_at: time },
  },
  districts: {
    scope: 'branch',
    writer: 'manager',
    required: ['name', 'created_at'],
    fields: { name: text(120), province: nullable(text(120)), created_at: time },
  },
  /** Accounts live on the server: written through the admin API, pulled by every device. */
  users: {
    scope: 'branch',
    writer: 'server',
    required: ['username', 'display_name', 'role', 'created_at', 'updated_at'],
    fields: {
      username: text(32),
      display_name: text(80),
      role: z.enum(['worker', 'manager', 'admin']),
      disabled: flag,
      /** The user's districts (the device's `user_districts` rows). */
      districts: z.array(id).max(500),
      created_at: time,
      updated_at: time,
    },
  },
  programmes: {
    scope: 'branch',
    writer: 'manager',
    required: ['code', 'name_ar', 'name_fr', 'name_en', 'created_at'],
    fields: {
      code: text(40),
      name_ar: text(200),
      name_fr: text(200),
      name_en: text(200),
      score_threshold: nullable(z.number().finite()),
      active: flag,
      created_at: time,
    },
  },
  partners: {
    scope: 'branch',
    writer: 'any',
    required: ['name', 'kind', 'created_at'],
    fields: {
      name: text(200),
      kind: z.enum(['employment_agency', 'training_centre', 'health_centre', 'school', 'association', 'other']),
      phone: nullable(text(20)),
      address: nullable(text(400)),
      active: flag,
      created_at: time,
    },
  },
  /** Keyed by programme id. */
  eligibility_rules: {
    scope: 'branch',
    writer: 'manager',
    required: ['condition', 'active', 'updated_at'],
    fields: { score_max: nullable(z.number().finite()), condition: text(2000), active: flag, updated_at: time },
  },
  households: {
    scope: 'household',
    writer: 'any',
    required: ['district_id', 'created_at', 'updated_at'],
    fields: householdFields,
    fieldWriters: { assigned_worker_id: 'manager', assigned_at: 'manager', assigned_by: 'manager' },
    protectedFields: ['assigned_worker_id', 'assigned_at', 'assigned_by'],
  },
  members: {
    scope: 'household',
    writer: 'any',
    required: ['household_id', 'first_name_ar', 'last_name_ar', 'sex', 'birth_date', 'relation', 'source', 'created_at', 'updated_at'],
    fields: {
      household_id: id,
      registry_ref: nullable(text(64)),
      national_id: nullable(text(20)),
      first_name_ar: text(60),
      last_name_ar: text(60),
      first_name_lat: nullable(text(60)),
      last_name_lat: nullable(text(60)),
      sex: z.enum(['F', 'M']),
      birth_date: date,
      relation: z.enum(['head', 'spouse', 'child', 'parent', 'sibling', 'other']),
      education: nullable(text(40)),
      in_school: nullable(flag),
      employment: nullable(text(40)),
      disability: nullable(flag),
      chronic_illness: nullable(flag),
      health_coverage: nullable(text(40)),
      source: z.enum(['registry', 'worker']),
      created_at: time,
      updated_at: time,
      deleted: flag,
    },
  },
  enrollments: {
    scope: 'household',
    writer: 'any',
    required: ['household_id', 'programme_id', 'status', 'created_at', 'updated_at'],
    fields: {
      household_id: id,
      member_id: nullable(id),
      programme_id: id,
      status: z.enum(['pending', 'active', 'suspended', 'ended']),
      start_date: nullable(date),
      end_date: nullable(date),
      created_at: time,
      updated_at: time,
      deleted: flag,
    },
  },
  visits: {
    scope: 'household',
    writer: 'any',
    appendOnly: true,
    required: ['household_id', 'user_id', 'type', 'visited_at', 'notes', 'created_at'],
    fields: {
      household_id: id,
      user_id: id,
      type: z.enum(['home', 'office', 'phone', 'caravan']),
      visited_at: time,
      notes: text(8000),
      created_at: time,
    },
  },
  documents: {
    scope: 'household',
    writer: 'any',
    required: ['household_id', 'name', 'mime', 'size', 'sha256', 'content', 'created_by', 'created_at'],
    fields: {
      household_id: id,
      member_id: nullable(id),
      name: text(200),
      mime: z.enum(['image/jpeg', 'image/png', 'image/webp', 'application/pdf']),
      size: z.number().int().min(0).max(10 * 1024 * 1024),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      /** The file itself, base64 (the device keeps it in `document_blobs`). */
      content: z.base64().max(Math.ceil((10 * 1024 * 1024 * 4) / 3) + 4),
      created_by: id,
      created_at: time,
      deleted: flag,
    },
  },
  plans: {
    scope: 'household',
    writer: 'any',
    required: ['household_id', 'domain', 'goals', 'status', 'created_by', 'created_at', 'updated_at'],
    fields: {
      household_id: id,
      member_id: nullable(id),
      programme_id: nullable(id),
      domain: z.enum(['employment', 'training', 'education', 'health']),
      goals: text(4000),
      status: z.enum(['draft', 'active', 'closing', 'closed']),
      created_by: id,
      created_at: time,
      updated_at: time,
      close_requested_by: nullable(id),
      close_requested_at: nullable(time),
      close_note: nullable(text(2000)),
      closed_by: nullable(id),
      closed_at: nullable(time),
      deleted: flag,
    },
    fieldWriters: { closed_by: 'manager', closed_at: 'manager' },
    protectedFields: ['status', 'closed_by', 'closed_at'],
  },
  actions: {
    scope: 'household',
    writer: 'any',
    required: ['plan_id', 'household_id', 'type', 'title', 'due_date', 'status', 'created_at', 'updated_at'],
    fields: {
      plan_id: id,
      household_id: id,
      type: text(40),
      title: text(400),
      due_date: date,
      assignee_id: nullable(id),
      status: z.enum(['planned', 'done', 'cancelled']),
      outcome: nullable(text(4000)),
      outcome_code: nullable(text(40)),
      completed_at: nullable(time),
      completed_by: nullable(id),
      recurrence_every: nullable(z.number().int().min(1).max(365)),
      recurrence_unit: nullable(z.enum(['days', 'weeks'])),
      partner_id: nullable(id),
      partner_answer: nullable(text(4000)),
      partner_answer_date: nullable(date),
      created_at: time,
      updated_at: time,
      deleted: flag,
    },
  },
} as const satisfies Record<string, TableSpec>;

export type SyncTableName = keyof typeof syncTables;
export const syncTableNames = Object.keys(syncTables) as SyncTableName[];

/**
 * The order rows are created in (parents before children), for snapshots and for applying a
 * page of changes under the store's foreign keys.
 */
export const syncTableOrder: readonly SyncTableName[] = [
  'branches',
  'districts',
  'users',
  'programmes',
  'partners',
  'eligibility_rules',
  'households',
  'members',
  'enrollments',
  'plans',
  'actions',
  'visits',
  'documents',
];

/**
 * Fields written with every edit of a row. Two devices editing different fields of one row both
 * write them: the last to arrive wins without a conflict, which would only be noise.
 */
export const bookkeepingFields: readonly string[] = ['updated_at'];

/** Whether edits of this table carry `updated_at` (so other devices sort and show them right). */
export const tracksUpdatedAt = (table: string): boolean =>
  isSyncTable(table) && Object.hasOwn(syncTables[table].fields, 'updated_at');

export const isSyncTable = (name: unknown): name is SyncTableName => typeof name === 'string' && Object.hasOwn(syncTables, name);

/** The spec of one table (widened, for code that iterates over every table). */
export const tableSpec = (table: SyncTableName): TableSpec => syncTables[table];

/** The schema of one field, or undefined when the field is not synced. */
export const fieldSchema = (table: SyncTableName, field: string): z.ZodType | undefined => {
  const fields: Record<string, z.ZodType> = syncTables[table].fields;
  return Object.hasOwn(fields, field) ? fields[field] : undefined;
};

/** Who may write this field of this table. */
export const fieldWriter = (table: SyncTableName, field: string): Writer => {
  const spec = tableSpec(table);
  return spec.fieldWriters?.[field] ?? spec.writer;
};

/** Whether a user with this role may write as `writer` requires. */
export const roleMayWrite = (role: 'worker' | 'manager' | 'admin', writer: Writer): boolean => {
  if (writer === 'server') return false;
  if (writer === 'any') return true;
  if (writer === 'manager') return role === 'manager' || role === 'admin';
  return role === 'admin';
};

/** The field naming the household a row belongs to (for household-scoped tables). */
export const householdKeyOf = (table: SyncTableName, rowId: string, fields: Record<string, unknown>): string | null => {
  if (syncTables[table].scope !== 'household') return null;
  if (table === 'households') return rowId;
  const value = fields.household_id;
  return typeof value === 'string' ? value : null;
};
