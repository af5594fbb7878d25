import { sql, type Kysely } from 'kysely';

// Frozen once released: never edit, add a new migration instead.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`CREATE TABLE households (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    registry_ref TEXT,
    registry_score REAL,
    district_id TEXT NOT NULL REFERENCES districts(id),
    region TEXT,
    province TEXT,
    locality TEXT,
    address TEXT,
    phone TEXT,
    phone_override TEXT,
    assigned_worker_id TEXT REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'closed', 'transferred')),
    notes TEXT,
    registry_seen_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
  ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX households_registry_ref ON households (branch_id, registry_ref) WHERE registry_ref IS NOT NULL`.execute(db);
  await sql`CREATE INDEX households_district ON households (branch_id, district_id, registry_score)`.execute(db);
  await sql`CREATE INDEX households_worker ON households (branch_id, assigned_worker_id)`.execute(db);

  await sql`CREATE TABLE members (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    registry_ref TEXT,
    national_id TEXT,
    first_name_ar TEXT NOT NULL,
    last_name_ar TEXT NOT NULL,
    first_name_lat TEXT,
    last_name_lat TEXT,
    sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    birth_date TEXT NOT NULL,
    relation TEXT NOT NULL CHECK (relation IN ('head', 'spouse', 'child', 'parent', 'sibling', 'other')),
    education TEXT,
    in_school INTEGER,
    employment TEXT,
    disability INTEGER,
    chronic_illness INTEGER,
    health_coverage TEXT,
    source TEXT NOT NULL CHECK (source IN ('registry', 'worker')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
  ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX members_registry_ref ON members (branch_id, registry_ref) WHERE registry_ref IS NOT NULL`.execute(db);
  await sql`CREATE INDEX members_household ON members (household_id)`.execute(db);
  await sql`CREATE INDEX members_national_id ON members (branch_id, national_id) WHERE national_id IS NOT NULL`.execute(db);

  await sql`CREATE TABLE programmes (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    code TEXT NOT NULL,
    name_ar TEXT NOT NULL,
    name_fr TEXT NOT NULL,
    name_en TEXT NOT NULL,
    score_threshold REAL,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE UNIQUE INDEX programmes_code ON programmes (branch_id, code)`.execute(db);

  await sql`CREATE TABLE enrollments (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    member_id TEXT REFERENCES members(id),
    programme_id TEXT NOT NULL REFERENCES programmes(id),
    status TEXT NOT NULL CHECK (status IN ('pending', 'active', 'suspended', 'ended')),
    start_date TEXT,
    end_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT`.execute(db);
  await sql`CREATE INDEX enrollments_household ON enrollments (household_id)`.execute(db);
  await sql`CREATE INDEX enrollments_programme ON enrollments (branch_id, programme_id, status)`.execute(db);

  await sql`CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    type TEXT NOT NULL CHECK (type IN ('home', 'office', 'phone', 'caravan')),
    visited_at TEXT NOT NULL,
    notes TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE INDEX visits_household ON visits (household_id, visited_at)`.execute(db);

  await sql`CREATE TABLE partners (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('employment_agency', 'training_centre', 'health_centre', 'school', 'association', 'other')),
    phone TEXT,
    address TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL
  ) STRICT`.execute(db);

  await sql`CREATE TABLE document_blobs (
    sha256 TEXT PRIMARY KEY,
    data BLOB NOT NULL
  ) STRICT`.execute(db);
  await sql`CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    member_id TEXT REFERENCES members(id),
    name TEXT NOT NULL,
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL REFERENCES document_blobs(sha256),
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT`.execute(db);
  await sql`CREATE INDEX documents_household ON documents (household_id)`.execute(db);

  // The sync outbox, in the transaction of each write: one row per row written, its fields as a
  // JSON object (pushed as field-level changes); one row per field would be 20x larger on import.
  await sql`CREATE TABLE change_log (
    seq INTEGER PRIMARY KEY,
    op_id TEXT NOT NULL UNIQUE,
    branch_id TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    base_seq INTEGER NOT NULL DEFAULT 0,
    device_time TEXT NOT NULL,
    user_id TEXT NOT NULL,
    pushed_at TEXT
  ) STRICT`.execute(db);
  await sql`CREATE INDEX change_log_unpushed ON change_log (pushed_at, seq)`.execute(db);

  // Search: pre-folded tokens (shared/text/folding.ts) per member; the tokenizer only splits on spaces.
  await sql`CREATE VIRTUAL TABLE member_search USING fts5(
    tokens,
    member_id UNINDEXED,
    household_id UNINDEXED,
    tokenize = "unicode61 remove_diacritics 0",
    prefix = '2 3'
  )`.execute(db);

  await sql`CREATE TABLE import_runs (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    file_name TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed', 'cancelled')),
    report TEXT
  ) STRICT`.execute(db);
};
