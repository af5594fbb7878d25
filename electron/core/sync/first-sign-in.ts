import type { LoginResponse } from '../../../shared/sync/api.ts';
import type { Store } from '../db/store.ts';
import { CoreError } from '../errors.ts';
import { findSlot, unwrapKey, type Keyring } from '../keys/keyring.ts';
import type { FirstSignIn } from '../session/session.service.ts';
import { writeRefreshToken } from './engine/meta.ts';
import { createHttpClient, hasReason, type FetchLike } from './http-client.ts';
import { login } from './server-api.ts';

/** The name a device gives the server when none was chosen. */
export const defaultDeviceName = 'Mowakaba device';

/** The answer to a wrong password, the same as a local unlock gives. */
export const wrongPassword = () => new CoreError('locked', 'The username or password is not right.', undefined, { reason: 'wrong-password' });

/** Signs in to the server; a refused password becomes the local `wrong-password` error. */
export const signInOnline = async (
  http: ReturnType<typeof createHttpClient>,
  input: { username: string; password: string; deviceId: string; deviceName: string },
): Promise<LoginResponse> => {
  try {
    return await login(http, { username: input.username, password: input.password, device_id: input.deviceId, device_name: input.deviceName });
  } catch (error) {
    if (hasReason(error, 'unauthorized')) throw wrongPassword();
    throw error;
  }
};

/** Makes sure the signed-in account has its row before the first pull brings it (server-managed; never pushed). */
export const upsertAccount = (store: Pick<Store, 'sqlite'>, answer: LoginResponse, at: string): void => {
  const { user } = answer;
  store.sqlite
    .prepare(
      `INSERT INTO users (id, branch_id, username, display_name, role, disabled, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 0, ?, ?)
       ON CONFLICT (id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name, role = excluded.role, disabled = 0`,
    )
    .run(user.id, user.branch_id, user.username, user.display_name, user.role, at, at);
};

export interface FirstSignInDeps {
  fetch?: FetchLike;
  now: () => number;
  /** The access token of the sign-in, so the first sync needs no refresh. */
  onSignedIn(userId: string, answer: LoginResponse): void;
  /** The server said this device is revoked: wipe it once the unlock is over. */
  onRevoked(): void;
}

/**
 * The session hook for a user without a key slot on a joined store: the server proves her
 * password and hands the device secret, which opens the device slot; the session then adds her
 * own slot. Offline, she cannot sign in here for the first time.
 */
export const createFirstSignIn =
  (deps: FirstSignInDeps) =>
  async ({ keyring, username, password }: { keyring: Keyring; username: string; password: string }): Promise<FirstSignIn> => {
    const sync = keyring.sync;
    const deviceSlot = findSlot(keyring, { kind: 'device' });
    if (!sync || !deviceSlot) throw wrongPassword();
    const http = createHttpClient({ server: sync.server, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
    let answer: LoginResponse;
    try {
      answer = await signInOnline(http, { username, password, deviceId: sync.deviceId, deviceName: sync.deviceName ?? defaultDeviceName });
    } catch (error) {
      if (error instanceof CoreError && error.code === 'offline') {
        throw new CoreError('offline', 'A first sign-in on this device needs the server; connect and try again.', undefined, { reason: 'first-sign-in-offline' });
      }
      if (hasReason(error, 'device-revoked')) deps.onRevoked();
      throw error;
    }
    const masterKey = await unwrapKey(deviceSlot, answer.device_key);
    if (!masterKey) {
      throw new CoreError('locked', 'This device cannot add a new user; ask the branch administrator.', undefined, { reason: 'device-key-mismatch' });
    }
    return {
      userId: answer.user.id,
      masterKey,
      afterOpen: async (store) => {
        const branch = store.sqlite.prepare('SELECT 1 FROM branches WHERE id = ?').get(answer.branch.id);
        if (!branch) throw new CoreError('forbidden', 'This account belongs to another branch.', undefined, { reason: 'wrong-branch' });
        const at = new Date(deps.now()).toISOString();
        const write = store.sqlite.transaction(() => {
          upsertAccount(store, answer, at);
          writeRefreshToken(store, answer.user.id, answer.refresh_token);
        });
        write();
        deps.onSignedIn(answer.user.id, answer);
      },
    };
  };
