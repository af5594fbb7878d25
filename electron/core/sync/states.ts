import type { SyncStatus } from '../../../shared/contract/index.ts';
import { CoreError, toErrorShape } from '../errors.ts';
import type { OpenSession } from '../session/session.service.ts';
import { pendingCount, readSyncMeta } from './engine/index.ts';

export type SyncState = SyncStatus['state'];

/** Reasons the Sync screen names on their own; other failures show by their error code. */
const namedReasons = new Set(['needs-login', 'device-revoked', 'rate-limited', 'unauthorized']);

/** The state a failed run leaves the sync in. */
export const stateOf = (error: unknown): SyncState => {
  if (!(error instanceof CoreError)) return 'error';
  if (error.reason === 'needs-login') return 'needs-login';
  if (error.code === 'offline') return 'offline';
  if (error.code === 'outdated') return 'outdated';
  return 'error';
};

/** The failure as the status and the run history keep it: a stable code and the core's message (never data). */
export const errorOf = (error: unknown): { code: string; message: string } => {
  const shape = toErrorShape(error);
  const code = shape.reason !== undefined && namedReasons.has(shape.reason) ? shape.reason : shape.code;
  return { code, message: shape.message };
};

/** The status of a device without a server. */
export const offStatus = (): SyncStatus => ({ state: 'off', server: null, deviceName: null, pending: 0, lastSyncAt: null, lastError: null, cursor: 0, openConflicts: null });

const managers = new Set(['manager', 'admin']);

/** The status of an unlocked store: its sync meta, its outbox, and the state of the last run. */
export const openStatus = (session: OpenSession, state: SyncState, lastError: SyncStatus['lastError']): SyncStatus => {
  const meta = readSyncMeta(session.store);
  if (!meta.server) return offStatus();
  return {
    state,
    server: meta.server,
    deviceName: meta.deviceName,
    pending: pendingCount(session.store),
    lastSyncAt: meta.lastSyncAt,
    lastError,
    cursor: meta.cursor,
    openConflicts: managers.has(session.user.role) ? meta.openConflicts : null,
  };
};
