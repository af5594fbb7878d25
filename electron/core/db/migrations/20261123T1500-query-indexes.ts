import { sql, type Kysely } from 'kysely';

// Frozen once released: never edit, add a new migration instead.
// Indexes found missing by the benchmark at branch scale (100,000 households).
export const up = async (db: Kysely<unknown>): Promise<void> => {
  // "Changed since I last looked" reads the audit log's edits by time.
  await sql`CREATE INDEX audit_log_edits ON audit_log (device_time) WHERE action IN ('update', 'delete')`.execute(db);
  // The search box finds a household by its registry phone or a worker's correction.
  await sql`CREATE INDEX households_phone ON households (branch_id, phone) WHERE phone IS NOT NULL`.execute(db);
  await sql`CREATE INDEX households_phone_override ON households (branch_id, phone_override) WHERE phone_override IS NOT NULL`.execute(db);
};
