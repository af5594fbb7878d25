import {
  ok,
  type ChannelName,
  type ChannelOutput,
  type EligibilityRule,
  type ErrorShape,
  type HouseholdSummary,
  type ParsedInput,
  type Plan,
  type Result,
  type Role,
  type User,
} from '../../../shared/contract/index.ts';
import type { FakeHouseholds, FakeViewer } from './fake-households.ts';

export type FakeClosure = ChannelOutput<'branch:overview'>['closuresWaiting'][number];
export type FakeDashboardStats = ChannelOutput<'dashboard:stats'>;

export interface FakeBranchOptions {
  /** Open plans and overdue actions per user id (households are counted from the households fake). Default: Youssef 3 and 2. */
  load?: Record<string, { openPlans: number; overdueActions: number }>;
  /** Plan closures waiting for a manager. Default: one employment plan of household-1. */
  closures?: FakeClosure[];
  /** What `dashboard:stats` answers; default: a few plans and outcomes. */
  stats?: FakeDashboardStats;
  /** The programmes' eligibility rules. Default: rules for programmes 1 and 2. */
  rules?: EligibilityRule[];
}

interface FakeBranchDeps {
  viewer(): FakeViewer | undefined;
  users(): User[];
  households: FakeHouseholds;
}

type Handlers = { [C in ChannelName]?: (input: ParsedInput<C>) => Result<unknown> };

