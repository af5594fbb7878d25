import type { Member } from '../../../shared/contract/index.ts';
import { writeTransaction } from '../db/changes.ts';
import { CoreError } from '../errors.ts';
import { reindexMember } from '../search/search-index.ts';
import type { OpenSession, SessionManager } from '../session/session.service.ts';
import { actorOf, requireHousehold } from './households.service.ts';
import { memberColumns, toMember } from './households.mappers.ts';
import { householdNotFound } from './scope.ts';
import { newId } from '../db/ids.ts';

type MemberFields = Partial<Omit<Member, 'id' | 'householdId' | 'registryRef' | 'source'>>;

const notInFuture = (birthDate: string | undefined) => {
  if (birthDate && (birthDate > new Date().toISOString().slice(0, 10) || Number.isNaN(Date.parse(birthDate)))) {
    throw new CoreError('validation', 'A birth date must be a real date, not in the future.', [{ path: 'birthDate', message: 'future or invalid' }], {
      reason: 'future-date',
    });
  }
};

/** A household has one head: a second one is refused until the first one's relation changes. */
const oneHead = async (session: OpenSession, householdId: string, relation: string | undefined, memberId?: string) => {
  if (relation !== 'head') return;
  let query = session.store.db
    .selectFrom('members')
    .select('id')
    .where('household_id', '=', householdId)
    .where('relation', '=', 'head')
    .where('deleted', '=', 0);
  if (memberId) query = query.where('id', '!=', memberId);
  if (await query.executeTakeFirst()) {
    throw new CoreError('conflict', 'This household already has a head.', [{ path: 'relation', message: 'several heads' }], { reason: 'several-heads' });
  }
};

/** Adds a person to a household file (a newborn, someone who moved in). */
export const addMember = async (sessions: SessionManager, input: MemberFields & { householdId: string }): Promise<Member> => {
  const session = sessions.require();
  const household = await requireHousehold(session, input.householdId);
  notInFuture(input.birthDate);
  await oneHead(session, household.id, input.relation);
  const { householdId: _ignored, ...fields } = input;
  const at = new Date().toISOString();
  const columns = memberColumns(fields);
  const row = {
    national_id: null,
    first_name_lat: null,
    last_name_lat: null,
    education: null,
    in_school: null,
    employment: null,
    disability: null,
    chronic_illness: null,
    health_coverage: null,
    ...columns,
    id: newId(),
    branch_id: session.branch.id,
    household_id: household.id,
    registry_ref: null,
    source: 'worker' as const,
    created_at: at,
    updated_at: at,
    deleted: 0,
  } as Parameters<typeof toMember>[0];
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.insertInto('members').values(row).execute();
    await trx.updateTable('households').set({ updated_at: at }).where('id', '=', household.id).execute();
    changes.record({ table: 'members', rowId: row.id, action: 'create', fields: { household_id: household.id, ...columns } });
    reindexMember(session.store.sqlite, row.id);
  });
  return toMember(row);
};

const requireMember = async (sessions: SessionManager, id: string) => {
  const session = sessions.require();
  const row = await session.store.db.selectFrom('members').selectAll().where('id', '=', id).where('deleted', '=', 0).executeTakeFirst();
  if (!row) throw householdNotFound();
  await requireHousehold(session, row.household_id);
  return { session, row };
};

/** Edits a member; only the fields that really change are written. */
export const updateMember = async (sessions: SessionManager, input: MemberFields & { id: string }): Promise<Member> => {
  const { session, row } = await requireMember(sessions, input.id);
  notInFuture(input.birthDate);
  await oneHead(session, row.household_id, input.relation, row.id);
  const { id: _id, ...fields } = input;
  const columns = Object.fromEntries(
    Object.entries(memberColumns(fields)).filter(([key, value]) => row[key as keyof typeof row] !== value),
  ) as ReturnType<typeof memberColumns>;
  if (Object.keys(columns).length === 0) return toMember(row);
  const at = new Date().toISOString();
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.updateTable('members').set({ ...columns, updated_at: at }).where('id', '=', row.id).execute();
    changes.record({ table: 'members', rowId: row.id, action: 'update', fields: columns });
    reindexMember(session.store.sqlite, row.id);
  });
  return toMember({ ...row, ...columns, updated_at: at });
};

/** Removes a member from the file; the row stays as a tombstone for sync and history. */
export const removeMember = async (sessions: SessionManager, id: string): Promise<void> => {
  const { session, row } = await requireMember(sessions, id);
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.updateTable('members').set({ deleted: 1, updated_at: new Date().toISOString() }).where('id', '=', row.id).execute();
    changes.record({ table: 'members', rowId: row.id, action: 'delete', fields: { deleted: 1 } });
    reindexMember(session.store.sqlite, row.id);
  });
};
