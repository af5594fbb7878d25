import { mkdtemp, rm, stat } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeRegistryCsv, generateCaseActivity, mixedSearchQueries } from '../demo/generator.ts';
import { storePath } from '../db/store.ts';
import { getHouseholdFile, updateHousehold } from '../households/households.service.ts';
import { importRegistry } from '../import/import.service.ts';
import { defaultKdfParams, type KdfParams } from '../keys/kdf.ts';
import { branchOverview } from '../plans/branch.service.ts';
import { myQueue } from '../plans/queue.service.ts';
import { searchHouseholds } from '../search/search.service.ts';
import { createSessionManager, type SessionManager } from '../session/session.service.ts';
import { addUser, listBranchDistricts } from '../users/users.service.ts';
import { distribution, round, timed, type Distribution } from './stats.ts';

export interface BenchOptions {
  households: number;
  seed?: number;
  kdf?: KdfParams;
  /** Also run on an unencrypted store to report the encrypted/plain ratio. */
  compare?: boolean;
  log?: (line: string) => void;
}

export interface StoreResult {
  unlockMs: number;
  unlockToFirstQueueMs: number;
  importSeconds: number;
  search: Distribution;
  queue: Distribution;
  /** The queue right after a write (nothing cached): what the worker waits for after each change. */
  queueAfterWrite: Distribution;
  caseloadOverviewMs: number;
  householdFile: Distribution;
  write: Distribution;
  storeBytes: number;
  counts: { households: number; members: number; plans: number; actions: number; visits: number; workers: number };
}

export interface BenchResult {
  date: string;
  machine: { cpus: number; node: string; platform: string };
  households: number;
  encrypted: StoreResult;
  plain: StoreResult | null;
  /** Encrypted ÷ plain for each timing (1.00 = no cost). */
  ratio: Record<string, number> | null;
}

const adminPassword = 'bench-admin-password';
const workerPassword = 'bench-worker-password';

const fileSize = async (path: string) => (await stat(path).catch(() => ({ size: 0 }))).size;

