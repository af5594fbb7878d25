import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../shared/contract/session.contract.ts';
import { sameValue } from '../../shared/sync/conflict.ts';
import { householdKeyOf, type SyncTableName } from '../../shared/sync/tables.ts';
import type { ServerDatabase } from '../db/tables.ts';
import { openBatch } from './ledger.ts';

/** Who a server-side write is made by (an admin's account change, a manager's restore, the set-up). */
export interface ServerAuthor {
  userId: string | null;
  role: Role;
  /** The device the request came from; null for the server itself (set-up). */
  deviceId: string | null;
}

/**
 * Writes fields of one synced row as the server (no push checks: callers have authorised it), one
 * op per changed field, so devices pull it like any change. Returns the branch's last sequence.
 */
export const writeRowFields = async (
  trx: Kysely<ServerDatabase>,
  input: { branchId: string; now: Date; table: SyncTableName; rowId: string; fields: Record<string, unknown>; author: ServerAuthor },
): Promise<number> => {
  const batch = await openBatch(trx, input.branchId, input.now);
  const row = await batch.row(input.table, input.rowId);
  if (!row.exists) row.householdId = householdKeyOf(input.table, input.rowId, input.fields);
  for (const [field, value] of Object.entries(input.fields)) {
    if (row.exists && Object.hasOwn(row.data, field) && sameValue(row.data[field], value)) continue;
    batch.write(row, {
      field,
      value,
      opId: `server-${uuidv7()}`,
      opDeviceId: input.author.deviceId,
      userId: input.author.userId,
      deviceTime: null,
      version: { role: input.author.role, device_id: input.author.deviceId ?? 'server', user_id: input.author.userId, device_time: null, server_time: batch.serverTime },
    });
  }
  await batch.flush();
  return batch.lastSeq();
};
