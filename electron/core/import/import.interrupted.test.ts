import { spawn } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit/audit.repository.ts';
import { integrityOk } from '../db/store.ts';
import { adminPassword, createTestDevice, type TestDevice } from '../testing.ts';
import { batchSize, importRegistry } from './import.service.ts';
import { repeatedSampleExtract } from './testing/large-extract.ts';

let device: TestDevice;
beforeEach(async () => {
  device = await createTestDevice();
});
afterEach(async () => {
  await device.cleanup();
});

describe('an import killed with SIGKILL', () => {
  it('leaves a consistent store, and a rerun completes it', async () => {
    const file = join(device.dataDir, 'large.csv');
    await writeFile(file, await repeatedSampleExtract(150));
    await device.sessions.lock();

    const script = new URL('./testing/import-child.ts', import.meta.url).pathname;
    const child = spawn(process.execPath, [script, device.dataDir, file], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, MOWAKABA_PASSWORD: adminPassword },
    });
    const lines: string[] = [];
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      createInterface({ input: child.stdout }).on('line', (line) => {
        lines.push(line);
        if (line.startsWith('written ')) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(lines).not.toContain('done');

    await device.sessions.unlock('admin', adminPassword);
    const { store } = device.sessions.require();
    expect(integrityOk(store.sqlite)).toBe(true);
    expect((await verifyAudit(store.db)).ok).toBe(true);
    const written = Number((store.sqlite.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n);
    expect(written).toBeGreaterThanOrEqual(batchSize);
    expect(written).toBeLessThan(6000);
    expect(written % batchSize).toBe(0);

    const rerun = await importRegistry(device.sessions, { source: { kind: 'path', path: file }, dryRun: false });
    expect(rerun.households.created + rerun.households.unchanged).toBe(6000);
    expect(rerun.households.unchanged).toBe(written);
    const searchRows = Number((store.sqlite.prepare('SELECT count(*) AS n FROM member_search').get() as { n: number }).n);
    const members = Number((store.sqlite.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n);
    expect(searchRows).toBe(members);
  }, 60_000);
});
