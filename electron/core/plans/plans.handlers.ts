import type { Handler } from '../handlers.ts';
import { assignHouseholds, branchOverview, dashboardStats } from './branch.service.ts';
import { listEligibilityRules, setEligibilityRule } from './eligibility.service.ts';
import {
  addAction,
  cancelAction,
  completeAction,
  createPlan,
  decidePlanClosure,
  getPlan,
  listPlans,
  requestPlanClosure,
  updateAction,
  updatePlan,
} from './plans.service.ts';
import { markQueueSeen, myQueue } from './queue.service.ts';

type PlanChannels =
  | 'plans:list'
  | 'plans:get'
  | 'plans:create'
  | 'plans:update'
  | 'plans:request-close'
  | 'plans:decide-close'
  | 'actions:add'
  | 'actions:update'
  | 'actions:complete'
  | 'actions:cancel'
  | 'queue:mine'
  | 'queue:seen'
  | 'branch:overview'
  | 'households:assign'
  | 'eligibility:list'
  | 'eligibility:set'
  | 'dashboard:stats';

export const plansHandlers = {
  'plans:list': (input, ctx) => listPlans(ctx.sessions, input.householdId),
  'plans:get': (input, ctx) => getPlan(ctx.sessions, input.id),
  'plans:create': (input, ctx) => createPlan(ctx.sessions, input),
  'plans:update': (input, ctx) => updatePlan(ctx.sessions, input),
  'plans:request-close': (input, ctx) => requestPlanClosure(ctx.sessions, input),
  'plans:decide-close': (input, ctx) => decidePlanClosure(ctx.sessions, input),
  'actions:add': (input, ctx) => addAction(ctx.sessions, input),
  'actions:update': (input, ctx) => updateAction(ctx.sessions, input),
  'actions:complete': (input, ctx) => completeAction(ctx.sessions, input),
  'actions:cancel': (input, ctx) => cancelAction(ctx.sessions, input.id),
  'queue:mine': (_input, ctx) => myQueue(ctx.sessions),
  'queue:seen': async (_input, ctx) => {
    await markQueueSeen(ctx.sessions);
    return null;
  },
  'branch:overview': (_input, ctx) => branchOverview(ctx.sessions),
  'households:assign': (input, ctx) => assignHouseholds(ctx.sessions, input),
  'eligibility:list': (_input, ctx) => listEligibilityRules(ctx.sessions),
  'eligibility:set': (input, ctx) => setEligibilityRule(ctx.sessions, input),
  'dashboard:stats': (_input, ctx) => dashboardStats(ctx.sessions),
} satisfies { [C in PlanChannels]: Handler<C> };
