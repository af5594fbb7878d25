import { foldNationalId, foldPhone, nameTokens } from '../../../shared/text/folding.ts';
import type { SqliteDatabase } from '../db/store.ts';

/** What one member's search document is made of. */
export interface SearchSource {
  first_name_ar: string;
  last_name_ar: string;
  first_name_lat: string | null;
  last_name_lat: string | null;
  national_id: string | null;
  phone: string | null;
  phone_override: string | null;
}

/** The space-separated, pre-folded tokens indexed for a member (names in both scripts, ID, phones). */
export const searchTokens = (source: SearchSource): string => {
  const tokens = new Set<string>([
    ...nameTokens(`${source.first_name_ar} ${source.last_name_ar}`),
    ...nameTokens(`${source.first_name_lat ?? ''} ${source.last_name_lat ?? ''}`),
  ]);
  if (source.national_id) tokens.add(foldNationalId(source.national_id).toLowerCase());
  for (const phone of [source.phone, source.phone_override]) if (phone) tokens.add(foldPhone(phone));
  return [...tokens].join(' ');
};

interface IndexStatements {
  remove: { run(memberId: string): unknown };
  insert: { run(params: { memberId: string; tokens: string }): unknown };
  source: { all(householdId: string): (SearchSource & { id: string })[] };
  one: { get(memberId: string): (SearchSource & { id: string; deleted: number; household_deleted: number }) | undefined };
}

const cache = new WeakMap<SqliteDatabase, IndexStatements>();
const statements = (sqlite: SqliteDatabase): IndexStatements => {
  let found = cache.get(sqlite);
  if (!found) {
    const select = `SELECT m.id, m.first_name_ar, m.last_name_ar, m.first_name_lat, m.last_name_lat, m.national_id, h.phone, h.phone_override,
      m.deleted, h.deleted AS household_deleted FROM members m JOIN households h ON h.id = m.household_id`;
    found = {
      // The FTS row shares the member's rowid, so updates never scan the index.
      remove: sqlite.prepare('DELETE FROM member_search WHERE rowid = (SELECT rowid FROM members WHERE id = ?)'),
      insert: sqlite.prepare(
        'INSERT INTO member_search (rowid, tokens, member_id, household_id) SELECT rowid, @tokens, id, household_id FROM members WHERE id = @memberId',
      ),
      source: sqlite.prepare(`${select} WHERE m.household_id = ? AND m.deleted = 0`) as IndexStatements['source'],
      one: sqlite.prepare(`${select} WHERE m.id = ?`) as IndexStatements['one'],
    };
    cache.set(sqlite, found);
  }
  return found;
};

/** Indexes a member just inserted (its rowid known): one statement, no read back. */
export const indexNewMember = (sqlite: SqliteDatabase, rowid: number | bigint, memberId: string, householdId: string, source: SearchSource): void => {
  let statement = insertNew.get(sqlite);
  if (!statement) {
    statement = sqlite.prepare('INSERT INTO member_search (rowid, tokens, member_id, household_id) VALUES (?, ?, ?, ?)');
    insertNew.set(sqlite, statement);
  }
  statement.run(rowid, searchTokens(source), memberId, householdId);
};
const insertNew = new WeakMap<SqliteDatabase, { run(...values: unknown[]): unknown }>();

/** Rewrites one member's search document (or removes it for a removed member). Call inside the write's transaction. */
export const reindexMember = (sqlite: SqliteDatabase, memberId: string): void => {
  const statement = statements(sqlite);
  statement.remove.run(memberId);
  const row = statement.one.get(memberId);
  if (!row || row.deleted === 1 || row.household_deleted === 1) return;
  statement.insert.run({ memberId: row.id, tokens: searchTokens(row) });
};

/** Rewrites every member's document of a household (its phone is part of them). */
export const reindexHousehold = (sqlite: SqliteDatabase, householdId: string): void => {
  const statement = statements(sqlite);
  for (const row of statement.source.all(householdId)) {
    statement.remove.run(row.id);
    statement.insert.run({ memberId: row.id, tokens: searchTokens(row) });
  }
};
