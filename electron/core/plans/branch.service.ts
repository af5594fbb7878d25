import { sql } from 'kysely';
import type { WorkerLoad } from '../../../shared/contract/index.ts';
import { todayIso } from '../../../shared/rules/dates.ts';
import { writeTransaction } from '../db/changes.ts';
import { CoreError } from '../errors.ts';
import { actorOf, scopeOf } from '../households/households.service.ts';
import type { SessionManager } from '../session/session.service.ts';
import { loadPlans } from './plans.repository.ts';

const managers = ['manager', 'admin'] as const;
const maxClosuresListed = 100;

/** The manager's branch view: unassigned households, load per worker, plan closures waiting. */
export const branchOverview = async (sessions: SessionManager) => {
  const session = sessions.require(managers);
  const { db } = session.store;
  const branchId = session.branch.id;
  const today = todayIso();
  const [unassigned, users, households, plans, overdue, closing] = await Promise.all([
    db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('branch_id', '=', branchId)
      .where('deleted', '=', 0)
      .where('assigned_worker_id', 'is', null)
      .executeTakeFirstOrThrow(),
    db.selectFrom('users').select(['id', 'display_name', 'role', 'disabled']).where('branch_id', '=', branchId).orderBy(sql`display_name COLLATE NOCASE`).execute(),
    db
      .selectFrom('households')
      .select(['assigned_worker_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('branch_id', '=', branchId)
      .where('deleted', '=', 0)
      .where('assigned_worker_id', 'is not', null)
      .groupBy('assigned_worker_id')
      .execute(),
    db
      .selectFrom('plans as p')
      .innerJoin('households as h', 'h.id', 'p.household_id')
      .select(['h.assigned_worker_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('p.branch_id', '=', branchId)
      .where('p.deleted', '=', 0)
      .where('p.status', '!=', 'closed')
      .groupBy('h.assigned_worker_id')
      .execute(),
    db
      .selectFrom('actions')
      .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('branch_id', '=', branchId)
      .where('status', '=', 'planned')
      .where('deleted', '=', 0)
      .where('due_date', '<', today)
      .groupBy('assignee_id')
      .execute(),
    // The oldest requests first, a screenful at a time: a manager approves them in order.
    db
      .selectFrom('plans')
      .select('id')
      .where('branch_id', '=', branchId)
      .where('status', '=', 'closing')
      .where('deleted', '=', 0)
      .orderBy('close_requested_at')
      .limit(maxClosuresListed)
      .execute(),
  ]);
  const count = (rows: { n: number }[], pick: (row: never) => unknown, id: string) =>
    Number((rows as unknown as ({ n: number } & Record<string, unknown>)[]).find((row) => pick(row as never) === id)?.n ?? 0);
  const workers: WorkerLoad[] = users
    .filter((user) => user.role !== 'admin' || households.some((row) => row.assigned_worker_id === user.id))
    .map((user) => ({
      userId: user.id,
      displayName: user.display_name,
      role: user.role,
      disabled: user.disabled === 1,
      households: count(households, (row: { assigned_worker_id: string }) => row.assigned_worker_id, user.id),
      openPlans: count(plans, (row: { assigned_worker_id: string }) => row.assigned_worker_id, user.id),
      overdueActions: count(overdue, (row: { assignee_id: string }) => row.assignee_id, user.id),
    }));
  const closingPlans = await loadPlans(db, { ids: closing.map((plan) => plan.id) });
  const heads = closingPlans.length
    ? await db
        .selectFrom('households as h')
        .leftJoin('members as m', (join) => join.onRef('m.household_id', '=', 'h.id').on('m.relation', '=', 'head').on('m.deleted', '=', 0))
        .select(['h.id', 'h.registry_ref', 'm.first_name_ar', 'm.last_name_ar'])
        .where(
          'h.id',
          'in',
          closingPlans.map((plan) => plan.householdId),
        )
        .execute()
    : [];
  return {
    unassignedHouseholds: Number(unassigned.n),
    workers,
    closuresWaiting: closingPlans.map((plan) => {
      const head = heads.find((row) => row.id === plan.householdId);
      return {
        ...plan,
        householdRef: head?.registry_ref ?? null,
        headNameAr: head?.first_name_ar ? `${head.first_name_ar} ${head.last_name_ar ?? ''}`.trim() : null,
      };
    }),
  };
};

/**
 * Assigns households (listed, or every household of one worker) to a worker, or unassigns them
 * (manager). Their open steps that followed the previous worker follow the new one.
 */
export const assignHouseholds = async (
  sessions: SessionManager,
  input: { householdIds?: string[] | undefined; fromWorkerId?: string | undefined; toWorkerId: string | null },
): Promise<{ assigned: number }> => {
  const session = sessions.require(managers);
  const { db } = session.store;
  const branchId = session.branch.id;
  if (input.toWorkerId) {
    const target = await db.selectFrom('users').select(['id', 'disabled', 'role']).where('id', '=', input.toWorkerId).where('branch_id', '=', branchId).executeTakeFirst();
    if (!target || target.disabled === 1) {
      throw new CoreError('validation', 'Households can only be assigned to an active account of this branch.', [{ path: 'toWorkerId', message: 'unknown user' }]);
    }
  }
  let query = db.selectFrom('households').select(['id', 'assigned_worker_id']).where('branch_id', '=', branchId).where('deleted', '=', 0);
  if (input.householdIds) query = query.where(sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(input.householdIds)}))`);
  else query = query.where('assigned_worker_id', '=', input.fromWorkerId ?? '');
  const rows = (await query.execute()).filter((row) => row.assigned_worker_id !== input.toWorkerId);
  if (input.householdIds && rows.length === 0 && input.householdIds.length > 0) {
    const known = await db.selectFrom('households').select('id').where(sql<boolean>`id IN (SELECT value FROM json_each(${JSON.stringify(input.householdIds)}))`).where('branch_id', '=', branchId).execute();
    if (known.length === 0) throw new CoreError('not-found', 'None of these households is in this branch.');
  }
  const at = new Date().toISOString();
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    for (const row of rows) {
      const fields = { assigned_worker_id: input.toWorkerId, assigned_at: at, assigned_by: session.user.id };
      await trx.updateTable('households').set({ ...fields, updated_at: at }).where('id', '=', row.id).execute();
      changes.record({ table: 'households', rowId: row.id, action: 'update', fields });
      const steps = await trx
        .selectFrom('actions')
        .select('id')
        .where('household_id', '=', row.id)
        .where('status', '=', 'planned')
        .where('deleted', '=', 0)
        .where((eb) => (row.assigned_worker_id ? eb.or([eb('assignee_id', '=', row.assigned_worker_id), eb('assignee_id', 'is', null)]) : eb('assignee_id', 'is', null)))
        .execute();
      for (const step of steps) {
        await trx.updateTable('actions').set({ assignee_id: input.toWorkerId, updated_at: at }).where('id', '=', step.id).execute();
        changes.record({ table: 'actions', rowId: step.id, action: 'update', fields: { assignee_id: input.toWorkerId } });
      }
    }
  });
  return { assigned: rows.length };
};

/** Counts for the dashboard charts, in the caller's scope. */
export const dashboardStats = async (sessions: SessionManager) => {
  const session = sessions.require();
  const { db } = session.store;
  const scope = scopeOf(session);
  const today = todayIso();
  const overdueByWorker = await db
    .selectFrom('actions as a')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .leftJoin('users as u', 'u.id', 'a.assignee_id')
    .select(['a.assignee_id', 'u.display_name', (eb) => eb.fn.countAll<number>().as('n')])
    .where(scope)
    .where('a.status', '=', 'planned')
    .where('a.deleted', '=', 0)
    .where('a.due_date', '<', today)
    .groupBy(['a.assignee_id', 'u.display_name'])
    .orderBy('n', 'desc')
    .execute();
  const plansByDomain = await db
    .selectFrom('plans as p')
    .innerJoin('households as h', 'h.id', 'p.household_id')
    .select(['p.domain', 'p.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where(scope)
    .where('p.deleted', '=', 0)
    .groupBy(['p.domain', 'p.status'])
    .execute();
  const outcomesByMonth = await db
    .selectFrom('actions as a')
    .innerJoin('households as h', 'h.id', 'a.household_id')
    .select([sql<string>`substr(a.completed_at, 1, 7)`.as('month'), 'a.outcome_code', (eb) => eb.fn.countAll<number>().as('n')])
    .where(scope)
    .where('a.status', '=', 'done')
    .where('a.outcome_code', 'is not', null)
    .groupBy(['month', 'a.outcome_code'])
    .orderBy('month')
    .execute();
  return {
    overdueByWorker: overdueByWorker.map((row) => ({ workerId: row.assignee_id, name: row.display_name ?? null, overdue: Number(row.n) })),
    plansByDomain: plansByDomain.map((row) => ({ domain: row.domain, status: row.status, count: Number(row.n) })),
    outcomesByMonth: outcomesByMonth.map((row) => ({
      month: row.month,
      outcomeCode: row.outcome_code as 'job_found' | 'training_started' | 'coverage_enrolled' | 'school_enrolled' | 'document_obtained' | 'other',
      count: Number(row.n),
    })),
  };
};
