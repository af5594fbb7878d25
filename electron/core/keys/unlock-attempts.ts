import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.ts';

/** Failed unlocks since the last success; kept on disk so restarting the app does not reset the wait. */
export interface AttemptState {
  failures: number;
  /** Milliseconds since the epoch. */
  lastFailureAt: number;
}

const freeFailures = 3;
const firstDelayMs = 2_000;
const maxDelayMs = 15 * 60_000;

const stateSchema = z
  .object({ failures: z.int().min(0).max(1_000_000_000), lastFailureAt: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })
  .strict();

const none = (): AttemptState => ({ failures: 0, lastFailureAt: 0 });

export const attemptsPath = (dataDir: string): string => join(dataDir, 'unlock-attempts.json');

/** The saved count; a missing or damaged file counts as no failures (never throws). */
export const readAttempts = async (dataDir: string): Promise<AttemptState> => {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(await readFile(attemptsPath(dataDir), 'utf8')));
    return parsed.success ? parsed.data : none();
  } catch {
    return none();
  }
};

/** How long to wait before the next try: free for 3 failures, then 2 s doubling per failure, at most 15 min. */
export const retryAfterMs = (state: AttemptState, now: number): number => {
  if (state.failures <= freeFailures) return 0;
  const delay = Math.min(maxDelayMs, firstDelayMs * 2 ** (state.failures - freeFailures - 1));
  // Clamped to the delay itself, so a clock set back cannot lock someone out for longer.
  return Math.min(delay, Math.max(0, state.lastFailureAt + delay - now));
};

// Updates for one folder run one at a time, so two quick failures both count.
const queues = new Map<string, Promise<unknown>>();
const serial = <T>(dataDir: string, task: () => Promise<T>): Promise<T> => {
  const run = (queues.get(dataDir) ?? Promise.resolve()).then(task, task);
  const settled = run.catch(() => undefined);
  queues.set(dataDir, settled);
  void settled.then(() => {
    if (queues.get(dataDir) === settled) queues.delete(dataDir);
  });
  return run;
};

const save = (dataDir: string, state: AttemptState): Promise<void> => writeFileAtomic(attemptsPath(dataDir), `${JSON.stringify(state)}\n`);

/** Counts one more failed unlock at `now` and returns the new state. */
export const recordFailure = (dataDir: string, now: number): Promise<AttemptState> =>
  serial(dataDir, async () => {
    const previous = await readAttempts(dataDir);
    const next = { failures: previous.failures + 1, lastFailureAt: Math.max(0, Math.trunc(now)) };
    await save(dataDir, next);
    return next;
  });

/** Clears the count after a successful unlock. */
export const recordSuccess = (dataDir: string): Promise<void> =>
  serial(dataDir, async () => {
    const previous = await readAttempts(dataDir);
    if (previous.failures === 0 && previous.lastFailureAt === 0) return;
    await save(dataDir, none());
  });
