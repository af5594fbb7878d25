import { z } from 'zod';

const id = z.string().min(1).max(64);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD');

export const planDomains = ['employment', 'training', 'education', 'health'] as const;
export const planStatuses = ['draft', 'active', 'closing', 'closed'] as const;
export const actionTypes = [
  'home_visit',
  'phone_call',
  'referral',
  'document',
  'training_enrolment',
  'job_placement',
  'health_appointment',
  'other',
] as const;
export const actionStatuses = ['planned', 'done', 'cancelled'] as const;
export const partnerAnswers = ['pending', 'accepted', 'refused', 'no_answer'] as const;
/** What an action achieved, counted on the dashboard. */
export const outcomeCodes = ['job_found', 'training_started', 'coverage_enrolled', 'school_enrolled', 'document_obtained', 'other'] as const;
export const eligibilityConditions = ['none', 'child_out_of_school', 'no_health_coverage', 'unemployed_adult', 'disability'] as const;
export const queueKinds = ['overdue', 'due_today', 'due_week', 'new_assignment', 'changed', 'missed_benefit', 'need_no_plan'] as const;

export type PlanDomain = (typeof planDomains)[number];
export type QueueKind = (typeof queueKinds)[number];
export type EligibilityCondition = (typeof eligibilityConditions)[number];

export const recurrenceSchema = z.object({ every: z.number().int().min(1).max(365), unit: z.enum(['days', 'weeks']) }).strict();
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const actionSchema = z.object({
  id: z.string(),
  planId: z.string(),
  householdId: z.string(),
  type: z.enum(actionTypes),
  title: z.string(),
  dueDate: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  status: z.enum(actionStatuses),
  outcome: z.string().nullable(),
  outcomeCode: z.enum(outcomeCodes).nullable(),
  completedAt: z.string().nullable(),
  recurrence: recurrenceSchema.nullable(),
  partnerId: z.string().nullable(),
  partnerName: z.string().nullable(),
  partnerAnswer: z.enum(partnerAnswers).nullable(),
  partnerAnswerDate: z.string().nullable(),
});
export type Action = z.infer<typeof actionSchema>;

export const planSchema = z.object({
  id: z.string(),
  householdId: z.string(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  /** The programme the plan works towards, when it started from a possible missed benefit. */
  programmeId: z.string().nullable(),
  domain: z.enum(planDomains),
  goals: z.string(),
  status: z.enum(planStatuses),
  createdAt: z.string(),
  createdByName: z.string().nullable(),
  closeRequestedAt: z.string().nullable(),
  closeNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  actions: z.array(actionSchema),
});
export type Plan = z.infer<typeof planSchema>;

export const queueItemSchema = z.object({
  /** Stable within a queue: kind + the row it is about. */
  key: z.string(),
  kind: z.enum(queueKinds),
  priority: z.number(),
  householdId: z.string(),
  registryRef: z.string().nullable(),
  headNameAr: z.string().nullable(),
  headNameLat: z.string().nullable(),
  districtName: z.string(),
  registryScore: z.number().nullable(),
  planId: z.string().nullable(),
  actionId: z.string().nullable(),
  actionType: z.enum(actionTypes).nullable(),
  actionTitle: z.string().nullable(),
  domain: z.enum(planDomains).nullable(),
  dueDate: z.string().nullable(),
  daysOverdue: z.number().int().nullable(),
  programmeId: z.string().nullable(),
  memberId: z.string().nullable(),
  memberName: z.string().nullable(),
  /** Why it is here, as stable codes for the UI to translate (e.g. `disability`, `low_score`). */
  reasons: z.array(z.string()),
});
export type QueueItem = z.infer<typeof queueItemSchema>;

export const eligibilityRuleSchema = z.object({
  programmeId: z.string(),
  /** Households at or below this registry score qualify (lower = poorer); null = any score. */
  scoreMax: z.number().nullable(),
  condition: z.enum(eligibilityConditions),
  active: z.boolean(),
});
export type EligibilityRule = z.infer<typeof eligibilityRuleSchema>;

export const workerLoadSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: z.string(),
  disabled: z.boolean(),
  households: z.number().int(),
  openPlans: z.number().int(),
  overdueActions: z.number().int(),
});
export type WorkerLoad = z.infer<typeof workerLoadSchema>;

const actionInput = z
  .object({
    type: z.enum(actionTypes),
    title: z.string().trim().min(1).max(200),
    dueDate: isoDate,
    assigneeId: id.nullable().optional(),
    recurrence: recurrenceSchema.nullable().optional(),
    partnerId: id.nullable().optional(),
  })
  .strict();

