import type { Kysely, Transaction } from 'kysely';
import { entryHash, genesisHash } from '../audit/audit.repository.ts';
import type { SqliteDatabase } from './store.ts';
import type { Database } from './tables.ts';
import { newId } from './ids.ts';
import { tracksUpdatedAt } from '../../../shared/sync/tables.ts';

/** Who writes: every change and audit entry carries them (null only for audit-only events before sign-in). */
export interface Actor {
  userId: string | null;
  branchId: string | null;
}

/** What the audit chain records beyond row writes. */
export type AuditAction = RowChange['action'] | 'password' | 'restore' | 'rekey';

/** The actor of an unlocked session. */
export const actorOf = (session: { user: { id: string }; branch: { id: string } }): Actor => ({ userId: session.user.id, branchId: session.branch.id });

/** One row written: its table, id and the fields with their new values. */
export interface RowChange {
  table: string;
  rowId: string;
  action: 'create' | 'update' | 'delete';
  fields: Record<string, unknown>;
}

interface Statements {
  head: { get(): unknown };
  setHead: { run(value: string): unknown };
  change: { run(...values: unknown[]): unknown };
  audit: { run(...values: unknown[]): unknown };
}

// Prepared once per connection: the import writes hundreds of thousands of rows through these.
const cache = new WeakMap<SqliteDatabase, Statements>();
const statements = (sqlite: SqliteDatabase): Statements => {
  let found = cache.get(sqlite);
  if (!found) {
    found = {
      head: sqlite.prepare(`SELECT value FROM meta WHERE key = 'audit_head'`),
      setHead: sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`),
      // base_seq: the server sequence this device last saw for the row (0: never pulled).
      change: sqlite.prepare(
        `INSERT INTO change_log (op_id, branch_id, table_name, row_id, fields, base_seq, device_time, user_id)
         VALUES (?, ?, ?, ?, ?, COALESCE((SELECT seq FROM sync_rows WHERE table_name = ? AND row_id = ?), 0), ?, ?)`,
      ),
      audit: sqlite.prepare(
        `INSERT INTO audit_log (seq, id, branch_id, user_id, device_time, server_time, action, entity, entity_id, fields, prev_hash, hash)
         VALUES (?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?)`,
      ),
    };
    cache.set(sqlite, found);
  }
  return found;
};

/**
 * Records writes for sync (change_log, the outbox) and for the audit chain, inside the caller's
 * open transaction. `finish()` must run before that transaction commits.
 */
export const createChangeRecorder = (sqlite: SqliteDatabase, actor: Actor, now = new Date()) => {
  const statement = statements(sqlite);
  const deviceTime = now.toISOString();
  const stored = statement.head.get() as { value: string } | undefined;
  const [seqText, hashText] = stored ? stored.value.split(':') : ['0', genesisHash];
  let head = { seq: Number(seqText), hash: hashText ?? genesisHash };
  let dirty = false;

/** Appends one entry to the audit chain (also for a summary of several rows). */
  const appendAudit = (input: { entity: string; entityId: string; action: AuditAction; fields: string[] }): void => {
    const entry = {
      id: newId(),
      branch_id: actor.branchId,
      user_id: actor.userId,
      device_time: deviceTime,
      action: input.action,
      entity: input.entity,
      entity_id: input.entityId,
      fields: JSON.stringify([...input.fields].sort()),
    };
    const hash = entryHash(head.hash, entry);
    const seq = head.seq + 1;
    statement.audit.run(seq, entry.id, entry.branch_id, entry.user_id, entry.device_time, entry.action, entry.entity, entry.entity_id, entry.fields, head.hash, hash);
    head = { seq, hash };
    dirty = true;
  };

  return {
    /** Appends one entry to the audit chain (also for a summary of several rows). */
    audit: appendAudit,
    /** Records a row written: in the outbox, and in the audit chain unless `audit` is false. */
    record(change: RowChange, { audit = true }: { audit?: boolean } = {}) {
      if (!actor.userId || !actor.branchId) throw new Error('A row write needs a signed-in actor.');
      const { table, rowId } = change;
      // Other devices learn when a row last changed with each edit (a create carries the whole row).
      const outbox = change.action !== 'create' && !('updated_at' in change.fields) && tracksUpdatedAt(table) ? { ...change.fields, updated_at: deviceTime } : change.fields;
      statement.change.run(newId(), actor.branchId, table, rowId, JSON.stringify(outbox), table, rowId, deviceTime, actor.userId);
      if (audit) appendAudit({ entity: change.table, entityId: change.rowId, action: change.action, fields: Object.keys(change.fields) });
    },
    finish() {
      if (dirty) statement.setHead.run(`${head.seq}:${head.hash}`);
      dirty = false;
    },
  };
};

export type ChangeRecorder = ReturnType<typeof createChangeRecorder>;

/** Runs `work` in one write transaction whose row changes go to the outbox and the audit chain. */
export const writeTransaction = <T>(
  store: { db: Kysely<Database>; sqlite: SqliteDatabase },
  actor: Actor,
  work: (trx: Transaction<Database>, changes: ChangeRecorder) => Promise<T>,
): Promise<T> =>
  store.db.transaction().execute(async (trx) => {
    const changes = createChangeRecorder(store.sqlite, actor);
    const result = await work(trx, changes);
    changes.finish();
    return result;
  });

/** Appends one audit-only entry (a password change, a restore, a rekey) in its own transaction. */
export const auditEvent = (
  store: { db: Kysely<Database>; sqlite: SqliteDatabase },
  actor: Actor,
  event: { entity: string; entityId: string; action: AuditAction; fields: string[] },
): Promise<void> => writeTransaction(store, actor, async (_trx, changes) => changes.audit(event));
