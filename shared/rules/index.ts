export * from './dates.ts';
export * from './recurrence.ts';
export * from './due.ts';
export * from './needs.ts';
export * from './eligibility.ts';
export * from './queue-priority.ts';
