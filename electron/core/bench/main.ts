// `npm run bench -- [--households N] [--json FILE] [--no-compare]`: measures the core at branch scale.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { runBench, type BenchResult, type StoreResult } from './bench.ts';

/** The targets of the benchmark issue, checked against the encrypted store. */
export const targets = {
  searchP95Ms: 15,
  queueP95Ms: 10,
  householdFileP95Ms: 20,
  writeP95Ms: 5,
  unlockToFirstQueueMs: 1000,
  importSeconds: 60,
  encryptedPlainRatio: 1.15,
};

const row = (name: string, value: string, target: string, ok: boolean | null) =>
  `| ${name.padEnd(28)} | ${value.padStart(12)} | ${target.padStart(10)} | ${ok === null ? '   ' : ok ? 'met' : 'MISSED'} |`;

/** A Markdown table of the results with the targets (the same table goes into BENCHMARKS.md). */
export const formatTable = (result: BenchResult): string => {
  const e: StoreResult = result.encrypted;
  const scaleImport = result.households / 100_000;
  const ratioMax = result.ratio ? Math.max(...Object.values(result.ratio)) : null;
  return [
    `Households: ${result.households.toLocaleString('en')} (members ${e.counts.members.toLocaleString('en')}, plans ${e.counts.plans.toLocaleString('en')}, actions ${e.counts.actions.toLocaleString('en')}, visits ${e.counts.visits.toLocaleString('en')}, workers ${e.counts.workers})`,
    `Machine: ${result.machine.cpus} cores, Node ${result.machine.node}, ${result.machine.platform}; ${result.date}`,
    '',
    '| measure (encrypted store)    |        value |     target | ok  |',
    '|------------------------------|-------------:|-----------:|-----|',
    row('unlock (Argon2id + open)', `${e.unlockMs} ms`, '', null),
    row('unlock to first queue', `${e.unlockToFirstQueueMs} ms`, `${targets.unlockToFirstQueueMs} ms`, e.unlockToFirstQueueMs <= targets.unlockToFirstQueueMs),
    row('import', `${e.importSeconds} s`, `${round1(targets.importSeconds * scaleImport)} s`, e.importSeconds <= targets.importSeconds * scaleImport),
    row('search p50 / p95', `${e.search.p50} / ${e.search.p95} ms`, `${targets.searchP95Ms} ms`, e.search.p95 <= targets.searchP95Ms),
    row('worker queue p50 / p95', `${e.queue.p50} / ${e.queue.p95} ms`, `${targets.queueP95Ms} ms`, e.queue.p95 <= targets.queueP95Ms),
    row('queue after a write p50 / p95', `${e.queueAfterWrite.p50} / ${e.queueAfterWrite.p95} ms`, '', null),
    row('manager caseload overview', `${e.caseloadOverviewMs} ms`, '', null),
    row('open household file p95', `${e.householdFile.p95} ms`, `${targets.householdFileP95Ms} ms`, e.householdFile.p95 <= targets.householdFileP95Ms),
    row('single write p95', `${e.write.p95} ms`, `${targets.writeP95Ms} ms`, e.write.p95 <= targets.writeP95Ms),
    row('store size', `${round1(e.storeBytes / 1024 / 1024)} MiB`, '', null),
    row('encrypted / plain (worst)', ratioMax === null ? 'n/a' : `${ratioMax}`, `${targets.encryptedPlainRatio}`, ratioMax === null ? null : ratioMax <= targets.encryptedPlainRatio),
    '',
    result.ratio ? `Encrypted/plain per measure: ${Object.entries(result.ratio).map(([key, value]) => `${key} ${value}`).join(', ')}` : '',
  ].join('\n');
};

const round1 = (value: number) => Math.round(value * 10) / 10;

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      households: { type: 'string', default: '2000' },
      json: { type: 'string' },
      'no-compare': { type: 'boolean', default: false },
      seed: { type: 'string', default: '2026' },
    },
  });
  const households = Number(values.households);
  if (!Number.isInteger(households) || households < 10) {
    console.error('error: validation: --households must be a whole number ≥ 10');
    process.exit(2);
  }
  const result = await runBench({
    households,
    seed: Number(values.seed),
    compare: !values['no-compare'],
    log: (line) => console.log(line),
  });
  console.log(`\n${formatTable(result)}`);
  if (values.json) await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
}
