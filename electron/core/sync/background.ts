/**
 * When the background sync runs: at once when started (unlock), a debounce after local writes,
 * every interval, and less and less often while runs fail. It never throws: failures are the
 * run's business (recorded and shown in the status).
 */

export interface SchedulerOptions {
  /** One sync run; its failure is reported by the returned outcome, never thrown. */
  run(): Promise<'ok' | 'failed' | 'paused'>;
  /** A number that changes when local data is written (the outbox's last seq); null when unknown. */
  probe(): number | null;
  /** Called when the probe saw a change (the pending count moved). */
  onWrite?(): void;
  intervalMs: number;
  debounceMs: number;
  now: () => number;
  /** How often the probe is read (default 1 s). */
  tickMs?: number;
}

/** The longest wait between failed runs (unless the interval itself is longer). */
export const maxBackoffMs = 10 * 60_000;

/** The wait before the next attempt after `failures` failed runs in a row: never shorter than the interval. */
export const backoffDelay = (intervalMs: number, failures: number): number => {
  if (failures <= 0) return intervalMs;
  const cap = Math.max(intervalMs, maxBackoffMs);
  return Math.min(cap, intervalMs * 2 ** Math.min(failures, 20));
};

/** A scheduler, stopped until `start`. `tick` is exposed so tests drive it without real timers. */
export const createScheduler = (options: SchedulerOptions) => {
  let timer: ReturnType<typeof setInterval> | undefined;
  let nextAt = Number.POSITIVE_INFINITY;
  let failures = 0;
  let paused = false;
  let lastProbe: number | null = null;
  let running: Promise<void> | null = null;

  const readProbe = (): number | null => {
    try {
      return options.probe();
    } catch {
      return null;
    }
  };

  const runNow = async () => {
    const outcome = await options.run().catch(() => 'failed' as const);
    lastProbe = readProbe();
    if (outcome === 'paused') {
      paused = true;
      nextAt = Number.POSITIVE_INFINITY;
      return;
    }
    failures = outcome === 'ok' ? 0 : failures + 1;
    nextAt = options.now() + backoffDelay(options.intervalMs, failures);
  };

  const tick = (): Promise<void> => {
    if (running || !timer || paused) return running ?? Promise.resolve();
    const probe = readProbe();
    if (probe !== null && probe !== lastProbe) {
      if (lastProbe !== null) {
        options.onWrite?.();
        // While runs fail, a write does not bring the next attempt forward.
        if (failures === 0) nextAt = Math.min(nextAt, options.now() + options.debounceMs);
      }
      lastProbe = probe;
    }
    if (options.now() < nextAt) return Promise.resolve();
    running = runNow().finally(() => {
      running = null;
    });
    return running;
  };

  return {
    tick,
    /** Starts the timers; the first run comes at the next tick. */
    start() {
      if (timer) return;
      paused = false;
      failures = 0;
      lastProbe = readProbe();
      nextAt = options.now();
      timer = setInterval(() => void tick(), options.tickMs ?? 1000);
      timer.unref();
      void Promise.resolve().then(tick);
    },
    /** Runs again after a pause (needs-login) or a manual run: the next attempt follows the interval. */
    resume(outcome: 'ok' | 'failed') {
      paused = false;
      failures = outcome === 'ok' ? 0 : failures + 1;
      nextAt = options.now() + backoffDelay(options.intervalMs, failures);
    },
    /** Stops the timers; a run under way is awaited unless `wait` is false (the run itself stops it). */
    async stop(wait = true) {
      if (timer) clearInterval(timer);
      timer = undefined;
      nextAt = Number.POSITIVE_INFINITY;
      if (wait) await running;
    },
    get started() {
      return timer !== undefined;
    },
  };
};

export type Scheduler = ReturnType<typeof createScheduler>;
