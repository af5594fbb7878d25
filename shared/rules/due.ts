import { daysBetween } from './dates.ts';

export const dueBuckets = ['overdue', 'due_today', 'due_week', 'later'] as const;
export type DueBucket = (typeof dueBuckets)[number];

/** Where a due date stands from `today`: overdue (before today), due today, within the next 7 days, or later. */
export function dueBucket(dueDate: string, today: string): DueBucket {
  const days = daysBetween(today, dueDate);
  if (days < 0) return 'overdue';
  if (days === 0) return 'due_today';
  if (days <= 7) return 'due_week';
  return 'later';
}

/** Whole days an action is late on `today` (0 when not yet due). */
export function daysOverdue(dueDate: string, today: string): number {
  return Math.max(0, daysBetween(dueDate, today));
}