export const plansChannels = {
  /** The plans of a household, with their actions. */
  'plans:list': { input: z.object({ householdId: id }).strict(), output: z.array(planSchema) },
  /** One plan with its actions. */
  'plans:get': { input: z.object({ id }).strict(), output: planSchema },
  /** Starts a follow-up plan for a household or one member in one domain, with first actions. */
  'plans:create': {
    input: z
      .object({
        householdId: id,
        memberId: id.nullable().optional(),
        programmeId: id.nullable().optional(),
        domain: z.enum(planDomains),
        goals: z.string().trim().min(1).max(4000),
        status: z.enum(['draft', 'active']).default('active'),
        actions: z.array(actionInput).max(20).default([]),
      })
      .strict(),
    output: planSchema,
  },
  /** Edits goals or moves a plan between draft and active. */
  'plans:update': {
    input: z.object({ id, goals: z.string().trim().min(1).max(4000).optional(), status: z.enum(['draft', 'active']).optional() }).strict(),
    output: planSchema,
  },
  /** Asks a manager to close the plan. */
  'plans:request-close': { input: z.object({ id, note: z.string().trim().max(2000).optional() }).strict(), output: planSchema },
  /** A manager approves (closed) or refuses (back to active) a closure request. */
  'plans:decide-close': { input: z.object({ id, approve: z.boolean() }).strict(), output: planSchema },
  /** Adds a dated step to a plan. */
  'actions:add': { input: actionInput.extend({ planId: id }).strict(), output: actionSchema },
  /** Reschedules, reassigns or renames a step. */
  'actions:update': {
    input: z
      .object({
        id,
        title: z.string().trim().min(1).max(200).optional(),
        dueDate: isoDate.optional(),
        assigneeId: id.nullable().optional(),
        recurrence: recurrenceSchema.nullable().optional(),
      })
      .strict(),
    output: actionSchema,
  },
  /** Marks a step done with its outcome (and a referral's answer); a recurring step schedules its next one. */
  'actions:complete': {
    input: z
      .object({
        id,
        outcome: z.string().trim().min(1).max(2000),
        outcomeCode: z.enum(outcomeCodes).nullable().optional(),
        partnerAnswer: z.enum(partnerAnswers).nullable().optional(),
        partnerAnswerDate: isoDate.nullable().optional(),
      })
      .strict(),
    output: z.object({ completed: actionSchema, next: actionSchema.nullable() }),
  },
  /** Cancels a step that will not happen. */
  'actions:cancel': { input: z.object({ id }).strict(), output: actionSchema },
  /** What needs doing now for the signed-in user, most urgent first. */
  'queue:mine': { input: z.undefined(), output: z.array(queueItemSchema) },
  /** Marks the queue as seen: "changed since I last looked" starts again from now. */
  'queue:seen': { input: z.undefined(), output: z.null() },
  /** The manager's branch view: unassigned households, load per worker, closures waiting. */
  'branch:overview': {
    input: z.undefined(),
    output: z.object({
      unassignedHouseholds: z.number().int(),
      workers: z.array(workerLoadSchema),
      closuresWaiting: z.array(planSchema.extend({ householdRef: z.string().nullable(), headNameAr: z.string().nullable() })),
    }),
  },
  /** Assigns households to a worker (or unassigns with null): listed ones, or everything of one worker (manager). */
  'households:assign': {
    input: z
      .object({
        householdIds: z.array(id).min(1).max(5000).optional(),
        fromWorkerId: id.optional(),
        toWorkerId: id.nullable(),
      })
      .strict()
      .refine((value) => (value.householdIds ? 1 : 0) + (value.fromWorkerId ? 1 : 0) === 1, 'give householdIds or fromWorkerId'),
    output: z.object({ assigned: z.number().int() }),
  },
  /** The eligibility rule of each programme. */
  'eligibility:list': { input: z.undefined(), output: z.array(eligibilityRuleSchema) },
  /** Sets a programme's rule (admin). */
  'eligibility:set': {
    input: z
      .object({ programmeId: id, scoreMax: z.number().finite().nullable(), condition: z.enum(eligibilityConditions), active: z.boolean() })
      .strict(),
    output: eligibilityRuleSchema,
  },
  /** Counts for the dashboard charts, in the caller's scope. */
  'dashboard:stats': {
    input: z.undefined(),
    output: z.object({
      overdueByWorker: z.array(z.object({ workerId: z.string().nullable(), name: z.string().nullable(), overdue: z.number().int() })),
      plansByDomain: z.array(z.object({ domain: z.enum(planDomains), status: z.enum(planStatuses), count: z.number().int() })),
      outcomesByMonth: z.array(z.object({ month: z.string(), outcomeCode: z.enum(outcomeCodes), count: z.number().int() })),
    }),
  },
};
