import { describe, expect, it } from 'vitest';
import { nextDueDate, recurrenceStepDays } from './recurrence.ts';

const twoWeeks = { every: 2, unit: 'weeks' } as const;
const tenDays = { every: 10, unit: 'days' } as const;

describe('nextDueDate', () => {
  it('keeps the cadence when a fortnightly action is done late (skips the missed slot)', () => {
    expect(nextDueDate('2026-01-01', twoWeeks, '2026-01-20')).toBe('2026-01-29');
    expect(nextDueDate('2026-01-01', twoWeeks, '2026-02-20')).toBe('2026-02-26');
  });

  it('moves to the following slot when done early or on time', () => {
    expect(nextDueDate('2026-01-01', twoWeeks, '2025-12-30')).toBe('2026-01-15');
    expect(nextDueDate('2026-01-01', twoWeeks, '2026-01-01')).toBe('2026-01-15');
  });

  it('lands strictly after the completion day when done exactly on a later slot', () => {
    expect(nextDueDate('2026-01-01', twoWeeks, '2026-01-15')).toBe('2026-01-29');
    expect(nextDueDate('2026-01-01', twoWeeks, '2026-01-14')).toBe('2026-01-15');
  });

  it('works in days, late, early and on time', () => {
    expect(nextDueDate('2026-01-01', tenDays, '2026-01-01')).toBe('2026-01-11');
    expect(nextDueDate('2026-01-01', tenDays, '2025-12-25')).toBe('2026-01-11');
    expect(nextDueDate('2026-01-01', tenDays, '2026-01-12')).toBe('2026-01-21');
    expect(nextDueDate('2026-01-01', { every: 1, unit: 'days' }, '2026-01-05')).toBe('2026-01-06');
  });

  it('crosses month ends and leap days on the calendar', () => {
    expect(nextDueDate('2024-02-15', twoWeeks, '2024-02-15')).toBe('2024-02-29');
    expect(nextDueDate('2026-02-15', twoWeeks, '2026-02-15')).toBe('2026-03-01');
    expect(nextDueDate('2025-12-25', { every: 1, unit: 'weeks' }, '2025-12-26')).toBe('2026-01-01');
  });
});

describe('recurrenceStepDays', () => {
  it('counts weeks as seven days', () => {
    expect(recurrenceStepDays(twoWeeks)).toBe(14);
    expect(recurrenceStepDays(tenDays)).toBe(10);
  });
});
