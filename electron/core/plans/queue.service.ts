import { sql, type SqlBool } from 'kysely';
import type { PlanDomain, QueueItem, QueueKind } from '../../../shared/contract/index.ts';
import { addDays, daysBetween, todayIso } from '../../../shared/rules/dates.ts';
import { dueBucket } from '../../../shared/rules/due.ts';
import { missedBenefits } from '../../../shared/rules/eligibility.ts';
import { householdNeeds, type MemberFacts } from '../../../shared/rules/needs.ts';
import { compareQueueItems, priorityReasons, queuePriority } from '../../../shared/rules/queue-priority.ts';
import type { SessionManager } from '../session/session.service.ts';
import { readSyncCursor } from '../sync/engine/meta.ts';
import { listEligibilityRules } from './eligibility.service.ts';

const defaultThreshold = 9.3264284;
const maxChanged = 50;
/** Open-ended kinds are capped (most urgent first) so a fresh import cannot bury the day's work. */
const maxPerOpenKind = 200;
const openEnded: QueueKind[] = ['missed_benefit', 'need_no_plan'];

interface HouseholdFacts {
  id: string;
  registry_ref: string | null;
  registry_score: number | null;
  district_name: string;
  head_first_name_ar: string | null;
  head_last_name_ar: string | null;
  head_first_name_lat: string | null;
  head_last_name_lat: string | null;
  assigned_at: string | null;
}

const groupBy = <T>(rows: T[], key: (row: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const id = key(row);
    const group = groups.get(id);
    if (group) group.push(row);
    else groups.set(id, [row]);
  }
  return groups;
};

const joinName = (first: string | null, last: string | null) => (first || last ? [first, last].filter(Boolean).join(' ') : null);

/**
 * What needs doing now for the signed-in user: her overdue, due-today and this-week steps, the
 * households newly assigned to her, those someone else changed since she last looked, and, for
 * her caseload, possible missed benefits and needs without a plan — ordered by shared/rules.
 */
export const myQueue = async (sessions: SessionManager): Promise<QueueItem[]> => {
  const session = sessions.require();
  const { db } = session.store;
  const userId = session.user.id;
  const today = todayIso();
  const seen = (await db.selectFrom('user_state').select('queue_seen_at').where('user_id', '=', userId).executeTakeFirst())?.queue_seen_at;
  // The queue only changes when data does: every local write goes through the outbox and every
  // pulled page moves the sync cursor, so the two (with the day and the "seen" mark) say whether
  // the last answer still holds.
  const lastChange = (session.store.sqlite.prepare('SELECT max(seq) AS seq FROM change_log').get() as { seq: number | null }).seq ?? 0;
  const key = `${userId}|${lastChange}|${readSyncCursor(session.store)}|${today}|${seen ?? ''}`;
  const cached = queueCache.get(session.store);
  if (cached?.key === key) return cached.items;
  const items = await computeQueue(sessions, today, seen);
  queueCache.set(session.store, { key, items });
  return items;
};

const queueCache = new WeakMap<object, { key: string; items: QueueItem[] }>();