/** Runs every measurement on one fresh store (encrypted unless told otherwise). */
const benchStore = async (options: Required<Pick<BenchOptions, 'households' | 'seed'>> & { kdf: KdfParams; plaintext: boolean; log: (line: string) => void }) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mowakaba-bench-'));
  const sessions: SessionManager = createSessionManager({ dataDir, kdf: options.kdf, emit: () => undefined, plaintextForBenchmark: options.plaintext });
  const label = options.plaintext ? 'plain' : 'encrypted';
  try {
    await sessions.setup({ branchName: 'Bench', adminUsername: 'admin', adminDisplayName: 'Admin', password: adminPassword });
    const csv = join(dataDir, 'extract.csv');
    const generated = await writeRegistryCsv(csv, { seed: options.seed, households: options.households });
    options.log(`[${label}] extract: ${generated.households} households, ${generated.members} members`);

    const imported = await timed(() => importRegistry(sessions, { source: { kind: 'path', path: csv }, dryRun: false }));
    options.log(`[${label}] import: ${round(imported.ms / 1000)} s`);

    const districts = await listBranchDistricts(sessions);
    const workerCount = Math.max(2, Math.round(options.households / 2500));
    const workers: string[] = [];
    for (let i = 0; i < workerCount; i += 1) {
      const user = await addUser(sessions, {
        username: `worker${i}`,
        displayName: `Worker ${i}`,
        role: 'worker',
        districtIds: districts.length ? [districts[i % districts.length]?.id ?? ''] : [],
        password: workerPassword,
      });
      workers.push(user.id);
    }
    const session = sessions.require();
    const today = new Date().toISOString().slice(0, 10);
    const activity = generateCaseActivity(session.store.sqlite, { branchId: session.branch.id, userIds: workers }, {
      seed: options.seed,
      today,
      plansPerHousehold: 0.6,
      actionsPerPlan: 5,
      visitsPerHousehold: 5,
    });
    options.log(`[${label}] activity: ${activity.plans} plans, ${activity.actions} actions, ${activity.visits} visits`);
    session.store.sqlite.pragma('optimize');

    // Search, as the admin (the whole branch).
    const sample = session.store.sqlite
      .prepare(
        `SELECT m.first_name_ar AS firstNameAr, m.last_name_ar AS lastNameAr, m.first_name_lat AS firstNameLat, m.last_name_lat AS lastNameLat,
                m.national_id AS nationalId, h.phone AS phone, h.registry_ref AS householdRef
         FROM members m JOIN households h ON h.id = m.household_id ORDER BY m.rowid LIMIT 2000`,
      )
      .all() as Parameters<typeof mixedSearchQueries>[1];
    const queries = mixedSearchQueries(options.seed, sample, 240);
    const searchTimes: number[] = [];
    for (const query of queries) searchTimes.push((await timed(() => searchHouseholds(sessions, query, 20))).ms);

    const overview = await timed(() => branchOverview(sessions));
    const ids = (session.store.sqlite.prepare('SELECT id FROM households ORDER BY rowid').all() as { id: string }[]).map((row) => row.id);
    const fileTimes: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const id = ids[(i * 7919) % ids.length] ?? '';
      fileTimes.push((await timed(() => getHouseholdFile(sessions, id))).ms);
    }
    const writeTimes: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const id = ids[(i * 104729) % ids.length] ?? '';
      writeTimes.push((await timed(() => updateHousehold(sessions, { id, notes: `note ${i}` }))).ms);
    }

    // Unlock as a worker (Argon2id + open), then her queue.
    await sessions.lock();
    const unlock = await timed(() => sessions.unlock('worker0', workerPassword));
    const firstQueue = await timed(() => myQueue(sessions));
    const queueTimes: number[] = [];
    for (let i = 0; i < 30; i += 1) queueTimes.push((await timed(() => myQueue(sessions))).ms);
    const mine = firstQueue.value.map((item) => item.householdId);
    const coldTimes: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      await updateHousehold(sessions, { id: mine[i % mine.length] ?? '', notes: `visit note ${i}` });
      coldTimes.push((await timed(() => myQueue(sessions))).ms);
    }
    options.log(`[${label}] queue items for worker0: ${firstQueue.value.length}`);

    const counts = sessions.require().store.sqlite.prepare(
      'SELECT (SELECT count(*) FROM households) AS households, (SELECT count(*) FROM members) AS members',
    ).get() as { households: number; members: number };
    await sessions.close();
    const storeBytes = (await fileSize(storePath(dataDir))) + (await fileSize(`${storePath(dataDir)}-wal`));
    return {
      unlockMs: round(unlock.ms),
      unlockToFirstQueueMs: round(unlock.ms + firstQueue.ms),
      importSeconds: round(imported.ms / 1000),
      search: distribution(searchTimes),
      queue: distribution(queueTimes),
      queueAfterWrite: distribution(coldTimes),
      caseloadOverviewMs: round(overview.ms),
      householdFile: distribution(fileTimes),
      write: distribution(writeTimes),
      storeBytes,
      counts: { ...counts, ...activity, workers: workerCount },
    } satisfies StoreResult;
  } finally {
    await sessions.close();
    await rm(dataDir, { recursive: true, force: true });
  }
};

/** The benchmark: the same workload on an encrypted store and, to compare, a plain one. */
export const runBench = async (options: BenchOptions): Promise<BenchResult> => {
  const log = options.log ?? (() => undefined);
  const common = { households: options.households, seed: options.seed ?? 2026, kdf: options.kdf ?? defaultKdfParams, log };
  const encrypted = await benchStore({ ...common, plaintext: false });
  const plain = options.compare === false ? null : await benchStore({ ...common, plaintext: true });
  const ratio = plain
    ? {
        import: round(encrypted.importSeconds / plain.importSeconds),
        searchP95: round(encrypted.search.p95 / plain.search.p95),
        queueP95: round(encrypted.queue.p95 / plain.queue.p95),
        queueAfterWriteP95: round(encrypted.queueAfterWrite.p95 / plain.queueAfterWrite.p95),
        caseloadOverview: round(encrypted.caseloadOverviewMs / plain.caseloadOverviewMs),
        householdFileP95: round(encrypted.householdFile.p95 / plain.householdFile.p95),
        writeP95: round(encrypted.write.p95 / plain.write.p95),
      }
    : null;
  return {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, platform: `${process.platform}-${process.arch}` },
    households: options.households,
    encrypted,
    plain,
    ratio,
  };
};
