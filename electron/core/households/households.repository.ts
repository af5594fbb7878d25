import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { HouseholdFlag, HouseholdSummary } from '../../../shared/contract/index.ts';
import type { Database } from '../db/tables.ts';

type Db = Kysely<Database>;
type Eb = ExpressionBuilder<Database & { h: Database['households'] }, 'h'>;

export interface HouseholdFilters {
  districtIds?: string[];
  statuses?: string[];
  assignedWorkerId?: string;
  scoreMin?: number;
  scoreMax?: number;
  programmeId?: string;
  flags?: HouseholdFlag[];
}

/** Birth dates that make a member that old today: born after `yearsAgo(n)` means younger than n. */
const yearsAgo = (years: number, today = new Date()) => {
  const date = new Date(Date.UTC(today.getUTCFullYear() - years, today.getUTCMonth(), today.getUTCDate()));
  return date.toISOString().slice(0, 10);
};

/** A member of the household (alive in the file) matching a condition. */
const memberExists = (eb: Eb, condition: (m: ExpressionBuilder<Database & { m: Database['members'] }, 'm'>) => Expression<SqlBool>) =>
  eb.exists(
    eb
      .selectFrom('members as m')
      .select(sql.lit(1).as('one'))
      .whereRef('m.household_id', '=', 'h.id')
      .where('m.deleted', '=', 0)
      .where((m) => condition(m as never)),
  );

export const flagCondition = (eb: Eb, flag: HouseholdFlag): Expression<SqlBool> => {
  switch (flag) {
    case 'disability':
      return memberExists(eb, (m) => m('m.disability', '=', 1));
    case 'chronic_illness':
      return memberExists(eb, (m) => m('m.chronic_illness', '=', 1));
    case 'no_coverage':
      return memberExists(eb, (m) => m('m.health_coverage', '=', 'none'));
    case 'child_out_of_school':
      return memberExists(eb, (m) => m.and([m('m.birth_date', '<=', yearsAgo(6)), m('m.birth_date', '>', yearsAgo(18)), m('m.in_school', '=', 0)]));
    case 'young_children':
      return memberExists(eb, (m) => m('m.birth_date', '>', yearsAgo(5)));
  }
};

export const allFlags: HouseholdFlag[] = ['disability', 'chronic_illness', 'no_coverage', 'child_out_of_school', 'young_children'];

const filtered = (db: Db, scope: (eb: Eb) => Expression<SqlBool>, filters: HouseholdFilters) => {
  let query = db.selectFrom('households as h').where(scope);
  if (filters.districtIds?.length) query = query.where('h.district_id', 'in', filters.districtIds);
  if (filters.statuses?.length) query = query.where('h.status', 'in', filters.statuses as Database['households']['status'][]);
  if (filters.assignedWorkerId === 'unassigned') query = query.where('h.assigned_worker_id', 'is', null);
  else if (filters.assignedWorkerId) query = query.where('h.assigned_worker_id', '=', filters.assignedWorkerId);
  if (filters.scoreMin !== undefined) query = query.where('h.registry_score', '>=', filters.scoreMin);
  if (filters.scoreMax !== undefined) query = query.where('h.registry_score', '<=', filters.scoreMax);
  if (filters.programmeId) {
    const programmeId = filters.programmeId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('enrollments as e')
          .select(sql.lit(1).as('one'))
          .whereRef('e.household_id', '=', 'h.id')
          .where('e.programme_id', '=', programmeId)
          .where('e.deleted', '=', 0)
          .where('e.status', 'in', ['pending', 'active']),
      ),
    );
  }
  for (const flag of filters.flags ?? []) query = query.where((eb) => flagCondition(eb, flag));
  return query;
};

const headName = (eb: Eb, column: 'first_name_ar' | 'last_name_ar' | 'first_name_lat' | 'last_name_lat') =>
  eb
    .selectFrom('members as hm')
    .select(`hm.${column}`)
    .whereRef('hm.household_id', '=', 'h.id')
    .where('hm.relation', '=', 'head')
    .where('hm.deleted', '=', 0)
    .limit(1);

const sortColumns = {
  score: sql`h.registry_score`,
  ref: sql`h.registry_ref`,
  updated: sql`h.updated_at`,
  name: sql`head_last_name_ar`,
} as const;

/** One page of households in scope, with head names, counts and flags, and the total. */
export const listHouseholds = async (
  db: Db,
  scope: (eb: Eb) => Expression<SqlBool>,
  filters: HouseholdFilters,
  page: { sort: keyof typeof sortColumns; direction: 'asc' | 'desc'; offset: number; limit: number },
): Promise<{ total: number; rows: HouseholdSummary[] }> => {
  const { count } = await filtered(db, scope, filters)
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .executeTakeFirstOrThrow();
  const direction = page.direction === 'desc' ? sql`DESC` : sql`ASC`;
  const rows = await filtered(db, scope, filters)
    .innerJoin('districts as d', 'd.id', 'h.district_id')
    .leftJoin('users as w', 'w.id', 'h.assigned_worker_id')
    .select((eb) => [
      'h.id',
      'h.registry_ref',
      'h.registry_score',
      'h.district_id',
      'd.name as district_name',
      'h.assigned_worker_id',
      'w.display_name as worker_name',
      'h.status',
      headName(eb, 'first_name_ar').as('head_first_name_ar'),
      headName(eb, 'last_name_ar').as('head_last_name_ar'),
      headName(eb, 'first_name_lat').as('head_first_name_lat'),
      headName(eb, 'last_name_lat').as('head_last_name_lat'),
      eb
        .selectFrom('members as c')
        .select((c) => c.fn.countAll<number>().as('n'))
        .whereRef('c.household_id', '=', 'h.id')
        .where('c.deleted', '=', 0)
        .as('member_count'),
      ...allFlags.map((flag) => eb.case().when(flagCondition(eb, flag)).then(1).else(0).end().as(`flag_${flag}`)),
    ])
    .orderBy(sql`${sortColumns[page.sort]} ${direction} NULLS LAST`)
    .orderBy('h.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  return {
    total: Number(count),
    rows: rows.map((row) => {
      const record = row as unknown as Record<string, unknown>;
      const join = (first: unknown, last: unknown) => (first || last ? [first, last].filter(Boolean).join(' ') : null);
      return {
        id: row.id,
        registryRef: row.registry_ref,
        headNameAr: join(row.head_first_name_ar, row.head_last_name_ar),
        headNameLat: join(row.head_first_name_lat, row.head_last_name_lat),
        districtId: row.district_id,
        districtName: row.district_name,
        registryScore: row.registry_score,
        assignedWorkerId: row.assigned_worker_id,
        assignedWorkerName: row.worker_name ?? null,
        status: row.status,
        memberCount: Number(row.member_count ?? 0),
        flags: allFlags.filter((flag) => record[`flag_${flag}`] === 1),
      };
    }),
  };
};
