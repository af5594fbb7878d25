import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/tables.ts';
import { newId } from '../db/ids.ts';

type Db = Kysely<Database> | Transaction<Database>;

export const genesisHash = '0'.repeat(64);
const headKey = 'audit_head';

export interface AuditInput {
  branchId: string | null;
  userId: string | null;
  action: 'create' | 'update' | 'delete' | 'unlock' | 'restore' | 'rekey' | 'password';
  entity: string;
  entityId: string;
  /** Names of the fields written; never their values. */
  fields: string[];
}

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

/** Appends entries to the chain; call inside the transaction of the write they describe. */
export const appendAudit = async (trx: Transaction<Database>, inputs: AuditInput[], now = new Date()): Promise<void> => {
  let head = await readHead(trx);
  for (const input of inputs) {
    const entry: HashedFields = {
      id: newId(),
      branch_id: input.branchId,
      user_id: input.userId,
      device_time: now.toISOString(),
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId,
      fields: JSON.stringify([...input.fields].sort()),
    };
    const hash = entryHash(head.hash, entry);
    const seq = head.seq + 1;
    await trx.insertInto('audit_log').values({ ...entry, seq, server_time: null, prev_hash: head.hash, hash }).execute();
    head = { seq, hash };
  }
  await trx
    .insertInto('meta')
    .values({ key: headKey, value: `${head.seq}:${head.hash}` })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: `${head.seq}:${head.hash}` }))
    .execute();
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
