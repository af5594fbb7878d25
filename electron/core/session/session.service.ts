import { mkdir, rename, rm } from 'node:fs/promises';
import type { Branch, Role, SessionStatus, SessionUser } from '../../../shared/contract/index.ts';
import { actorOf, auditEvent } from '../db/changes.ts';
import { openStore, storeExists, storePath, type Store } from '../db/store.ts';
import { CoreError } from '../errors.ts';
import { openDatabaseKey, sealDatabaseKey } from '../keys/database-key.ts';
import { deriveKey, type KdfParams } from '../keys/kdf.ts';
import {
  createDatabaseKey,
  findSlot,
  keyringPath,
  readKeyring,
  setSlot,
  unwrapKey,
  wrapKey,
  writeKeyring,
  type Keyring,
  type KeyringSync,
  type KeySlot,
} from '../keys/keyring.ts';
import { generateRecoveryCode } from '../keys/recovery-code.ts';
import { readAttempts, recordFailure, recordSuccess, retryAfterMs } from '../keys/unlock-attempts.ts';
import { readSettings } from '../settings/settings.service.ts';
import { districtIdsOf, findUserById, findUserByUsername, getBranch } from '../users/users.repository.ts';
import { newId } from '../db/ids.ts';
import { writeFirstAdmin } from './first-admin.ts';

/** The unlocked store and who opened it; exists only between unlock and lock. */
export interface OpenSession {
  store: Store;
  /** Wraps the database key; kept to rewrap slots (new users, password changes, rekey). */
  masterKey: Buffer;
  user: SessionUser;
  branch: Branch;
}

export interface SessionOptions {
  dataDir: string;
  kdf: KdfParams;
  /** 32 bytes from Electron's safeStorage, when the OS offers real protection. */
  seal?: Buffer;
  emit(event: 'session:changed', payload: { state: 'locked' | 'unlocked'; reason: 'user' | 'idle' | 'restore' | 'unlock' }): void;
  now?: () => number;
  /** Benchmark only: an unencrypted store, to measure the cost of encryption. Never used by the app. */
  plaintextForBenchmark?: boolean;
  /** A joined store: opens it for a user who has no slot here yet, by signing in online (see sync/first-sign-in.ts). */
  firstSignIn?: (input: { keyring: Keyring; username: string; password: string }) => Promise<FirstSignIn>;
  /** Runs before the open store closes (lock, restore, close): the sync stops using it. */
  beforeClose?: () => Promise<void>;
}

/** What an online first sign-in proved: the user, the master key, and what to write once the store is open. */
export interface FirstSignIn {
  userId: string;
  masterKey: Buffer;
  afterOpen(store: Store): Promise<void>;
}

/** A store built elsewhere (setup, joining a server): filled under a temporary name, then moved into place. */
export interface NewStore {
  userId: string;
  username: string;
  password: string;
  build(store: Store): Promise<void>;
  /** Slots beside the user's and the recovery slot (a joined store's device slot). */
  extraSlots?: (masterKey: Buffer) => Promise<KeySlot[]>;
  sync?: KeyringSync;
}

export interface SetupInput {
  branchName: string;
  adminUsername: string;
  adminDisplayName: string;
  password: string;
}

const wrongPassword = () =>
  new CoreError('locked', 'The username or password is not right.', undefined, { reason: 'wrong-password' });

const rateLimited = (wait: number) =>
  new CoreError('locked', 'Too many failed attempts; wait before trying again.', undefined, { reason: 'rate-limited', retryAfterMs: wait });

const idleCheckMs = 15_000;

