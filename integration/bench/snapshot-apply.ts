// `npm run bench:snapshot -- [--households N] [--no-activity] [--batch-rows N] [--json FILE]`:
// times how long a device takes to write a branch's first snapshot into its new encrypted store.
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { SnapshotLine } from '../../shared/sync/api.ts';
import { round } from '../../electron/core/bench/stats.ts';
import { openStore } from '../../electron/core/db/store.ts';
import { generateCaseActivity, writeRegistryCsv } from '../../electron/core/demo/generator.ts';
import { importRegistry } from '../../electron/core/import/import.service.ts';
import { applySnapshot, snapshotBatchRows } from '../../electron/core/sync/engine/apply.ts';
import { storeRows } from '../../electron/core/sync/engine/test-support.ts';
import { createTestDevice } from '../../electron/core/testing.ts';
import { addUser } from '../../electron/core/users/users.service.ts';

/**
 * The device's half of a first snapshot, apart from the server and the network: a branch is
 * built on a source store (imported households and members; with `activity`, plans, actions and
 * visits in the benchmark issue's reference mix), its rows are streamed as a server's snapshot
 * would be, and a new encrypted store is written from them, as a joining device does.
 * `npm run bench:sync` measures the whole join with the server; this one can run at the
 * reference mix, which the sync benchmark cannot push (activity is generated outside the outbox).
 */
export interface SnapshotApplyOptions {
  households: number;
  activity?: boolean;
  batchRows?: number;
  log?: (line: string) => void;
}

export interface SnapshotApplyResult {
  households: number;
  rows: number;
  byTable: Record<string, number>;
  batchRows: number;
  seconds: number;
  rowsPerSecond: number;
}

export const runSnapshotApply = async (options: SnapshotApplyOptions): Promise<SnapshotApplyResult> => {
  const log = options.log ?? (() => undefined);
  const batchRows = options.batchRows ?? snapshotBatchRows;
  const device = await createTestDevice();
  try {
    const session = device.sessions.require();
    const csv = join(device.dataDir, 'extract.csv');
    await writeRegistryCsv(csv, { seed: 2026, households: options.households });
    await importRegistry(device.sessions, { source: { kind: 'path', path: csv }, dryRun: false });
    if (options.activity ?? true) {
      const workers: string[] = [];
      for (let i = 0; i < Math.max(2, Math.round(options.households / 2500)); i += 1) {
        const user = await addUser(device.sessions, { username: `worker${i}`, displayName: `Worker ${i}`, role: 'worker', districtIds: [], password: 'bench-worker-password' });
        workers.push(user.id);
      }
      const today = new Date().toISOString().slice(0, 10);
      generateCaseActivity(session.store.sqlite, { branchId: session.branch.id, userIds: workers }, { seed: 2026, today, plansPerHousehold: 0.6, actionsPerPlan: 5, visitsPerHousehold: 5 });
    }
    const rows = storeRows(session.store, 1);
    const byTable: Record<string, number> = {};
    for (const row of rows) byTable[row.table] = (byTable[row.table] ?? 0) + 1;
    log(`source branch built: ${rows.length} rows`);

    // Lines as the HTTP client yields them: parsed from JSON text, one at a time.
    const text = rows.map((row) => JSON.stringify({ type: 'row', ...row }));
    const header: SnapshotLine = {
      type: 'header',
      cursor: 1,
      branch: session.branch,
      user: { id: session.user.id, username: session.user.username, display_name: session.user.displayName, role: session.user.role, branch_id: session.branch.id },
    };
    async function* lines(): AsyncGenerator<SnapshotLine> {
      yield header;
      for (const line of text) yield JSON.parse(line) as SnapshotLine;
      yield { type: 'end', rows: text.length };
    }

    const target = await openStore(join(device.dataDir, 'joined.db'), randomBytes(32), { create: true });
    try {
      const started = performance.now();
      const result = await applySnapshot(target, lines(), { batchRows });
      const ms = performance.now() - started;
      return { households: options.households, rows: result.rows, byTable, batchRows, seconds: round(ms / 1000, 3), rowsPerSecond: Math.round(result.rows / (ms / 1000)) };
    } finally {
      await target.close();
    }
  } finally {
    await device.cleanup();
  }
};

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      households: { type: 'string', default: '2000' },
      'no-activity': { type: 'boolean', default: false },
      'batch-rows': { type: 'string' },
      json: { type: 'string' },
    },
  });
  const households = Number(values.households);
  const batchRows = values['batch-rows'] === undefined ? undefined : Number(values['batch-rows']);
  if (!Number.isInteger(households) || households < 10 || (batchRows !== undefined && (!Number.isInteger(batchRows) || batchRows < 1))) {
    console.error('error: validation: --households must be a whole number ≥ 10 and --batch-rows ≥ 1');
    process.exit(2);
  }
  const result = await runSnapshotApply({
    households,
    activity: !values['no-activity'],
    ...(batchRows ? { batchRows } : {}),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const tables = Object.entries(result.byTable)
    .map(([table, n]) => `${table} ${n.toLocaleString('en')}`)
    .join(', ');
  process.stdout.write(
    `Snapshot written on the device: ${result.rows.toLocaleString('en')} rows (${tables}) in ${result.seconds} s, ${result.rowsPerSecond.toLocaleString('en')} rows/s, batches of ${result.batchRows.toLocaleString('en')} rows\n`,
  );
  if (values.json) await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
}
