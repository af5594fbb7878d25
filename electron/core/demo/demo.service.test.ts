import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listScopedHouseholds } from '../households/households.service.ts';
import { myQueue } from '../plans/queue.service.ts';
import { createTestDevice, type TestDevice } from '../testing.ts';
import { populateDemo } from './demo.service.ts';

let device: TestDevice;
beforeEach(async () => {
  device = await createTestDevice();
});
afterEach(async () => {
  await device.cleanup();
});

describe('demonstration data', () => {
  it('fills an empty branch once, with accounts that can sign in and a queue to work on', async () => {
    const demo = await populateDemo(device.sessions, 120);
    expect(demo).toMatchObject({ households: 120 });
    expect(demo.plans).toBeGreaterThan(0);
    expect((await listScopedHouseholds(device.sessions, {})).total).toBe(120);
    await expect(populateDemo(device.sessions, 50)).rejects.toMatchObject({ reason: 'not-empty' });

    const worker = demo.accounts.find((account) => account.role === 'worker');
    await device.sessions.lock();
    await device.sessions.unlock(worker?.username ?? '', worker?.password ?? '');
    expect((await myQueue(device.sessions)).length).toBeGreaterThan(0);
  });
});
