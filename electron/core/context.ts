import type { EventName, EventPayload } from '../../shared/contract/index.ts';
import type { KdfParams } from './keys/kdf.ts';
import { defaultKdfParams } from './keys/kdf.ts';
import { createSessionManager, type SessionManager } from './session/session.service.ts';

/** What every handler may use: where the data lives, the session, and how to tell the renderer. */
export interface CoreContext {
  dataDir: string;
  appVersion: string;
  locale: string;
  sessions: SessionManager;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export interface CoreContextOptions {
  dataDir: string;
  appVersion: string;
  locale: string;
  /** Argon2id cost; tests pass a light one. */
  kdf?: KdfParams;
  /** 32 bytes sealing the keyring file, from Electron's safeStorage where the OS protects it. */
  seal?: Uint8Array;
}

/** Builds the context the worker (and tests) serve the handler map with. */
export const createCoreContext = (options: CoreContextOptions, emit: CoreContext['emit']): CoreContext => ({
  dataDir: options.dataDir,
  appVersion: options.appVersion,
  locale: options.locale,
  emit,
  sessions: createSessionManager({
    dataDir: options.dataDir,
    kdf: options.kdf ?? defaultKdfParams,
    ...(options.seal ? { seal: Buffer.from(options.seal) } : {}),
    emit: (event, payload) => emit(event, payload),
  }),
});
