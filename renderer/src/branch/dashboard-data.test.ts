import { describe, expect, it } from 'vitest';
import { outcomesByMonthRows, plansByDomainRows } from './dashboard-data.ts';

describe('dashboard rows', () => {
  it('gives every domain a row, with zero for statuses without plans', () => {
    const rows = plansByDomainRows({
      overdueByWorker: [],
      plansByDomain: [
        { domain: 'health', status: 'active', count: 2 },
        { domain: 'health', status: 'closed', count: 1 },
      ],
      outcomesByMonth: [],
    });
    expect(rows.map((row) => row.domain)).toEqual(['employment', 'training', 'education', 'health']);
    expect(rows[3]).toEqual({ domain: 'health', draft: 0, active: 2, closing: 0, closed: 1 });
  });

  it('orders months oldest first, one count per outcome', () => {
    const rows = outcomesByMonthRows({
      overdueByWorker: [],
      plansByDomain: [],
      outcomesByMonth: [
        { month: '2025-02', outcomeCode: 'job_found', count: 1 },
        { month: '2025-01', outcomeCode: 'coverage_enrolled', count: 3 },
      ],
    });
    expect(rows.map((row) => row.month)).toEqual(['2025-01', '2025-02']);
    expect(rows[0]).toMatchObject({ coverage_enrolled: 3, job_found: 0 });
  });
});
