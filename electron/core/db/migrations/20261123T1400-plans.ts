import { sql, type Kysely } from 'kysely';

// Frozen once released: never edit, add a new migration instead.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`ALTER TABLE households ADD COLUMN assigned_at TEXT`.execute(db);
  await sql`ALTER TABLE households ADD COLUMN assigned_by TEXT`.execute(db);

  await sql`CREATE TABLE plans (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    member_id TEXT REFERENCES members(id),
    programme_id TEXT REFERENCES programmes(id),
    domain TEXT NOT NULL CHECK (domain IN ('employment', 'training', 'education', 'health')),
    goals TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'active', 'closing', 'closed')),
    created_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    close_requested_by TEXT,
    close_requested_at TEXT,
    close_note TEXT,
    closed_by TEXT,
    closed_at TEXT,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT`.execute(db);
  await sql`CREATE INDEX plans_household ON plans (household_id, domain)`.execute(db);
  await sql`CREATE INDEX plans_status ON plans (branch_id, status)`.execute(db);

  await sql`CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    branch_id TEXT NOT NULL REFERENCES branches(id),
    plan_id TEXT NOT NULL REFERENCES plans(id),
    household_id TEXT NOT NULL REFERENCES households(id),
    type TEXT NOT NULL,
    title TEXT NOT NULL,
    due_date TEXT NOT NULL,
    assignee_id TEXT REFERENCES users(id),
    status TEXT NOT NULL CHECK (status IN ('planned', 'done', 'cancelled')),
    outcome TEXT,
    outcome_code TEXT,
    completed_at TEXT,
    completed_by TEXT,
    recurrence_every INTEGER,
    recurrence_unit TEXT CHECK (recurrence_unit IN ('days', 'weeks')),
    partner_id TEXT REFERENCES partners(id),
    partner_answer TEXT,
    partner_answer_date TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
  ) STRICT`.execute(db);
  await sql`CREATE INDEX actions_assignee ON actions (branch_id, assignee_id, status, due_date)`.execute(db);
  await sql`CREATE INDEX actions_plan ON actions (plan_id)`.execute(db);
  await sql`CREATE INDEX actions_household ON actions (household_id, status)`.execute(db);

  await sql`CREATE TABLE eligibility_rules (
    programme_id TEXT PRIMARY KEY REFERENCES programmes(id),
    branch_id TEXT NOT NULL,
    score_max REAL,
    condition TEXT NOT NULL,
    active INTEGER NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT`.execute(db);

  // Device-local, never synced: when each user last looked at her queue.
  await sql`CREATE TABLE user_state (
    user_id TEXT PRIMARY KEY,
    queue_seen_at TEXT
  ) STRICT`.execute(db);
};
