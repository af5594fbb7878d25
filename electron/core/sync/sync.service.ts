import type { EventName, EventPayload, SyncReport, SyncStatus } from '../../../shared/contract/index.ts';
import type { LoginResponse } from '../../../shared/sync/api.ts';
import { CoreError } from '../errors.ts';
import type { OpenSession, SessionManager } from '../session/session.service.ts';
import { createScheduler } from './background.ts';
import { isJoinedStore, openConnection, type Connection } from './connection.ts';
import { recordRun, whenIdle, writeSyncMeta } from './engine/index.ts';
import { createFirstSignIn, signInOnline } from './first-sign-in.ts';
import type { FetchLike } from './http-client.ts';
import { joinServer, type JoinInput } from './join.ts';
import { emptyReport, runSync } from './run.ts';
import { errorOf, offStatus, openStatus, stateOf, type SyncState } from './states.ts';
import { handleUsersChanged } from './users-changed.ts';

export interface SyncServiceOptions {
  sessions: SessionManager;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  fetch?: FetchLike;
  now?: () => number;
  /** Background sync every so often (default 60 s). */
  intervalMs?: number;
  /** Background sync this long after a local write (default 5 s). */
  debounceMs?: number;
}

/** Background sync interval. */
export const defaultIntervalMs = 60_000;
/** Wait after a local write before the background sync pushes it. */
export const defaultDebounceMs = 5_000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The device's sync with its branch server: runs (one at a time), the background schedule, the
 * status the header shows, and what a revoked device or a refused sign-in lead to.
 */
