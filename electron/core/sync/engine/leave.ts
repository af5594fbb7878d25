import type { SqliteDatabase } from '../../db/store.ts';
import { householdChildTables } from './columns.ts';

/**
 * A household that left the user's scope: removed from the device whole, once none of its rows
 * has a change still waiting to go up.
 */

interface Statements {
  pending: { get(params: { id: string }): unknown };
  blobs: { all(householdId: string): { sha256: string }[] };
  search: { run(householdId: string): unknown };
  children: { seen: { run(householdId: string): unknown }; rows: { run(householdId: string): unknown } }[];
  staged: { run(params: { id: string }): unknown };
  household: { run(householdId: string): unknown };
  householdSeen: { run(householdId: string): unknown };
  blob: { run(params: { sha256: string }): unknown };
}

const cache = new WeakMap<SqliteDatabase, Statements>();
const statements = (sqlite: SqliteDatabase): Statements => {
  let found = cache.get(sqlite);
  if (!found) {
    // Table names below come from householdChildTables, a constant of this build.
    const pendingChildren = householdChildTables.map(
      (table) =>
        `EXISTS (SELECT 1 FROM ${table} t JOIN change_log c INDEXED BY change_log_row ON c.row_id = t.id AND c.table_name = '${table}' WHERE t.household_id = @id AND c.pushed_at IS NULL)`,
    );
    found = {
      pending: sqlite.prepare(
        `SELECT 1 WHERE EXISTS (SELECT 1 FROM change_log INDEXED BY change_log_row WHERE row_id = @id AND table_name = 'households' AND pushed_at IS NULL) OR ${pendingChildren.join(' OR ')}`,
      ),
      blobs: sqlite.prepare('SELECT DISTINCT sha256 FROM documents WHERE household_id = ?') as Statements['blobs'],
      search: sqlite.prepare('DELETE FROM member_search WHERE rowid IN (SELECT rowid FROM members WHERE household_id = ?)'),
      children: householdChildTables.map((table) => ({
        seen: sqlite.prepare(`DELETE FROM sync_rows WHERE table_name = '${table}' AND row_id IN (SELECT id FROM ${table} WHERE household_id = ?)`),
        rows: sqlite.prepare(`DELETE FROM ${table} WHERE household_id = ?`),
      })),
      staged: sqlite.prepare(`DELETE FROM sync_staged WHERE json_extract(fields, '$.household_id') = @id OR (table_name = 'households' AND row_id = @id)`),
      household: sqlite.prepare('DELETE FROM households WHERE id = ?'),
      householdSeen: sqlite.prepare(`DELETE FROM sync_rows WHERE table_name = 'households' AND row_id = ?`),
      blob: sqlite.prepare('DELETE FROM document_blobs WHERE sha256 = @sha256 AND NOT EXISTS (SELECT 1 FROM documents WHERE sha256 = @sha256)'),
    };
    cache.set(sqlite, found);
  }
  return found;
};

/** Whether the household or a row under it has a change not yet accepted by the server. */
export const householdHasPendingChanges = (sqlite: SqliteDatabase, householdId: string): boolean =>
  statements(sqlite).pending.get({ id: householdId }) !== undefined;

/** Deletes the household, everything under it, their search entries, sync state and orphaned files. */
export const removeHousehold = (sqlite: SqliteDatabase, householdId: string): void => {
  const statement = statements(sqlite);
  const blobs = statement.blobs.all(householdId);
  statement.search.run(householdId);
  for (const child of statement.children) {
    child.seen.run(householdId);
    child.rows.run(householdId);
  }
  statement.staged.run({ id: householdId });
  statement.householdSeen.run(householdId);
  statement.household.run(householdId);
  for (const { sha256 } of blobs) statement.blob.run({ sha256 });
};
