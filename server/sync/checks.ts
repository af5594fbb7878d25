import type { OpRejectionCode, PushChange } from '../../shared/sync/api.ts';
import { fieldSchema, fieldWriter, isSyncTable, roleMayWrite, type SyncTableName } from '../../shared/sync/tables.ts';
import type { Batch } from './ledger.ts';
import type { Actor } from './scope.ts';

/** A change that passed the checks needing no database: its table, its author and its value. */
export interface CheckedChange {
  table: SyncTableName;
  actor: Actor;
  value: unknown;
}

/**
 * Steps 2–4 of a push, per change: the table and field are on the allow-list, the value fits the
 * field's schema, the field's writer admits the author's role, and the author may push here.
 */
export const checkChange = (change: PushChange, authorOf: (userId: string | undefined) => Actor | null): CheckedChange | OpRejectionCode => {
  if (!isSyncTable(change.table)) return 'unknown-table';
  const table = change.table;
  const schema = fieldSchema(table, change.field);
  if (!schema) return 'unknown-field';
  const parsed = schema.safeParse(change.value);
  if (!parsed.success) return 'invalid-value';
  const writer = fieldWriter(table, change.field);
  if (writer === 'server') return 'server-managed';
  const actor = authorOf(change.user_id);
  if (!actor || !roleMayWrite(actor.role, writer)) return 'role-forbidden';
  return { table, actor, value: parsed.data };
};

/** Fields naming another row that must exist in the branch (and, for a household's rows, in the same household). */
const references: Record<string, { table: SyncTableName; sameHousehold: boolean }> = {
  district_id: { table: 'districts', sameHousehold: false },
  assigned_worker_id: { table: 'users', sameHousehold: false },
  plan_id: { table: 'plans', sameHousehold: true },
  member_id: { table: 'members', sameHousehold: true },
};

/** The rows `fields` refer to, for loading them in one go. */
export const referencedRows = (fields: { field: string; value: unknown }[]): { table: SyncTableName; rowId: string }[] =>
  fields.flatMap(({ field, value }) => {
    const target = Object.hasOwn(references, field) ? references[field] : undefined;
    return target && typeof value === 'string' ? [{ table: target.table, rowId: value }] : [];
  });

/** Whether a field's value names a row that exists where it must (null names nothing and passes). */
export const referenceHolds = async (batch: Batch, field: string, value: unknown, householdId: string | null): Promise<boolean> => {
  const target = Object.hasOwn(references, field) ? references[field] : undefined;
  if (!target || value === null || typeof value !== 'string') return true;
  const row = await batch.row(target.table, value);
  return row.exists && (!target.sameHousehold || row.householdId === householdId);
};
