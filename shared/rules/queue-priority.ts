/**
 * Queue priority: higher = more urgent.
 *
 *   priority = kindBase[kind] + days + vulnerability + domain
 *
 * - kindBase: overdue 6000 > due_today 5000 > new_assignment 4000 > changed 3000 >
 *   missed_benefit 2000 > due_week 1000 > need_no_plan 0. The rest of the formula never adds
 *   1000 or more, so the kind order always wins: any overdue item ranks above any other item.
 *   Missed benefits and needs without a plan matter, but nothing dates them, so dated work
 *   that falls due this week outranks a need without a plan.
 * - days (overdue items only): 10 points per day overdue, capped at 60 days (600 points), so a
 *   long-forgotten action cannot bury every vulnerable household.
 * - vulnerability: registry score at or below the programme threshold +30 (3 days),
 *   disability +25, chronic illness +25, young children +20; an unknown score adds nothing.
 * - domain: health +8, education +4, employment and training 0 (under one day each, so it
 *   only orders items otherwise equal).
 *
 * Example: 10 days overdue with a disability (100 + 25 = 125) ranks above 12 days overdue with
 * no flag (120); 13 days overdue with no flag (130) ranks above both.
 * Ties break by earlier due date, then by the item key (compareQueueItems).
 */
import type { PlanDomain, QueueKind } from '../contract/index.ts';

/** The facts of one queue item that its priority reads. */
export interface PriorityFacts {
  kind: QueueKind;
  daysOverdue: number;
  registryScore: number | null;
  /** Registry score at or below which a household counts as low-score (e.g. 9.3264284). */
  scoreThreshold: number;
  disability: boolean;
  chronicIllness: boolean;
  youngChildren: boolean;
  domain: PlanDomain | null;
}

/** The weights of the formula above, for a help text that shows them. */
export const priorityWeights = {
  kindBase: {
    overdue: 6000,
    due_today: 5000,
    new_assignment: 4000,
    changed: 3000,
    missed_benefit: 2000,
    due_week: 1000,
    need_no_plan: 0,
  } satisfies Record<QueueKind, number>,
  perDayOverdue: 10,
  maxDaysOverdue: 60,
  lowScore: 30,
  disability: 25,
  chronicIllness: 25,
  youngChildren: 20,
  domain: { health: 8, education: 4, employment: 0, training: 0 } satisfies Record<PlanDomain, number>,
} as const;

/** Stable reason codes, in display order, for the UI to translate. */
export const priorityReasonCodes = ['overdue', 'low_score', 'disability', 'chronic_illness', 'young_children', 'health'] as const;
export type PriorityReason = (typeof priorityReasonCodes)[number];

function isLowScore(facts: PriorityFacts): boolean {
  return facts.registryScore !== null && facts.registryScore <= facts.scoreThreshold;
}

/** The item's priority by the documented formula above; higher = more urgent. */
export function queuePriority(facts: PriorityFacts): number {
  const w = priorityWeights;
  const days = facts.kind === 'overdue' ? Math.min(Math.max(0, Math.floor(facts.daysOverdue)), w.maxDaysOverdue) : 0;
  let priority = w.kindBase[facts.kind] + days * w.perDayOverdue;
  if (isLowScore(facts)) priority += w.lowScore;
  if (facts.disability) priority += w.disability;
  if (facts.chronicIllness) priority += w.chronicIllness;
  if (facts.youngChildren) priority += w.youngChildren;
  if (facts.domain) priority += w.domain[facts.domain];
  return priority;
}

/** Why the item ranks where it does, as stable codes in display order. */
export function priorityReasons(facts: PriorityFacts): PriorityReason[] {
  const present: Record<PriorityReason, boolean> = {
    overdue: facts.kind === 'overdue',
    low_score: isLowScore(facts),
    disability: facts.disability,
    chronic_illness: facts.chronicIllness,
    young_children: facts.youngChildren,
    health: facts.domain === 'health',
  };
  return priorityReasonCodes.filter((code) => present[code]);
}

/** What compareQueueItems reads of a queue item. */
export interface QueueOrderFacts {
  priority: number;
  dueDate: string | null;
  key: string;
}

/** Queue order: priority descending, then earlier due date (undated last), then key; a total, stable order. */
export function compareQueueItems(a: QueueOrderFacts, b: QueueOrderFacts): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.dueDate !== b.dueDate) {
    if (a.dueDate === null) return 1;
    if (b.dueDate === null) return -1;
    return a.dueDate < b.dueDate ? -1 : 1;
  }
  if (a.key === b.key) return 0;
  return a.key < b.key ? -1 : 1;
}