export const createSyncService = (options: SyncServiceOptions) => {
  const { sessions } = options;
  const now = options.now ?? Date.now;
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  let state: SyncState = 'idle';
  let lastError: SyncStatus['lastError'] = null;
  let connection: Connection | null = null;
  let current: Promise<SyncReport> | null = null;
  let currentFrom = 0;
  let followUp: Promise<SyncReport> | null = null;
  // Set while a run locks or wipes the store itself: the close must not wait for that run.
  let selfClosing = false;
  let revoking: Promise<void> | null = null;
  let lockedView: SyncStatus | null = null;
  const seeds = new Map<string, LoginResponse>();

  const openSession = (): OpenSession | null => {
    try {
      return sessions.require();
    } catch {
      return null;
    }
  };

  const connect = (session: OpenSession): Connection => {
    if (connection && connection.store === session.store && connection.userId === session.user.id && !connection.abort.signal.aborted) return connection;
    const seed = seeds.get(session.user.id);
    seeds.delete(session.user.id);
    connection = openConnection(session, { ...fetchOption, now, ...(seed ? { seed } : {}) });
    return connection;
  };

  const status = async (): Promise<SyncStatus> => {
    const session = openSession();
    if (session) {
      const view = openStatus(session, state, lastError);
      if (view.state !== 'off') lockedView = view;
      return view;
    }
    const joined = await sessions.loadKeyring().then((keyring) => keyring.sync ?? null, () => null);
    if (!joined) return offStatus();
    // While locked the store cannot be read: what was known at the lock, without branch figures.
    return {
      ...(lockedView ?? offStatus()),
      state: state === 'syncing' ? 'idle' : state,
      server: joined.server,
      deviceName: joined.deviceName ?? lockedView?.deviceName ?? null,
      openConflicts: null,
    };
  };

  const emitStatus = () =>
    void status().then(
      (value) => options.emit('sync:status', value),
      () => undefined,
    );

  /** Wipes a revoked device: stops sync, locks, deletes the store and its key file. */
  const handleRevoked = (): Promise<void> => {
    revoking ??= (async () => {
      console.warn('[sync] device revoked');
      selfClosing = true;
      try {
        await scheduler.stop(false);
        connection?.abort.abort();
        connection = null;
        await sessions.erase();
      } finally {
        selfClosing = false;
        state = 'idle';
        lastError = null;
        lockedView = null;
        emitStatus();
      }
    })().finally(() => {
      revoking = null;
    });
    return revoking;
  };

  /** Runs a server call for the open session; a revoked device is wiped whatever the call. */
  const online = async <T>(work: (connection: Connection, session: OpenSession) => Promise<T>): Promise<T> => {
    const session = sessions.require();
    const joined = connect(session);
    try {
      return await work(joined, session);
    } catch (error) {
      if (error instanceof CoreError && error.reason === 'device-revoked') await handleRevoked();
      else if (error instanceof CoreError && error.reason === 'needs-login' && state !== 'needs-login') {
        state = 'needs-login';
        emitStatus();
      }
      throw error;
    }
  };

  const networkRun = async (): Promise<SyncReport> => {
    const session = sessions.require();
    const joined = connect(session);
    const { store } = session;
    const report = emptyReport();
    const startedAt = iso(now());
    let lockAfter = false;
    state = 'syncing';
    emitStatus();
    try {
      await runSync(
        {
          ...joined,
          onUsersChanged: async (ids) => {
            lockAfter = (await handleUsersChanged(sessions, session, ids)) || lockAfter;
          },
          onSnapshotProgress: (done, total) => options.emit('sync:progress', { done, total }),
        },
        report,
      );
      const finishedAt = iso(now());
      await whenIdle(store, () => {
        recordRun(store, { ...report, startedAt, finishedAt, via: 'network', error: null });
        writeSyncMeta(store, { lastSyncAt: finishedAt });
      });
      state = 'idle';
      lastError = null;
      return report;
    } catch (error) {
      if (joined.abort.signal.aborted) {
        state = 'idle';
        throw new CoreError('offline', 'Sync stopped because the app was locked.', undefined, { reason: 'aborted' });
      }
      state = stateOf(error);
      lastError = errorOf(error);
      await whenIdle(store, () => recordRun(store, { ...report, startedAt, finishedAt: iso(now()), via: 'network', error: lastError })).catch(() => undefined);
      if (error instanceof CoreError && error.reason === 'device-revoked') await handleRevoked();
      throw error;
    } finally {
      if (lockAfter) {
        selfClosing = true;
        await sessions.lock('user').finally(() => {
          selfClosing = false;
        });
      }
      emitStatus();
    }
  };

  // The outbox's last entry: a run started before a write cannot have pushed it.
  const lastChange = (): number => {
    const session = openSession();
    if (!session) return 0;
    return (session.store.sqlite.prepare('SELECT max(seq) AS seq FROM change_log').get() as { seq: number | null }).seq ?? 0;
  };

  /**
   * Pushes and pulls now. A call while a run is under way joins it, unless something was written
   * since that run started: then it gets one more run right after (shared by such callers).
   */
  const syncNow = (): Promise<SyncReport> => {
    if (current && lastChange() === currentFrom) return current;
    if (current) {
      followUp ??= current
        .catch(() => undefined)
        .then(() => {
          followUp = null;
          return syncNow();
        });
      return followUp;
    }
    currentFrom = lastChange();
    current = networkRun().finally(() => {
      current = null;
    });
    return current;
  };

  const scheduler = createScheduler({
    intervalMs: options.intervalMs ?? defaultIntervalMs,
    debounceMs: options.debounceMs ?? defaultDebounceMs,
    now,
    run: async () => {
      try {
        await syncNow();
        return 'ok';
      } catch (error) {
        const paused = !openSession() || (error instanceof CoreError && (error.reason === 'needs-login' || error.reason === 'not-joined'));
        return paused ? 'paused' : 'failed';
      }
    },
    probe: () => (openSession() ? lastChange() : null),
    onWrite: emitStatus,
  });

  /** Starts the background sync if the open store joined a server. */
  const start = () => {
    const session = openSession();
    if (!session || !isJoinedStore(session.store)) return;
    scheduler.start();
  };

  /** Stops background sync and waits for a run under way (the session hook before the store closes). */
  const detach = async () => {
    await scheduler.stop(false);
    connection?.abort.abort();
    connection = null;
    if (!selfClosing && current) await current.catch(() => undefined);
    if (state === 'syncing') state = 'idle';
  };

  return {
    status,
    syncNow,
    start,
    detach,
    /** Stops background sync for good (tests, shutdown); a run under way is awaited. */
    async stop() {
      await scheduler.stop();
      if (current) await current.catch(() => undefined);
    },
    /** The background scheduler (tests drive its `tick`). */
    scheduler,
    online,
    /** Whether the open store joined a server (false while locked). */
    isJoined(): boolean {
      const session = openSession();
      return session ? isJoinedStore(session.store) : false;
    },

    /** Follows the session: background sync while a joined store is unlocked. */
    onSessionChanged(change: { state: 'locked' | 'unlocked' }) {
      if (change.state === 'unlocked') {
        state = 'idle';
        lastError = null;
        start();
      }
      emitStatus();
    },

    /** The session hook for a user's first sign-in on a joined store. */
    firstSignIn: createFirstSignIn({
      ...fetchOption,
      now,
      onSignedIn: (userId, answer) => void seeds.set(userId, answer),
      onRevoked: () => void handleRevoked(),
    }),

    /** First run on a new device: joins a branch server and opens the new store as the user. */
    async join(input: JoinInput) {
      const { user, branch, recoveryCode } = await joinServer(
        { sessions, now, ...fetchOption, onSignedIn: (userId, login) => void seeds.set(userId, login), onProgress: (done, total) => options.emit('sync:progress', { done, total }) },
        input,
      );
      start();
      emitStatus();
      return { user, branch, recoveryCode };
    },

    /** Signs the current user in to the server again (after `needs-login`), then syncs. */
    async login(password: string): Promise<SyncStatus> {
      const session = sessions.require();
      const joined = connect(session);
      const answer = await online(() =>
        signInOnline(joined.http, { username: session.user.username, password, deviceId: joined.deviceId, deviceName: joined.deviceName ?? 'Mowakaba device' }),
      );
      await joined.auth.signedIn(answer);
      await whenIdle(session.store, () => writeSyncMeta(session.store, { bundleKey: answer.bundle_key }));
      state = 'idle';
      lastError = null;
      scheduler.resume('ok');
      if (!scheduler.started) start();
      await syncNow().catch(() => undefined);
      return status();
    },

    /** Records a run that did not go through the network (a USB bundle) and refreshes the status. */
    async recordBundleRun(session: OpenSession, report: SyncReport, startedAt: string, error: SyncStatus['lastError']) {
      const finishedAt = iso(now());
      await whenIdle(session.store, () => {
        recordRun(session.store, { ...report, startedAt, finishedAt, via: 'bundle', error });
        if (!error) writeSyncMeta(session.store, { lastSyncAt: finishedAt });
      });
      emitStatus();
    },

    /** Resolves once no network run is under way. */
    async settled() {
      if (current) await current.catch(() => undefined);
    },

    now,
  };
};

export type SyncService = ReturnType<typeof createSyncService>;
