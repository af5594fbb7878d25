import type { Migration, MigrationProvider } from 'kysely/migration';
import * as initial from './0001-initial.ts';

/** Bundled list (a build has no migrations folder to read); names sort in the order they run. */
const migrations: Record<string, Migration> = {
  '0001-initial': initial,
};

/** The static provider the server migrates with. */
export const migrationProvider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };
