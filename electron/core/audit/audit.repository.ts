import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const genesisHash = '0'.repeat(64);
const headKey = 'audit_head';

interface HashedFields {
  id: string;
  branch_id: string | null;
  user_id: string | null;
  device_time: string;
  action: string;
  entity: string;
  entity_id: string;
  fields: string;
}

/** The entry's hash covers its content and the previous hash (server_time is added later, so it is outside). */
export const entryHash = (prevHash: string, entry: HashedFields): string =>
  createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(
      JSON.stringify([entry.id, entry.branch_id, entry.user_id, entry.device_time, entry.action, entry.entity, entry.entity_id, entry.fields]),
    )
    .digest('hex');

const readHead = async (db: Db): Promise<{ seq: number; hash: string }> => {
  const row = await db.selectFrom('meta').select('value').where('key', '=', headKey).executeTakeFirst();
  if (!row) return { seq: 0, hash: genesisHash };
  const [seq, hash] = row.value.split(':');
  return { seq: Number(seq), hash: hash ?? genesisHash };
};

export interface AuditVerification {
  ok: boolean;
  entries: number;
  brokenAt: number | null;
}

/** Walks the chain in order: an edited, inserted, reordered or removed entry (tail included) breaks it. */
export const verifyAudit = async (db: Db, pageSize = 5_000): Promise<AuditVerification> => {
  let prev = { seq: 0, hash: genesisHash };
  let entries = 0;
  for (;;) {
    const rows = await db.selectFrom('audit_log').selectAll().where('seq', '>', prev.seq).orderBy('seq').limit(pageSize).execute();
    for (const row of rows) {
      if (row.seq !== prev.seq + 1 || row.prev_hash !== prev.hash || entryHash(prev.hash, row) !== row.hash) {
        return { ok: false, entries, brokenAt: prev.seq + 1 };
      }
      prev = { seq: row.seq, hash: row.hash };
      entries += 1;
    }
    if (rows.length < pageSize) break;
  }
  const head = await readHead(db);
  if (head.seq !== prev.seq || head.hash !== prev.hash) return { ok: false, entries, brokenAt: prev.seq + 1 };
  return { ok: true, entries, brokenAt: null };
};
