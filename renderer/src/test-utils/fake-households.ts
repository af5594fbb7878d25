import {
  ok,
  type ChannelName,
  type DocumentMeta,
  type District,
  type Enrollment,
  type ErrorShape,
  type Household,
  type HouseholdSummary,
  type Member,
  type ParsedInput,
  type Partner,
  type Result,
  type Role,
  type User,
  type Visit,
} from '../../../shared/contract/index.ts';
import { ageOf, fakeProgrammes, member, seed, type StoredHousehold } from './fake-households-seed.ts';

/** Who is signed in, as the fake households need it (scope, visit author, history). */
export interface FakeViewer {
  id: string;
  displayName: string;
  role: Role;
  districtIds: string[];
}

export interface FakeHouseholdsOptions {
  /** How many households the branch holds: three hand-written ones first, then generated ones. Default: 3. */
  count?: number;
}

interface FakeHouseholdsDeps {
  viewer(): FakeViewer | undefined;
  districts(): District[];
  users(): User[];
}

type StoredDocument = DocumentMeta & { dataBase64: string };
type Handlers = { [C in ChannelName]?: (input: ParsedInput<C>) => Result<unknown> };

/** The entries whose value was given (optional inputs arrive as undefined). */
const defined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, item]) => item !== undefined)) as Partial<T>;

