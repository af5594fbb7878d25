import type { LoginResponse } from '../../../shared/sync/api.ts';
import type { Store } from '../db/store.ts';
import { CoreError } from '../errors.ts';
import type { OpenSession } from '../session/session.service.ts';
import { createAuth, type Auth } from './auth.ts';
import { readRefreshToken, readSyncMeta, whenIdle, writeRefreshToken } from './engine/index.ts';
import { createHttpClient, type FetchLike, type HttpClient } from './http-client.ts';

/** The server side of one unlocked session on a joined store. */
export interface Connection {
  store: Store;
  userId: string;
  branchId: string;
  deviceId: string;
  deviceName: string | null;
  server: string;
  http: HttpClient;
  auth: Auth;
  /** Aborts every request in flight (lock, revoke). */
  abort: AbortController;
}

/** A store set up on its own: nothing to sync. */
export const notJoined = () =>
  new CoreError('conflict', 'This device works without a server: there is nothing to sync.', undefined, { reason: 'not-joined' });

/** Whether the open store joined a server. */
export const isJoinedStore = (store: Pick<Store, 'sqlite'>): boolean => {
  const meta = readSyncMeta(store);
  return meta.server !== null && meta.deviceId !== null;
};

/** Opens the connection for a session (throws `not-joined` on a local store); tokens of a fresh sign-in seed it. */
export const openConnection = (
  session: OpenSession,
  options: { fetch?: FetchLike; now: () => number; seed?: Pick<LoginResponse, 'access_token' | 'access_expires_at'> },
): Connection => {
  const { store, user } = session;
  const meta = readSyncMeta(store);
  if (!meta.server || !meta.deviceId) throw notJoined();
  const abort = new AbortController();
  const http = createHttpClient({ server: meta.server, signal: abort.signal, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const auth = createAuth({
    http,
    deviceId: meta.deviceId,
    now: options.now,
    tokens: {
      read: () => readRefreshToken(store, user.id),
      write: (token) => whenIdle(store, () => writeRefreshToken(store, user.id, token)),
    },
  });
  if (options.seed) auth.useAccess(options.seed);
  return {
    store,
    userId: user.id,
    branchId: session.branch.id,
    deviceId: meta.deviceId,
    deviceName: meta.deviceName,
    server: meta.server,
    http,
    auth,
    abort,
  };
};
