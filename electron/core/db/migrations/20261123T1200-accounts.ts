import { sql, type Kysely } from 'kysely';

// Frozen once released: never edit, add a new migration instead.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`CREATE TABLE branches (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE TABLE districts (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    name TEXT NOT NULL,
    province TEXT,
    created_at TEXT NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX districts_branch_name ON districts (branch_id, name)`.execute(db);
  await sql`CREATE TABLE users (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('worker', 'manager', 'admin')),
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX users_username ON users (username)`.execute(db);
  await sql`CREATE INDEX users_branch ON users (branch_id, role)`.execute(db);
  await sql`CREATE TABLE user_districts (
    branch_id TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users(id),
    district_id TEXT NOT NULL REFERENCES districts(id),
    PRIMARY KEY (user_id, district_id)
  ) STRICT`.execute(db);
  await sql`CREATE INDEX user_districts_district ON user_districts (branch_id, district_id)`.execute(db);
  await sql`CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY,
    id TEXT NOT NULL,
    branch_id TEXT,
    user_id TEXT,
    device_time TEXT NOT NULL,
    server_time TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, seq)`.execute(db);
  await sql`CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT`.execute(db);
};
