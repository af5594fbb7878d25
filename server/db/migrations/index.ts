import type { Migration, MigrationProvider } from 'kysely/migration';
import * as initial from './0001-initial.ts';
import * as deviceHoldsBranch from './0002-device-holds-branch.ts';

/** Bundled list (a build has no migrations folder to read); names sort in the order they run. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
  '0002-device-holds-branch': deviceHoldsBranch,
};

/** The static provider the server migrates with. */
export const migrationProvider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };
