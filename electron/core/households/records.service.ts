import { createHash } from 'node:crypto';
import type { DocumentMeta, Enrollment, Partner, Programme, Visit } from '../../../shared/contract/index.ts';
import { writeTransaction } from '../db/changes.ts';
import { CoreError } from '../errors.ts';
import type { SessionManager } from '../session/session.service.ts';
import { actorOf, requireHousehold } from './households.service.ts';
import { toDocumentMeta, toEnrollment, toProgramme } from './households.mappers.ts';
import { householdNotFound } from './scope.ts';
import { newId } from '../db/ids.ts';

/** Records a contact with a household; visits are append-only. */
export const addVisit = async (
  sessions: SessionManager,
  input: { householdId: string; type: Visit['type']; visitedAt: string; notes: string },
): Promise<Visit> => {
  const session = sessions.require();
  const household = await requireHousehold(session, input.householdId);
  const visitedAt = input.visitedAt.length === 10 ? `${input.visitedAt}T12:00:00.000Z` : new Date(input.visitedAt).toISOString();
  // A day of slack for device clocks and time zones; a visit is recorded after it happened.
  if (Number.isNaN(Date.parse(visitedAt)) || Date.parse(visitedAt) > Date.now() + 86_400_000) {
    throw new CoreError('validation', 'A visit date must be a real date, not in the future.', [{ path: 'visitedAt', message: 'future or invalid' }], {
      reason: 'future-date',
    });
  }
  const row = {
    id: newId(),
    branch_id: session.branch.id,
    household_id: household.id,
    user_id: session.user.id,
    type: input.type,
    visited_at: visitedAt,
    notes: input.notes,
    created_at: new Date().toISOString(),
  };
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.insertInto('visits').values(row).execute();
    changes.record({ table: 'visits', rowId: row.id, action: 'create', fields: { household_id: row.household_id, type: row.type, visited_at: row.visited_at, notes: row.notes } });
  });
  return { id: row.id, householdId: row.household_id, userId: row.user_id, userName: session.user.displayName, type: row.type, visitedAt, notes: row.notes };
};

// The first bytes of each accepted type: a renamed file of another kind is refused.
const signatures: Record<DocumentMeta['mime'], (data: Buffer) => boolean> = {
  'image/jpeg': (data) => data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff,
  'image/png': (data) => data.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/webp': (data) => data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP',
  'application/pdf': (data) => data.subarray(0, 5).toString('latin1') === '%PDF-',
};

/** Attaches a scan or photo; its bytes live in the encrypted store, stored once per content. */
export const addDocument = async (
  sessions: SessionManager,
  input: { householdId: string; memberId?: string | null; name: string; mime: DocumentMeta['mime']; dataBase64: string },
): Promise<DocumentMeta> => {
  const session = sessions.require();
  const household = await requireHousehold(session, input.householdId);
  const data = Buffer.from(input.dataBase64, 'base64');
  if (data.length === 0 || data.length > 10 * 1024 * 1024 || !signatures[input.mime](data)) {
    throw new CoreError('validation', 'The file is empty, too large, or not of the type it claims.', [{ path: 'dataBase64', message: 'bad file' }], {
      reason: 'bad-document',
    });
  }
  if (input.memberId) {
    const member = await session.store.db.selectFrom('members').select('household_id').where('id', '=', input.memberId).executeTakeFirst();
    if (member?.household_id !== household.id) throw householdNotFound();
  }
  const sha256 = createHash('sha256').update(data).digest('hex');
  const row = {
    id: newId(),
    branch_id: session.branch.id,
    household_id: household.id,
    member_id: input.memberId ?? null,
    name: input.name,
    mime: input.mime,
    size: data.length,
    sha256,
    created_by: session.user.id,
    created_at: new Date().toISOString(),
    deleted: 0,
  };
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.insertInto('document_blobs').values({ sha256, data }).onConflict((oc) => oc.column('sha256').doNothing()).execute();
    await trx.insertInto('documents').values(row).execute();
    changes.record({
      table: 'documents',
      rowId: row.id,
      action: 'create',
      fields: { household_id: row.household_id, member_id: row.member_id, name: row.name, mime: row.mime, size: row.size, sha256 },
    });
  });
  return toDocumentMeta(row);
};

/** A document's bytes, for a user who may see its household. */
export const getDocument = async (sessions: SessionManager, id: string) => {
  const session = sessions.require();
  const row = await session.store.db
    .selectFrom('documents as d')
    .innerJoin('document_blobs as b', 'b.sha256', 'd.sha256')
    .select(['d.id', 'd.household_id', 'd.member_id', 'd.name', 'd.mime', 'd.size', 'd.created_at', 'b.data'])
    .where('d.id', '=', id)
    .where('d.deleted', '=', 0)
    .executeTakeFirst();
  if (!row) throw householdNotFound();
  await requireHousehold(session, row.household_id);
  return { meta: toDocumentMeta(row), dataBase64: Buffer.from(row.data).toString('base64') };
};

/** The programmes a branch starts with; the admin configures thresholds later. */
const defaultProgrammes = [
  { code: 'direct_support', name_ar: 'الدعم الاجتماعي المباشر', name_fr: 'Aide sociale directe', name_en: 'Direct cash support', score_threshold: 9.3264284 },
  { code: 'child_allowance', name_ar: 'منحة الأطفال', name_fr: 'Allocation pour enfants', name_en: 'Child allowance', score_threshold: 9.3264284 },
  { code: 'amo_tadamon', name_ar: 'التأمين الإجباري عن المرض "تضامن"', name_fr: 'AMO Tadamon', name_en: 'Subsidised health coverage (AMO Tadamon)', score_threshold: 9.3264284 },
  { code: 'food_support', name_ar: 'الدعم الغذائي', name_fr: 'Aide alimentaire', name_en: 'Food support', score_threshold: null },
];

