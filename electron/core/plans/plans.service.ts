import type { Action, Plan, PlanDomain, Recurrence } from '../../../shared/contract/index.ts';
import { nextDueDate } from '../../../shared/rules/recurrence.ts';
import { todayIso } from '../../../shared/rules/dates.ts';
import { writeTransaction, type ChangeRecorder } from '../db/changes.ts';
import type { Database } from '../db/tables.ts';
import { CoreError } from '../errors.ts';
import { actorOf, requireHousehold } from '../households/households.service.ts';
import { householdNotFound } from '../households/scope.ts';
import type { OpenSession, SessionManager } from '../session/session.service.ts';
import type { Transaction } from 'kysely';
import { findAction, loadPlans } from './plans.repository.ts';
import { newId } from '../db/ids.ts';

export interface ActionInput {
  type: Action['type'];
  title: string;
  dueDate: string;
  assigneeId?: string | null | undefined;
  recurrence?: Recurrence | null | undefined;
  partnerId?: string | null | undefined;
}

const managers = ['manager', 'admin'] as const;

/** A plan the caller may see (its household is in scope). */
const requirePlan = async (session: OpenSession, id: string) => {
  const row = await session.store.db.selectFrom('plans').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  if (!row) throw householdNotFound();
  await requireHousehold(session, row.household_id);
  return row;
};

const onePlan = async (session: OpenSession, id: string): Promise<Plan> => {
  const [plan] = await loadPlans(session.store.db, { ids: [id] });
  if (!plan) throw householdNotFound();
  return plan;
};

/** The person who will do a step: an active account of the branch; by default the household's worker, else the caller. */
const resolveAssignee = async (session: OpenSession, householdWorker: string | null, assigneeId: string | null | undefined) => {
  const wanted = assigneeId === undefined ? (householdWorker ?? session.user.id) : assigneeId;
  if (wanted === null) return null;
  const user = await session.store.db.selectFrom('users').select(['id', 'disabled', 'branch_id']).where('id', '=', wanted).executeTakeFirst();
  if (!user || user.branch_id !== session.branch.id || user.disabled === 1) {
    throw new CoreError('validation', 'The assignee is not an active account of this branch.', [{ path: 'assigneeId', message: 'unknown user' }]);
  }
  return user.id;
};

const checkPartner = async (session: OpenSession, partnerId: string | null | undefined) => {
  if (!partnerId) return null;
  const partner = await session.store.db.selectFrom('partners').select('id').where('id', '=', partnerId).where('branch_id', '=', session.branch.id).executeTakeFirst();
  if (!partner) throw new CoreError('validation', 'No such partner service.', [{ path: 'partnerId', message: 'unknown partner' }]);
  return partner.id;
};

const insertAction = async (
  trx: Transaction<Database>,
  changes: ChangeRecorder,
  session: OpenSession,
  plan: { id: string; household_id: string },
  action: ActionInput & { assigneeId: string | null; partnerId: string | null },
) => {
  const at = new Date().toISOString();
  const row = {
    id: newId(),
    branch_id: session.branch.id,
    plan_id: plan.id,
    household_id: plan.household_id,
    type: action.type,
    title: action.title,
    due_date: action.dueDate,
    assignee_id: action.assigneeId,
    status: 'planned' as const,
    outcome: null,
    outcome_code: null,
    completed_at: null,
    completed_by: null,
    recurrence_every: action.recurrence?.every ?? null,
    recurrence_unit: action.recurrence?.unit ?? null,
    partner_id: action.partnerId,
    partner_answer: action.type === 'referral' && action.partnerId ? 'pending' : null,
    partner_answer_date: null,
    created_at: at,
    updated_at: at,
    deleted: 0,
  };
  await trx.insertInto('actions').values(row).execute();
  const { id: _id, branch_id: _branch, created_at: _created, updated_at: _updated, deleted: _deleted, ...fields } = row;
  changes.record({ table: 'actions', rowId: row.id, action: 'create', fields });
  return row.id;
};

/** The plans of a household with their actions. */
export const listPlans = async (sessions: SessionManager, householdId: string): Promise<Plan[]> => {
  const session = sessions.require();
  await requireHousehold(session, householdId);
  return loadPlans(session.store.db, { householdId });
};

export const getPlan = async (sessions: SessionManager, id: string): Promise<Plan> => {
  const session = sessions.require();
  await requirePlan(session, id);
  return onePlan(session, id);
};