const refuse = (code: ErrorShape['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });

/** A closure request as the branch view lists it. */
export const fakeClosure = (id: string, fields: Partial<FakeClosure> = {}): FakeClosure => ({
  id,
  householdId: 'household-1',
  memberId: null,
  memberName: null,
  programmeId: null,
  domain: 'employment',
  goals: 'إيجاد عمل قار للابن الأكبر',
  status: 'closing',
  createdAt: '2025-01-10T09:00:00.000Z',
  createdByName: 'Youssef Ait Ali',
  closeRequestedAt: '2025-03-02T15:30:00.000Z',
  closeNote: 'Embauché à la coopérative depuis février.',
  closedAt: null,
  actions: [],
  householdRef: 'RSU-0001',
  headNameAr: 'فاطمة الزهراء أيت إبراهيم',
  ...fields,
});

const defaultStats: FakeDashboardStats = {
  overdueByWorker: [{ workerId: 'user-2', name: 'Youssef Ait Ali', overdue: 2 }],
  plansByDomain: [
    { domain: 'employment', status: 'active', count: 3 },
    { domain: 'employment', status: 'closing', count: 1 },
    { domain: 'health', status: 'active', count: 2 },
    { domain: 'education', status: 'closed', count: 1 },
  ],
  outcomesByMonth: [
    { month: '2025-01', outcomeCode: 'coverage_enrolled', count: 2 },
    { month: '2025-02', outcomeCode: 'job_found', count: 1 },
    { month: '2025-02', outcomeCode: 'training_started', count: 2 },
  ],
};

/** The manager's branch view behind `createFakeApi`: load per worker, assignment, closures, dashboard and eligibility rules. */
export const createFakeBranch = (options: FakeBranchOptions, deps: FakeBranchDeps) => {
  const load = new Map(Object.entries(options.load ?? { 'user-2': { openPlans: 3, overdueActions: 2 } }));
  let closures = options.closures ?? [fakeClosure('plan-1')];
  const decided: Plan[] = [];
  const stats = options.stats ?? defaultStats;
  let rules: EligibilityRule[] = options.rules ?? [
    { programmeId: 'programme-1', scoreMax: 9.32, condition: 'none', active: true },
    { programmeId: 'programme-2', scoreMax: 9.32, condition: 'no_health_coverage', active: true },
  ];
  // The households fake has no write path for assignment: assignments made here overlay its rows.
  const assignments = new Map<string, string | null>();

  const viewerOrRefusal = (...roles: Role[]): FakeViewer | Result<never> => {
    const viewer = deps.viewer();
    if (!viewer) return refuse('locked', 'The store is locked.');
    if (roles.length && !roles.includes(viewer.role)) return refuse('forbidden', 'Not allowed for this role.');
    return viewer;
  };
  const isRefusal = (value: FakeViewer | Result<never>): value is Result<never> => 'ok' in value;
  const nameOf = (userId: string | null) => deps.users().find((user) => user.id === userId)?.displayName ?? null;
  const overlay = (row: HouseholdSummary): HouseholdSummary => {
    if (!assignments.has(row.id)) return row;
    const workerId = assignments.get(row.id) ?? null;
    return { ...row, assignedWorkerId: workerId, assignedWorkerName: nameOf(workerId) };
  };
  /** Every household in the viewer's scope, with the assignments made here, in the list's order. */
  const allRows = (input: Omit<ParsedInput<'households:list'>, 'offset' | 'limit' | 'assignedWorkerId'>): HouseholdSummary[] => {
    const result = deps.households.handle('households:list', { ...input, offset: 0, limit: Number.MAX_SAFE_INTEGER });
    return result?.ok ? (result.value as ChannelOutput<'households:list'>).rows.map(overlay) : [];
  };

  const handlers: Handlers = {
    'households:list': ({ assignedWorkerId, offset, limit, ...input }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const rows = allRows(input).filter(
        (row) => !assignedWorkerId || (assignedWorkerId === 'unassigned' ? row.assignedWorkerId === null : row.assignedWorkerId === assignedWorkerId),
      );
      return ok({ total: rows.length, rows: rows.slice(offset, offset + limit) });
    },
    'households:get': (input) => {
      const result = deps.households.handle('households:get', input);
      if (!result?.ok) return result ?? refuse('not-found', 'No such household.');
      const file = result.value as ChannelOutput<'households:get'>;
      return ok({ ...file, household: { ...file.household, ...overlay(file.household) } });
    },
    'households:assign': ({ householdIds, fromWorkerId, toWorkerId }) => {
      const viewer = viewerOrRefusal('manager', 'admin');
      if (isRefusal(viewer)) return viewer;
      if (toWorkerId !== null && !deps.users().some((user) => user.id === toWorkerId && !user.disabled)) return refuse('not-found', 'No such user.');
      const rows = allRows({ sort: 'ref', direction: 'asc' });
      const moving = householdIds ? rows.filter((row) => householdIds.includes(row.id)) : rows.filter((row) => row.assignedWorkerId === fromWorkerId);
      for (const row of moving) assignments.set(row.id, toWorkerId);
      // A worker on leave: their open plans and overdue steps follow the households.
      if (fromWorkerId && toWorkerId) {
        const from = load.get(fromWorkerId) ?? { openPlans: 0, overdueActions: 0 };
        const to = load.get(toWorkerId) ?? { openPlans: 0, overdueActions: 0 };
        load.set(toWorkerId, { openPlans: to.openPlans + from.openPlans, overdueActions: to.overdueActions + from.overdueActions });
        load.set(fromWorkerId, { openPlans: 0, overdueActions: 0 });
      }
      return ok({ assigned: moving.length });
    },
    'branch:overview': () => {
      const viewer = viewerOrRefusal('manager', 'admin');
      if (isRefusal(viewer)) return viewer;
      const rows = allRows({ sort: 'ref', direction: 'asc' });
      const workers = deps
        .users()
        .filter((user) => user.role === 'worker' || rows.some((row) => row.assignedWorkerId === user.id))
        .map((user) => ({
          userId: user.id,
          displayName: user.displayName,
          role: user.role,
          disabled: user.disabled,
          households: rows.filter((row) => row.assignedWorkerId === user.id).length,
          openPlans: load.get(user.id)?.openPlans ?? 0,
          overdueActions: load.get(user.id)?.overdueActions ?? 0,
        }));
      return ok({ unassignedHouseholds: rows.filter((row) => row.assignedWorkerId === null).length, workers, closuresWaiting: closures });
    },
    'plans:decide-close': ({ id, approve }) => {
      const viewer = viewerOrRefusal('manager', 'admin');
      if (isRefusal(viewer)) return viewer;
      const waiting = closures.find((plan) => plan.id === id);
      if (!waiting) return refuse('not-found', 'No closure waiting for this plan.');
      closures = closures.filter((plan) => plan.id !== id);
      const { householdRef: _ref, headNameAr: _head, ...plan } = waiting;
      const decision: Plan = approve
        ? { ...plan, status: 'closed', closedAt: new Date().toISOString() }
        : { ...plan, status: 'active', closeRequestedAt: null, closeNote: null };
      decided.push(decision);
      return ok(decision);
    },
    'dashboard:stats': () => {
      const viewer = viewerOrRefusal();
      return isRefusal(viewer) ? viewer : ok(stats);
    },
    'eligibility:list': () => {
      const viewer = viewerOrRefusal();
      return isRefusal(viewer) ? viewer : ok(rules);
    },
    'eligibility:set': (input) => {
      const viewer = viewerOrRefusal('admin');
      if (isRefusal(viewer)) return viewer;
      rules = [...rules.filter((rule) => rule.programmeId !== input.programmeId), input];
      return ok(input);
    },
  };

  return {
    /** Answers a branch-view channel (and the household reads it overlays), or undefined when the channel is not one of these. */
    handle: (channel: ChannelName, input: unknown): Result<unknown> | undefined =>
      (handlers[channel] as ((input: unknown) => Result<unknown>) | undefined)?.(input),
    controls: {
      /** Who a household is assigned to now (after assignments made through the fake). */
      assignedTo: (householdId: string) => (assignments.has(householdId) ? assignments.get(householdId) : deps.households.household(householdId)?.assignedWorkerId),
      closures: () => closures,
      decided: () => decided,
      rules: () => rules,
    },
  };
};
