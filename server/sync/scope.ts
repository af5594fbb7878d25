import { sql, type RawBuilder } from 'kysely';
import type { Role } from '../../shared/contract/session.contract.ts';

/** Whose scope a change or a pull is judged by. */
export interface Actor {
  userId: string;
  role: Role;
  districtIds: readonly string[];
}

/** Managers and admins hold the whole branch. */
export const holdsBranch = (actor: Actor): boolean => actor.role !== 'worker';

/** Whether a household (its district and assigned worker) is in the actor's scope. */
export const householdInScope = (actor: Actor, household: { district_id?: unknown; assigned_worker_id?: unknown }): boolean =>
  holdsBranch(actor) ||
  (typeof household.district_id === 'string' && actor.districtIds.includes(household.district_id)) ||
  household.assigned_worker_id === actor.userId;

/**
 * SQL that is true (never null) when the `household_scope` row under `alias` is in a worker's
 * scope: one of her districts, or assigned to her.
 */
export const scopeCondition = (alias: string, actor: Actor): RawBuilder<boolean> => {
  const assigned = sql`${sql.ref(`${alias}.assigned_worker_id`)} = ${actor.userId}`;
  if (actor.districtIds.length === 0) return sql<boolean>`(${assigned}) is true`;
  return sql<boolean>`(${sql.ref(`${alias}.district_id`)} in (${sql.join([...actor.districtIds])}) or ${assigned}) is true`;
};
