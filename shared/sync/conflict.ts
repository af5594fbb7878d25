import type { Role } from '../contract/session.contract.ts';

/** What the server knows of a field's current value. */
export interface FieldVersion {
  /** Server sequence of the change that wrote it. */
  seq: number;
  value: unknown;
  role: Role;
  deviceId: string;
}

/** A pushed change to that field. */
export interface IncomingChange {
  /** The server sequence the device had seen for the row when it made the change. */
  baseSeq: number;
  value: unknown;
  role: Role;
  deviceId: string;
}

export interface Resolution {
  /** The change was made without seeing the current value, and the two differ. */
  conflict: boolean;
  /** Which value the field holds afterwards. */
  winner: 'incoming' | 'current';
}

const isManager = (role: Role): boolean => role === 'manager' || role === 'admin';

/** Values compared as stored JSON (key order of arrays matters, as it does in the store). */
export const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The server's rule for one field: a change whose base is older than the field's current version
 * was concurrent; the last to arrive wins, except on protected fields, where a manager's value
 * holds against a worker's. Device clocks play no part.
 */
export const resolveField = (
  current: FieldVersion | undefined,
  incoming: IncomingChange,
  options: { protectedField: boolean; appendOnly: boolean; bookkeeping?: boolean },
): Resolution => {
  if (!current || options.appendOnly || options.bookkeeping) return { conflict: false, winner: 'incoming' };
  const concurrent = incoming.baseSeq < current.seq && incoming.deviceId !== current.deviceId;
  if (!concurrent || sameValue(current.value, incoming.value)) return { conflict: false, winner: 'incoming' };
  const managerHolds = options.protectedField && isManager(current.role) && !isManager(incoming.role);
  return { conflict: true, winner: managerHolds ? 'current' : 'incoming' };
};
