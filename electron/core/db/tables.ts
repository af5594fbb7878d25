import type { Generated } from 'kysely';

/** Row types of the case store, as SQLite stores them (booleans as 0/1, times as ISO text). */
export interface BranchesTable {
  id: string;
  name: string;
  created_at: string;
}

export interface DistrictsTable {
  id: string;
  branch_id: string;
  name: string;
  province: string | null;
  created_at: string;
}

export interface UsersTable {
  id: string;
  branch_id: string;
  username: string;
  display_name: string;
  role: 'worker' | 'manager' | 'admin';
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface UserDistrictsTable {
  branch_id: string;
  user_id: string;
  district_id: string;
}

export interface AuditLogTable {
  seq: Generated<number>;
  id: string;
  branch_id: string | null;
  user_id: string | null;
  device_time: string;
  /** Set once the entry has been synced; outside the hash, since it arrives later. */
  server_time: string | null;
  action: string;
  entity: string;
  entity_id: string;
  /** JSON array of the field names written: never their values. */
  fields: string;
  prev_hash: string;
  hash: string;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface HouseholdsTable {
  id: string;
  branch_id: string;
  registry_ref: string | null;
  registry_score: number | null;
  district_id: string;
  region: string | null;
  province: string | null;
  locality: string | null;
  address: string | null;
  phone: string | null;
  phone_override: string | null;
  assigned_worker_id: string | null;
  status: 'active' | 'closed' | 'transferred';
  notes: string | null;
  registry_seen_at: string | null;
  assigned_at: string | null;
  assigned_by: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface MembersTable {
  id: string;
  branch_id: string;
  household_id: string;
  registry_ref: string | null;
  national_id: string | null;
  first_name_ar: string;
  last_name_ar: string;
  first_name_lat: string | null;
  last_name_lat: string | null;
  sex: 'F' | 'M';
  birth_date: string;
  relation: 'head' | 'spouse' | 'child' | 'parent' | 'sibling' | 'other';
  education: string | null;
  in_school: number | null;
  employment: string | null;
  disability: number | null;
  chronic_illness: number | null;
  health_coverage: string | null;
  source: 'registry' | 'worker';
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface ProgrammesTable {
  id: string;
  branch_id: string;
  code: string;
  name_ar: string;
  name_fr: string;
  name_en: string;
  score_threshold: number | null;
  active: number;
  created_at: string;
}

export interface EnrollmentsTable {
  id: string;
  branch_id: string;
  household_id: string;
  member_id: string | null;
  programme_id: string;
  status: 'pending' | 'active' | 'suspended' | 'ended';
  start_date: string | null;
  end_date: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface VisitsTable {
  id: string;
  branch_id: string;
  household_id: string;
  user_id: string;
  type: 'home' | 'office' | 'phone' | 'caravan';
  visited_at: string;
  notes: string;
  created_at: string;
}

export interface PartnersTable {
  id: string;
  branch_id: string;
  name: string;
  kind: 'employment_agency' | 'training_centre' | 'health_centre' | 'school' | 'association' | 'other';
  phone: string | null;
  address: string | null;
  active: number;
  created_at: string;
}

export interface DocumentBlobsTable {
  sha256: string;
  data: Buffer;
}

export interface DocumentsTable {
  id: string;
  branch_id: string;
  household_id: string;
  member_id: string | null;
  name: string;
  mime: 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';
  size: number;
  sha256: string;
  created_by: string;
  created_at: string;
  deleted: number;
}

export interface ChangeLogTable {
  seq: Generated<number>;
  op_id: string;
  branch_id: string;
  table_name: string;
  row_id: string;
  /** JSON object of the fields written and their new values. */
  fields: string;
  base_seq: number;
  device_time: string;
  user_id: string;
  pushed_at: string | null;
}

export interface MemberSearchTable {
  rowid: Generated<number>;
  tokens: string;
  member_id: string;
  household_id: string;
}

export interface ImportRunsTable {
  id: string;
  branch_id: string;
  user_id: string;
  file_name: string;
  started_at: string;
  finished_at: string | null;
  status: 'running' | 'done' | 'failed' | 'cancelled';
  report: string | null;
}

export interface PlansTable {
  id: string;
  branch_id: string;
  household_id: string;
  member_id: string | null;
  programme_id: string | null;
  domain: 'employment' | 'training' | 'education' | 'health';
  goals: string;
  status: 'draft' | 'active' | 'closing' | 'closed';
  created_by: string;
  created_at: string;
  updated_at: string;
  close_requested_by: string | null;
  close_requested_at: string | null;
  close_note: string | null;
  closed_by: string | null;
  closed_at: string | null;
  deleted: number;
}

export interface ActionsTable {
  id: string;
  branch_id: string;
  plan_id: string;
  household_id: string;
  type: string;
  title: string;
  due_date: string;
  assignee_id: string | null;
  status: 'planned' | 'done' | 'cancelled';
  outcome: string | null;
  outcome_code: string | null;
  completed_at: string | null;
  completed_by: string | null;
  recurrence_every: number | null;
  recurrence_unit: 'days' | 'weeks' | null;
  partner_id: string | null;
  partner_answer: string | null;
  partner_answer_date: string | null;
  created_at: string;
  updated_at: string;
  deleted: number;
}

export interface EligibilityRulesTable {
  programme_id: string;
  branch_id: string;
  score_max: number | null;
  condition: string;
  active: number;
  updated_at: string;
}

export interface UserStateTable {
  user_id: string;
  queue_seen_at: string | null;
}

/** The server sequence this device last saw for each synced row. */
export interface SyncRowsTable {
  table_name: string;
  row_id: string;
  seq: number;
}

/** Pulled creates waiting for their remaining required fields. */
export interface SyncStagedTable {
  table_name: string;
  row_id: string;
  /** JSON object of the fields received so far. */
  fields: string;
  seq: number;
}

export interface SyncRunsTable {
  id: string;
  started_at: string;
  finished_at: string;
  via: 'network' | 'bundle';
  pushed: number;
  pulled: number;
  conflicts: number;
  rejected: number;
  cursor: number;
  error_code: string | null;
  error_message: string | null;
}

/** A pushed field the server refused (the change_log entry is marked pushed all the same). */
export interface SyncRejectionsTable {
  id: Generated<number>;
  change_seq: number;
  table_name: string;
  row_id: string;
  field: string;
  code: string;
  at: string;
}

export interface Database {
  branches: BranchesTable;
  districts: DistrictsTable;
  users: UsersTable;
  user_districts: UserDistrictsTable;
  audit_log: AuditLogTable;
  meta: MetaTable;
  households: HouseholdsTable;
  members: MembersTable;
  programmes: ProgrammesTable;
  enrollments: EnrollmentsTable;
  visits: VisitsTable;
  partners: PartnersTable;
  document_blobs: DocumentBlobsTable;
  documents: DocumentsTable;
  change_log: ChangeLogTable;
  member_search: MemberSearchTable;
  import_runs: ImportRunsTable;
  plans: PlansTable;
  actions: ActionsTable;
  eligibility_rules: EligibilityRulesTable;
  user_state: UserStateTable;
  sync_rows: SyncRowsTable;
  sync_staged: SyncStagedTable;
  sync_runs: SyncRunsTable;
  sync_rejections: SyncRejectionsTable;
}
