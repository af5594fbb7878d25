import type { ColumnType, Insertable, Selectable } from 'kysely';
import type { Role } from '../../shared/contract/session.contract.ts';

/**
 * The server's tables as Kysely sees them. `branch_id` leads every key (see the README's notes on
 * distributing them by branch). Times are `timestamptz`, read back as `Date`.
 */

type Time = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;
type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

/** Who wrote a field's current value, and when (rows.versions[field]). */
export interface VersionInfo {
  seq: number;
  role: Role;
  device_id: string;
  user_id: string | null;
  device_time: string | null;
  server_time: string;
}

/** One side of a conflict as stored. */
export interface ConflictSide {
  value: unknown;
  user_id: string | null;
  device_time: string | null;
  server_time: string;
  seq?: number;
}

export interface BranchesTable {
  id: string;
  name: string;
  last_seq: ColumnType<number, number | undefined, number>;
  created_at: Time;
}

export interface AccountsTable {
  branch_id: string;
  id: string;
  username: string;
  password_hash: string;
  role: Role;
  display_name: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  district_ids: Json<string[]>;
  created_at: Time;
  updated_at: Time;
}

export interface DevicesTable {
  branch_id: string;
  id: string;
  name: string;
  device_key: Bytes;
  bundle_key: Bytes;
  created_at: Time;
  last_seen_at: Time | null;
  revoked_at: Time | null;
  /** Whether its last snapshot was the whole branch (true) or a worker's households (false); null before one. */
  holds_branch: boolean | null;
}

export interface DeviceUsersTable {
  branch_id: string;
  device_id: string;
  user_id: string;
  first_seen_at: Time;
}

export interface TokensTable {
  branch_id: string;
  hash: string;
  kind: 'access' | 'refresh';
  user_id: string;
  device_id: string;
  expires_at: Time;
  used_at: Time | null;
}

export interface OpsTable {
  branch_id: string;
  seq: number;
  table_name: string;
  row_id: string;
  field: string;
  value: Json<unknown>;
  household_id: string | null;
  user_id: string | null;
  device_id: string | null;
  op_id: string;
  device_time: string | null;
  server_time: Time;
}

export interface RowsTable {
  branch_id: string;
  table_name: string;
  row_id: string;
  household_id: string | null;
  data: Json<Record<string, unknown>>;
  versions: Json<Record<string, VersionInfo>>;
  seq: number;
}

export interface HouseholdScopeTable {
  branch_id: string;
  household_id: string;
  district_id: string | null;
  assigned_worker_id: string | null;
}

export interface DeviceScopeTable {
  branch_id: string;
  device_id: string;
  household_id: string;
  since_cursor: number;
  left_cursor: number | null;
}

export interface ConflictsTable {
  branch_id: string;
  id: string;
  table_name: string;
  row_id: string;
  field: string;
  household_id: string | null;
  kept: Json<ConflictSide>;
  lost: Json<ConflictSide>;
  status: 'open' | 'confirmed' | 'restored';
  resolved_by: string | null;
  resolved_at: Time | null;
  created_at: Time;
}

export interface ServerDatabase {
  branches: BranchesTable;
  accounts: AccountsTable;
  devices: DevicesTable;
  device_users: DeviceUsersTable;
  tokens: TokensTable;
  ops: OpsTable;
  rows: RowsTable;
  household_scope: HouseholdScopeTable;
  device_scope: DeviceScopeTable;
  conflicts: ConflictsTable;
}

export type Account = Selectable<AccountsTable>;
export type Device = Selectable<DevicesTable>;
export type NewOp = Insertable<OpsTable>;
export type ConflictRow = Selectable<ConflictsTable>;
