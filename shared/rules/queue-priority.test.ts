import { describe, expect, it } from 'vitest';
import { queueKinds, type QueueKind } from '../contract/index.ts';
import { compareQueueItems, priorityReasons, queuePriority, type PriorityFacts } from './queue-priority.ts';

const threshold = 9.3264284;

function facts(overrides: Partial<PriorityFacts> = {}): PriorityFacts {
  return {
    kind: 'overdue',
    daysOverdue: 0,
    registryScore: 20,
    scoreThreshold: threshold,
    disability: false,
    chronicIllness: false,
    youngChildren: false,
    domain: null,
    ...overrides,
  };
}

/** The most an item of this kind can weigh: long overdue, every flag, health. */
function loudest(kind: QueueKind): PriorityFacts {
  return facts({ kind, daysOverdue: 10_000, registryScore: 0, disability: true, chronicIllness: true, youngChildren: true, domain: 'health' });
}

/** The least an item of this kind can weigh. */
function quietest(kind: QueueKind): PriorityFacts {
  return facts({ kind, daysOverdue: kind === 'overdue' ? 1 : 0, registryScore: null, domain: 'training' });
}

describe('queuePriority', () => {
  it('ranks any overdue item above any other item', () => {
    const leastOverdue = queuePriority(quietest('overdue'));
    for (const kind of queueKinds.filter((k) => k !== 'overdue')) {
      expect(leastOverdue).toBeGreaterThan(queuePriority(loudest(kind)));
    }
  });

  it('keeps the kind order whatever the other facts', () => {
    const order: QueueKind[] = ['overdue', 'due_today', 'new_assignment', 'changed', 'missed_benefit', 'due_week', 'need_no_plan'];
    for (let i = 0; i + 1 < order.length; i++) {
      expect(queuePriority(quietest(order[i]!))).toBeGreaterThan(queuePriority(loudest(order[i + 1]!)));
    }
  });

  it('ranks more days overdue higher at equal facts', () => {
    expect(queuePriority(facts({ daysOverdue: 5 }))).toBeGreaterThan(queuePriority(facts({ daysOverdue: 4 })));
  });

  it('lets a disability outweigh two days: 10 days overdue + disability beats 12 days with no flag, not 13', () => {
    const vulnerable = queuePriority(facts({ daysOverdue: 10, disability: true }));
    expect(vulnerable).toBeGreaterThan(queuePriority(facts({ daysOverdue: 12 })));
    expect(vulnerable).toBeLessThan(queuePriority(facts({ daysOverdue: 13 })));
  });

  it('caps the days at 60 so a vulnerable household is not buried by old work', () => {
    expect(queuePriority(facts({ daysOverdue: 400 }))).toBe(queuePriority(facts({ daysOverdue: 60 })));
    expect(queuePriority(facts({ daysOverdue: 60, registryScore: 3 }))).toBeGreaterThan(queuePriority(facts({ daysOverdue: 400 })));
  });

  it('counts a score at the threshold as low, and an unknown score as not', () => {
    const base = queuePriority(facts({ daysOverdue: 3 }));
    expect(queuePriority(facts({ daysOverdue: 3, registryScore: threshold }))).toBeGreaterThan(base);
    expect(queuePriority(facts({ daysOverdue: 3, registryScore: null }))).toBe(base);
  });

  it('puts health before education before employment and training at equal facts', () => {
    const by = (domain: PriorityFacts['domain']) => queuePriority(facts({ daysOverdue: 4, domain }));
    expect(by('health')).toBeGreaterThan(by('education'));
    expect(by('education')).toBeGreaterThan(by('employment'));
    expect(by('employment')).toBe(by('training'));
    expect(by('health')).toBeLessThan(queuePriority(facts({ daysOverdue: 5, domain: 'training' })));
  });

  it('adds each vulnerability flag', () => {
    const base = queuePriority(facts({ kind: 'missed_benefit' }));
    expect(queuePriority(facts({ kind: 'missed_benefit', chronicIllness: true }))).toBeGreaterThan(base);
    expect(queuePriority(facts({ kind: 'missed_benefit', youngChildren: true }))).toBeGreaterThan(base);
  });

  it('ignores days overdue on items that are not overdue', () => {
    expect(queuePriority(facts({ kind: 'due_week', daysOverdue: -5 }))).toBe(queuePriority(facts({ kind: 'due_week', daysOverdue: 0 })));
  });
});

describe('priorityReasons', () => {
  it('gives stable codes in display order', () => {
    expect(
      priorityReasons(facts({ daysOverdue: 3, registryScore: 4, disability: true, chronicIllness: true, youngChildren: true, domain: 'health' })),
    ).toEqual(['overdue', 'low_score', 'disability', 'chronic_illness', 'young_children', 'health']);
    expect(priorityReasons(facts({ kind: 'due_today', registryScore: null, domain: 'education' }))).toEqual([]);
    expect(priorityReasons(facts({ kind: 'missed_benefit', registryScore: threshold }))).toEqual(['low_score']);
    expect(priorityReasons(facts({ kind: 'due_week', registryScore: 9.4 }))).toEqual([]);
  });
});

describe('compareQueueItems', () => {
  it('orders by priority, then earlier due date (undated last), then key', () => {
    const sorted = [
      { priority: 6130, dueDate: '2026-01-01', key: 'overdue:a1' },
      { priority: 6125, dueDate: '2026-01-03', key: 'overdue:a2' },
      { priority: 5000, dueDate: '2026-01-14', key: 'due_today:a3' },
      { priority: 5000, dueDate: '2026-01-14', key: 'due_today:a4' },
      { priority: 2030, dueDate: null, key: 'missed_benefit:h1:amo' },
      { priority: 1008, dueDate: '2026-01-15', key: 'due_week:a5' },
      { priority: 1008, dueDate: '2026-01-20', key: 'due_week:a6' },
      { priority: 1008, dueDate: null, key: 'due_week:a0' },
      { priority: 0, dueDate: null, key: 'need_no_plan:h2:m1' },
      { priority: 0, dueDate: null, key: 'need_no_plan:h2:m2' },
    ];
    expect([...sorted].sort(compareQueueItems)).toEqual(sorted);
    expect([...sorted].reverse().sort(compareQueueItems)).toEqual(sorted);
    const shuffled = [sorted[4], sorted[9], sorted[0], sorted[6], sorted[2], sorted[8], sorted[1], sorted[7], sorted[3], sorted[5]];
    expect(shuffled.sort((a, b) => compareQueueItems(a!, b!))).toEqual(sorted);
  });

  it('is antisymmetric and 0 only for the same item', () => {
    const a = { priority: 10, dueDate: '2026-01-01', key: 'a' };
    const b = { priority: 10, dueDate: '2026-01-01', key: 'b' };
    expect(compareQueueItems(a, b)).toBeLessThan(0);
    expect(compareQueueItems(b, a)).toBeGreaterThan(0);
    expect(compareQueueItems(a, { ...a })).toBe(0);
  });

  it('sorts real priorities so the overdue disability case comes first', () => {
    const items = [
      { priority: queuePriority(facts({ daysOverdue: 12 })), dueDate: '2026-01-02', key: 'plain' },
      { priority: queuePriority(facts({ daysOverdue: 10, disability: true })), dueDate: '2026-01-04', key: 'disability' },
      { priority: queuePriority(facts({ kind: 'due_today', registryScore: 1, disability: true, domain: 'health' })), dueDate: '2026-01-14', key: 'today' },
    ].sort(compareQueueItems);
    expect(items.map((item) => item.key)).toEqual(['disability', 'plain', 'today']);
  });
});
