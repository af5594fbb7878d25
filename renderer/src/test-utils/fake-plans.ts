import {
  ok,
  type Action,
  type ChannelName,
  type ErrorShape,
  type Household,
  type Member,
  type ParsedInput,
  type Partner,
  type Plan,
  type QueueItem,
  type Result,
  type User,
} from '../../../shared/contract/index.ts';
import { addDays } from '../plans/plan-rules.ts';
import { parseDay, todayIso } from '../households/use-date-format.ts';
import type { FakeViewer } from './fake-households.ts';

export interface FakePlansOptions {
  /** The plans the branch starts with; a health plan with an overdue action and a closing employment plan by default. */
  plans?: Plan[];
  /** Queue items that come from elsewhere than actions (new assignments, changes, missed benefits, needs without a plan). */
  items?: QueueItem[];
}

interface FakePlansDeps {
  viewer(): FakeViewer | undefined;
  users(): User[];
  household(id: string): Household | undefined;
  members(householdId: string): Member[];
  partners(): Partner[];
}

type Handlers = { [C in ChannelName]?: (input: ParsedInput<C>) => Result<unknown> | undefined };

const refuse = (code: ErrorShape['code'], message: string, reason?: string): Result<never> => ({
  ok: false,
  error: reason ? { code, message, reason } : { code, message },
});

const daysBetween = (from: string, to: string) => Math.round((parseDay(to).getTime() - parseDay(from).getTime()) / 86_400_000);

/** A planned action with every optional field empty. */
export const fakeAction = (fields: Partial<Action> & Pick<Action, 'id' | 'planId' | 'householdId' | 'type' | 'title' | 'dueDate'>): Action => ({
  assigneeId: 'user-1',
  assigneeName: 'Amina El Idrissi',
  status: 'planned',
  outcome: null,
  outcomeCode: null,
  completedAt: null,
  recurrence: null,
  partnerId: null,
  partnerName: null,
  partnerAnswer: null,
  partnerAnswerDate: null,
  ...fields,
});

/** A queue item with every optional field empty. */
export const fakeQueueItem = (fields: Partial<QueueItem> & Pick<QueueItem, 'key' | 'kind' | 'householdId'>): QueueItem => ({
  priority: 0,
  registryRef: null,
  headNameAr: null,
  headNameLat: null,
  districtName: '',
  registryScore: null,
  planId: null,
  actionId: null,
  actionType: null,
  actionTitle: null,
  domain: null,
  dueDate: null,
  daysOverdue: null,
  programmeId: null,
  memberId: null,
  memberName: null,
  reasons: [],
  ...fields,
});

/** Two plans of household-1: health (an overdue appointment, a call this week) and employment waiting for closure. */
export const defaultPlans = (): Plan[] => {
  const today = todayIso();
  return [
    {
      id: 'plan-health',
      householdId: 'household-1',
      memberId: 'household-1-m2',
      memberName: 'أيوب أيت إبراهيم',
      programmeId: null,
      domain: 'health',
      goals: 'متابعة صحية منتظمة لأيوب في المركز الصحي',
      status: 'active',
      createdAt: '2025-01-12T10:00:00.000Z',
      createdByName: 'Youssef Ait Ali',
      closeRequestedAt: null,
      closeNote: null,
      closedAt: null,
      actions: [
        fakeAction({ id: 'action-appointment', planId: 'plan-health', householdId: 'household-1', type: 'health_appointment', title: 'موعد في المركز الصحي بتافراوت', dueDate: addDays(today, -5) }),
        fakeAction({ id: 'action-call', planId: 'plan-health', householdId: 'household-1', type: 'phone_call', title: 'الاتصال بالأم لتأكيد الموعد', dueDate: addDays(today, 3) }),
      ],
    },
    {
      id: 'plan-employment',
      householdId: 'household-1',
      memberId: null,
      memberName: null,
      programmeId: null,
      domain: 'employment',
      goals: 'نشاط مدر للدخل لرئيسة الأسرة',
      status: 'closing',
      createdAt: '2024-10-02T09:00:00.000Z',
      createdByName: 'Youssef Ait Ali',
      closeRequestedAt: '2025-02-01T09:00:00.000Z',
      closeNote: 'وجدت عملاً في تعاونية الأركان',
      closedAt: null,
      actions: [
        fakeAction({
          id: 'action-referral',
          planId: 'plan-employment',
          householdId: 'household-1',
          type: 'referral',
          title: 'Orientation vers l’ANAPEC',
          dueDate: '2024-11-15',
          assigneeId: 'user-2',
          assigneeName: 'Youssef Ait Ali',
          status: 'done',
          outcome: 'Embauchée à la coopérative',
          outcomeCode: 'job_found',
          completedAt: '2024-11-20T10:00:00.000Z',
          partnerId: 'partner-1',
          partnerName: 'ANAPEC Tiznit',
          partnerAnswer: 'accepted',
          partnerAnswerDate: '2024-11-19',
        }),
      ],
    },
  ];
};

