import { syncTables, syncTableOrder, type SyncTableName } from '../../../../shared/sync/tables.ts';

/**
 * How each synced table lies in the device's store. Column lists come from the allow-list in
 * shared/sync/tables.ts (constants of this build, never names received), minus the fields the
 * device keeps elsewhere.
 */
export interface LocalTable {
  name: SyncTableName;
  /** The primary key column (the row id of sync messages). */
  key: string;
  /** Whether rows carry the device's branch (every table but `branches`). */
  hasBranch: boolean;
  /** Synced fields stored as columns of the table. */
  columns: readonly string[];
  /** Synced fields kept elsewhere: `users.districts` in user_districts, `documents.content` in document_blobs. */
  virtual: readonly string[];
  /** Values of NOT NULL columns a create may leave out, as the migrations declare them. */
  defaults: Readonly<Record<string, unknown>>;
  required: readonly string[];
}

const virtualFields: Partial<Record<SyncTableName, readonly string[]>> = { users: ['districts'], documents: ['content'] };
const keyColumns: Partial<Record<SyncTableName, string>> = { eligibility_rules: 'programme_id' };
const tableDefaults: Partial<Record<SyncTableName, Record<string, unknown>>> = {
  users: { disabled: 0 },
  programmes: { active: 1 },
  partners: { active: 1 },
  households: { status: 'active', deleted: 0 },
  members: { deleted: 0 },
  enrollments: { deleted: 0 },
  documents: { deleted: 0 },
  plans: { deleted: 0 },
  actions: { deleted: 0 },
};

const safeName = /^[a-z][a-z0-9_]*$/;

const describe = (name: SyncTableName): LocalTable => {
  const virtual = virtualFields[name] ?? [];
  const columns = Object.keys(syncTables[name].fields).filter((field) => !virtual.includes(field));
  const key = keyColumns[name] ?? 'id';
  // These names end up in SQL text: refuse anything but plain identifiers, even from our own list.
  for (const column of [name, key, ...columns]) if (!safeName.test(column)) throw new Error(`Unsafe column name in the sync allow-list: ${column}`);
  return { name, key, hasBranch: name !== 'branches', columns, virtual, defaults: tableDefaults[name] ?? {}, required: syncTables[name].required };
};

export const localTables: Readonly<Record<SyncTableName, LocalTable>> = Object.fromEntries(
  syncTableOrder.map((name) => [name, describe(name)]),
) as Record<SyncTableName, LocalTable>;

/** Whether `field` is stored as a column of `table`. */
export const isColumn = (table: LocalTable, field: string): boolean => table.columns.includes(field);

/** Household-scoped child tables, children before parents (the order rows leave in). */
export const householdChildTables = ['actions', 'plans', 'enrollments', 'visits', 'documents', 'members'] as const satisfies readonly SyncTableName[];
