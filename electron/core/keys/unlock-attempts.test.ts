import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attemptsPath, readAttempts, recordFailure, recordSuccess, retryAfterMs } from './unlock-attempts.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowakaba-attempts-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const start = 1_800_000_000_000;

describe('retryAfterMs', () => {
  it('lets the first three failures retry at once, then doubles the wait from 2 s up to 15 min', () => {
    const waits = [0, 1, 2, 3, 4, 5, 6, 12, 13, 14, 1000].map((failures) => retryAfterMs({ failures, lastFailureAt: start }, start));
    expect(waits).toEqual([0, 0, 0, 0, 2_000, 4_000, 8_000, 512_000, 900_000, 900_000, 900_000]);
  });

  it('counts down from the last failure', () => {
    const state = { failures: 5, lastFailureAt: start };
    expect(retryAfterMs(state, start + 1_500)).toBe(2_500);
    expect(retryAfterMs(state, start + 4_000)).toBe(0);
    expect(retryAfterMs(state, start + 60_000)).toBe(0);
  });

  it('never asks for more than the full delay when the clock was set back', () => {
    expect(retryAfterMs({ failures: 4, lastFailureAt: start }, start - 3_600_000)).toBe(2_000);
  });
});

describe('persisted attempts', () => {
  it('starts at zero when nothing was recorded', async () => {
    expect(await readAttempts(dir)).toEqual({ failures: 0, lastFailureAt: 0 });
    expect(await readAttempts(join(dir, 'no', 'such', 'folder'))).toEqual({ failures: 0, lastFailureAt: 0 });
  });

  it('keeps growing delays across re-reads, as after a restart, until a success clears them', async () => {
    for (let i = 0; i < 4; i += 1) await recordFailure(dir, start + i);
    expect(retryAfterMs(await readAttempts(dir), start + 3)).toBe(2_000);
    const fifth = await recordFailure(dir, start + 10);
    expect(fifth).toEqual({ failures: 5, lastFailureAt: start + 10 });
    expect(retryAfterMs(await readAttempts(dir), start + 10)).toBe(4_000);

    await recordSuccess(dir);
    expect(await readAttempts(dir)).toEqual({ failures: 0, lastFailureAt: 0 });
    expect(retryAfterMs(await readAttempts(dir), start + 10)).toBe(0);
  });

  it('counts failures that arrive together', async () => {
    await Promise.all(Array.from({ length: 6 }, (_, i) => recordFailure(dir, start + i)));
    expect((await readAttempts(dir)).failures).toBe(6);
  });

  it('writes an owner-only file and leaves no temp files', async () => {
    await recordFailure(dir, start);
    expect(await readdir(dir)).toEqual(['unlock-attempts.json']);
    if (process.platform !== 'win32') expect((await stat(attemptsPath(dir))).mode & 0o777).toBe(0o600);
  });

  it.each(['', '{"failures":', '{"failures":-1,"lastFailureAt":0}', '[]', '{"failures":"9","lastFailureAt":0}'])(
    'treats a damaged file (%j) as no failures',
    async (content) => {
      await writeFile(attemptsPath(dir), content);
      expect(await readAttempts(dir)).toEqual({ failures: 0, lastFailureAt: 0 });
      expect(await recordFailure(dir, start)).toEqual({ failures: 1, lastFailureAt: start });
    },
  );
});
