import { sql, type Expression, type SqlBool } from 'kysely';
import type { SearchHit } from '../../../shared/contract/index.ts';
import { buildFtsMatch, foldNationalId, foldPhone, isLikelyNationalId, isLikelyPhone } from '../../../shared/text/folding.ts';
import { householdScope } from '../households/scope.ts';
import type { SessionManager } from '../session/session.service.ts';

const hitColumns = [
  'h.id as household_id',
  'h.registry_ref',
  'h.registry_score',
  'd.name as district_name',
  'm.id as member_id',
  'm.first_name_ar',
  'm.last_name_ar',
  'm.first_name_lat',
  'm.last_name_lat',
  'm.national_id',
  'm.relation',
] as const;

const registryRefPattern = /^[A-Za-z]{2,6}-[A-Za-z0-9-]*$/;

/**
 * One search box over names (Arabic and Latin, variant-tolerant, prefix as you type), national
 * ID, phone and registry ref; never returns a household outside the caller's scope.
 */
export const searchHouseholds = async (sessions: SessionManager, query: string, limit: number): Promise<SearchHit[]> => {
  const session = sessions.require();
  const typed = query.trim();
  if (typed === '') return [];
  const base = session.store.db
    .selectFrom('members as m')
    .innerJoin('households as h', 'h.id', 'm.household_id')
    .innerJoin('districts as d', 'd.id', 'h.district_id')
    .where('m.deleted', '=', 0)
    .where(householdScope(session) as (eb: unknown) => Expression<SqlBool>)
    .select(hitColumns)
    .limit(limit);

  const branchId = session.branch.id;
  let rows;
  if (isLikelyNationalId(typed)) {
    const id = foldNationalId(typed);
    // (branch_id, national_id) leads the index: both conditions keep the lookup a range.
    rows = await base
      .where('m.branch_id', '=', branchId)
      .where('m.national_id', 'is not', null)
      .where('m.national_id', '>=', id)
      .where('m.national_id', '<', `${id}\uffff`)
      .orderBy('m.national_id')
      .execute();
  } else if (isLikelyPhone(typed)) {
    const phone = foldPhone(typed);
    // The matching households first (two small index lookups), then their members.
    rows = await session.store.db
      .selectFrom(
        sql<{ hid: string }>`(SELECT id AS hid FROM households WHERE branch_id = ${branchId} AND phone = ${phone}
          UNION SELECT id FROM households WHERE branch_id = ${branchId} AND phone_override = ${phone})`.as('p'),
      )
      .crossJoin('households as h')
      .innerJoin('members as m', 'm.household_id', 'h.id')
      .innerJoin('districts as d', 'd.id', 'h.district_id')
      .where(sql<SqlBool>`h.id = p.hid`)
      .where('m.deleted', '=', 0)
      .where(householdScope(session) as (eb: unknown) => Expression<SqlBool>)
      .select(hitColumns)
      .orderBy(sql`m.relation = 'head'`, 'desc')
      .limit(limit)
      .execute();
  } else if (registryRefPattern.test(typed)) {
    const ref = typed.toUpperCase();
    rows = await base
      .where('h.registry_ref', 'is not', null)
      .where('h.registry_ref', '>=', ref)
      .where('h.registry_ref', '<', `${ref}\uffff`)
      .orderBy('h.registry_ref')
      .execute();
  } else {
    const match = buildFtsMatch(typed);
    if (!match) return [];
    // Rank inside FTS first, on a window of best matches, then apply the scope; widen the window
    // only when the scope left fewer hits than asked for.
    // One word (a first name as it is typed) matches thousands alike: ranking them costs more than
    // it tells, so only queries of several words are ranked by relevance.
    const ranked = match.includes(' AND ');
    for (const window of [limit * 10, limit * 100, -1]) {
      // CROSS JOIN keeps the ranked window as the outer loop: SQLite must not start from the branch's households.
      rows = await session.store.db
        .selectFrom(
          (ranked
            ? sql<{ rid: number; score: number }>`(SELECT rowid AS rid, rank AS score FROM member_search WHERE member_search MATCH ${match} ORDER BY rank LIMIT ${window})`
            : sql<{ rid: number; score: number }>`(SELECT rowid AS rid, rowid AS score FROM member_search WHERE member_search MATCH ${match} LIMIT ${window})`
          ).as('s'),
        )
        .crossJoin('members as m')
        .innerJoin('households as h', 'h.id', 'm.household_id')
        .innerJoin('districts as d', 'd.id', 'h.district_id')
        .where(sql<SqlBool>`m.rowid = s.rid`)
        .where('m.deleted', '=', 0)
        .where(householdScope(session) as (eb: unknown) => Expression<SqlBool>)
        .select(hitColumns)
        .orderBy(sql`s.score`)
        .limit(limit)
        .execute();
      if (rows.length >= limit) break;
    }
  }
  if (!rows) return [];
  return rows.map((row) => ({
    householdId: row.household_id,
    registryRef: row.registry_ref,
    memberId: row.member_id,
    nameAr: `${row.first_name_ar} ${row.last_name_ar}`,
    nameLat: row.first_name_lat || row.last_name_lat ? [row.first_name_lat, row.last_name_lat].filter(Boolean).join(' ') : null,
    nationalId: row.national_id,
    relation: row.relation,
    districtName: row.district_name,
    registryScore: row.registry_score,
  }));
};
