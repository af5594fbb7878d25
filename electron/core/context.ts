import type { EventName, EventPayload } from '../../shared/contract/index.ts';
import type { KdfParams } from './keys/kdf.ts';
import { defaultKdfParams } from './keys/kdf.ts';
import { createSessionManager, type SessionManager } from './session/session.service.ts';
import type { FetchLike } from './sync/http-client.ts';
import { createSyncService, type SyncService } from './sync/sync.service.ts';

/** What every handler may use: where the data lives, the session, the sync, and how to tell the renderer. */
export interface CoreContext {
  dataDir: string;
  appVersion: string;
  locale: string;
  sessions: SessionManager;
  sync: SyncService;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** What can cross to a worker thread (plain data only). */
export interface CoreContextData {
  dataDir: string;
  appVersion: string;
  locale: string;
  /** Argon2id cost; tests pass a light one. */
  kdf?: KdfParams;
  /** 32 bytes sealing the keyring file, from Electron's safeStorage where the OS protects it. */
  seal?: Uint8Array;
  /** Background sync every so often (default 60 s); tests pass a large value. */
  syncIntervalMs?: number;
  /** Background sync this long after a local write (default 5 s). */
  syncDebounceMs?: number;
}

export interface CoreContextOptions extends CoreContextData {
  /** How the sync client reaches the server (tests pass a fake; default: global fetch). */
  fetch?: FetchLike;
  /** The clock (tests). */
  now?: () => number;
}

/** Builds the context the worker (and tests) serve the handler map with. */
export const createCoreContext = (options: CoreContextOptions, emit: CoreContext['emit']): CoreContext => {
  // The session calls into the sync (first online sign-in, stop before the store closes), and the
  // sync into the session: the sync is created second and reached through this binding.
  const late: { sync?: SyncService } = {};
  const sessions = createSessionManager({
    dataDir: options.dataDir,
    kdf: options.kdf ?? defaultKdfParams,
    ...(options.seal ? { seal: Buffer.from(options.seal) } : {}),
    ...(options.now ? { now: options.now } : {}),
    emit: (event, payload) => {
      emit(event, payload);
      late.sync?.onSessionChanged(payload);
    },
    firstSignIn: (input) => {
      if (!late.sync) throw new Error('The sync service is not ready.');
      return late.sync.firstSignIn(input);
    },
    beforeClose: () => late.sync?.detach() ?? Promise.resolve(),
  });
  const sync = createSyncService({
    sessions,
    emit,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.syncIntervalMs !== undefined ? { intervalMs: options.syncIntervalMs } : {}),
    ...(options.syncDebounceMs !== undefined ? { debounceMs: options.syncDebounceMs } : {}),
  });
  late.sync = sync;
  return { dataDir: options.dataDir, appVersion: options.appVersion, locale: options.locale, emit, sessions, sync };
};
