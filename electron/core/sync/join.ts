import { syncSchemaVersion, type LoginResponse, type SnapshotLine } from '../../../shared/sync/api.ts';
import type { Branch, SessionUser } from '../../../shared/contract/index.ts';
import { newId } from '../db/ids.ts';
import { CoreError } from '../errors.ts';
import { wrapKey } from '../keys/keyring.ts';
import type { SessionManager } from '../session/session.service.ts';
import { applySnapshot, writeRefreshToken, writeSyncMeta } from './engine/index.ts';
import { signInOnline, upsertAccount } from './first-sign-in.ts';
import { createHttpClient, type FetchLike } from './http-client.ts';
import { snapshot } from './server-api.ts';

export interface JoinInput {
  server: string;
  username: string;
  password: string;
  deviceName: string;
}

export interface JoinDeps {
  sessions: SessionManager;
  fetch?: FetchLike;
  now: () => number;
  /** The sign-in's tokens, so the first sync (started as the store opens) needs no refresh. */
  onSignedIn(userId: string, login: LoginResponse): void;
  /** Rows of the snapshot written so far, of about `total`. */
  onProgress?(done: number, total: number | null): void;
}

export interface JoinResult {
  user: SessionUser;
  branch: Branch;
  recoveryCode: string;
  deviceId: string;
}

/** The server address as the device keeps it: no trailing slash. */
export const normalizeServer = (server: string): string => server.trim().replace(/\/+$/, '');

const outdated = () =>
  new CoreError('outdated', 'The sync server needs a newer version of the app.', undefined, { reason: 'outdated' });

/** Refuses a snapshot that is not this user's branch (a misrouted answer) before any row is written. */
async function* checkedSnapshot(lines: AsyncIterable<SnapshotLine>, login: LoginResponse): AsyncGenerator<SnapshotLine> {
  for await (const line of lines) {
    if (line.type === 'header' && (line.user.id !== login.user.id || line.branch.id !== login.branch.id)) {
      throw new CoreError('internal', 'The sync server sent an answer this app does not understand.', undefined, { reason: 'bad-answer' });
    }
    yield line;
  }
}

/**
 * First run on a new device: signs in to the branch server, downloads the user's scope into a
 * new encrypted store and opens it as her. The store gets her password slot, the recovery slot
 * and a device slot under the server's device secret (which the device never stores). Any
 * failure (a download cut short) leaves no store behind.
 */
export const joinServer = async (deps: JoinDeps, input: JoinInput): Promise<JoinResult> => {
  const { sessions } = deps;
  const status = await sessions.status();
  if (status.state !== 'setup') {
    throw new CoreError('conflict', 'This device already has a case store.', undefined, { reason: 'already-set-up' });
  }
  const server = normalizeServer(input.server);
  const deviceId = newId();
  const http = createHttpClient({ server, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const login = await signInOnline(http, { username: input.username, password: input.password, deviceId, deviceName: input.deviceName });
  if (login.min_schema_version > syncSchemaVersion) throw outdated();
  deps.onSignedIn(login.user.id, login);
  const created = await sessions.createStore({
    userId: login.user.id,
    username: login.user.username,
    password: input.password,
    build: async (store) => {
      const { cursor } = await applySnapshot(store, checkedSnapshot(snapshot(http, login.access_token, deviceId), login), deps.onProgress ? { onProgress: deps.onProgress } : {});
      const at = new Date(deps.now()).toISOString();
      const write = store.sqlite.transaction(() => {
        // The snapshot holds the account; this only guards against a scope without it.
        if (!store.sqlite.prepare('SELECT 1 FROM users WHERE id = ?').get(login.user.id)) upsertAccount(store, login, at);
        writeSyncMeta(store, { server, deviceId, deviceName: input.deviceName, bundleKey: login.bundle_key, cursor, lastSyncAt: at });
        writeRefreshToken(store, login.user.id, login.refresh_token);
      });
      write();
    },
    extraSlots: async (masterKey) => [await wrapKey(masterKey, login.device_key, { kind: 'device' }, sessions.kdf)],
    sync: { server, deviceId, deviceName: input.deviceName },
  });
  return { user: created.user, branch: created.branch, recoveryCode: created.recoveryCode, deviceId };
};
