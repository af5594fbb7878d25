import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/tables.ts';
import { CoreError } from '../errors.ts';
import type { OpenSession } from '../session/session.service.ts';

/**
 * Which households a user may see: managers and admins the whole branch; a worker her districts
 * plus the households assigned to her. Every household query goes through this.
 */
export const householdScope =
  (session: OpenSession) =>
  (eb: ExpressionBuilder<Database & { h: Database['households'] }, 'h'>) => {
    const inBranch = eb.and([eb('h.branch_id', '=', session.branch.id), eb('h.deleted', '=', 0)]);
    if (session.user.role !== 'worker') return inBranch;
    const mine = [eb('h.assigned_worker_id', '=', session.user.id)];
    if (session.user.districtIds.length > 0) mine.push(eb('h.district_id', 'in', session.user.districtIds));
    return eb.and([inBranch, eb.or(mine)]);
  };

/** The same rule for one row already read. */
export const inScope = (session: OpenSession, row: { branch_id: string; district_id: string; assigned_worker_id: string | null; deleted: number }) =>
  row.branch_id === session.branch.id &&
  row.deleted === 0 &&
  (session.user.role !== 'worker' || row.assigned_worker_id === session.user.id || session.user.districtIds.includes(row.district_id));

/** Not found and out of scope look the same, so a worker cannot probe other districts. */
export const householdNotFound = () => new CoreError('not-found', 'No such household in your caseload.');
