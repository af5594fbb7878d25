import type { Kysely } from 'kysely';
import type { Action, Plan } from '../../../shared/contract/index.ts';
import type { Database } from '../db/tables.ts';

type Db = Kysely<Database>;

const actionColumns = [
  'a.id',
  'a.plan_id',
  'a.household_id',
  'a.type',
  'a.title',
  'a.due_date',
  'a.assignee_id',
  'u.display_name as assignee_name',
  'a.status',
  'a.outcome',
  'a.outcome_code',
  'a.completed_at',
  'a.recurrence_every',
  'a.recurrence_unit',
  'a.partner_id',
  'p.name as partner_name',
  'a.partner_answer',
  'a.partner_answer_date',
] as const;

/** Actions with their assignee's and partner's names. */
export const selectActions = (db: Db) =>
  db
    .selectFrom('actions as a')
    .leftJoin('users as u', 'u.id', 'a.assignee_id')
    .leftJoin('partners as p', 'p.id', 'a.partner_id')
    .select(actionColumns)
    .where('a.deleted', '=', 0);

type ActionRow = Awaited<ReturnType<ReturnType<typeof selectActions>['execute']>>[number];

export const toAction = (row: ActionRow): Action => ({
  id: row.id,
  planId: row.plan_id,
  householdId: row.household_id,
  type: row.type as Action['type'],
  title: row.title,
  dueDate: row.due_date,
  assigneeId: row.assignee_id,
  assigneeName: row.assignee_name ?? null,
  status: row.status,
  outcome: row.outcome,
  outcomeCode: row.outcome_code as Action['outcomeCode'],
  completedAt: row.completed_at,
  recurrence: row.recurrence_every && row.recurrence_unit ? { every: row.recurrence_every, unit: row.recurrence_unit } : null,
  partnerId: row.partner_id,
  partnerName: row.partner_name ?? null,
  partnerAnswer: row.partner_answer as Action['partnerAnswer'],
  partnerAnswerDate: row.partner_answer_date,
});

export const findAction = async (db: Db, id: string): Promise<Action | undefined> => {
  const row = await selectActions(db).where('a.id', '=', id).executeTakeFirst();
  return row ? toAction(row) : undefined;
};

/** Plans (of one household, or given ids) with their actions, newest first. */
export const loadPlans = async (db: Db, where: { householdId?: string; ids?: string[] }): Promise<Plan[]> => {
  let query = db
    .selectFrom('plans as pl')
    .leftJoin('members as m', 'm.id', 'pl.member_id')
    .leftJoin('users as c', 'c.id', 'pl.created_by')
    .select([
      'pl.id',
      'pl.household_id',
      'pl.member_id',
      'pl.programme_id',
      'm.first_name_ar',
      'm.last_name_ar',
      'pl.domain',
      'pl.goals',
      'pl.status',
      'pl.created_at',
      'c.display_name as created_by_name',
      'pl.close_requested_at',
      'pl.close_note',
      'pl.closed_at',
    ])
    .where('pl.deleted', '=', 0);
  if (where.householdId) query = query.where('pl.household_id', '=', where.householdId);
  if (where.ids) {
    if (where.ids.length === 0) return [];
    query = query.where('pl.id', 'in', where.ids);
  }
  const plans = await query.orderBy('pl.created_at', 'desc').execute();
  if (plans.length === 0) return [];
  const actions = await selectActions(db)
    .where(
      'a.plan_id',
      'in',
      plans.map((plan) => plan.id),
    )
    .orderBy('a.due_date')
    .execute();
  return plans.map((plan) => ({
    id: plan.id,
    householdId: plan.household_id,
    memberId: plan.member_id,
    memberName: plan.first_name_ar ? `${plan.first_name_ar} ${plan.last_name_ar ?? ''}`.trim() : null,
    programmeId: plan.programme_id,
    domain: plan.domain,
    goals: plan.goals,
    status: plan.status,
    createdAt: plan.created_at,
    createdByName: plan.created_by_name ?? null,
    closeRequestedAt: plan.close_requested_at,
    closeNote: plan.close_note,
    closedAt: plan.closed_at,
    actions: actions.filter((action) => action.plan_id === plan.id).map(toAction),
  }));
};