const refuse = (code: ErrorShape['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/** The in-memory households, members, visits, documents, programmes and partners behind `createFakeApi`. */
export const createFakeHouseholds = (options: FakeHouseholdsOptions, deps: FakeHouseholdsDeps) => {
  const seeded = seed(options.count ?? 3);
  const households = seeded.households;
  let members = seeded.members;
  let enrollments = seeded.enrollments;
  let visits = seeded.visits;
  const history = seeded.history;
  let documents: StoredDocument[] = [];
  let partners: Partner[] = [{ id: 'partner-1', name: 'ANAPEC Tiznit', kind: 'employment_agency', phone: '0528861234', address: null }];
  let nextId = 100;
  let nextSeq = 2;

  const viewerOrRefusal = (...roles: Role[]): FakeViewer | Result<never> => {
    const viewer = deps.viewer();
    if (!viewer) return refuse('locked', 'The store is locked.');
    if (roles.length && !roles.includes(viewer.role)) return refuse('forbidden', 'Not allowed for this role.');
    return viewer;
  };
  const isRefusal = (value: FakeViewer | Result<never>): value is Result<never> => 'ok' in value;
  const inScope = (viewer: FakeViewer, stored: StoredHousehold) =>
    viewer.role !== 'worker' || stored.assignedWorkerId === viewer.id || viewer.districtIds.includes(stored.districtId);
  const findHousehold = (viewer: FakeViewer, id: string) => households.find((candidate) => candidate.id === id && inScope(viewer, candidate));
  const record = (viewer: FakeViewer, householdId: string, action: string, entity: string, entityId: string, fields: string[]) => {
    history.unshift({ seq: nextSeq++, householdId, at: new Date().toISOString(), userName: viewer.displayName, action, entity, entityId, fields });
    const stored = households.find((candidate) => candidate.id === householdId);
    if (stored) stored.updatedAt = new Date().toISOString();
  };

  const flagsOf = (householdMembers: Member[]): HouseholdSummary['flags'] => {
    const flags: HouseholdSummary['flags'] = [];
    if (householdMembers.some((person) => person.disability)) flags.push('disability');
    if (householdMembers.some((person) => person.chronicIllness)) flags.push('chronic_illness');
    if (householdMembers.some((person) => person.healthCoverage === 'none')) flags.push('no_coverage');
    if (householdMembers.some((person) => person.inSchool === false && ageOf(person.birthDate) >= 6 && ageOf(person.birthDate) < 16)) flags.push('child_out_of_school');
    if (householdMembers.some((person) => ageOf(person.birthDate) < 5)) flags.push('young_children');
    return flags;
  };
  const summaryOf = (stored: StoredHousehold): HouseholdSummary => {
    const householdMembers = members.filter((person) => person.householdId === stored.id);
    const head = householdMembers.find((person) => person.relation === 'head');
    const latin = head && [head.firstNameLat, head.lastNameLat].filter(Boolean).join(' ');
    return {
      id: stored.id,
      registryRef: stored.registryRef,
      headNameAr: head ? `${head.firstNameAr} ${head.lastNameAr}` : null,
      headNameLat: latin || null,
      districtId: stored.districtId,
      districtName: deps.districts().find((district) => district.id === stored.districtId)?.name ?? stored.districtId,
      registryScore: stored.registryScore,
      assignedWorkerId: stored.assignedWorkerId,
      assignedWorkerName: deps.users().find((user) => user.id === stored.assignedWorkerId)?.displayName ?? null,
      status: stored.status,
      memberCount: householdMembers.length,
      flags: flagsOf(householdMembers),
    };
  };
  const householdOf = (stored: StoredHousehold): Household => {
    const { phoneOverride, ...rest } = stored;
    return { ...rest, ...summaryOf(stored), phone: phoneOverride ?? stored.registryPhone };
  };
  const publicDocument = ({ dataBase64: _data, ...meta }: StoredDocument): DocumentMeta => meta;

  const compare = (sort: ParsedInput<'households:list'>['sort']) => (a: HouseholdSummary, b: HouseholdSummary, storedA: StoredHousehold, storedB: StoredHousehold) => {
    switch (sort) {
      case 'score':
        return (a.registryScore ?? Infinity) - (b.registryScore ?? Infinity);
      case 'ref':
        return (a.registryRef ?? '').localeCompare(b.registryRef ?? '');
      case 'name':
        return (a.headNameAr ?? '').localeCompare(b.headNameAr ?? '', 'ar');
      case 'updated':
        return storedA.updatedAt.localeCompare(storedB.updatedAt);
    }
  };

  const handlers: Handlers = {
    'households:list': (input) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const programmeHouseholds = input.programmeId
        ? new Set(enrollments.filter((item) => item.programmeId === input.programmeId && item.status !== 'ended').map((item) => item.householdId))
        : undefined;
      const rows = households
        .filter((stored) => inScope(viewer, stored))
        .map((stored) => ({ stored, summary: summaryOf(stored) }))
        .filter(({ summary }) => !input.districtIds?.length || input.districtIds.includes(summary.districtId))
        .filter(({ summary }) => !input.statuses?.length || input.statuses.includes(summary.status))
        .filter(({ summary }) => !input.assignedWorkerId || (input.assignedWorkerId === 'unassigned' ? summary.assignedWorkerId === null : summary.assignedWorkerId === input.assignedWorkerId))
        .filter(({ summary }) => input.scoreMin === undefined || (summary.registryScore !== null && summary.registryScore >= input.scoreMin))
        .filter(({ summary }) => input.scoreMax === undefined || (summary.registryScore !== null && summary.registryScore <= input.scoreMax))
        .filter(({ summary }) => !programmeHouseholds || programmeHouseholds.has(summary.id))
        .filter(({ summary }) => !input.flags?.length || input.flags.every((flag) => summary.flags.includes(flag)));
      const byField = compare(input.sort);
      const sign = input.direction === 'asc' ? 1 : -1;
      rows.sort((a, b) => sign * byField(a.summary, b.summary, a.stored, b.stored) || a.summary.id.localeCompare(b.summary.id, 'en', { numeric: true }));
      return ok({ total: rows.length, rows: rows.slice(input.offset, input.offset + input.limit).map(({ summary }) => summary) });
    },
    'households:get': ({ id }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const stored = findHousehold(viewer, id);
      if (!stored) return refuse('not-found', 'No such household.');
      return ok({
        household: householdOf(stored),
        members: members.filter((person) => person.householdId === id),
        enrollments: enrollments.filter((item) => item.householdId === id),
        visits: visits.filter((visit) => visit.householdId === id),
        documents: documents.filter((document) => document.householdId === id).map(publicDocument),
      });
    },
    'households:update': ({ id, ...changes }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const stored = findHousehold(viewer, id);
      if (!stored) return refuse('not-found', 'No such household.');
      const fields: string[] = [];
      if (changes.phone !== undefined) {
        stored.phoneOverride = changes.phone;
        fields.push('phone_override');
      }
      if (changes.status !== undefined) {
        stored.status = changes.status;
        fields.push('status');
      }
      if (changes.notes !== undefined) {
        stored.notes = changes.notes;
        fields.push('notes');
      }
      record(viewer, id, 'update', 'households', id, fields);
      return ok(householdOf(stored));
    },
    'households:history': ({ id }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      if (!findHousehold(viewer, id)) return refuse('not-found', 'No such household.');
      return ok(history.filter((entry) => entry.householdId === id).map(({ householdId: _household, ...entry }) => entry));
    },
    'members:add': ({ householdId, ...fields }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      if (!findHousehold(viewer, householdId)) return refuse('not-found', 'No such household.');
      const written = defined(fields);
      const added = member(householdId, nextId++, {
        firstNameAr: fields.firstNameAr,
        lastNameAr: fields.lastNameAr,
        sex: fields.sex,
        birthDate: fields.birthDate,
        relation: fields.relation,
        healthCoverage: null,
        registryRef: null,
        source: 'worker',
        ...written,
      });
      members = [...members, added];
      record(viewer, householdId, 'create', 'members', added.id, Object.keys(written));
      return ok(added);
    },
    'members:update': ({ id, ...changes }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const stored = members.find((person) => person.id === id);
      if (!stored || !findHousehold(viewer, stored.householdId)) return refuse('not-found', 'No such member.');
      const written = defined(changes);
      Object.assign(stored, written);
      record(viewer, stored.householdId, 'update', 'members', id, Object.keys(written));
      return ok(stored);
    },
    'members:remove': ({ id }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const stored = members.find((person) => person.id === id);
      if (!stored || !findHousehold(viewer, stored.householdId)) return refuse('not-found', 'No such member.');
      members = members.filter((person) => person.id !== id);
      record(viewer, stored.householdId, 'delete', 'members', id, []);
      return ok(null);
    },
    'visits:add': (input) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      if (!findHousehold(viewer, input.householdId)) return refuse('not-found', 'No such household.');
      const visit: Visit = { id: `visit-${nextId++}`, userId: viewer.id, userName: viewer.displayName, ...input };
      visits = [...visits, visit];
      record(viewer, input.householdId, 'create', 'visits', visit.id, ['type', 'visited_at', 'notes']);
      return ok(visit);
    },
    'documents:add': ({ dataBase64, memberId, ...input }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      if (!findHousehold(viewer, input.householdId)) return refuse('not-found', 'No such household.');
      const padding = dataBase64.endsWith('==') ? 2 : dataBase64.endsWith('=') ? 1 : 0;
      const stored: StoredDocument = {
        ...input,
        id: `document-${nextId++}`,
        memberId: memberId ?? null,
        size: (dataBase64.length / 4) * 3 - padding,
        createdAt: new Date().toISOString(),
        dataBase64,
      };
      documents = [...documents, stored];
      record(viewer, input.householdId, 'create', 'documents', stored.id, ['name', 'mime']);
      return ok(publicDocument(stored));
    },
    'documents:get': ({ id }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const stored = documents.find((document) => document.id === id);
      if (!stored || !findHousehold(viewer, stored.householdId)) return refuse('not-found', 'No such document.');
      return ok({ meta: publicDocument(stored), dataBase64: stored.dataBase64 });
    },
    'programmes:list': () => {
      const viewer = viewerOrRefusal();
      return isRefusal(viewer) ? viewer : ok(fakeProgrammes);
    },
    'enrollments:add': ({ memberId, startDate, endDate, ...input }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      if (!findHousehold(viewer, input.householdId)) return refuse('not-found', 'No such household.');
      const enrollment: Enrollment = { ...input, id: `enrollment-${nextId++}`, memberId: memberId ?? null, startDate: startDate ?? null, endDate: endDate ?? null };
      enrollments = [...enrollments, enrollment];
      record(viewer, input.householdId, 'create', 'enrollments', enrollment.id, ['programme_id', 'status']);
      return ok(enrollment);
    },
    'enrollments:update': ({ id, ...changes }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const stored = enrollments.find((item) => item.id === id);
      if (!stored || !findHousehold(viewer, stored.householdId)) return refuse('not-found', 'No such enrollment.');
      const written = defined(changes);
      Object.assign(stored, written);
      record(viewer, stored.householdId, 'update', 'enrollments', id, Object.keys(written));
      return ok(stored);
    },
    'partners:list': () => {
      const viewer = viewerOrRefusal();
      return isRefusal(viewer) ? viewer : ok(partners);
    },
    'partners:add': (input) => {
      const viewer = viewerOrRefusal('admin');
      if (isRefusal(viewer)) return viewer;
      const partner: Partner = { id: `partner-${nextId++}`, name: input.name, kind: input.kind, phone: input.phone ?? null, address: input.address ?? null };
      partners = [...partners, partner];
      return ok(partner);
    },
  };

  return {
    /** Answers a households-area channel, or undefined when the channel is not one of these. */
    handle: (channel: ChannelName, input: unknown): Result<unknown> | undefined =>
      (handlers[channel] as ((input: unknown) => Result<unknown>) | undefined)?.(input),
    members: (householdId: string) => members.filter((person) => person.householdId === householdId),
    visits: (householdId: string) => visits.filter((visit) => visit.householdId === householdId),
    documents: (householdId: string) => documents.filter((document) => document.householdId === householdId).map(publicDocument),
    household: (id: string) => {
      const stored = households.find((candidate) => candidate.id === id);
      return stored && householdOf(stored);
    },
  };
};

export type FakeHouseholds = ReturnType<typeof createFakeHouseholds>;
