import type { Migration, MigrationProvider } from 'kysely/migration';
import * as accounts from './20261123T1200-accounts.ts';

/**
 * Every migration, bundled (a built app has no folder to read). Names sort in release order;
 * append only.
 */
export const migrations: Record<string, Migration> = {
  '20261123T1200-accounts': accounts,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
