import { describe, expect, it } from 'vitest';
import { fastTestKdfParams } from '../keys/kdf.ts';
import { runBench } from './bench.ts';
import { formatTable } from './main.ts';

// Keeps `npm run bench` working at small scale; speed itself is judged by the full run, not here.
describe('the benchmark at small scale', () => {
  it('runs every measure on an encrypted and a plain store and reports them all', async () => {
    const result = await runBench({ households: 2000, kdf: fastTestKdfParams });
    for (const store of [result.encrypted, result.plain]) {
      expect(store?.counts.households).toBe(2000);
      expect(store?.search.samples).toBeGreaterThanOrEqual(200);
      expect(store?.queue.samples).toBeGreaterThan(0);
      expect(store?.householdFile.samples).toBe(100);
      expect(store?.write.samples).toBe(200);
      expect(store?.storeBytes).toBeGreaterThan(0);
      expect(store?.importSeconds).toBeGreaterThan(0);
    }
    expect(Object.keys(result.ratio ?? {})).toEqual(['import', 'searchP95', 'queueP95', 'queueAfterWriteP95', 'caseloadOverview', 'householdFileP95', 'writeP95']);
    expect(formatTable(result)).toMatch(/search p50 \/ p95/);
  }, 180_000);
});