const computeQueue = async (sessions: SessionManager, today: string, seen: string | null | undefined): Promise<QueueItem[]> => {
  const session = sessions.require();
  const { db } = session.store;
  const userId = session.user.id;
  const since = seen ?? `${addDays(today, -7)}T00:00:00.000Z`;

  const actions = await db
    .selectFrom('actions as a')
    .innerJoin('plans as p', 'p.id', 'a.plan_id')
    .select(['a.id', 'a.plan_id', 'a.household_id', 'a.type', 'a.title', 'a.due_date', 'p.domain', 'p.member_id'])
    .where('a.branch_id', '=', session.branch.id)
    .where('a.assignee_id', '=', userId)
    .where('a.status', '=', 'planned')
    .where('a.deleted', '=', 0)
    .where('a.due_date', '<=', addDays(today, 7))
    .execute();

  const caseload = await db
    .selectFrom('households')
    .select(['id', 'assigned_at'])
    .where('branch_id', '=', session.branch.id)
    .where('assigned_worker_id', '=', userId)
    .where('deleted', '=', 0)
    .execute();
  const caseloadIds = caseload.map((household) => household.id);

  // Changes by others since she last looked, on her households and what hangs from them.
  const changed = caseloadIds.length
    ? await db
        .selectFrom('audit_log as l')
        .leftJoin('members as m', (join) => join.onRef('m.id', '=', 'l.entity_id').on('l.entity', '=', 'members'))
        .leftJoin('plans as p', (join) => join.onRef('p.id', '=', 'l.entity_id').on('l.entity', '=', 'plans'))
        .leftJoin('actions as ac', (join) => join.onRef('ac.id', '=', 'l.entity_id').on('l.entity', '=', 'actions'))
        .select(sql<string>`coalesce(m.household_id, p.household_id, ac.household_id, l.entity_id)`.as('changed_household'))
        .where('l.device_time', '>', since)
        .where('l.user_id', '!=', userId)
        // Edits, not the creation of what an import or a colleague added. Written as literals so
        // SQLite can use the partial index on edits (it cannot prove a bound parameter matches it).
        .where(sql<SqlBool>`l.action IN ('update', 'delete')`)
        .where('l.entity', 'in', ['households', 'members', 'plans', 'actions'])
        .where(sql<boolean>`coalesce(m.household_id, p.household_id, ac.household_id, l.entity_id) IN (SELECT value FROM json_each(${JSON.stringify(caseloadIds)}))`)
        .groupBy('changed_household')
        .limit(maxChanged)
        .execute()
    : [];

  // Facts for every household an item points at, and members for the caseload's needs.
  const householdIds = [...new Set([...actions.map((a) => a.household_id), ...caseloadIds, ...changed.map((c) => c.changed_household)])];
  const facts = new Map<string, HouseholdFacts & { disability: boolean; chronicIllness: boolean; youngChildren: boolean; members: MemberFacts[] }>();
  if (householdIds.length) {
    const rows = await db
      .selectFrom('households as h')
      .innerJoin('districts as d', 'd.id', 'h.district_id')
      .select(['h.id', 'h.registry_ref', 'h.registry_score', 'd.name as district_name', 'h.assigned_at'])
      .where(sql<boolean>`h.id IN (SELECT value FROM json_each(${JSON.stringify(householdIds)}))`)
      .execute();
    const members = await db
      .selectFrom('members')
      .select([
        'id',
        'household_id',
        'relation',
        'first_name_ar',
        'last_name_ar',
        'first_name_lat',
        'last_name_lat',
        'birth_date',
        'in_school',
        'employment',
        'health_coverage',
        'disability',
        'chronic_illness',
      ])
      .where(sql<boolean>`household_id IN (SELECT value FROM json_each(${JSON.stringify(householdIds)}))`)
      .where('deleted', '=', 0)
      .execute();
    const youngSince = addDays(today, -5 * 365);
    const membersByHousehold = groupBy(members, (member) => member.household_id);
    for (const row of rows) {
      const own = membersByHousehold.get(row.id) ?? [];
      const head = own.find((member) => member.relation === 'head');
      facts.set(row.id, {
        ...row,
        head_first_name_ar: head?.first_name_ar ?? null,
        head_last_name_ar: head?.last_name_ar ?? null,
        head_first_name_lat: head?.first_name_lat ?? null,
        head_last_name_lat: head?.last_name_lat ?? null,
        disability: own.some((member) => member.disability === 1),
        chronicIllness: own.some((member) => member.chronic_illness === 1),
        youngChildren: own.some((member) => member.birth_date > youngSince),
        members: own.map((member) => ({
          id: member.id,
          name: `${member.first_name_ar} ${member.last_name_ar}`,
          birthDate: member.birth_date,
          inSchool: member.in_school === null ? null : member.in_school === 1,
          employment: member.employment,
          healthCoverage: member.health_coverage,
          disability: member.disability === null ? null : member.disability === 1,
        })),
      });
    }
  }

  const items: QueueItem[] = [];
  const push = (
    kind: QueueKind,
    householdId: string,
    extra: Partial<QueueItem> & { key: string; domain?: PlanDomain | null; daysOverdue?: number | null },
  ) => {
    const household = facts.get(householdId);
    if (!household) return;
    const priorityFacts = {
      kind,
      daysOverdue: extra.daysOverdue ?? 0,
      registryScore: household.registry_score,
      scoreThreshold: defaultThreshold,
      disability: household.disability,
      chronicIllness: household.chronicIllness,
      youngChildren: household.youngChildren,
      domain: extra.domain ?? null,
    };
    items.push({
      planId: null,
      actionId: null,
      actionType: null,
      actionTitle: null,
      dueDate: null,
      programmeId: null,
      memberId: null,
      memberName: null,
      ...extra,
      kind,
      domain: extra.domain ?? null,
      daysOverdue: extra.daysOverdue ?? null,
      priority: queuePriority(priorityFacts),
      householdId,
      registryRef: household.registry_ref,
      headNameAr: joinName(household.head_first_name_ar, household.head_last_name_ar),
      headNameLat: joinName(household.head_first_name_lat, household.head_last_name_lat),
      districtName: household.district_name,
      registryScore: household.registry_score,
      reasons: priorityReasons(priorityFacts),
    });
  };

  for (const action of actions) {
    const bucket = dueBucket(action.due_date, today);
    if (bucket === 'later') continue;
    push(bucket, action.household_id, {
      key: `action:${action.id}`,
      planId: action.plan_id,
      actionId: action.id,
      actionType: action.type as QueueItem['actionType'],
      actionTitle: action.title,
      dueDate: action.due_date,
      domain: action.domain,
      daysOverdue: bucket === 'overdue' ? daysBetween(action.due_date, today) : 0,
      memberId: action.member_id,
    });
  }
  const newlyAssigned = new Set(caseload.filter((household) => household.assigned_at && household.assigned_at > since).map((household) => household.id));
  for (const householdId of newlyAssigned) push('new_assignment', householdId, { key: `assigned:${householdId}` });
  // A household new to her is all news: it is not listed again as changed.
  for (const change of changed) {
    if (!newlyAssigned.has(change.changed_household)) push('changed', change.changed_household, { key: `changed:${change.changed_household}` });
  }

  // Possible missed benefits and needs without a plan, for her caseload.
  if (caseloadIds.length) {
    const rules = await listEligibilityRules(sessions);
    const enrollments = await db
      .selectFrom('enrollments')
      .select(['household_id', 'programme_id'])
      .where(sql<boolean>`household_id IN (SELECT value FROM json_each(${JSON.stringify(caseloadIds)}))`)
      .where('status', 'in', ['pending', 'active'])
      .where('deleted', '=', 0)
      .execute();
    const openPlans = await db
      .selectFrom('plans')
      .select(['household_id', 'member_id', 'domain', 'programme_id'])
      .where(sql<boolean>`household_id IN (SELECT value FROM json_each(${JSON.stringify(caseloadIds)}))`)
      .where('status', '!=', 'closed')
      .where('deleted', '=', 0)
      .execute();
    const plansByHousehold = groupBy(openPlans, (plan) => plan.household_id);
    const enrollmentsByHousehold = groupBy(enrollments, (enrollment) => enrollment.household_id);
    for (const householdId of caseloadIds) {
      const household = facts.get(householdId);
      if (!household) continue;
      const plans = plansByHousehold.get(householdId) ?? [];
      // Enrolled, or an open plan already works towards it: no longer a missed benefit.
      const enrolled = new Set([
        ...(enrollmentsByHousehold.get(householdId) ?? []).map((e) => e.programme_id),
        ...plans.flatMap((plan) => (plan.programme_id ? [plan.programme_id] : [])),
      ]);
      for (const programmeId of missedBenefits(rules, { registryScore: household.registry_score }, household.members, enrolled, today)) {
        push('missed_benefit', householdId, { key: `benefit:${householdId}:${programmeId}`, programmeId });
      }
      for (const need of householdNeeds(household.members, today)) {
        const covered = plans.some((plan) => plan.domain === need.domain && (plan.member_id === null || plan.member_id === need.memberId));
        if (covered) continue;
        const member = household.members.find((candidate) => candidate.id === need.memberId);
        push('need_no_plan', householdId, {
          key: `need:${householdId}:${need.memberId}:${need.condition}`,
          domain: need.domain,
          memberId: need.memberId,
          memberName: (member as (MemberFacts & { name?: string }) | undefined)?.name ?? null,
          reasons: [],
        });
      }
    }
  }
  const kept = new Map<QueueKind, number>();
  return items.sort(compareQueueItems).filter((item) => {
    if (!openEnded.includes(item.kind)) return true;
    const count = (kept.get(item.kind) ?? 0) + 1;
    kept.set(item.kind, count);
    return count <= maxPerOpenKind;
  });
};

/** "Changed since I last looked" starts again from now. */
export const markQueueSeen = async (sessions: SessionManager): Promise<void> => {
  const session = sessions.require();
  const at = new Date().toISOString();
  await session.store.db
    .insertInto('user_state')
    .values({ user_id: session.user.id, queue_seen_at: at })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ queue_seen_at: at }))
    .execute();
};
