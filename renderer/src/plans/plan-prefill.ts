import type { TFunction } from 'i18next';
import type { Action, EligibilityRule, PlanDomain, QueueItem } from '../../../shared/contract/index.ts';
import { todayIso } from '../households/use-date-format.ts';
import { addDays, domainOf } from './plan-rules.ts';

/** A first step of a new plan, as the form holds it. */
export interface FirstAction {
  type: Action['type'];
  title: string;
  dueDate: string;
}

/** What "Create plan" starts with when it comes from a queue item: ready to submit as it is. */
export interface PlanPrefill {
  domain: PlanDomain;
  memberId: string | null;
  /** The member's name as the queue gives it, shown until the household's members are loaded. */
  memberName: string | null;
  /** The programme a missed benefit is about: the plan then answers that queue item. */
  programmeId: string | null;
  goals: string;
  actions: FirstAction[];
}

/** Days between starting a plan from the queue and its first step. */
export const firstActionDelayDays = 7;

/**
 * The plan a missed benefit or a need without a plan calls for: its domain and member, goals in words,
 * and one first step due in a week (assigned to whoever creates it).
 */
export const planPrefillFromItem = (
  t: TFunction,
  item: QueueItem,
  { programme, rules }: { programme: string | null; rules?: readonly EligibilityRule[] },
  today = todayIso(),
): PlanPrefill => {
  const domain = domainOf(item, rules);
  const dueDate = addDays(today, firstActionDelayDays);
  if (item.kind === 'missed_benefit' && programme) {
    return {
      domain,
      memberId: item.memberId,
      memberName: item.memberName,
      programmeId: item.programmeId,
      goals: t('plans.prefill.enrol', { programme }),
      actions: [{ type: 'document', title: t('plans.prefill.enrolAction', { programme }), dueDate }],
    };
  }
  return {
    domain,
    memberId: item.memberId,
    memberName: item.memberName,
    programmeId: null,
    goals: t(`plans.prefill.goal.${domain}`),
    actions: [{ type: 'home_visit', title: t('plans.prefill.firstVisit'), dueDate }],
  };
};
