import type { Migration, MigrationProvider } from 'kysely/migration';
import * as accounts from './20261123T1200-accounts.ts';
import * as households from './20261123T1300-households.ts';
import * as plans from './20261123T1400-plans.ts';
import * as queryIndexes from './20261123T1500-query-indexes.ts';
import * as sync from './20261123T1600-sync.ts';

/**
 * Every migration, bundled (a built app has no folder to read). Names sort in release order;
 * append only.
 */
export const migrations: Record<string, Migration> = {
  '20261123T1200-accounts': accounts,
  '20261123T1300-households': households,
  '20261123T1400-plans': plans,
  '20261123T1500-query-indexes': queryIndexes,
  '20261123T1600-sync': sync,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
