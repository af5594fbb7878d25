import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { OpRejectionCode, PushChange, PushResult } from '../../shared/sync/api.ts';
import { resolveField } from '../../shared/sync/conflict.ts';
import { bookkeepingFields, householdKeyOf, tableSpec, type SyncTableName } from '../../shared/sync/tables.ts';
import type { ServerDatabase } from '../db/tables.ts';
import { checkChange, referencedRows, referenceHolds, type CheckedChange } from './checks.ts';
import { knownOps, openBatch, rowKey, rowsOfOtherBranches, type Batch, type RowState } from './ledger.ts';
import { householdInScope, holdsBranch, type Actor } from './scope.ts';

/** Where a batch of changes comes from. */
export interface PushSource {
  branchId: string;
  deviceId: string;
  now: Date;
  /** The author of a change (by its `user_id`), or null when that user may not push from here. */
  authorOf: (userId: string | undefined) => Actor | null;
}

/**
 * The active users who signed in on a device: the authors its changes may name. A laptop shared by
 * colleagues pushes the outbox of all of them with the token of whoever syncs; each change is then
 * judged as its own author's (role and scope), never as the pusher's, and a name that never signed
 * in on that device is refused.
 */
export const deviceAuthors = async (db: Kysely<ServerDatabase>, branchId: string, deviceId: string): Promise<Map<string, Actor>> => {
  const users = await db
    .selectFrom('device_users as du')
    .innerJoin('accounts as a', (join) => join.onRef('a.branch_id', '=', 'du.branch_id').onRef('a.id', '=', 'du.user_id'))
    .select(['a.id', 'a.role', 'a.district_ids'])
    .where('du.branch_id', '=', branchId)
    .where('du.device_id', '=', deviceId)
    .where('a.disabled', '=', false)
    .execute();
  return new Map(users.map((u) => [u.id, { userId: u.id, role: u.role, districtIds: u.district_ids }]));
};

type Checked = { change: PushChange; checked: CheckedChange };

/** A row the batch creates: every field its accepted ops bring, and the verdict on the whole row. */
interface Create {
  row: RowState;
  fields: Record<string, unknown>;
  verdict?: OpRejectionCode | null;
}

const rejected = (opId: string, code: OpRejectionCode): PushResult => ({ op_id: opId, status: 'rejected', code });

/** Step 5 for a new row: required fields, branch, household, references (whole row at once), then scope. */
const judgeCreate = async (batch: Batch, source: PushSource, row: RowState, create: Create, actor: Actor, elsewhere: Set<string>): Promise<OpRejectionCode | null> => {
  const spec = tableSpec(row.table);
  if (!spec.required.every((field) => Object.hasOwn(create.fields, field))) return 'missing-fields';
  if (elsewhere.has(rowKey(row.table, row.rowId))) return 'wrong-branch';
  if (row.table === 'branches' && row.rowId !== source.branchId) return 'wrong-branch';
  const householdId = householdKeyOf(row.table, row.rowId, create.fields);
  const household = householdId && row.table !== 'households' ? await batch.row('households', householdId) : null;
  if (household && !household.exists) return 'invalid-value';
  for (const [field, value] of Object.entries(create.fields)) {
    if (!(await referenceHolds(batch, field, value, householdId))) return 'invalid-value';
  }
  if (spec.scope === 'household' && !householdInScope(actor, household ? household.data : create.fields)) return 'out-of-scope';
  row.householdId = householdId;
  return null;
};

/** Step 5–6 for a change to an existing row. */
const judgeUpdate = async (batch: Batch, row: RowState, change: PushChange, checked: CheckedChange): Promise<OpRejectionCode | null> => {
  const spec = tableSpec(row.table);
  if (spec.appendOnly) return 'append-only';
  if (change.field === 'household_id' && checked.value !== row.householdId) return 'invalid-value';
  if (!(await referenceHolds(batch, change.field, checked.value, row.householdId))) return 'invalid-value';
  if (spec.scope !== 'household' || holdsBranch(checked.actor)) return null;
  const household = row.householdId ? await batch.row('households', row.householdId) : null;
  if (!household?.exists || !householdInScope(checked.actor, household.data)) return 'out-of-scope';
  // A worker may move a household only into a district of hers, unless it stays assigned to her.
  if (row.table === 'households' && change.field === 'district_id' && !householdInScope(checked.actor, { ...household.data, district_id: checked.value })) return 'out-of-scope';
  return null;
};

const pick = (version: { user_id: string | null; device_time: string | null; server_time: string }) => ({
  user_id: version.user_id,
  device_time: version.device_time,
  server_time: version.server_time,
});

