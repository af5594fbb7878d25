import { sql, type Expression, type SqlBool } from 'kysely';
import type { SearchHit } from '../../../shared/contract/index.ts';
import { buildFtsMatch, foldNationalId, foldPhone, isLikelyNationalId, isLikelyPhone } from '../../../shared/text/folding.ts';
import { householdScope } from '../households/scope.ts';
import type { SessionManager } from '../session/session.service.ts';

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
    .select([
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
    ])
    .limit(limit);

  let rows;
  if (isLikelyNationalId(typed)) {
    const id = foldNationalId(typed);
    rows = await base.where('m.national_id', '>=', id).where('m.national_id', '<', `${id}\uffff`).orderBy('m.national_id').execute();
  } else if (isLikelyPhone(typed)) {
    const phone = foldPhone(typed);
    rows = await base
      .where((eb) => eb.or([eb('h.phone', '=', phone), eb('h.phone_override', '=', phone)]))
      .orderBy(sql`m.relation = 'head'`, 'desc')
      .execute();
  } else if (registryRefPattern.test(typed)) {
    const ref = typed.toUpperCase();
    rows = await base.where('h.registry_ref', '>=', ref).where('h.registry_ref', '<', `${ref}\uffff`).orderBy('h.registry_ref').execute();
  } else {
    const match = buildFtsMatch(typed);
    if (!match) return [];
    rows = await base
      .innerJoin('member_search as s', (join) => join.on(sql`s.rowid`, '=', sql`m.rowid`))
      .where(sql<SqlBool>`member_search MATCH ${match}`)
      .orderBy(sql`s.rank`)
      .execute();
  }
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
