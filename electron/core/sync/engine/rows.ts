import { createHash } from 'node:crypto';
import { syncTables, type SyncTableName } from '../../../../shared/sync/tables.ts';
import type { SqliteDatabase } from '../../db/store.ts';
import { CoreError } from '../../errors.ts';
import { indexNewMember, reindexMember } from '../../search/search-index.ts';
import { isColumn, type LocalTable } from './columns.ts';

/**
 * Writes pulled rows into the store: inserts, updates, partial creates waiting in sync_staged,
 * the fields kept outside their table, the rows' server sequences and the member search index.
 * Never touches change_log or the audit chain (pulled writes are audited on the server). Runs
 * inside the caller's transaction (with foreign keys deferred).
 */

interface Run {
  run(...values: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}
interface Get<T> {
  get(...values: unknown[]): T | undefined;
}
interface All<T> {
  all(...values: unknown[]): T[];
}

interface Statements {
  branch: All<{ id: string }>;
  seen: Get<{ seq: number }>;
  setSeen: Run;
  pending: All<{ fields: string }>;
  staged: Get<{ fields: string; seq: number }>;
  stage: Run;
  unstage: Run;
  blobExists: Get<unknown>;
  putBlob: Run;
  userBranch: Get<{ branch_id: string }>;
  clearDistricts: Run;
  addDistrict: Run;
  householdMembers: All<{ id: string }>;
  householdPhones: Get<{ phone: string | null; phone_override: string | null; deleted: number }>;
  exists: Map<SyncTableName, Get<unknown>>;
  insert: Map<SyncTableName, Run>;
  update: Map<string, Run>;
}

const cache = new WeakMap<SqliteDatabase, Statements>();
const statements = (sqlite: SqliteDatabase): Statements => {
  let found = cache.get(sqlite);
  if (!found) {
    found = {
      branch: sqlite.prepare('SELECT id FROM branches LIMIT 2') as All<{ id: string }>,
      seen: sqlite.prepare('SELECT seq FROM sync_rows WHERE table_name = ? AND row_id = ?') as Get<{ seq: number }>,
      setSeen: sqlite.prepare(
        'INSERT INTO sync_rows (table_name, row_id, seq) VALUES (?, ?, ?) ON CONFLICT (table_name, row_id) DO UPDATE SET seq = max(seq, excluded.seq)',
      ) as Run,
      pending: sqlite.prepare('SELECT fields FROM change_log INDEXED BY change_log_row WHERE row_id = ? AND table_name = ? AND pushed_at IS NULL') as All<{ fields: string }>,
      staged: sqlite.prepare('SELECT fields, seq FROM sync_staged WHERE table_name = ? AND row_id = ?') as Get<{ fields: string; seq: number }>,
      stage: sqlite.prepare(
        'INSERT INTO sync_staged (table_name, row_id, fields, seq) VALUES (?, ?, ?, ?) ON CONFLICT (table_name, row_id) DO UPDATE SET fields = excluded.fields, seq = excluded.seq',
      ) as Run,
      unstage: sqlite.prepare('DELETE FROM sync_staged WHERE table_name = ? AND row_id = ?') as Run,
      blobExists: sqlite.prepare('SELECT 1 FROM document_blobs WHERE sha256 = ?') as Get<unknown>,
      putBlob: sqlite.prepare('INSERT INTO document_blobs (sha256, data) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING') as Run,
      userBranch: sqlite.prepare('SELECT branch_id FROM users WHERE id = ?') as Get<{ branch_id: string }>,
      clearDistricts: sqlite.prepare('DELETE FROM user_districts WHERE user_id = ?') as Run,
      addDistrict: sqlite.prepare('INSERT OR IGNORE INTO user_districts (branch_id, user_id, district_id) VALUES (?, ?, ?)') as Run,
      householdMembers: sqlite.prepare('SELECT id FROM members WHERE household_id = ?') as All<{ id: string }>,
      householdPhones: sqlite.prepare('SELECT phone, phone_override, deleted FROM households WHERE id = ?') as Statements['householdPhones'],
      exists: new Map(),
      insert: new Map(),
      update: new Map(),
    };
    cache.set(sqlite, found);
  }
  return found;
};

const existsStatement = (sqlite: SqliteDatabase, table: LocalTable): Get<unknown> => {
  const statement = statements(sqlite);
  let found = statement.exists.get(table.name);
  if (!found) {
    found = sqlite.prepare(`SELECT 1 FROM ${table.name} WHERE ${table.key} = ?`) as Get<unknown>;
    statement.exists.set(table.name, found);
  }
  return found;
};

const insertStatement = (sqlite: SqliteDatabase, table: LocalTable): Run => {
  const statement = statements(sqlite);
  let found = statement.insert.get(table.name);
  if (!found) {
    const names = [table.key, ...(table.hasBranch ? ['branch_id'] : []), ...table.columns];
    found = sqlite.prepare(`INSERT INTO ${table.name} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`) as Run;
    statement.insert.set(table.name, found);
  }
  return found;
};

// Column names come from LocalTable.columns (the allow-list), checked by the caller.
const updateStatement = (sqlite: SqliteDatabase, table: LocalTable, columns: string[]): Run => {
  const statement = statements(sqlite);
  const key = `${table.name}|${columns.join(',')}`;
  let found = statement.update.get(key);
  if (!found) {
    found = sqlite.prepare(`UPDATE ${table.name} SET ${columns.map((column) => `${column} = ?`).join(', ')} WHERE ${table.key} = ?`) as Run;
    statement.update.set(key, found);
  }
  return found;
};

const memberSearchFields = new Set(['household_id', 'national_id', 'first_name_ar', 'last_name_ar', 'first_name_lat', 'last_name_lat', 'deleted']);
const householdSearchFields = new Set(['phone', 'phone_override', 'deleted']);

/** Whether a table's local pending changes may hold against pulled values (not for server-managed tables). */
export const rebases = (table: SyncTableName): boolean => syncTables[table].writer !== 'server';

export type RowWriter = ReturnType<typeof createRowWriter>;

/** A writer for one transaction; call `finish()` before it commits. */
export const createRowWriter = (sqlite: SqliteDatabase, options: { branchId?: string; newTables?: ReadonlySet<SyncTableName> } = {}) => {
  const statement = statements(sqlite);
  // Tables that held nothing (no rows, none seen, none staged) when a snapshot began: each of
  // their rows comes once, so there is nothing to look up before inserting it.
  const newTables = options.newTables ?? new Set<SyncTableName>();
  let branchId = options.branchId ?? null;
  const usersChanged = new Set<string>();
  const members = new Set<string>();
  const households = new Set<string>();
  // Members inserted here: indexed in one statement each at the end (a snapshot writes thousands).
  const newMembers = new Map<string, { rowid: number | bigint; values: Record<string, unknown> }>();

  const deviceBranch = (): string => {
    if (branchId) return branchId;
    const rows = statement.branch.all();
    if (rows.length !== 1 || !rows[0]) throw new CoreError('internal', 'The case store does not hold exactly one branch.');
    branchId = rows[0].id;
    return branchId;
  };

  const complete = (table: LocalTable, fields: Record<string, unknown>): boolean =>
    table.required.every((field) => {
      if (fields[field] !== undefined) return true;
      // A document whose file the device already holds needs no second copy of it.
      return table.name === 'documents' && field === 'content' && typeof fields.sha256 === 'string' && statement.blobExists.get(fields.sha256) !== undefined;
    });

  const putContent = (sha256: unknown, content: unknown) => {
    if (typeof sha256 !== 'string' || typeof content !== 'string') throw new CoreError('internal', 'A pulled document has no usable file.');
    const data = Buffer.from(content, 'base64');
    if (createHash('sha256').update(data).digest('hex') !== sha256) throw new CoreError('internal', 'A pulled document does not match its checksum.');
    statement.putBlob.run(sha256, data);
  };

  const setDistricts = (userId: string, districts: unknown) => {
    if (!Array.isArray(districts)) throw new CoreError('internal', 'Pulled user districts are not a list.');
    const owner = statement.userBranch.get(userId);
    if (!owner) return;
    statement.clearDistricts.run(userId);
    for (const districtId of districts) statement.addDistrict.run(owner.branch_id, userId, districtId);
  };

  return {
    /** The server sequence this device last saw for a row, or null when it never saw it. */
    seenSeq: (table: SyncTableName, rowId: string): number | null => (newTables.has(table) ? null : (statement.seen.get(table, rowId)?.seq ?? null)),

    /** Fields of a row with a local change the server has not yet accepted. */
    pendingFields(table: SyncTableName, rowId: string): Set<string> {
      const fields = new Set<string>();
      for (const row of statement.pending.all(rowId, table)) for (const field of Object.keys(JSON.parse(row.fields) as object)) fields.add(field);
      return fields;
    },

    exists: (table: LocalTable, rowId: string): boolean => existsStatement(sqlite, table).get(rowId) !== undefined,

    /**
     * Writes synced fields of one row as of server sequence `seq`: updates a row the device
     * holds, creates one once every required field is known (staging it until then).
     */
    write(table: LocalTable, rowId: string, fields: Record<string, unknown>, seq: number): 'inserted' | 'updated' | 'staged' {
      let values = fields;
      let rowSeq = seq;
      const isNew = newTables.has(table.name);
      const exists = !isNew && existsStatement(sqlite, table).get(rowId) !== undefined;
      if (!exists) {
        const staged = isNew ? undefined : statement.staged.get(table.name, rowId);
        if (staged) {
          values = { ...(JSON.parse(staged.fields) as Record<string, unknown>), ...fields };
          rowSeq = Math.max(seq, staged.seq);
        }
        if (!complete(table, values)) {
          statement.stage.run(table.name, rowId, JSON.stringify(values), rowSeq);
          return 'staged';
        }
        if (staged) statement.unstage.run(table.name, rowId);
      }
      if (table.name === 'documents' && values.content !== undefined) {
        const sha256 = values.sha256 ?? (sqlite.prepare('SELECT sha256 FROM documents WHERE id = ?').get(rowId) as { sha256: string } | undefined)?.sha256;
        putContent(sha256, values.content);
      }
      if (exists) {
        const columns = Object.keys(values).filter((field) => isColumn(table, field));
        if (columns.length > 0) updateStatement(sqlite, table, columns).run(...columns.map((column) => values[column]), rowId);
      } else {
        const row = table.columns.map((column) => (values[column] !== undefined ? values[column] : (table.defaults[column] ?? null)));
        const { lastInsertRowid } = insertStatement(sqlite, table).run(rowId, ...(table.hasBranch ? [deviceBranch()] : []), ...row);
        if (table.name === 'members') newMembers.set(rowId, { rowid: lastInsertRowid, values });
      }
      if (table.name === 'users') {
        if (values.districts !== undefined) setDistricts(rowId, values.districts);
        usersChanged.add(rowId);
      }
      if (table.name === 'members' && exists && Object.keys(values).some((field) => memberSearchFields.has(field))) members.add(rowId);
      if (table.name === 'households' && exists && Object.keys(values).some((field) => householdSearchFields.has(field))) households.add(rowId);
      statement.setSeen.run(table.name, rowId, rowSeq);
      return exists ? 'updated' : 'inserted';
    },

    /** Brings member search up to date with what was written; returns the users whose row changed. */
    finish(): string[] {
      for (const [memberId, { rowid, values }] of newMembers) {
        const household = typeof values.household_id === 'string' ? statement.householdPhones.get(values.household_id) : undefined;
        if (!household || household.deleted === 1 || values.deleted === 1) continue;
        indexNewMember(sqlite, rowid, memberId, values.household_id as string, {
          first_name_ar: String(values.first_name_ar),
          last_name_ar: String(values.last_name_ar),
          first_name_lat: (values.first_name_lat as string | null | undefined) ?? null,
          last_name_lat: (values.last_name_lat as string | null | undefined) ?? null,
          national_id: (values.national_id as string | null | undefined) ?? null,
          phone: household.phone,
          phone_override: household.phone_override,
        });
      }
      newMembers.clear();
      for (const householdId of households) for (const member of statement.householdMembers.all(householdId)) members.add(member.id);
      for (const memberId of members) reindexMember(sqlite, memberId);
      households.clear();
      members.clear();
      return [...usersChanged];
    },
  };
};
