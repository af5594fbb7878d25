import { describe, expect, it } from 'vitest';
import { fastTestKdfParams } from '../../electron/core/keys/kdf.ts';
import { runSnapshotApply } from './snapshot-apply.ts';
import { formatSyncTable, runSyncBench } from './sync-bench.ts';

// Keeps `npm run bench:sync` working at small scale, and checks that the devices converge;
// speed itself is judged by the full run (BENCHMARKS.md), not here.
describe('the sync benchmark at small scale', () => {
  it('reports every measure and leaves the second device with what the office has', async () => {
    const result = await runSyncBench({ households: 200, changes: 100, kdf: fastTestKdfParams });

    for (const timing of [result.initialSync, result.push, result.pull]) {
      expect(timing.seconds).toBeGreaterThan(0);
      expect(timing.pullRequests).toBeGreaterThan(0);
    }
    expect(result.importSeconds).toBeGreaterThan(0);
    expect(result.initialSync.pushRequests).toBeGreaterThan(1);
    expect(result.initialSync.pushed).toBeGreaterThan(result.households * 10);
    expect(result.initialSync.opsPerSecond).toBeGreaterThan(0);
    expect(result.snapshot.seconds).toBeGreaterThan(0);
    expect(result.snapshot.rows).toBeGreaterThan(result.members);
    expect(result.snapshot.receivedBytes).toBeGreaterThan(0);
    expect(result.writeSeconds).toBeGreaterThan(0);
    // One households:update per change; each carries its field ops (notes, and updated_at).
    expect(result.push.pushed).toBeGreaterThanOrEqual(100);
    expect(result.pull.pulled).toBe(result.push.pushed);
    expect(result.sizes.officeStoreBytes).toBeGreaterThan(0);
    expect(result.sizes.secondStoreBytes).toBeGreaterThan(0);
    expect(result.sizes.server.databaseBytes).toBeGreaterThan(0);
    expect(result.sizes.server.ops).toBeGreaterThanOrEqual(result.initialSync.pushed + 100);

    // Convergence: the same households on both devices, every change as the office has it.
    expect(result.convergence.officeHouseholds).toBe(200);
    expect(result.convergence.secondHouseholds).toBe(result.convergence.officeHouseholds);
    expect(result.convergence.changed).toBe(100);
    expect(result.convergence.changedOnSecond).toBe(100);
    expect(formatSyncTable(result)).toMatch(/first snapshot/);
  }, 60_000);
});

describe('the snapshot-apply benchmark at small scale', () => {
  it('writes every row of the source branch, plans, actions and visits included', async () => {
    const result = await runSnapshotApply({ households: 100, batchRows: 500 });
    expect(result.byTable.households).toBe(100);
    for (const table of ['members', 'plans', 'actions', 'visits']) expect(result.byTable[table]).toBeGreaterThan(0);
    expect(result.rows).toBe(Object.values(result.byTable).reduce((sum, n) => sum + n, 0));
    expect(result.seconds).toBeGreaterThan(0);
  }, 60_000);
});
