import type { Kysely } from 'kysely';

/**
 * What a device's last snapshot gave it: the whole branch (a manager's) or a worker's households.
 * Null until its first snapshot. When the user who syncs on it no longer matches (a manager made a
 * worker, a worker made a manager, or colleagues of both kinds sharing a laptop), the device is told
 * to take a fresh snapshot, so it never keeps households outside the scope of whoever uses it now.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('devices').addColumn('holds_branch', 'boolean').execute();
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.alterTable('devices').dropColumn('holds_branch').execute();
};