/** Step 7: the conflict rule, then the write (or the restatement of the value that held). */
const applyChange = (batch: Batch, source: PushSource, row: RowState, change: PushChange, checked: CheckedChange): PushResult => {
  const spec = tableSpec(row.table);
  const current = row.versions[change.field];
  const currentValue = row.data[change.field] ?? null;
  const resolution = resolveField(
    current && { seq: current.seq, value: currentValue, role: current.role, deviceId: current.device_id },
    { baseSeq: change.base_seq, value: checked.value, role: checked.actor.role, deviceId: source.deviceId },
    {
      protectedField: spec.protectedFields?.includes(change.field) ?? false,
      appendOnly: spec.appendOnly ?? false,
      bookkeeping: bookkeepingFields.includes(change.field),
    },
  );
  const incoming = { user_id: checked.actor.userId, device_time: change.device_time, server_time: batch.serverTime };
  if (resolution.winner === 'current' && current) {
    // The device keeps its own value until it pulls: this op (under its op id) restates the value that held.
    const seq = batch.write(row, { field: change.field, value: currentValue, opId: change.op_id, opDeviceId: source.deviceId, userId: current.user_id, deviceTime: current.device_time, version: current });
    batch.addConflict({ row, field: change.field, kept: { value: currentValue, ...pick(current), seq: current.seq }, lost: { value: checked.value, ...incoming } }, uuidv7());
    return { op_id: change.op_id, status: 'accepted', seq, conflict: 'lost' };
  }
  const seq = batch.write(row, {
    field: change.field,
    value: checked.value,
    opId: change.op_id,
    opDeviceId: source.deviceId,
    userId: checked.actor.userId,
    deviceTime: change.device_time,
    version: { role: checked.actor.role, device_id: source.deviceId, ...incoming },
  });
  if (!resolution.conflict || !current) return { op_id: change.op_id, status: 'accepted', seq };
  batch.addConflict({ row, field: change.field, kept: { value: checked.value, ...incoming, seq }, lost: { value: currentValue, ...pick(current) } }, uuidv7());
  return { op_id: change.op_id, status: 'accepted', seq, conflict: 'won' };
};

/**
 * Applies pushed changes in order inside the caller's transaction: each is a duplicate, rejected
 * with a code (nothing of it written), or accepted with its server sequence.
 */
export const applyChanges = async (trx: Kysely<ServerDatabase>, source: PushSource, changes: readonly PushChange[]): Promise<PushResult[]> => {
  const batch = await openBatch(trx, source.branchId, source.now);
  const known = await knownOps(trx, source.branchId, source.deviceId, changes.map((c) => c.op_id));
  const checks = changes.map((change) => (known.has(change.op_id) ? null : checkChange(change, source.authorOf)));
  const ok: Checked[] = changes.flatMap((change, i) => {
    const checked = checks[i];
    return checked && typeof checked === 'object' ? [{ change, checked }] : [];
  });

  await batch.prefetch(ok.map(({ change, checked }) => ({ table: checked.table, rowId: change.row_id })));
  await batch.prefetch([
    ...ok.flatMap(({ change, checked }) => (change.field === 'household_id' && typeof checked.value === 'string' ? [{ table: 'households' as SyncTableName, rowId: checked.value }] : [])),
    ...referencedRows(ok.map(({ change, checked }) => ({ field: change.field, value: checked.value }))),
  ]);

  const creates = new Map<string, Create>();
  for (const { change, checked } of ok) {
    const row = await batch.row(checked.table, change.row_id);
    if (row.exists) continue;
    const create = creates.get(rowKey(row.table, row.rowId)) ?? { row, fields: {} };
    create.fields[change.field] = checked.value;
    creates.set(rowKey(row.table, row.rowId), create);
  }
  const elsewhere = await rowsOfOtherBranches(trx, source.branchId, [...creates.values()].map(({ row }) => ({ table: row.table, rowId: row.rowId })));

  const results: PushResult[] = [];
  for (const [i, change] of changes.entries()) {
    const checked = checks[i];
    const seen = known.get(change.op_id);
    if (seen !== undefined) {
      results.push({ op_id: change.op_id, status: 'duplicate', seq: seen });
      continue;
    }
    if (!checked || typeof checked === 'string') {
      results.push(rejected(change.op_id, checked ?? 'invalid-value'));
      continue;
    }
    const row = await batch.row(checked.table, change.row_id);
    const create = creates.get(rowKey(row.table, row.rowId));
    let code: OpRejectionCode | null;
    if (create) {
      if (create.verdict === undefined) create.verdict = await judgeCreate(batch, source, row, create, checked.actor, elsewhere);
      code = create.verdict;
    } else {
      code = await judgeUpdate(batch, row, change, checked);
    }
    if (code) {
      results.push(rejected(change.op_id, code));
      continue;
    }
    const result = applyChange(batch, source, row, change, checked);
    known.set(change.op_id, result.seq as number);
    results.push(result);
  }
  await batch.flush();
  return results;
};
