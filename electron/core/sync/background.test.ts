import { afterEach, describe, expect, it } from 'vitest';
import { addDistrict } from '../users/users.service.ts';
import { backoffDelay, createScheduler, maxBackoffMs, type Scheduler } from './background.ts';
import { createFakeServer } from './testing/fake-server.ts';
import { createSyncTestDevice, joinAsAdmin, type SyncTestDevice } from './testing/device.ts';

let clock = 0;
let scheduler: Scheduler | undefined;
let device: SyncTestDevice | undefined;
afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await device?.cleanup();
  device = undefined;
});

const minute = 60_000;

const stubScheduler = (outcomes: ('ok' | 'failed' | 'paused')[]) => {
  const runs: number[] = [];
  let probe = 1;
  scheduler = createScheduler({
    intervalMs: minute,
    debounceMs: 5_000,
    now: () => clock,
    tickMs: 1e9,
    run: async () => {
      runs.push(clock);
      return outcomes.shift() ?? 'ok';
    },
    probe: () => probe,
  });
  return { runs, write: () => void (probe += 1), scheduler };
};

describe('background sync schedule', () => {
  it('waits longer after each failure, up to 10 minutes, and comes back to the interval after a success', () => {
    expect([0, 1, 2, 3, 4, 5, 30].map((failures) => backoffDelay(minute, failures))).toEqual([minute, 2 * minute, 4 * minute, 8 * minute, maxBackoffMs, maxBackoffMs, maxBackoffMs]);
    // Never shorter than a long interval.
    expect(backoffDelay(3_600_000, 3)).toBe(3_600_000);
  });

  it('runs at start, every interval, soon after a write, and backs off while runs fail', async () => {
    clock = 0;
    const { runs, write, scheduler: s } = stubScheduler(['ok', 'failed', 'failed', 'ok']);
    s.start();
    await s.tick();
    expect(runs).toEqual([0]);

    clock = 10_000;
    await s.tick();
    expect(runs).toHaveLength(1);
    // A local write brings the run forward to the debounce.
    write();
    await s.tick();
    clock = 14_999;
    await s.tick();
    expect(runs).toHaveLength(1);
    clock = 15_000;
    await s.tick();
    expect(runs).toEqual([0, 15_000]);

    // That run failed: the next waits two intervals, and a write does not bring it forward.
    const failedAt = clock;
    write();
    clock = failedAt + minute;
    await s.tick();
    expect(runs).toHaveLength(2);
    clock = failedAt + 2 * minute;
    await s.tick();
    expect(runs).toHaveLength(3);
    // Failed again: four intervals.
    clock += 3 * minute;
    await s.tick();
    expect(runs).toHaveLength(3);
    clock += minute;
    await s.tick();
    expect(runs).toHaveLength(4);
    // Succeeded: back to the interval.
    clock += minute;
    await s.tick();
    expect(runs).toHaveLength(5);
  });

  it('stays quiet after a paused run (sign-in needed) until resumed, and after stop', async () => {
    clock = 0;
    const { runs, scheduler: s } = stubScheduler(['paused']);
    s.start();
    await s.tick();
    clock += 60 * minute;
    await s.tick();
    expect(runs).toHaveLength(1);
    s.resume('ok');
    clock += minute;
    await s.tick();
    expect(runs).toHaveLength(2);
    await s.stop();
    clock += 60 * minute;
    await s.tick();
    expect(runs).toHaveLength(2);
  });
});

describe('background sync of a joined device', () => {
  it('runs on unlock, pushes a write after the debounce, stops on lock and never throws when offline', async () => {
    clock = Date.parse('2026-11-23T09:00:00Z');
    const server = createFakeServer();
    device = await createSyncTestDevice(server, { now: () => clock, syncIntervalMs: minute, syncDebounceMs: 5_000 });
    const { ctx } = device;
    await joinAsAdmin(device, server);
    const background = ctx.sync.scheduler;
    expect(background.started).toBe(true);

    const district = await addDistrict(ctx.sessions, { name: 'Tagounite' });
    await background.tick();
    expect(server.pushed).toHaveLength(0);
    clock += 5_000;
    await background.tick();
    expect(server.pushed.map((change) => change.row_id)).toContain(district.id);
    expect((await ctx.sync.status()).pending).toBe(0);

    server.knobs.offline = true;
    clock += minute;
    await expect(background.tick()).resolves.toBeUndefined();
    expect((await ctx.sync.status()).state).toBe('offline');

    await ctx.sessions.lock();
    expect(background.started).toBe(false);
    server.knobs.offline = false;
    await ctx.sessions.unlock('admin', server.admin.password);
    expect(background.started).toBe(true);
    await device.settle();
    expect((await ctx.sync.status()).state).toBe('idle');
  });
});
