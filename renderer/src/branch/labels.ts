import type { outcomeCodes, PlanDomain, planStatuses } from '../../../shared/contract/index.ts';

/** One colour per plan domain, the same in badges and charts. */
export const domainColors: Record<PlanDomain, string> = { employment: 'blue.6', training: 'grape.6', education: 'yellow.6', health: 'red.6' };

export const planStatusColors: Record<(typeof planStatuses)[number], string> = { draft: 'gray.5', active: 'blue.6', closing: 'orange.6', closed: 'teal.6' };

export const outcomeColors: Record<(typeof outcomeCodes)[number], string> = {
  job_found: 'teal.6',
  training_started: 'grape.6',
  coverage_enrolled: 'red.5',
  school_enrolled: 'yellow.6',
  document_obtained: 'cyan.6',
  other: 'gray.5',
};