/** Owns the open store, the unlock rules (rate limit, disabled accounts) and the idle lock. */
export const createSessionManager = (options: SessionOptions) => {
  const { dataDir, kdf, seal, emit } = options;
  const now = options.now ?? Date.now;
  const storeOptions = options.plaintextForBenchmark ? { plaintext: true } : {};
  let open: OpenSession | undefined;
  let lastActivity = now();
  let pending: Promise<unknown> = Promise.resolve();

  // Unlock, lock, setup and restore must never interleave.
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = pending.then(task, task);
    pending = run.catch(() => undefined);
    return run;
  };

  const loadKeyring = () => readKeyring(keyringPath(dataDir), seal);
  const saveKeyring = (keyring: Keyring) => writeKeyring(keyringPath(dataDir), keyring, seal);

  const loadSessionUser = async (store: Store, userId: string): Promise<{ user: SessionUser; branch: Branch }> => {
    const row = await findUserById(store.db, userId);
    if (!row) throw wrongPassword();
    if (row.disabled === 1) {
      throw new CoreError('forbidden', 'This account is disabled; ask the branch administrator.', undefined, { reason: 'user-disabled' });
    }
    const branch = await getBranch(store.db, row.branch_id);
    if (!branch) throw new CoreError('internal', 'The case store has no branch.');
    const user: SessionUser = {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      branchId: row.branch_id,
      districtIds: await districtIdsOf(store.db, row.id),
    };
    return { user, branch };
  };

  /**
   * Opens the store with the database key the master key unseals. A rekey interrupted after the
   * new key was saved may leave the file under the previous key: that one is tried second.
   */
  const openWithMasterKey = async (keyring: Keyring, masterKey: Buffer): Promise<Store> => {
    const candidates = [keyring.databaseKey, keyring.previousDatabaseKey]
      .map((sealed) => (sealed ? openDatabaseKey(masterKey, sealed) : null))
      .filter((key): key is Buffer => key !== null);
    for (const [index, databaseKey] of candidates.entries()) {
      try {
        return await openStore(storePath(dataDir), databaseKey, storeOptions);
      } catch (error) {
        const wrongKey = error instanceof CoreError && error.reason === 'wrong-key';
        if (!wrongKey || index === candidates.length - 1) throw error;
      }
    }
    throw new CoreError('locked', 'The key file of this device is damaged; restore a backup or use the recovery code.', undefined, {
      reason: 'keyring-damaged',
    });
  };

  const closeOpen = async () => {
    if (open && options.beforeClose) await options.beforeClose();
    const closing = open;
    open = undefined;
    if (!closing) return;
    closing.masterKey.fill(0);
    await closing.store.close();
  };

  const failedUnlock = async () => {
    const next = retryAfterMs(await recordFailure(dataDir, now()), now());
    return new CoreError('locked', 'The username or password is not right.', undefined, {
      reason: 'wrong-password',
      ...(next > 0 ? { retryAfterMs: next } : {}),
    });
  };

  /** Opens the store as `userId` with an unwrapped master key; the keyring to save (a new slot) goes last. */
  const openAs = async (keyring: Keyring, masterKey: Buffer, userId: string, prepare?: (store: Store) => Promise<Keyring | null>) => {
    const store = await openWithMasterKey(keyring, masterKey);
    try {
      const updated = prepare ? await prepare(store) : null;
      const loaded = await loadSessionUser(store, userId);
      if (updated) await saveKeyring(updated);
      await recordSuccess(dataDir);
      open = { store, masterKey, ...loaded };
    } catch (error) {
      await store.close();
      throw error;
    }
    lastActivity = now();
    emit('session:changed', { state: 'unlocked', reason: 'unlock' });
    return { user: open.user, branch: open.branch };
  };

  /** A user without a slot on a joined store: the server proves the password and gives the device key. */
  const unlockFirstTime = async (keyring: Keyring, username: string, password: string, signIn: NonNullable<SessionOptions['firstSignIn']>) => {
    let proof: FirstSignIn;
    try {
      proof = await signIn({ keyring, username, password });
    } catch (error) {
      if (error instanceof CoreError && error.reason === 'wrong-password') throw await failedUnlock();
      throw error;
    }
    const slot = await wrapKey(proof.masterKey, password, { kind: 'user', userId: proof.userId }, kdf);
    return openAs(keyring, proof.masterKey, proof.userId, async (store) => {
      await proof.afterOpen(store);
      return { ...setSlot(keyring, slot), usernames: { ...keyring.usernames, [username]: proof.userId } };
    });
  };

  const removeStoreFiles = async (path: string) => {
    for (const suffix of ['', '-wal', '-shm', '-journal']) await rm(`${path}${suffix}`, { force: true });
  };

  const manager = {
    dataDir,
    kdf,
    loadKeyring,
    saveKeyring,

    async status(): Promise<SessionStatus> {
      if (open) return { state: 'unlocked', user: open.user, branch: open.branch };
      if (!storeExists(dataDir)) return { state: 'setup' };
      return { state: 'locked', retryAfterMs: retryAfterMs(await readAttempts(dataDir), now()) };
    },

    /** First run: a new random database key, the branch, the admin, and the recovery code shown once. */
    setup: (input: SetupInput) => {
      const branch = { id: newId(), name: input.branchName };
      const userId = newId();
      return manager.createStore({
        userId,
        username: input.adminUsername,
        password: input.password,
        build: (store) => writeFirstAdmin(store, { branch, userId, username: input.adminUsername, displayName: input.adminDisplayName, at: new Date(now()).toISOString() }),
      });
    },

    /**
     * Creates the store (setup, or joining a server) and opens it as its first user. It is built
     * under a temporary name and moved into place last, so a failure leaves no store behind.
     */
    createStore: (input: NewStore) =>
      serial(async () => {
        if (storeExists(dataDir)) {
          throw new CoreError('conflict', 'This device already has a case store.', undefined, { reason: 'already-set-up' });
        }
        const masterKey = createDatabaseKey();
        const databaseKey = createDatabaseKey();
        const recoveryCode = generateRecoveryCode();
        await mkdir(dataDir, { recursive: true, mode: 0o700 });
        const temp = `${storePath(dataDir)}.setup`;
        await removeStoreFiles(temp);
        try {
          const store = await openStore(temp, databaseKey, { ...storeOptions, create: true });
          try {
            await input.build(store);
          } finally {
            await store.close();
          }
          const keyring: Keyring = {
            version: 1,
            databaseKey: sealDatabaseKey(masterKey, databaseKey),
            usernames: { [input.username]: input.userId },
            slots: [
              await wrapKey(masterKey, input.password, { kind: 'user', userId: input.userId }, kdf),
              await wrapKey(masterKey, recoveryCode, { kind: 'recovery' }, kdf),
              ...((await input.extraSlots?.(masterKey)) ?? []),
            ],
            ...(input.sync ? { sync: input.sync } : {}),
          };
          await saveKeyring(keyring);
          await rename(temp, storePath(dataDir));
        } catch (error) {
          await removeStoreFiles(temp);
          masterKey.fill(0);
          throw error;
        }
        const reopened = await openStore(storePath(dataDir), databaseKey, storeOptions);
        const loaded = await loadSessionUser(reopened, input.userId);
        open = { store: reopened, masterKey, ...loaded };
        lastActivity = now();
        emit('session:changed', { state: 'unlocked', reason: 'unlock' });
        return { recoveryCode, ...loaded };
      }),

    /** Opens the store with a user's password; every failure counts towards the growing delay. */
    unlock: (username: string, password: string) =>
      serial(async () => {
        if (open) {
          if (open.user.username === username) return { user: open.user, branch: open.branch };
          throw new CoreError('conflict', 'Another user has the app open; lock it first.', undefined, { reason: 'already-unlocked' });
        }
        if (!storeExists(dataDir)) throw new CoreError('not-found', 'There is no case store on this device.', undefined, { reason: 'store-missing' });
        const wait = retryAfterMs(await readAttempts(dataDir), now());
        if (wait > 0) throw rateLimited(wait);
        const keyring = await loadKeyring();
        const userId = keyring.usernames?.[username];
        const slot = userId ? findSlot(keyring, { kind: 'user', userId }) : undefined;
        if (!slot && keyring.sync && options.firstSignIn) return unlockFirstTime(keyring, username, password, options.firstSignIn);
        const masterKey = slot ? await unwrapKey(slot, password) : null;
        if (!slot) await deriveKey(password, Buffer.alloc(16), kdf); // same cost for unknown names
        if (!masterKey || !userId) throw await failedUnlock();
        return openAs(keyring, masterKey, userId);
      }),

    /** Closes the store and wipes the master key from memory. */
    lock: (reason: 'user' | 'idle' | 'restore' = 'user') =>
      serial(async () => {
        if (!open) return;
        await closeOpen();
        emit('session:changed', { state: 'locked', reason });
      }),

    touch() {
      lastActivity = now();
    },

    /** The open session, if its user has one of the roles; otherwise `locked` or `forbidden`. */
    require(roles?: readonly Role[]): OpenSession {
      if (!open) throw new CoreError('locked', 'The app is locked.');
      if (roles && !roles.includes(open.user.role)) throw new CoreError('forbidden', 'Your role does not allow this.');
      return open;
    },

    /** Refreshes the signed-in user's own details after an edit of their account. */
    async reloadUser() {
      if (!open) return;
      const loaded = await loadSessionUser(open.store, open.user.id);
      open = { ...open, ...loaded };
    },

    changePassword: (currentPassword: string, newPassword: string) =>
      serial(async () => {
        const session = manager.require();
        const keyring = await loadKeyring();
        const slot = findSlot(keyring, { kind: 'user', userId: session.user.id });
        const masterKey = slot ? await unwrapKey(slot, currentPassword) : null;
        if (!masterKey) throw wrongPassword();
        await saveKeyring(setSlot(keyring, await wrapKey(masterKey, newPassword, { kind: 'user', userId: session.user.id }, kdf)));
        await auditEvent(session.store, actorOf(session), { entity: 'users', entityId: session.user.id, action: 'password', fields: ['password'] });
      }),

    /** While locked: a new password for a user, proven by the recovery code. */
    recover: (username: string, recoveryCode: string, newPassword: string) =>
      serial(async () => {
        const wait = retryAfterMs(await readAttempts(dataDir), now());
        if (wait > 0) throw rateLimited(wait);
        const keyring = await loadKeyring();
        const recoverySlot = findSlot(keyring, { kind: 'recovery' });
        const masterKey = recoverySlot ? await unwrapKey(recoverySlot, recoveryCode) : null;
        if (!masterKey) {
          await recordFailure(dataDir, now());
          throw new CoreError('locked', 'The recovery code is not right.', undefined, { reason: 'wrong-recovery-code' });
        }
        const store = await openWithMasterKey(keyring, masterKey);
        try {
          const row = await findUserByUsername(store.db, username);
          if (!row || row.disabled === 1) throw new CoreError('not-found', 'There is no active account with this username.', undefined, { reason: 'unknown-user' });
          const slot = await wrapKey(masterKey, newPassword, { kind: 'user', userId: row.id }, kdf);
          await saveKeyring({ ...setSlot(keyring, slot), usernames: { ...keyring.usernames, [row.username]: row.id } });
          await auditEvent(store, { userId: null, branchId: row.branch_id }, { entity: 'users', entityId: row.id, action: 'password', fields: ['password'] });
          await recordSuccess(dataDir);
        } finally {
          await store.close();
          masterKey.fill(0);
        }
      }),

    /** Locks the store when nobody used the app for the idle delay from Settings. */
    async checkIdle() {
      if (!open) return;
      const { idleLockMinutes } = await readSettings(dataDir);
      if (now() - lastActivity >= idleLockMinutes * 60_000) await manager.lock('idle');
    },

    /** Starts the idle timer; returns a function that stops it. */
    startIdleTimer(): () => void {
      const timer = setInterval(() => void manager.checkIdle().catch(() => undefined), idleCheckMs);
      timer.unref();
      return () => clearInterval(timer);
    },

    /** Runs a task with the session closed, e.g. replacing the store, then leaves it locked. */
    exclusive: <T>(task: () => Promise<T>) =>
      serial(async () => {
        const wasOpen = Boolean(open);
        await closeOpen();
        if (wasOpen) emit('session:changed', { state: 'locked', reason: 'restore' });
        return task();
      }),

    /** Deletes the store and its key file (a revoked device): the device is back to first run. */
    erase: () =>
      serial(async () => {
        const wasOpen = Boolean(open);
        await closeOpen();
        await removeStoreFiles(storePath(dataDir));
        await rm(keyringPath(dataDir), { force: true });
        if (wasOpen) emit('session:changed', { state: 'locked', reason: 'user' });
      }),

    close: () => serial(closeOpen),
  };
  return manager;
};

export type SessionManager = ReturnType<typeof createSessionManager>;
