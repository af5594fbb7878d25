import type { SyncStatus } from '../../../shared/contract/index.ts';
import type { UpdaterLike } from './update-policy.ts';

interface Deferred {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * electron-updater's `autoUpdater` as the policy sees it: each check and download waits until the
 * test settles it, and events are emitted by hand, as the real one does (an `error` event and a
 * rejected promise for the same failure).
 */
export const createFakeUpdater = () => {
  const listeners = new Map<string, ((payload: unknown) => void)[]>();
  const checks: Deferred[] = [];
  const downloads: Deferred[] = [];
  const feeds: unknown[] = [];
  const installs: [boolean | undefined, boolean | undefined][] = [];
  const emit = (event: string, payload?: unknown) => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  const waiting = (list: Deferred[]) =>
    new Promise<unknown>((resolve, reject) => {
      list.push({ resolve, reject });
    });
  const settle = (list: Deferred[], name: string) => {
    const next = list.shift();
    if (!next) throw new Error(`no ${name} is waiting`);
    return next;
  };

  const updater: UpdaterLike = {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    setFeedURL: (options) => void feeds.push(options),
    checkForUpdates: () => waiting(checks),
    downloadUpdate: () => waiting(downloads),
    quitAndInstall: (isSilent, isForceRunAfter) => void installs.push([isSilent, isForceRunAfter]),
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
  };

  return {
    updater,
    feeds,
    installs,
    emit,
    /** Checks started and not settled yet. */
    checksWaiting: () => checks.length,
    downloadsWaiting: () => downloads.length,
    /** The server has this version (with notes). */
    answerCheck: (version: string | null, releaseNotes: unknown = null) =>
      settle(checks, 'check').resolve(
        version === null
          ? { isUpdateAvailable: false, updateInfo: { version: '0.1.0' } }
          : { isUpdateAvailable: true, updateInfo: { version, releaseNotes } },
      ),
    /** Like electron-updater: `error` event first, then the call's promise rejects. */
    failCheck: (error: unknown) => {
      emit('error', error);
      settle(checks, 'check').reject(error);
    },
    finishDownload: () => {
      emit('update-downloaded', {});
      settle(downloads, 'download').resolve(['/tmp/installer']);
    },
    failDownload: (error: unknown) => {
      emit('error', error);
      settle(downloads, 'download').reject(error);
    },
  };
};

/** Lets pending promise callbacks run. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The sync status the core reports, all pushed and idle unless patched. */
export const syncStatus = (patch: Partial<SyncStatus> = {}): SyncStatus => ({
  state: 'idle',
  server: 'https://branch.example',
  deviceName: 'laptop',
  pending: 0,
  lastSyncAt: '2026-03-01T08:00:00.000Z',
  lastError: null,
  cursor: 10,
  openConflicts: null,
  ...patch,
});
