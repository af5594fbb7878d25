// `npm run bench:sync -- [--households N] [--changes 1000] [--json FILE] [--server-process] [--postgres URL]`:
// times sync between two devices and a branch server at branch scale.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { round } from '../../electron/core/bench/stats.ts';
import { storePath } from '../../electron/core/db/store.ts';
import { writeRegistryCsv } from '../../electron/core/demo/generator.ts';
import { defaultKdfParams, deriveKey, fastTestKdfParams, type KdfParams } from '../../electron/core/keys/kdf.ts';
import { emptyReport, pushAll } from '../../electron/core/sync/run.ts';
import { createAdminUser } from '../../electron/core/sync/server-api.ts';
import type { ServerBackend } from '../../server/testing.ts';
import { createDevice as createSupportDevice, type Device } from '../sync/support.ts';
import { createRecorder, pullPath, pushPath, snapshotPath, type Recorder, type Window } from './recorder.ts';
import { installQueryTiming, takeQueryTimings, type StatementTiming } from './query-timing.ts';
import { startBenchServer, type ServerPlacement, type ServerStats } from './server-host.ts';

/**
 * The sync benchmark: an office device (the branch admin) imports a generated registry of N
 * households and pushes it; a manager's new device joins and takes the branch's first snapshot;
 * then 1,000 field-level changes made at the office are pushed and pulled by the manager's device.
 * Devices are the core behind the contract, as the app runs it; the server is the real one.
 */

export interface SyncBenchOptions {
  households: number;
  /** Field-level changes made at the office, then pushed and pulled (default 1,000). */
  changes?: number;
  seed?: number;
  /** Argon2id cost of the devices' key slots (default: the app's). */
  kdf?: KdfParams;
  backend?: ServerBackend;
  placement?: ServerPlacement;
  /** Node options for a server in a child process (e.g. `--cpu-prof`). */
  serverExecArgv?: string[];
  /** What-if: ANALYZE the server's database this often (seconds), as autovacuum would; PGlite has none. */
  analyzeEverySeconds?: number;
  /**
   * False for runs too big to wait for: the office pushes its import but does not pull its own
   * changes back (its first sync:now would); the changes are then made on the second device
   * (the manager's, at the head after its snapshot) and pulled by a third one (another manager).
   */
  pullBack?: boolean;
  /** Diagnostics: time the server's statements per step (server in this process only). */
  queryTiming?: boolean;
  log?: (line: string) => void;
}

/** One sync:now, split where the first pull starts; `wait` is time spent waiting for the server. */
export interface SyncTiming {
  seconds: number;
  pushSeconds: number;
  pullSeconds: number;
  pushed: number;
  pulled: number;
  pushRequests: number;
  pullRequests: number;
  pushWaitSeconds: number;
  pullWaitSeconds: number;
  sentBytes: number;
  receivedBytes: number;
}

export interface SyncBenchResult {
  date: string;
  /** The checked-out commit (the app changes fast; null outside a git checkout). */
  commit: string | null;
  machine: { cpus: number; node: string; platform: string };
  backend: ServerBackend;
  placement: ServerPlacement;
  /** `office-writes`: as described above; `no-pull-back`: see SyncBenchOptions.pullBack. */
  flow: 'office-writes' | 'no-pull-back';
  /** Set when the what-if ANALYZE timer ran (not what the server does by itself). */
  analyzeEverySeconds: number | null;
  households: number;
  members: number;
  changes: number;
  /** The office's import of the generated extract (before any sync). */
  importSeconds: number;
  /** The office's first sync:now: every imported row pushed as field-level changes, then pulled back (not with no-pull-back). */
  initialSync: SyncTiming & { opsPerSecond: number };
  /** A manager's new device joins: sign-in, the branch's first snapshot, the store created. */
  snapshot: {
    seconds: number;
    rows: number;
    rowsPerSecond: number;
    waitSeconds: number;
    deviceSeconds: number;
    /** Of the join: the store's three key slots (Argon2id, a fixed cost whatever the size), timed apart. */
    keySlotsSeconds: number;
    receivedBytes: number;
  };
  /** The local writes of the changes (households:update of notes), at the office (no-pull-back: on the manager's device). */
  writeSeconds: number;
  /** sync:now on the device that made the changes. */
  push: SyncTiming;
  /** sync:now on the other device after that: the manager's (no-pull-back: the third device's). */
  pull: SyncTiming;
  convergence: { officeHouseholds: number; secondHouseholds: number; changed: number; changedOnSecond: number };
  sizes: { officeStoreBytes: number; secondStoreBytes: number; server: ServerStats };
  /** With `queryTiming`: the server's slowest statement shapes in each timed step. */
  queries: Record<'initialSync' | 'snapshot' | 'push' | 'pull', StatementTiming[]> | null;
}

