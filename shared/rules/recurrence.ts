import type { Recurrence } from '../contract/index.ts';
import { addDays, daysBetween } from './dates.ts';

/** Length of one recurrence step in days. */
export function recurrenceStepDays(recurrence: Recurrence): number {
  const unitDays = recurrence.unit === 'weeks' ? 7 : 1;
  return recurrence.every * unitDays;
}

/**
 * The next due date of a recurring action: the first date on the original cadence
 * (`dueDate + k × step`, k ≥ 1) that falls strictly after `completedOn`. A late completion skips
 * the occurrences already passed instead of piling them up; an early or on-time one moves to the
 * next step, never back onto the current due date.
 */
export function nextDueDate(dueDate: string, recurrence: Recurrence, completedOn: string): string {
  const step = recurrenceStepDays(recurrence);
  if (!Number.isInteger(step) || step < 1) throw new RangeError('recurrence must be at least one day');
  const elapsed = daysBetween(dueDate, completedOn);
  const steps = Math.max(1, Math.floor(elapsed / step) + 1);
  return addDays(dueDate, steps * step);
}