/** Starts a follow-up plan in one domain, for the household or one member, with its first steps. */
export const createPlan = async (
  sessions: SessionManager,
  input: {
    householdId: string;
    memberId?: string | null;
    programmeId?: string | null;
    domain: PlanDomain;
    goals: string;
    status: 'draft' | 'active';
    actions: ActionInput[];
  },
): Promise<Plan> => {
  const session = sessions.require();
  const household = await requireHousehold(session, input.householdId);
  if (input.memberId) {
    const member = await session.store.db.selectFrom('members').select('household_id').where('id', '=', input.memberId).where('deleted', '=', 0).executeTakeFirst();
    if (member?.household_id !== household.id) throw householdNotFound();
  }
  if (input.programmeId) {
    const programme = await session.store.db.selectFrom('programmes').select('id').where('id', '=', input.programmeId).where('branch_id', '=', session.branch.id).executeTakeFirst();
    if (!programme) throw new CoreError('validation', 'No such programme.', [{ path: 'programmeId', message: 'unknown programme' }]);
  }
  const steps: (ActionInput & { assigneeId: string | null; partnerId: string | null })[] = [];
  for (const action of input.actions) {
    steps.push({
      ...action,
      assigneeId: await resolveAssignee(session, household.assigned_worker_id, action.assigneeId),
      partnerId: await checkPartner(session, action.partnerId),
    });
  }
  const at = new Date().toISOString();
  const plan = {
    id: newId(),
    branch_id: session.branch.id,
    household_id: household.id,
    member_id: input.memberId ?? null,
    programme_id: input.programmeId ?? null,
    domain: input.domain,
    goals: input.goals,
    status: input.status,
    created_by: session.user.id,
    created_at: at,
    updated_at: at,
    close_requested_by: null,
    close_requested_at: null,
    close_note: null,
    closed_by: null,
    closed_at: null,
    deleted: 0,
  };
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.insertInto('plans').values(plan).execute();
    changes.record({
      table: 'plans',
      rowId: plan.id,
      action: 'create',
      fields: { household_id: plan.household_id, member_id: plan.member_id, programme_id: plan.programme_id, domain: plan.domain, goals: plan.goals, status: plan.status, created_by: plan.created_by },
    });
    for (const step of steps) await insertAction(trx, changes, session, plan, step);
  });
  return onePlan(session, plan.id);
};

const setPlanFields = async (session: OpenSession, id: string, fields: Record<string, unknown>) => {
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.updateTable('plans').set({ ...fields, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
    changes.record({ table: 'plans', rowId: id, action: 'update', fields });
  });
  return onePlan(session, id);
};

/** Edits goals or moves a plan between draft and active (not once closing or closed). */
export const updatePlan = async (sessions: SessionManager, input: { id: string; goals?: string; status?: 'draft' | 'active' }) => {
  const session = sessions.require();
  const row = await requirePlan(session, input.id);
  if (row.status === 'closing' || row.status === 'closed') {
    throw new CoreError('conflict', 'This plan is waiting for closure or closed.', undefined, { reason: 'plan-closed' });
  }
  const fields: Record<string, unknown> = {};
  if (input.goals !== undefined && input.goals !== row.goals) fields.goals = input.goals;
  if (input.status !== undefined && input.status !== row.status) fields.status = input.status;
  return Object.keys(fields).length ? setPlanFields(session, row.id, fields) : onePlan(session, row.id);
};

/** Asks a manager to close the plan. */
export const requestPlanClosure = async (sessions: SessionManager, input: { id: string; note?: string }) => {
  const session = sessions.require();
  const row = await requirePlan(session, input.id);
  if (row.status === 'closing' || row.status === 'closed') {
    throw new CoreError('conflict', 'This plan is already waiting for closure or closed.', undefined, { reason: 'plan-closed' });
  }
  return setPlanFields(session, row.id, {
    status: 'closing',
    close_requested_by: session.user.id,
    close_requested_at: new Date().toISOString(),
    close_note: input.note ?? null,
  });
};

/** A manager approves a closure (closed) or refuses it (back to active). */
export const decidePlanClosure = async (sessions: SessionManager, input: { id: string; approve: boolean }) => {
  const session = sessions.require(managers);
  const row = await requirePlan(session, input.id);
  if (row.status !== 'closing') throw new CoreError('conflict', 'This plan is not waiting for closure.', undefined, { reason: 'not-closing' });
  return input.approve
    ? setPlanFields(session, row.id, { status: 'closed', closed_by: session.user.id, closed_at: new Date().toISOString() })
    : setPlanFields(session, row.id, { status: 'active', close_requested_by: null, close_requested_at: null });
};