const managerPassword = 'bench-manager-password';

/** A device as the app runs it (no background timer), whose requests go through `recorder`. */
const createDevice = (kdf: KdfParams, recorder: Recorder): Promise<Device> => createSupportDevice({ kdf, fetch: recorder.fetch });

const seconds = (ms: number) => round(ms / 1000, 3);

const syncTiming = (report: { pushed: number; pulled: number }, window: Window, totalMs: number): SyncTiming => {
  const push = window.byPath[pushPath];
  const pull = window.byPath[pullPath];
  const all = Object.values(window.byPath);
  return {
    seconds: seconds(totalMs),
    pushSeconds: seconds(window.pushPhaseMs),
    pullSeconds: seconds(window.pullPhaseMs),
    pushed: report.pushed,
    pulled: report.pulled,
    pushRequests: push?.requests ?? 0,
    pullRequests: pull?.requests ?? 0,
    pushWaitSeconds: seconds(push?.waitMs ?? 0),
    pullWaitSeconds: seconds(pull?.waitMs ?? 0),
    sentBytes: all.reduce((sum, path) => sum + path.sentBytes, 0),
    receivedBytes: all.reduce((sum, path) => sum + path.receivedBytes, 0),
  };
};

/** Pushes the device's outbox without pulling (the first half of sync:now), timed. */
const timedPushOnly = async (device: Device, recorder: Recorder): Promise<SyncTiming> => {
  const mark = recorder.mark();
  const started = performance.now();
  const report = await device.ctx.sync.online(async (connection) => {
    const pushed = emptyReport();
    await pushAll({ ...connection, onUsersChanged: async () => undefined }, pushed);
    return pushed;
  });
  const ended = performance.now();
  return syncTiming(report, recorder.since(mark, started, ended), ended - started);
};

/** Runs sync:now once on `device`, timed and split into its push and pull. */
const timedSync = async (device: Device, recorder: Recorder): Promise<SyncTiming> => {
  const mark = recorder.mark();
  const started = performance.now();
  const report = await device.call('sync:now');
  const ended = performance.now();
  return syncTiming(report, recorder.since(mark, started, ended), ended - started);
};

const headCommit = (): string | null => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: new URL('.', import.meta.url).pathname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
};

const fileSize = async (path: string) => (await stat(path).catch(() => ({ size: 0 }))).size;
const storeBytes = async (device: Device) => (await fileSize(storePath(device.dataDir))) + (await fileSize(`${storePath(device.dataDir)}-wal`));
const sqliteOf = (device: Device) => device.ctx.sessions.require().store.sqlite;
const householdTotal = async (device: Device) => (await device.call('households:list', { limit: 1 })).total;

