import { sql, type Kysely } from 'kysely';

// Frozen once released: never edit, add a new migration instead.
// Sync state: what the device last saw of each row, runs, refused changes, partial creates.
export const up = async (db: Kysely<unknown>): Promise<void> => {
  // The server sequence this device last saw for each row; read by every write for base_seq.
  await sql`CREATE TABLE sync_rows (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (table_name, row_id)
  ) STRICT, WITHOUT ROWID`.execute(db);

  // Pulled creates still missing required fields (a page may end in the middle of a row).
  await sql`CREATE TABLE sync_staged (
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    fields TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (table_name, row_id)
  ) STRICT, WITHOUT ROWID`.execute(db);

  await sql`CREATE TABLE sync_runs (
    id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    via TEXT NOT NULL CHECK (via IN ('network', 'bundle')),
    pushed INTEGER NOT NULL DEFAULT 0,
    pulled INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0,
    cursor INTEGER NOT NULL DEFAULT 0,
    error_code TEXT,
    error_message TEXT
  ) STRICT`.execute(db);
  await sql`CREATE INDEX sync_runs_started ON sync_runs (started_at)`.execute(db);

  await sql`CREATE TABLE sync_rejections (
    id INTEGER PRIMARY KEY,
    change_seq INTEGER NOT NULL,
    table_name TEXT NOT NULL,
    row_id TEXT NOT NULL,
    field TEXT NOT NULL,
    code TEXT NOT NULL,
    at TEXT NOT NULL
  ) STRICT`.execute(db);

  // A pulled field is skipped while the device has an unpushed change to it (rebase), and a
  // household leaves only once its changes went up: both look up the outbox by row. Row ids are
  // UUIDv7, unique across tables and increasing: the index grows at its end, cheap on an import.
  await sql`CREATE INDEX change_log_row ON change_log (row_id)`.execute(db);
};