/** Adds a step to an open plan. */
export const addAction = async (sessions: SessionManager, input: ActionInput & { planId: string }): Promise<Action> => {
  const session = sessions.require();
  const plan = await requirePlan(session, input.planId);
  if (plan.status === 'closed') throw new CoreError('conflict', 'This plan is closed.', undefined, { reason: 'plan-closed' });
  const household = await requireHousehold(session, plan.household_id);
  const step = {
    ...input,
    assigneeId: await resolveAssignee(session, household.assigned_worker_id, input.assigneeId),
    partnerId: await checkPartner(session, input.partnerId),
  };
  const id = await writeTransaction(session.store, actorOf(session), (trx, changes) => insertAction(trx, changes, session, plan, step));
  return (await findAction(session.store.db, id)) as Action;
};

const requireAction = async (session: OpenSession, id: string) => {
  const row = await session.store.db.selectFrom('actions').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  if (!row) throw householdNotFound();
  const household = await requireHousehold(session, row.household_id);
  return { row, household };
};

const setActionFields = async (session: OpenSession, id: string, fields: Record<string, unknown>) => {
  if (Object.keys(fields).length > 0) {
    await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
      await trx.updateTable('actions').set({ ...fields, updated_at: new Date().toISOString() }).where('id', '=', id).execute();
      changes.record({ table: 'actions', rowId: id, action: 'update', fields });
    });
  }
  return (await findAction(session.store.db, id)) as Action;
};

/** Reschedules, renames, reassigns a planned step or changes its recurrence. */
export const updateAction = async (
  sessions: SessionManager,
  input: { id: string; title?: string; dueDate?: string; assigneeId?: string | null; recurrence?: Recurrence | null },
) => {
  const session = sessions.require();
  const { row, household } = await requireAction(session, input.id);
  if (row.status !== 'planned') throw new CoreError('conflict', 'This step is already done or cancelled.', undefined, { reason: 'action-closed' });
  const fields: Record<string, unknown> = {};
  if (input.title !== undefined && input.title !== row.title) fields.title = input.title;
  if (input.dueDate !== undefined && input.dueDate !== row.due_date) fields.due_date = input.dueDate;
  if (input.assigneeId !== undefined) {
    const assignee = await resolveAssignee(session, household.assigned_worker_id, input.assigneeId);
    if (assignee !== row.assignee_id) fields.assignee_id = assignee;
  }
  if (input.recurrence !== undefined) {
    fields.recurrence_every = input.recurrence?.every ?? null;
    fields.recurrence_unit = input.recurrence?.unit ?? null;
  }
  return setActionFields(session, row.id, fields);
};

/** Marks a step done with its outcome; a recurring step schedules its next occurrence in the same transaction. */
export const completeAction = async (
  sessions: SessionManager,
  input: { id: string; outcome: string; outcomeCode?: Action['outcomeCode']; partnerAnswer?: Action['partnerAnswer']; partnerAnswerDate?: string | null },
): Promise<{ completed: Action; next: Action | null }> => {
  const session = sessions.require();
  const { row } = await requireAction(session, input.id);
  if (row.status !== 'planned') throw new CoreError('conflict', 'This step is already done or cancelled.', undefined, { reason: 'action-closed' });
  const today = todayIso();
  const fields: Record<string, unknown> = {
    status: 'done',
    outcome: input.outcome,
    outcome_code: input.outcomeCode ?? null,
    completed_at: new Date().toISOString(),
    completed_by: session.user.id,
  };
  if (input.partnerAnswer !== undefined) fields.partner_answer = input.partnerAnswer;
  if (input.partnerAnswerDate !== undefined) fields.partner_answer_date = input.partnerAnswerDate;
  const nextId = await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.updateTable('actions').set({ ...fields, updated_at: new Date().toISOString() }).where('id', '=', row.id).execute();
    changes.record({ table: 'actions', rowId: row.id, action: 'update', fields });
    if (!row.recurrence_every || !row.recurrence_unit) return null;
    const recurrence = { every: row.recurrence_every, unit: row.recurrence_unit };
    return insertAction(trx, changes, session, { id: row.plan_id, household_id: row.household_id }, {
      type: row.type as Action['type'],
      title: row.title,
      dueDate: nextDueDate(row.due_date, recurrence, today),
      assigneeId: row.assignee_id,
      recurrence,
      partnerId: row.partner_id,
    });
  });
  return {
    completed: (await findAction(session.store.db, row.id)) as Action,
    next: nextId ? ((await findAction(session.store.db, nextId)) ?? null) : null,
  };
};

/** Cancels a planned step. */
export const cancelAction = async (sessions: SessionManager, id: string) => {
  const session = sessions.require();
  const { row } = await requireAction(session, id);
  if (row.status !== 'planned') throw new CoreError('conflict', 'This step is already done or cancelled.', undefined, { reason: 'action-closed' });
  return setActionFields(session, row.id, { status: 'cancelled' });
};