/** A missed benefit (AMO Tadamon for household-1) and a health need without a plan (household-2's head). */
export const defaultItems = (): QueueItem[] => [
  // As the core gives it: no domain (the programme's rule says which), and it stays until the household is enrolled.
  fakeQueueItem({ key: 'benefit:household-1:programme-2', kind: 'missed_benefit', householdId: 'household-1', programmeId: 'programme-2', priority: 40, reasons: ['low_score', 'young_children'] }),
  fakeQueueItem({
    key: 'need:household-2:household-2-m1:no_health_coverage',
    kind: 'need_no_plan',
    householdId: 'household-2',
    domain: 'health',
    memberId: 'household-2-m1',
    memberName: 'محمد أوبلا',
    priority: 30,
    reasons: ['chronic_illness', 'health'],
  }),
];

/** The in-memory plans, actions and queue behind `createFakeApi`; the queue is computed from the actions on each read. */
export const createFakePlans = (options: FakePlansOptions, deps: FakePlansDeps) => {
  const plans: Plan[] = options.plans ?? defaultPlans();
  let items: QueueItem[] = options.items ?? defaultItems();
  let nextId = 500;

  const viewerOrRefusal = (...roles: FakeViewer['role'][]): FakeViewer | Result<never> => {
    const viewer = deps.viewer();
    if (!viewer) return refuse('locked', 'The store is locked.');
    if (roles.length && !roles.includes(viewer.role)) return refuse('forbidden', 'Not allowed for this role.');
    return viewer;
  };
  const isRefusal = (value: FakeViewer | Result<never>): value is Result<never> => 'ok' in value;
  const findPlan = (id: string) => plans.find((plan) => plan.id === id);
  const findAction = (id: string) => plans.flatMap((plan) => plan.actions).find((action) => action.id === id);
  const nameOf = (userId: string | null) => deps.users().find((user) => user.id === userId)?.displayName ?? null;

  const newAction = (viewer: FakeViewer, plan: Plan, input: ParsedInput<'actions:add'> | ParsedInput<'plans:create'>['actions'][number]): Action | Result<never> => {
    const assigneeId = input.assigneeId ?? viewer.id;
    if (viewer.role === 'worker' && assigneeId !== viewer.id) return refuse('forbidden', 'Workers assign actions to themselves.');
    const partner = input.partnerId ? deps.partners().find((candidate) => candidate.id === input.partnerId) : undefined;
    return fakeAction({
      id: `action-${nextId++}`,
      planId: plan.id,
      householdId: plan.householdId,
      type: input.type,
      title: input.title,
      dueDate: input.dueDate,
      assigneeId,
      assigneeName: nameOf(assigneeId),
      recurrence: input.recurrence ?? null,
      partnerId: partner?.id ?? null,
      partnerName: partner?.name ?? null,
      partnerAnswer: input.type === 'referral' ? 'pending' : null,
    });
  };
  const isAction = (value: Action | Result<never>): value is Action => !('ok' in value);

  const withHousehold = (item: QueueItem): QueueItem => {
    const household = deps.household(item.householdId);
    return household
      ? { ...item, registryRef: household.registryRef, headNameAr: household.headNameAr, headNameLat: household.headNameLat, districtName: household.districtName, registryScore: household.registryScore }
      : item;
  };
  const reasonsOf = (householdId: string, domain: Plan['domain'], overdue: boolean): string[] => {
    const household = deps.household(householdId);
    const flags = (household?.flags ?? []).filter((flag) => flag === 'disability' || flag === 'chronic_illness' || flag === 'young_children');
    return [
      ...(overdue ? ['overdue'] : []),
      ...(household?.registryScore != null && household.registryScore < 9 ? ['low_score'] : []),
      ...flags,
      ...(domain === 'health' ? ['health'] : []),
    ];
  };
  const actionItems = (viewer: FakeViewer): QueueItem[] => {
    const today = todayIso();
    return plans
      .filter((plan) => plan.status !== 'closed')
      .flatMap((plan) => plan.actions.map((action) => ({ plan, action })))
      .filter(({ action }) => action.status === 'planned' && action.assigneeId === viewer.id)
      .flatMap(({ plan, action }): QueueItem[] => {
        const late = daysBetween(action.dueDate, today);
        const kind = late > 0 ? 'overdue' : late === 0 ? 'due_today' : late >= -7 ? 'due_week' : null;
        if (!kind) return [];
        const reasons = reasonsOf(plan.householdId, plan.domain, late > 0);
        return [
          fakeQueueItem({
            key: `${kind}:${action.id}`,
            kind,
            householdId: plan.householdId,
            planId: plan.id,
            actionId: action.id,
            actionType: action.type,
            actionTitle: action.title,
            domain: plan.domain,
            dueDate: action.dueDate,
            daysOverdue: late > 0 ? late : null,
            memberId: plan.memberId,
            memberName: plan.memberName,
            priority: (late > 0 ? 1000 + late * 10 : 100 + late) + reasons.length,
            reasons,
          }),
        ];
      });
  };
  /** A need leaves the queue while an open plan of its domain covers the member (or the whole household), as in the core. */
  const covered = (item: QueueItem) =>
    item.kind === 'need_no_plan' &&
    plans.some(
      (plan) =>
        plan.householdId === item.householdId &&
        plan.domain === item.domain &&
        plan.status !== 'closed' &&
        (plan.memberId === null || plan.memberId === item.memberId),
    );

  const handlers: Handlers = {
    'plans:list': ({ householdId }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      return ok(plans.filter((plan) => plan.householdId === householdId).sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
    },
    'plans:get': ({ id }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const plan = findPlan(id);
      return plan ? ok(plan) : refuse('not-found', 'No such plan.');
    },
    'plans:create': ({ actions, memberId, ...input }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      if (!deps.household(input.householdId)) return refuse('not-found', 'No such household.');
      const member = memberId ? deps.members(input.householdId).find((candidate) => candidate.id === memberId) : undefined;
      if (memberId && !member) return refuse('not-found', 'No such member.');
      const plan: Plan = {
        ...input,
        id: `plan-${nextId++}`,
        memberId: member?.id ?? null,
        memberName: member ? `${member.firstNameAr} ${member.lastNameAr}` : null,
        programmeId: input.programmeId ?? null,
        createdAt: new Date().toISOString(),
        createdByName: viewer.displayName,
        closeRequestedAt: null,
        closeNote: null,
        closedAt: null,
        actions: [],
      };
      const created = actions.map((action) => newAction(viewer, plan, action));
      const refusal = created.find((action) => !isAction(action));
      if (refusal && !isAction(refusal)) return refusal;
      plan.actions = created.filter(isAction);
      plans.push(plan);
      return ok(plan);
    },
    'plans:update': ({ id, ...changes }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const plan = findPlan(id);
      if (!plan) return refuse('not-found', 'No such plan.');
      if (plan.status === 'closing' || plan.status === 'closed') return refuse('conflict', 'Plan is closing or closed.', 'plan-closed');
      if (changes.goals !== undefined) plan.goals = changes.goals;
      if (changes.status !== undefined) plan.status = changes.status;
      return ok(plan);
    },
    'plans:request-close': ({ id, note }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const plan = findPlan(id);
      if (!plan) return refuse('not-found', 'No such plan.');
      if (plan.status === 'closing' || plan.status === 'closed') return refuse('conflict', 'Plan is closing or closed.', 'plan-closed');
      Object.assign(plan, { status: 'closing', closeRequestedAt: new Date().toISOString(), closeNote: note || null });
      return ok(plan);
    },
    'plans:decide-close': ({ id, approve }) => {
      const plan = findPlan(id);
      // The branch fake holds closures of its own: a plan unknown here is left to it.
      if (!plan) return undefined;
      const viewer = viewerOrRefusal('manager', 'admin');
      if (isRefusal(viewer)) return viewer;
      if (plan.status !== 'closing') return refuse('conflict', 'No closure was asked.', 'not-closing');
      if (approve) Object.assign(plan, { status: 'closed', closedAt: new Date().toISOString() });
      else Object.assign(plan, { status: 'active', closeRequestedAt: null });
      return ok(plan);
    },
    'actions:add': ({ planId, ...input }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const plan = findPlan(planId);
      if (!plan) return refuse('not-found', 'No such plan.');
      if (plan.status === 'closed') return refuse('conflict', 'Plan is closed.', 'plan-closed');
      const action = newAction(viewer, plan, input);
      if (!isAction(action)) return action;
      plan.actions.push(action);
      return ok(action);
    },
    'actions:update': ({ id, ...changes }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const action = findAction(id);
      if (!action) return refuse('not-found', 'No such action.');
      if (changes.title !== undefined) action.title = changes.title;
      if (changes.dueDate !== undefined) action.dueDate = changes.dueDate;
      if (changes.recurrence !== undefined) action.recurrence = changes.recurrence;
      if (changes.assigneeId !== undefined) Object.assign(action, { assigneeId: changes.assigneeId, assigneeName: nameOf(changes.assigneeId) });
      return ok(action);
    },
    'actions:complete': ({ id, ...input }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const action = findAction(id);
      const plan = action && findPlan(action.planId);
      if (!action || !plan) return refuse('not-found', 'No such action.');
      if (action.status !== 'planned') return refuse('conflict', 'Action is not planned.', 'action-closed');
      Object.assign(action, {
        status: 'done',
        outcome: input.outcome,
        outcomeCode: input.outcomeCode ?? null,
        completedAt: new Date().toISOString(),
        ...(action.type === 'referral' && { partnerAnswer: input.partnerAnswer ?? action.partnerAnswer, partnerAnswerDate: input.partnerAnswerDate ?? null }),
      });
      const { recurrence } = action;
      const next = recurrence
        ? fakeAction({ ...action, id: `action-${nextId++}`, status: 'planned', outcome: null, outcomeCode: null, completedAt: null, dueDate: addDays(action.dueDate, recurrence.every * (recurrence.unit === 'weeks' ? 7 : 1)) })
        : null;
      if (next) plan.actions.push(next);
      return ok({ completed: action, next });
    },
    'actions:cancel': ({ id }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      const action = findAction(id);
      if (!action) return refuse('not-found', 'No such action.');
      if (action.status !== 'planned') return refuse('conflict', 'Action is not planned.', 'action-closed');
      action.status = 'cancelled';
      return ok(action);
    },
    'queue:mine': () => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      return ok([...actionItems(viewer), ...items.filter((item) => !covered(item))].map(withHousehold).sort((a, b) => b.priority - a.priority));
    },
    'queue:seen': () => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      items = items.filter((item) => item.kind !== 'changed');
      return ok(null);
    },
  };

  return {
    /** Answers a plans-area channel, or undefined when the channel is not one of these. */
    handle: (channel: ChannelName, input: unknown): Result<unknown> | undefined =>
      (handlers[channel] as ((input: unknown) => Result<unknown> | undefined) | undefined)?.(input),
    plans: (householdId: string) => plans.filter((plan) => plan.householdId === householdId),
    plan: (id: string) => findPlan(id),
    action: (id: string) => findAction(id),
  };
};

export type FakePlans = ReturnType<typeof createFakePlans>;
