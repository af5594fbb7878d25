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

export interface Database {
  branches: BranchesTable;
  districts: DistrictsTable;
  users: UsersTable;
  user_districts: UserDistrictsTable;
  audit_log: AuditLogTable;
  meta: MetaTable;
}
