import type { HistoryEntry, Household, HouseholdListInput, HouseholdSummary } from '../../../shared/contract/index.ts';
import { householdListInputSchema } from '../../../shared/contract/index.ts';
import { actorOf, writeTransaction } from '../db/changes.ts';
import { CoreError } from '../errors.ts';
import { reindexHousehold } from '../search/search-index.ts';
import type { OpenSession, SessionManager } from '../session/session.service.ts';
import { toDocumentMeta, toEnrollment, toMember } from './households.mappers.ts';
import { listHouseholds } from './households.repository.ts';
import { householdNotFound, householdScope, inScope } from './scope.ts';

type Scope = Parameters<typeof listHouseholds>[1];

export const scopeOf = (session: OpenSession) => householdScope(session) as unknown as Scope;
export { actorOf };

/** A household row the caller may see, or not-found. */
export const requireHousehold = async (session: OpenSession, id: string) => {
  const row = await session.store.db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || !inScope(session, row)) throw householdNotFound();
  return row;
};

/** One page of the caller's households, filtered and sorted, with the total count. */
export const listScopedHouseholds = async (sessions: SessionManager, input: HouseholdListInput) => {
  const session = sessions.require();
  const { sort, direction, offset, limit, ...filters } = householdListInputSchema.parse(input);
  return listHouseholds(session.store.db, scopeOf(session), filters, { sort, direction, offset, limit });
};

/** The household header as the file shows it. */
export const loadHousehold = async (session: OpenSession, id: string): Promise<Household> => {
  const row = await requireHousehold(session, id);
  const { rows } = await listHouseholds(
    session.store.db,
    ((eb: Parameters<Scope>[0]) => eb('h.id', '=', id)) as Scope,
    {},
    { sort: 'ref', direction: 'asc', offset: 0, limit: 1 },
  );
  const summary = rows[0] as HouseholdSummary;
  return {
    ...summary,
    region: row.region,
    province: row.province,
    locality: row.locality,
    address: row.address,
    phone: row.phone_override ?? row.phone,
    registryPhone: row.phone,
    notes: row.notes,
    updatedAt: row.updated_at,
  };
};

/** A whole household file: header, members, enrollments, latest visits and documents. */
export const getHouseholdFile = async (sessions: SessionManager, id: string) => {
  const session = sessions.require();
  const household = await loadHousehold(session, id);
  const { db } = session.store;
  const [members, enrollments, visits, documents] = await Promise.all([
    db.selectFrom('members').selectAll().where('household_id', '=', id).where('deleted', '=', 0).orderBy('birth_date').execute(),
    db.selectFrom('enrollments').selectAll().where('household_id', '=', id).where('deleted', '=', 0).orderBy('created_at').execute(),
    db
      .selectFrom('visits as v')
      .innerJoin('users as u', 'u.id', 'v.user_id')
      .select(['v.id', 'v.household_id', 'v.user_id', 'u.display_name', 'v.type', 'v.visited_at', 'v.notes'])
      .where('v.household_id', '=', id)
      .orderBy('v.visited_at', 'desc')
      .limit(200)
      .execute(),
    db
      .selectFrom('documents')
      .select(['id', 'household_id', 'member_id', 'name', 'mime', 'size', 'created_at'])
      .where('household_id', '=', id)
      .where('deleted', '=', 0)
      .orderBy('created_at', 'desc')
      .execute(),
  ]);
  const relationOrder = ['head', 'spouse', 'parent', 'sibling', 'child', 'other'];
  return {
    household,
    members: members.map(toMember).sort((a, b) => relationOrder.indexOf(a.relation) - relationOrder.indexOf(b.relation)),
    enrollments: enrollments.map(toEnrollment),
    visits: visits.map((visit) => ({
      id: visit.id,
      householdId: visit.household_id,
      userId: visit.user_id,
      userName: visit.display_name,
      type: visit.type,
      visitedAt: visit.visited_at,
      notes: visit.notes,
    })),
    documents: documents.map(toDocumentMeta),
  };
};

export interface HouseholdPatch {
  id: string;
  phone?: string | null;
  status?: Household['status'];
  notes?: string | null;
}

/** Writes the fields workers own: the corrected phone (the registry's stays beside it), status, notes. */
export const updateHousehold = async (sessions: SessionManager, patch: HouseholdPatch): Promise<Household> => {
  const session = sessions.require();
  const row = await requireHousehold(session, patch.id);
  if (patch.status !== undefined && patch.status !== row.status && session.user.role === 'worker') {
    throw new CoreError('forbidden', 'Only a manager can close or transfer a household file.');
  }
  const fields: Record<string, unknown> = {};
  if (patch.phone !== undefined && patch.phone !== row.phone_override) fields.phone_override = patch.phone;
  if (patch.status !== undefined && patch.status !== row.status) fields.status = patch.status;
  if (patch.notes !== undefined && patch.notes !== row.notes) fields.notes = patch.notes;
  if (Object.keys(fields).length > 0) {
    await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
      await trx
        .updateTable('households')
        .set({ ...fields, updated_at: new Date().toISOString() })
        .where('id', '=', row.id)
        .execute();
      changes.record({ table: 'households', rowId: row.id, action: 'update', fields });
      if ('phone_override' in fields) reindexHousehold(session.store.sqlite, row.id);
    });
  }
  return loadHousehold(session, row.id);
};

/** What changed in a household file (the household, its members and records), newest first. */
export const householdHistory = async (sessions: SessionManager, id: string): Promise<HistoryEntry[]> => {
  const session = sessions.require();
  await requireHousehold(session, id);
  const { db } = session.store;
  const tables = ['members', 'enrollments', 'visits', 'documents'] as const;
  const related = await Promise.all(
    tables.map(async (table) => (await db.selectFrom(table).select('id').where('household_id', '=', id).execute()).map((row) => row.id)),
  );
  const rows = await db
    .selectFrom('audit_log as a')
    .leftJoin('users as u', 'u.id', 'a.user_id')
    .select(['a.seq', 'a.device_time', 'u.display_name', 'a.action', 'a.entity', 'a.entity_id', 'a.fields'])
    // (entity, entity_id) leads the audit index: one range per table.
    .where((eb) =>
      eb.or([
        eb.and([eb('a.entity', '=', 'households'), eb('a.entity_id', '=', id)]),
        ...tables.flatMap((table, index) => {
          const ids = related[index] ?? [];
          return ids.length ? [eb.and([eb('a.entity', '=', table), eb('a.entity_id', 'in', ids)])] : [];
        }),
      ]),
    )
    .orderBy('a.seq', 'desc')
    .limit(500)
    .execute();
  return rows.map((row) => ({
    seq: row.seq,
    at: row.device_time,
    userName: row.display_name ?? null,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    fields: JSON.parse(row.fields) as string[],
  }));
};