/** Runs the benchmark once; every timed step runs once (they are big). */
export const runSyncBench = async (options: SyncBenchOptions): Promise<SyncBenchResult> => {
  const log = options.log ?? (() => undefined);
  const changes = options.changes ?? 1000;
  const pullBack = options.pullBack ?? true;
  const backend = options.backend ?? 'pglite';
  const placement = options.placement ?? 'in-process';
  const kdf = options.kdf ?? defaultKdfParams;
  const recorder = createRecorder({ progress: log });
  const queryTiming = options.queryTiming === true && placement === 'in-process';
  if (queryTiming) installQueryTiming();
  const queries: Partial<Record<keyof NonNullable<SyncBenchResult['queries']>, StatementTiming[]>> = {};
  const takeQueries = (step: keyof typeof queries) => {
    if (queryTiming) queries[step] = takeQueryTimings();
  };
  const work = await mkdtemp(join(tmpdir(), 'mowakaba-sync-bench-extract-'));
  const server = await startBenchServer({
    backend,
    placement,
    ...(options.serverExecArgv ? { execArgv: options.serverExecArgv } : {}),
    ...(options.analyzeEverySeconds ? { analyzeEverySeconds: options.analyzeEverySeconds } : {}),
  });
  const devices: Device[] = [];
  try {
    log(`server: ${backend}, ${placement}, ${server.url}`);
    const csv = join(work, 'extract.csv');
    const generated = await writeRegistryCsv(csv, { seed: options.seed ?? 2026, households: options.households });
    log(`extract: ${generated.households} households, ${generated.members} members`);

    const office = await createDevice(kdf, recorder);
    devices.push(office);
    await office.call('sync:join', { server: server.url, username: server.admin.username, password: server.admin.password, deviceName: 'Branch office' });
    let started = performance.now();
    await office.call('import:run', { source: { kind: 'path', path: csv }, dryRun: false });
    const importMs = performance.now() - started;
    log(`import: ${seconds(importMs)} s`);

    takeQueryTimings();
    const initial = pullBack ? await timedSync(office, recorder) : await timedPushOnly(office, recorder);
    takeQueries('initialSync');
    log(`initial sync: ${initial.seconds} s (push ${initial.pushSeconds} s of ${initial.pushed} ops, pull back ${initial.pullSeconds} s of ${initial.pulled})`);

    if (pullBack) {
      // Accounts are the server's: users:add goes through its admin API, then syncs.
      await office.call('users:add', { username: 'manager', displayName: 'Manager', role: 'manager', districtIds: [], password: managerPassword });
      await office.call('sync:now');
    } else {
      // The same admin API call without users:add's sync (which would pull the import back).
      for (const username of ['manager', 'manager2']) {
        const body = { username, display_name: username, role: 'manager', password: managerPassword, district_ids: [] };
        await office.ctx.sync.online((connection) => connection.auth.call((token) => createAdminUser(connection.http, token, body)));
      }
    }

    // The join wraps the store's key under three slots (password, recovery code, device secret).
    started = performance.now();
    for (let i = 0; i < 3; i += 1) await deriveKey('bench-secret', randomBytes(16), kdf);
    const keySlotsMs = performance.now() - started;

    const manager = await createDevice(kdf, recorder);
    devices.push(manager);
    const mark = recorder.mark();
    takeQueryTimings();
    started = performance.now();
    await manager.call('sync:join', { server: server.url, username: 'manager', password: managerPassword, deviceName: 'Manager laptop' });
    const joinMs = performance.now() - started;
    takeQueries('snapshot');
    const joinWindow = recorder.since(mark, started, started + joinMs);
    const snapshotWait = joinWindow.byPath[snapshotPath];
    const waitMs = Object.values(joinWindow.byPath).reduce((sum, path) => sum + path.waitMs, 0);
    const rows = (sqliteOf(manager).prepare('SELECT count(*) AS n FROM sync_rows').get() as { n: number }).n;
    log(`first snapshot: ${seconds(joinMs)} s, ${rows} rows`);

    let writer = office;
    let reader = manager;
    if (!pullBack) {
      const third = await createDevice(kdf, recorder);
      devices.push(third);
      started = performance.now();
      await third.call('sync:join', { server: server.url, username: 'manager2', password: managerPassword, deviceName: 'Second manager laptop' });
      log(`third device joined: ${seconds(performance.now() - started)} s (not a measure)`);
      writer = manager;
      reader = third;
    }

    // Field-level changes spread over the branch: one households:update of notes each.
    const ids = (sqliteOf(writer).prepare('SELECT id FROM households ORDER BY rowid').all() as { id: string }[]).map((row) => row.id);
    const changed = new Map<string, string>();
    started = performance.now();
    for (let i = 0; i < changes; i += 1) {
      const id = ids[Math.floor((i * ids.length) / changes) % ids.length] ?? '';
      const notes = `Bench change ${i}`;
      await writer.call('households:update', { id, notes });
      changed.set(id, notes);
    }
    const writeMs = performance.now() - started;
    takeQueryTimings();
    const push = await timedSync(writer, recorder);
    takeQueries('push');
    log(`push of ${changes} changes: ${push.seconds} s (push ${push.pushSeconds} s, pull back ${push.pullSeconds} s)`);
    const pull = await timedSync(reader, recorder);
    takeQueries('pull');
    log(`pull of ${changes} changes: ${pull.seconds} s`);

    // Convergence: the households the office imported, and every change as its writer has it.
    const notesOn = (device: Device) => {
      const read = sqliteOf(device).prepare('SELECT notes FROM households WHERE id = ?');
      return (id: string) => (read.get(id) as { notes: string | null } | undefined)?.notes ?? null;
    };
    const onWriter = notesOn(writer);
    const onReader = notesOn(reader);
    const changedOnSecond = [...changed].filter(([id, notes]) => onWriter(id) === notes && onReader(id) === notes).length;
    const convergence = { officeHouseholds: await householdTotal(office), secondHouseholds: await householdTotal(reader), changed: changed.size, changedOnSecond };

    const sizes = { officeStoreBytes: await storeBytes(office), secondStoreBytes: await storeBytes(manager), server: await server.stats() };
    const deviceMs = joinMs - waitMs;
    return {
      date: new Date().toISOString(),
      commit: headCommit(),
      machine: { cpus: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` },
      backend,
      placement,
      flow: pullBack ? 'office-writes' : 'no-pull-back',
      analyzeEverySeconds: options.analyzeEverySeconds ?? null,
      households: generated.households,
      members: generated.members,
      changes,
      importSeconds: seconds(importMs),
      initialSync: { ...initial, opsPerSecond: Math.round(initial.pushed / Math.max(initial.pushSeconds, 0.001)) },
      snapshot: {
        seconds: seconds(joinMs),
        rows,
        rowsPerSecond: Math.round(rows / Math.max(joinMs / 1000, 0.001)),
        waitSeconds: seconds(waitMs),
        deviceSeconds: seconds(deviceMs),
        keySlotsSeconds: seconds(keySlotsMs),
        receivedBytes: snapshotWait?.receivedBytes ?? 0,
      },
      writeSeconds: seconds(writeMs),
      push,
      pull,
      convergence,
      sizes,
      queries: queryTiming ? (queries as NonNullable<SyncBenchResult['queries']>) : null,
    };
  } finally {
    for (const device of devices.reverse()) await device.close().catch(() => undefined);
    await server.close();
    await rm(work, { recursive: true, force: true });
  }
};

/** The benchmark issue's sync targets, at the reference size of 100,000 households. */
export const syncTargets = {
  /** Push and pull of 1,000 changes, together. */
  pushPullSeconds: 1,
  /** The first snapshot of the branch at 100,000 households (scaled to smaller runs). */
  snapshotSeconds: 60,
  referenceHouseholds: 100_000,
};

const mib = (bytes: number) => `${round(bytes / 1024 / 1024, 1)} MiB`;
const n = (value: number) => value.toLocaleString('en');
const row = (name: string, value: string, target: string, ok: boolean | null) =>
  `| ${name.padEnd(40)} | ${value.padStart(26)} | ${target.padStart(9)} | ${ok === null ? '   ' : ok ? 'met' : 'MISSED'} |`;

/** A Markdown table of the results with the targets. */
export const formatSyncTable = (result: SyncBenchResult): string => {
  const { initialSync: initial, snapshot, push, pull } = result;
  const scale = result.households / syncTargets.referenceHouseholds;
  // The target is set at the reference size; a smaller run is projected to it linearly (the key
  // slots are a fixed cost). Per-row costs grow with the store, so a projection is a lower bound.
  const atReference = scale >= 1;
  const projected = round(snapshot.keySlotsSeconds + (snapshot.seconds - snapshot.keySlotsSeconds) / scale, 1);
  const both = round(push.seconds + pull.seconds, 3);
  const office = result.flow === 'office-writes';
  return [
    `Households: ${n(result.households)} (members ${n(result.members)}); server on ${result.backend}, ${result.placement}${result.analyzeEverySeconds ? `, ANALYZE every ${result.analyzeEverySeconds} s (what-if)` : ''}; ${n(result.changes)} changes${office ? '' : '; no pull back (changes made on the second device, pulled by a third)'}`,
    `Machine: ${result.machine.cpus} cores, Node ${result.machine.node}, ${result.machine.platform}; ${result.date}${result.commit ? `; commit ${result.commit}` : ''}`,
    '',
    `| ${'measure'.padEnd(40)} | ${'value'.padStart(26)} | ${'target'.padStart(9)} | ok  |`,
    `|${'-'.repeat(42)}|${'-'.repeat(27)}:|${'-'.repeat(10)}:|-----|`,
    row('import at the office (before sync)', `${result.importSeconds} s`, '', null),
    row('initial sync: push', `${initial.pushSeconds} s`, '', null),
    row('  ops pushed, ops/s', `${n(initial.pushed)}, ${n(initial.opsPerSecond)}/s`, '', null),
    row('  waiting for the server (push)', `${initial.pushWaitSeconds} s`, '', null),
    row('initial sync: pull back of own ops', office ? `${initial.pullSeconds} s` : 'not run', '', null),
    row('  waiting for the server (pull)', office ? `${initial.pullWaitSeconds} s` : 'not run', '', null),
    row('first snapshot (join)', `${snapshot.seconds} s`, atReference ? `${syncTargets.snapshotSeconds} s` : '', atReference ? snapshot.seconds <= syncTargets.snapshotSeconds : null),
    ...(atReference ? [] : [row('  linear projection to 100,000 households', `≥ ${projected} s`, `${syncTargets.snapshotSeconds} s`, null)]),
    row('  rows, rows/s', `${n(snapshot.rows)}, ${n(snapshot.rowsPerSecond)}/s`, '', null),
    row('  waiting for the server / on device', `${snapshot.waitSeconds} / ${snapshot.deviceSeconds} s`, '', null),
    row('  of which key slots (3 × Argon2id)', `${snapshot.keySlotsSeconds} s`, '', null),
    row(`push of ${n(result.changes)} edits (sync:now)`, `${push.seconds} s (${n(push.pushed)} ops)`, '', null),
    row('  push phase / pull back', `${push.pushSeconds} / ${push.pullSeconds} s`, '', null),
    row(`pull of them (${office ? 'second' : 'third'} device)`, `${pull.seconds} s (${n(pull.pulled)} ops)`, '', null),
    row('push + pull', `${both} s`, `${syncTargets.pushPullSeconds} s`, both <= syncTargets.pushPullSeconds),
    row('office store', mib(result.sizes.officeStoreBytes), '', null),
    row('second device store', mib(result.sizes.secondStoreBytes), '', null),
    row('server database (ops, rows)', `${mib(result.sizes.server.databaseBytes)} (${n(result.sizes.server.ops)}, ${n(result.sizes.server.rows)})`, '', null),
    '',
    `Converged: ${n(result.convergence.secondHouseholds)} / ${n(result.convergence.officeHouseholds)} households, ${n(result.convergence.changedOnSecond)} / ${n(result.convergence.changed)} changes on the ${office ? 'second' : 'third'} device.`,
  ].join('\n');
};

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      households: { type: 'string', default: '2000' },
      changes: { type: 'string', default: '1000' },
      json: { type: 'string' },
      seed: { type: 'string', default: '2026' },
      postgres: { type: 'string' },
      'server-process': { type: 'boolean', default: false },
      'server-cpu-prof': { type: 'string' },
      'fast-kdf': { type: 'boolean', default: false },
      'analyze-every': { type: 'string' },
      'query-timing': { type: 'boolean', default: false },
      'no-pull-back': { type: 'boolean', default: false },
    },
  });
  const households = Number(values.households);
  const changes = Number(values.changes);
  if (!Number.isInteger(households) || households < 10 || !Number.isInteger(changes) || changes < 1) {
    console.error('error: validation: --households must be a whole number ≥ 10 and --changes ≥ 1');
    process.exit(2);
  }
  if (values.postgres) process.env.MOWAKABA_TEST_DATABASE_URL = values.postgres;
  const print = (line: string) => process.stdout.write(`${line}\n`);
  const result = await runSyncBench({
    households,
    changes,
    seed: Number(values.seed),
    kdf: values['fast-kdf'] ? fastTestKdfParams : defaultKdfParams,
    backend: values.postgres ? 'postgres' : 'pglite',
    placement: values['server-process'] || values['server-cpu-prof'] ? 'child-process' : 'in-process',
    serverExecArgv: values['server-cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['server-cpu-prof']}`] : [],
    ...(values['analyze-every'] ? { analyzeEverySeconds: Number(values['analyze-every']) } : {}),
    queryTiming: values['query-timing'],
    pullBack: !values['no-pull-back'],
    log: (line) => print(`[${new Date().toISOString().slice(11, 19)}] ${line}`),
  });
  print(`\n${formatSyncTable(result)}`);
  for (const [step, list] of Object.entries(result.queries ?? {})) {
    print(`\nServer statements, ${step}:`);
    for (const timing of list) print(`  ${String(timing.ms).padStart(7)} ms ${String(timing.count).padStart(6)}×  ${timing.statement}`);
  }
  if (values.json) await writeFile(values.json, `${JSON.stringify(result, null, 2)}\n`);
}
