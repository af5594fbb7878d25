import { describe, expect, it } from 'vitest';
import { daysOverdue, dueBucket } from './due.ts';

const today = '2026-03-10';

describe('dueBucket', () => {
  it('puts each day at the boundary in the right bucket', () => {
    expect(dueBucket('2026-03-09', today)).toBe('overdue');
    expect(dueBucket('2026-03-10', today)).toBe('due_today');
    expect(dueBucket('2026-03-11', today)).toBe('due_week');
    expect(dueBucket('2026-03-17', today)).toBe('due_week');
    expect(dueBucket('2026-03-18', today)).toBe('later');
    expect(dueBucket('2025-01-01', today)).toBe('overdue');
  });

  it('counts the week across a month end in a leap year', () => {
    expect(dueBucket('2024-03-06', '2024-02-28')).toBe('due_week');
    expect(dueBucket('2024-03-07', '2024-02-28')).toBe('later');
  });
});

describe('daysOverdue', () => {
  it('counts late days and never goes negative', () => {
    expect(daysOverdue('2026-03-01', today)).toBe(9);
    expect(daysOverdue('2026-03-10', today)).toBe(0);
    expect(daysOverdue('2026-03-20', today)).toBe(0);
  });
});
