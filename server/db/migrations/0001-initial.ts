import { sql, type Kysely } from 'kysely';

/**
 * Frozen once released. Every primary key and index starts with the branch (the distribution
 * column under Citus), except the two global look-ups explained in the README: login names, and
 * row ids for refusing a row that belongs to another branch.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  const time = sql`timestamptz`;
  await db.schema
    .createTable('branches')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('worker', 'manager', 'admin')`))
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('district_ids', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('accounts_pk', ['branch_id', 'id'])
    .addUniqueConstraint('accounts_username_unique', ['username'])
    .execute();

  await db.schema
    .createTable('devices')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('device_key', 'bytea', (c) => c.notNull())
    .addColumn('bundle_key', 'bytea', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_seen_at', time)
    .addColumn('revoked_at', time)
    .addPrimaryKeyConstraint('devices_pk', ['branch_id', 'id'])
    .execute();

  await db.schema
    .createTable('device_users')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('device_users_pk', ['branch_id', 'device_id', 'user_id'])
    .execute();

  await db.schema
    .createTable('tokens')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('access', 'refresh')`))
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .addColumn('used_at', time)
    .addPrimaryKeyConstraint('tokens_pk', ['branch_id', 'hash'])
    .execute();
  await db.schema.createIndex('tokens_device_idx').on('tokens').columns(['branch_id', 'device_id', 'user_id']).execute();

  await db.schema
    .createTable('ops')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('value', 'jsonb', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('user_id', 'text')
    .addColumn('device_id', 'text')
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('device_time', 'text')
    .addColumn('server_time', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('ops_pk', ['branch_id', 'seq'])
    .addUniqueConstraint('ops_device_op_unique', ['branch_id', 'device_id', 'op_id'])
    .execute();

  await db.schema
    .createTable('rows')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull())
    .addColumn('versions', 'jsonb', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('rows_pk', ['branch_id', 'table_name', 'row_id'])
    .execute();
  await db.schema.createIndex('rows_household_idx').on('rows').columns(['branch_id', 'household_id']).execute();
  await db.schema.createIndex('rows_row_id_idx').on('rows').columns(['row_id']).execute();

  await db.schema
    .createTable('household_scope')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('district_id', 'text')
    .addColumn('assigned_worker_id', 'text')
    .addPrimaryKeyConstraint('household_scope_pk', ['branch_id', 'household_id'])
    .execute();
  await db.schema.createIndex('household_scope_district_idx').on('household_scope').columns(['branch_id', 'district_id']).execute();
  await db.schema.createIndex('household_scope_worker_idx').on('household_scope').columns(['branch_id', 'assigned_worker_id']).execute();

  await db.schema
    .createTable('device_scope')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('device_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('since_cursor', 'bigint', (c) => c.notNull())
    .addColumn('left_cursor', 'bigint')
    .addPrimaryKeyConstraint('device_scope_pk', ['branch_id', 'device_id', 'household_id'])
    .execute();

  await db.schema
    .createTable('conflicts')
    .addColumn('branch_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('kept', 'jsonb', (c) => c.notNull())
    .addColumn('lost', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'confirmed', 'restored')`))
    .addColumn('resolved_by', 'text')
    .addColumn('resolved_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .addPrimaryKeyConstraint('conflicts_pk', ['branch_id', 'id'])
    .execute();
  await db.schema.createIndex('conflicts_status_idx').on('conflicts').columns(['branch_id', 'status', 'created_at']).execute();
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  for (const table of ['conflicts', 'device_scope', 'household_scope', 'rows', 'ops', 'tokens', 'device_users', 'devices', 'accounts', 'branches']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
};
