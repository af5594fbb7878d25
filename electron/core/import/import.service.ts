import { rm, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { setImmediate as nextTick } from 'node:timers/promises';
import type { ImportReport, ImportSource } from '../../../shared/contract/index.ts';
import { createChangeRecorder, type ChangeRecorder } from '../db/changes.ts';
import type { SqliteDatabase } from '../db/store.ts';
import { CoreError } from '../errors.ts';
import { indexNewMember, reindexMember } from '../search/search-index.ts';
import type { OpenSession, SessionManager } from '../session/session.service.ts';
import { readRegistryFile } from './registry-file.ts';
import type { RegistryHousehold, RegistryMember } from './registry-row.ts';
import { newId } from '../db/ids.ts';

/** Households per transaction: an interrupted import keeps whole batches. */
export const batchSize = 2000;

export interface ImportProgress {
  phase: 'reading' | 'writing';
  done: number;
  total: number;
}

// Registry-owned columns: an import updates these and nothing else (phone_override, notes,
// visits, plans and workers' members stay as they are).
const householdColumns = ['registry_score', 'district_id', 'region', 'province', 'locality', 'address', 'phone'] as const;
const memberColumns = [
  'household_id',
  'national_id',
  'first_name_ar',
  'last_name_ar',
  'first_name_lat',
  'last_name_lat',
  'sex',
  'birth_date',
  'relation',
  'education',
  'in_school',
  'employment',
  'disability',
  'chronic_illness',
  'health_coverage',
] as const;

type Row = Record<string, unknown> & { id: string };
const bit = (value: boolean | null) => (value === null ? null : value ? 1 : 0);

const householdValues = (household: RegistryHousehold, districtId: string): Record<(typeof householdColumns)[number], unknown> => ({
  registry_score: household.registryScore,
  district_id: districtId,
  region: household.region,
  province: household.province,
  locality: household.locality,
  address: household.address,
  phone: household.phone,
});

const memberValues = (member: RegistryMember, householdId: string): Record<(typeof memberColumns)[number], unknown> => ({
  household_id: householdId,
  national_id: member.nationalId,
  first_name_ar: member.firstNameAr,
  last_name_ar: member.lastNameAr,
  first_name_lat: member.firstNameLat,
  last_name_lat: member.lastNameLat,
  sex: member.sex,
  birth_date: member.birthDate,
  relation: member.relation,
  education: member.education,
  in_school: bit(member.inSchool),
  employment: member.employment,
  disability: bit(member.disability),
  chronic_illness: bit(member.chronicIllness),
  health_coverage: member.healthCoverage,
});

/** The fields whose value differs from what the store holds. */
const changed = (existing: Row, wanted: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(wanted).filter(([key, value]) => existing[key] !== value));

const statementCache = new WeakMap<SqliteDatabase, ReturnType<typeof prepareStatements>>();
const statementsFor = (sqlite: SqliteDatabase) => {
  let found = statementCache.get(sqlite);
  if (!found) {
    found = prepareStatements(sqlite);
    statementCache.set(sqlite, found);
  }
  return found;
};

const prepareStatements = (sqlite: SqliteDatabase) => ({
  households: sqlite.prepare(
    `SELECT id, registry_ref, phone_override, ${householdColumns.join(', ')} FROM households WHERE branch_id = ? AND registry_ref IN (SELECT value FROM json_each(?))`,
  ),
  members: sqlite.prepare(
    `SELECT id, registry_ref, deleted, ${memberColumns.join(', ')} FROM members WHERE branch_id = ? AND registry_ref IN (SELECT value FROM json_each(?))`,
  ),
  insertHousehold: sqlite.prepare(
    `INSERT INTO households (id, branch_id, registry_ref, ${householdColumns.join(', ')}, status, registry_seen_at, created_at, updated_at)
     VALUES (@id, @branch_id, @registry_ref, ${householdColumns.map((c) => `@${c}`).join(', ')}, 'active', @at, @at, @at)`,
  ),
  insertMember: sqlite.prepare(
    `INSERT INTO members (id, branch_id, registry_ref, ${memberColumns.join(', ')}, source, created_at, updated_at)
     VALUES (@id, @branch_id, @registry_ref, ${memberColumns.map((c) => `@${c}`).join(', ')}, 'registry', @at, @at)`,
  ),
  insertDistrict: sqlite.prepare('INSERT INTO districts (id, branch_id, name, province, created_at) VALUES (?, ?, ?, ?, ?)'),
});

const updateStatement = (sqlite: SqliteDatabase, table: 'households' | 'members', fields: string[]) =>
  sqlite.prepare(`UPDATE ${table} SET ${fields.map((field) => `${field} = @${field}`).join(', ')}, updated_at = @at WHERE id = @id`);

interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

/** Compares (and, unless a dry run, writes) one batch of households. Runs inside one transaction when writing. */
const applyBatch = (
  sqlite: SqliteDatabase,
  session: OpenSession,
  batch: RegistryHousehold[],
  districts: Map<string, string>,
  state: { households: Counts; members: Counts; districtsCreated: string[] },
  changes: ChangeRecorder | null,
) => {
  const statement = statementsFor(sqlite);
  const branchId = session.branch.id;
  const at = new Date().toISOString();
  const refs = JSON.stringify(batch.map((household) => household.householdRef));
  const existingHouseholds = new Map(
    (statement.households.all(branchId, refs) as Row[]).map((row) => [row.registry_ref as string, row]),
  );
  const memberRefs = JSON.stringify(batch.flatMap((household) => household.members.map((member) => member.memberRef)));
  const existingMembers = new Map((statement.members.all(branchId, memberRefs) as Row[]).map((row) => [row.registry_ref as string, row]));

  for (const household of batch) {
    let districtId = districts.get(household.commune);
    if (!districtId) {
      districtId = newId();
      districts.set(household.commune, districtId);
      state.districtsCreated.push(household.commune);
      if (changes) {
        statement.insertDistrict.run(districtId, branchId, household.commune, household.province, at);
        changes.record({ table: 'districts', rowId: districtId, action: 'create', fields: { name: household.commune, province: household.province } });
      }
    }
    const wantedHousehold = householdValues(household, districtId);
    const existing = existingHouseholds.get(household.householdRef);
    let householdId: string;
    if (!existing) {
      householdId = newId();
      state.households.created += 1;
      if (changes) {
        statement.insertHousehold.run({ id: householdId, branch_id: branchId, registry_ref: household.householdRef, ...wantedHousehold, at });
        changes.record({ table: 'households', rowId: householdId, action: 'create', fields: { registry_ref: household.householdRef, ...wantedHousehold } });
      }
    } else {
      householdId = existing.id;
      const diff = changed(existing, wantedHousehold);
      if (Object.keys(diff).length === 0) state.households.unchanged += 1;
      else {
        state.households.updated += 1;
        if (changes) {
          updateStatement(sqlite, 'households', Object.keys(diff)).run({ ...diff, id: householdId, at });
          changes.record({ table: 'households', rowId: householdId, action: 'update', fields: diff });
        }
      }
    }
    let membersWritten = 0;
    for (const member of household.members) {
      const wanted = memberValues(member, householdId);
      const found = existingMembers.get(member.memberRef);
      if (!found) {
        state.members.created += 1;
        if (changes) {
          const id = newId();
          const { lastInsertRowid } = statement.insertMember.run({ id, branch_id: branchId, registry_ref: member.memberRef, ...wanted, at }) as {
            lastInsertRowid: number | bigint;
          };
          // Audited once per household below: an extract writes hundreds of thousands of members.
          changes.record({ table: 'members', rowId: id, action: 'create', fields: { registry_ref: member.memberRef, ...wanted } }, { audit: false });
          membersWritten += 1;
          indexNewMember(sqlite, lastInsertRowid, id, householdId, {
            first_name_ar: member.firstNameAr,
            last_name_ar: member.lastNameAr,
            first_name_lat: member.firstNameLat,
            last_name_lat: member.lastNameLat,
            national_id: member.nationalId,
            phone: household.phone,
            phone_override: existing?.phone_override as string | null | undefined ?? null,
          });
        }
        continue;
      }
      // A member a worker removed from the file stays removed: the worker saw the household last.
      const diff = found.deleted === 1 ? {} : changed(found, wanted);
      if (Object.keys(diff).length === 0) {
        state.members.unchanged += 1;
        continue;
      }
      state.members.updated += 1;
      if (changes) {
        updateStatement(sqlite, 'members', Object.keys(diff)).run({ ...diff, id: found.id, at });
        changes.record({ table: 'members', rowId: found.id, action: 'update', fields: diff }, { audit: false });
        membersWritten += 1;
        reindexMember(sqlite, found.id);
      }
    }
    if (changes && membersWritten > 0) changes.audit({ entity: 'households', entityId: householdId, action: 'update', fields: ['members'] });
    if (changes && existing && 'phone' in changed(existing, wantedHousehold)) {
      for (const member of household.members) {
        const id = existingMembers.get(member.memberRef)?.id;
        if (id) reindexMember(sqlite, id);
      }
    }
  }
};

/** Where a file sent by the app window waits while it is read (inside the private data folder). */
const stageContent = async (dataDir: string, source: Extract<ImportSource, { kind: 'content' }>) => {
  const path = join(dataDir, `import-${newId()}${extname(source.name).toLowerCase()}`);
  await writeFile(path, Buffer.from(source.dataBase64, 'base64'), { mode: 0o600 });
  return path;
};

/**
 * Imports a registry extract: households and members upserted by registry ref, registry-owned
 * fields only, in batches of one transaction each (an interrupted import leaves whole batches
 * and a rerun completes it). A dry run reports the same counts without writing (admin only).
 */
export const importRegistry = async (
  sessions: SessionManager,
  input: { source: ImportSource; dryRun: boolean },
  options: { signal?: AbortSignal; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<ImportReport> => {
  const session = sessions.require(['admin']);
  const { signal, onProgress } = options;
  const staged = input.source.kind === 'content' ? await stageContent(sessions.dataDir, input.source) : undefined;
  const path = staged ?? (input.source.kind === 'path' ? input.source.path : '');
  try {
    const { households, report } = await readRegistryFile(path, {
      ...(signal ? { signal } : {}),
      onProgress: ({ bytes, totalBytes }) => onProgress?.({ phase: 'reading', done: bytes, total: totalBytes }),
    });
    const { db, sqlite } = session.store;
    const districtRows = await db.selectFrom('districts').select(['id', 'name']).where('branch_id', '=', session.branch.id).execute();
    const districts = new Map(districtRows.map((row) => [row.name, row.id]));
    const state = { households: { created: 0, updated: 0, unchanged: 0 }, members: { created: 0, updated: 0, unchanged: 0 }, districtsCreated: [] as string[] };
    const runId = newId();
    const fileName = input.source.kind === 'content' ? input.source.name : (input.source.path.split(/[\\/]/).pop() ?? 'file');
    if (!input.dryRun) {
      await db
        .insertInto('import_runs')
        .values({ id: runId, branch_id: session.branch.id, user_id: session.user.id, file_name: fileName, started_at: new Date().toISOString(), status: 'running', report: null })
        .execute();
    }
    let cancelled = false;
    for (let start = 0; start < households.length; start += batchSize) {
      if (signal?.aborted) {
        cancelled = true;
        break;
      }
      const batch = households.slice(start, start + batchSize);
      if (input.dryRun) applyBatch(sqlite, session, batch, districts, state, null);
      else {
        // Inside Kysely's connection lock: no other call's transaction interleaves with the batch.
        await db.connection().execute(async () => {
          sqlite.transaction(() => {
            const changes = createChangeRecorder(sqlite, { userId: session.user.id, branchId: session.branch.id });
            applyBatch(sqlite, session, batch, districts, state, changes);
            changes.finish();
          })();
        });
      }
      onProgress?.({ phase: 'writing', done: Math.min(start + batchSize, households.length), total: households.length });
      // Lets a cancel (and other calls) in between batches.
      await nextTick();
    }

    const result: ImportReport = {
      dryRun: input.dryRun,
      cancelled,
      rows: report.rows,
      households: state.households,
      members: state.members,
      districtsCreated: state.districtsCreated,
      rejected: report.rejected,
      warnings: report.warnings,
      possibleDuplicates: report.possibleDuplicates,
    };
    if (!input.dryRun) {
      await db
        .updateTable('import_runs')
        .set({ finished_at: new Date().toISOString(), status: cancelled ? 'cancelled' : 'done', report: JSON.stringify(result) })
        .where('id', '=', runId)
        .execute();
    }
    return result;
  } catch (error) {
    if (error instanceof CoreError && error.reason === 'cancelled') {
      throw new CoreError('conflict', 'The import was cancelled before anything was written.', undefined, { reason: 'cancelled' });
    }
    throw error;
  } finally {
    if (staged) await rm(staged, { force: true });
  }
};
