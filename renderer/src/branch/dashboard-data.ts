import { type outcomeCodes, planDomains, type planStatuses, type ChannelOutput } from '../../../shared/contract/index.ts';

type Stats = ChannelOutput<'dashboard:stats'>;
type PlanStatus = (typeof planStatuses)[number];
type OutcomeCode = (typeof outcomeCodes)[number];

export type PlansRow = { domain: (typeof planDomains)[number] } & Record<PlanStatus, number>;
export type OutcomesRow = { month: string } & Record<OutcomeCode, number>;

/** One row per domain (all four, in the contract's order) with a count per status, for a stacked bar chart. */
export const plansByDomainRows = (stats: Stats): PlansRow[] =>
  planDomains.map((domain) => {
    const row = { domain, draft: 0, active: 0, closing: 0, closed: 0 } satisfies PlansRow;
    for (const item of stats.plansByDomain) if (item.domain === domain) row[item.status] += item.count;
    return row;
  });

/** One row per month (oldest first) with a count per outcome code. */
export const outcomesByMonthRows = (stats: Stats): OutcomesRow[] => {
  const months = [...new Set(stats.outcomesByMonth.map((item) => item.month))].sort();
  return months.map((month) => {
    const row: OutcomesRow = { month, job_found: 0, training_started: 0, coverage_enrolled: 0, school_enrolled: 0, document_obtained: 0, other: 0 };
    for (const item of stats.outcomesByMonth) if (item.month === month) row[item.outcomeCode] += item.count;
    return row;
  });
};

/** Whether any count is above zero (charts of only zeros show the empty state instead). */
export const hasCounts = (counts: readonly number[]): boolean => counts.some((count) => count > 0);