/** The branch's programmes, creating the default ones the first time. */
export const listProgrammes = async (sessions: SessionManager): Promise<Programme[]> => {
  const session = sessions.require();
  const { db } = session.store;
  let rows = await db.selectFrom('programmes').selectAll().where('branch_id', '=', session.branch.id).orderBy('created_at').execute();
  if (rows.length === 0) {
    const at = new Date().toISOString();
    await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
      for (const programme of defaultProgrammes) {
        const row = { ...programme, id: newId(), branch_id: session.branch.id, active: 1, created_at: at };
        await trx.insertInto('programmes').values(row).execute();
        changes.record({ table: 'programmes', rowId: row.id, action: 'create', fields: programme });
      }
    });
    rows = await db.selectFrom('programmes').selectAll().where('branch_id', '=', session.branch.id).orderBy('created_at').execute();
  }
  return rows.map(toProgramme);
};

const checkPeriod = (start: string | null | undefined, end: string | null | undefined) => {
  if (start && end && end < start) {
    throw new CoreError('validation', 'The end date is before the start date.', [{ path: 'endDate', message: 'before start' }], { reason: 'end-before-start' });
  }
};

/** Enrolls a household or one of its members in a programme. */
export const addEnrollment = async (
  sessions: SessionManager,
  input: { householdId: string; memberId?: string | null; programmeId: string; status: Enrollment['status']; startDate?: string | null; endDate?: string | null },
): Promise<Enrollment> => {
  const session = sessions.require();
  const household = await requireHousehold(session, input.householdId);
  checkPeriod(input.startDate, input.endDate);
  const { db } = session.store;
  const programme = await db.selectFrom('programmes').select('id').where('id', '=', input.programmeId).where('branch_id', '=', session.branch.id).executeTakeFirst();
  if (!programme) throw new CoreError('not-found', 'No such programme.');
  if (input.memberId) {
    const member = await db.selectFrom('members').select('household_id').where('id', '=', input.memberId).executeTakeFirst();
    if (member?.household_id !== household.id) throw householdNotFound();
  }
  const at = new Date().toISOString();
  const row = {
    id: newId(),
    branch_id: session.branch.id,
    household_id: household.id,
    member_id: input.memberId ?? null,
    programme_id: programme.id,
    status: input.status,
    start_date: input.startDate ?? null,
    end_date: input.endDate ?? null,
    created_at: at,
    updated_at: at,
    deleted: 0,
  };
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.insertInto('enrollments').values(row).execute();
    changes.record({
      table: 'enrollments',
      rowId: row.id,
      action: 'create',
      fields: { household_id: row.household_id, member_id: row.member_id, programme_id: row.programme_id, status: row.status, start_date: row.start_date, end_date: row.end_date },
    });
  });
  return toEnrollment(row);
};

/** Changes an enrollment's status or dates. */
export const updateEnrollment = async (
  sessions: SessionManager,
  input: { id: string; status?: Enrollment['status']; startDate?: string | null; endDate?: string | null },
): Promise<Enrollment> => {
  const session = sessions.require();
  const row = await session.store.db.selectFrom('enrollments').selectAll().where('id', '=', input.id).where('deleted', '=', 0).executeTakeFirst();
  if (!row) throw householdNotFound();
  await requireHousehold(session, row.household_id);
  checkPeriod(input.startDate === undefined ? row.start_date : input.startDate, input.endDate === undefined ? row.end_date : input.endDate);
  const fields: Record<string, unknown> = {};
  if (input.status !== undefined && input.status !== row.status) fields.status = input.status;
  if (input.startDate !== undefined && input.startDate !== row.start_date) fields.start_date = input.startDate;
  if (input.endDate !== undefined && input.endDate !== row.end_date) fields.end_date = input.endDate;
  if (Object.keys(fields).length === 0) return toEnrollment(row);
  const at = new Date().toISOString();
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.updateTable('enrollments').set({ ...fields, updated_at: at }).where('id', '=', row.id).execute();
    changes.record({ table: 'enrollments', rowId: row.id, action: 'update', fields });
  });
  return toEnrollment({ ...row, ...fields, updated_at: at } as typeof row);
};

/** Partner services of the branch. */
export const listPartners = async (sessions: SessionManager): Promise<Partner[]> => {
  const session = sessions.require();
  return session.store.db
    .selectFrom('partners')
    .select(['id', 'name', 'kind', 'phone', 'address'])
    .where('branch_id', '=', session.branch.id)
    .where('active', '=', 1)
    .orderBy('name')
    .execute();
};

/** Adds a partner service (managers and admins). */
export const addPartner = async (
  sessions: SessionManager,
  input: { name: string; kind: Partner['kind']; phone?: string | null; address?: string | null },
): Promise<Partner> => {
  const session = sessions.require(['manager', 'admin']);
  const row = {
    id: newId(),
    branch_id: session.branch.id,
    name: input.name,
    kind: input.kind,
    phone: input.phone ?? null,
    address: input.address ?? null,
    active: 1,
    created_at: new Date().toISOString(),
  };
  await writeTransaction(session.store, actorOf(session), async (trx, changes) => {
    await trx.insertInto('partners').values(row).execute();
    changes.record({ table: 'partners', rowId: row.id, action: 'create', fields: { name: row.name, kind: row.kind, phone: row.phone, address: row.address } });
  });
  return { id: row.id, name: row.name, kind: row.kind, phone: row.phone, address: row.address };
};
