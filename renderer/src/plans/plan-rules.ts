import type { TFunction } from 'i18next';
import { plansChannels, type EligibilityRule, type PlanDomain, type QueueItem, type QueueKind, type Role } from '../../../shared/contract/index.ts';
import { conditionDomain } from '../../../shared/rules/index.ts';
import { parseDay, todayIso } from '../households/use-date-format.ts';

const createShape = plansChannels['plans:create'].input.shape;
const completeShape = plansChannels['actions:complete'].input.shape;
const addShape = plansChannels['actions:add'].input.shape;
const closeShape = plansChannels['plans:request-close'].input.shape;

const isRealDay = (value: string) => addShape.dueDate.safeParse(value).success && todayIso(parseDay(value)) === value;

/** Form rules that mirror the contract's schemas (plans, actions, completion), with translated messages. */
export const planRules = (t: TFunction) => ({
  goals: (value: string) => (createShape.goals.safeParse(value).success ? null : t('plans.errors.goals')),
  title: (value: string) => (addShape.title.safeParse(value).success ? null : t('actions.errors.title')),
  dueDate: (value: string) => (isRealDay(value) ? null : t('actions.errors.date')),
  outcome: (value: string) => (completeShape.outcome.safeParse(value).success ? null : t('actions.errors.outcome')),
  /** A referral's answer date is optional, but a real day that has happened when given. */
  answerDate: (value: string) => {
    if (!value) return null;
    if (!isRealDay(value)) return t('actions.errors.date');
    return value > todayIso() ? t('actions.errors.future') : null;
  },
  /** "Every N days/weeks": a whole number from 1 to 365. */
  every: (value: string, unit: RecurrenceChoice) => (unit === 'none' || parseEvery(value) !== null ? null : t('actions.errors.every')),
  closeNote: (value: string) => (closeShape.note.safeParse(value).success ? null : t('plans.errors.note')),
});

export type RecurrenceChoice = 'none' | 'days' | 'weeks';

/** The N of "every N days", or null when it is not a whole number from 1 to 365. */
export const parseEvery = (value: string): number | null => {
  const trimmed = value.trim();
  if (!/^\d{1,3}$/.test(trimmed)) return null;
  const every = Number(trimmed);
  return every >= 1 && every <= 365 ? every : null;
};

/** The recurrence the contract expects from the form's choice, or null for a one-off step. */
export const recurrenceOf = (unit: RecurrenceChoice, every: string) => {
  const count = parseEvery(every);
  return unit === 'none' || count === null ? null : { every: count, unit };
};

/** `YYYY-MM-DD` plus some days, in local time. */
export const addDays = (day: string, days: number): string => {
  const date = parseDay(day);
  date.setDate(date.getDate() + days);
  return todayIso(date);
};

/** Who may give an action to someone else (workers give actions to themselves). */
export const canAssignOthers = (role: Role | undefined) => role === 'manager' || role === 'admin';

/** Who approves or refuses a plan's closure. */
export const canDecideClose = (role: Role | undefined) => role === 'manager' || role === 'admin';

/** The queue's groups, in the order they are worked through. */
export const queueGroupOrder: readonly QueueKind[] = ['overdue', 'due_today', 'new_assignment', 'changed', 'missed_benefit', 'need_no_plan', 'due_week'];

/** The items grouped by kind in the working order; inside a group, higher priority first (ties keep the core's order). */
export const groupQueue = (items: QueueItem[]): { kind: QueueKind; items: QueueItem[] }[] =>
  queueGroupOrder
    .map((kind) => ({
      kind,
      items: items
        .map((item, index) => ({ item, index }))
        .filter(({ item }) => item.kind === kind)
        .sort((a, b) => b.item.priority - a.item.priority || a.index - b.index)
        .map(({ item }) => item),
    }))
    .filter((group) => group.items.length > 0);

/** Whether a queue item is about one planned action (so `d` completes it). */
export const isActionItem = (item: QueueItem): item is QueueItem & { actionId: string } => item.actionId !== null;

/** Whether a plan can be started straight from a queue item (so `p` opens "Create plan"). */
export const canPlanFrom = (item: QueueItem) => item.kind === 'missed_benefit' || item.kind === 'need_no_plan';

/**
 * The domain a plan started from a queue item is about: the item's own, else the one that answers the condition
 * of the programme's eligibility rule, else health (subsidised coverage is the usual missed benefit).
 */
export const domainOf = (item: QueueItem, rules: readonly EligibilityRule[] = []): PlanDomain => {
  const rule = rules.find((candidate) => candidate.programmeId === item.programmeId);
  return item.domain ?? (rule && conditionDomain(rule.condition)) ?? 'health';
};
