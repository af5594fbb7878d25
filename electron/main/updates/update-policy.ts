import type { SyncStatus, UpdateErrorCode, UpdateState, UpdateStatus } from '../../../shared/contract/index.ts';
import { classifyUpdateError, progressOf, readCheckResult } from './update-info.ts';

/**
 * The part of electron-updater's `autoUpdater` the policy drives; a fake in tests. Nothing here
 * touches `isUserWithinRollout`, so electron-updater keeps honouring `stagingPercentage` of latest.yml.
 */
export interface UpdaterLike {
  autoDownload: boolean;
  autoInstallOnAppQuit: boolean;
  setFeedURL(options: { provider: 'generic'; url: string; useMultipleRangeRequest?: boolean }): void;
  checkForUpdates(): Promise<unknown>;
  downloadUpdate(): Promise<unknown>;
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void;
  on(event: 'download-progress' | 'update-downloaded' | 'error', listener: (payload: unknown) => void): unknown;
}

export const defaultCheckIntervalMs = 4 * 3600_000;
/** While the server answers `outdated`, checks repeat at most this often (the first one is immediate). */
export const outdatedRecheckMs = 10 * 60_000;

export interface UpdatePolicyOptions {
  updater: UpdaterLike;
  currentVersion: string;
  now(): number;
  /** Least time between two automatic checks (default 4 h). */
  checkIntervalMs?: number;
  onChange(status: UpdateStatus): void;
}

export type InstallDecision = 'scheduled' | 'disabled' | 'not-ready' | 'unsynced-changes';

export interface UpdatePolicy {
  status(): UpdateStatus;
  /** A new feed (or none: a development build, no branch server); starts over from idle or disabled. */
  setFeedAvailable(available: boolean): void;
  /** Every sync status the core announces: checks follow a successful sync or an `outdated` answer. */
  onSync(sync: SyncStatus): void;
  /** A check asked for by the user: at once, but never while offline. */
  checkNow(): Promise<void>;
  /** The user's go-ahead; keeping unsynced changes on the device must be said explicitly. */
  install(keepLocalChanges: boolean): InstallDecision;
  /** Called as the app quits: starts the installer when allowed; true when it did. */
  onQuit(): boolean;
}

/**
 * When to check, download and install: after a successful sync and at most every few hours, at
 * once when the server says this version is outdated, never while offline; the download runs in
 * the background; the installer runs on quit only once local changes were pushed, or the user
 * accepted keeping them on the device (the installer never touches the store). A failed or
 * corrupted download is discarded by electron-updater and retried at the next allowed check.
 */
export const createUpdatePolicy = ({ updater, currentVersion, now, checkIntervalMs = defaultCheckIntervalMs, onChange }: UpdatePolicyOptions): UpdatePolicy => {
  // Only this policy decides when to download and install.
  updater.autoDownload = false;
  updater.autoInstallOnAppQuit = false;

  let feedAvailable = false;
  let state: UpdateState = 'disabled';
  let availableVersion: string | null = null;
  let releaseNotes: string | null = null;
  let progressPercent: number | null = null;
  let error: UpdateErrorCode | null = null;
  let lastCheckAt: number | null = null;
  let checkStartedAfter: number | null = null;
  let sync: SyncStatus | null = null;
  let seenLastSyncAt: string | null = null;
  let keepLocalAccepted = false;
  // Set once the server's `outdated` answer led to a check; cleared by a sync it accepts again.
  let outdatedChecked = false;
  let installing = false;
  let lastEmitted = '';

  const pending = () => sync?.pending ?? 0;
  const installOnQuit = () => state === 'ready' && (pending() === 0 || keepLocalAccepted);

  const status = (): UpdateStatus => ({
    currentVersion,
    state,
    availableVersion,
    releaseNotes,
    progressPercent,
    pendingChanges: pending(),
    serverOutdated: sync?.state === 'outdated',
    installOnQuit: installOnQuit(),
    lastCheckAt: lastCheckAt === null ? null : new Date(lastCheckAt).toISOString(),
    error,
  });

  const announce = () => {
    const next = status();
    const key = JSON.stringify(next);
    if (key === lastEmitted) return;
    lastEmitted = key;
    onChange(next);
  };

  const clearFound = () => {
    availableVersion = null;
    releaseNotes = null;
    progressPercent = null;
    keepLocalAccepted = false;
  };

  const failWith = (code: UpdateErrorCode, phase: 'check' | 'download') => {
    // An unreachable server does not use up the interval: the next successful sync checks again.
    if (phase === 'check' && code === 'offline') lastCheckAt = checkStartedAfter;
    state = 'error';
    error = code;
    clearFound();
    announce();
  };

  const download = async () => {
    try {
      await updater.downloadUpdate();
    } catch (failure) {
      if (state === 'downloading') failWith(classifyUpdateError(failure, 'download'), 'download');
      return;
    }
    if (state === 'downloading') {
      state = 'ready';
      progressPercent = 100;
      announce();
    }
  };

  const check = async () => {
    if (!feedAvailable || state === 'checking' || state === 'downloading' || state === 'ready') return;
    checkStartedAfter = lastCheckAt;
    lastCheckAt = now();
    state = 'checking';
    error = null;
    announce();
    let result: unknown;
    try {
      result = await updater.checkForUpdates();
    } catch (failure) {
      if (state === 'checking') failWith(classifyUpdateError(failure, 'check'), 'check');
      return;
    }
    // The `error` event may already have settled this check.
    if (state !== 'checking') return;
    const outcome = readCheckResult(result);
    if (outcome.kind === 'invalid') return failWith('check-failed', 'check');
    if (outcome.kind === 'none') {
      state = 'idle';
      clearFound();
      return announce();
    }
    if (outcome.version !== availableVersion) keepLocalAccepted = false;
    state = 'downloading';
    availableVersion = outcome.version;
    releaseNotes = outcome.notes;
    progressPercent = 0;
    announce();
    void download();
  };

  updater.on('download-progress', (payload) => {
    const percent = progressOf(payload);
    if (state !== 'downloading' || percent === null) return;
    progressPercent = percent;
    announce();
  });
  updater.on('update-downloaded', () => {
    if (state !== 'downloading') return;
    state = 'ready';
    progressPercent = 100;
    announce();
  });
  // electron-updater emits `error` and also rejects the promise of the same call: both land here once.
  updater.on('error', (failure) => {
    if (state === 'checking') failWith(classifyUpdateError(failure, 'check'), 'check');
    else if (state === 'downloading') failWith(classifyUpdateError(failure, 'download'), 'download');
  });

  const due = (gapMs: number) => lastCheckAt === null || now() - lastCheckAt >= gapMs;

  return {
    status,
    setFeedAvailable(available) {
      feedAvailable = available;
      state = available ? 'idle' : 'disabled';
      error = null;
      lastCheckAt = null;
      clearFound();
      announce();
    },
    onSync(next) {
      sync = next;
      const syncedNow = next.state === 'idle' && next.lastSyncAt !== null && next.lastSyncAt !== seenLastSyncAt;
      if (next.lastSyncAt !== null) seenLastSyncAt = next.lastSyncAt;
      announce();
      if (next.state === 'idle' || next.state === 'off') outdatedChecked = false;
      if (next.state === 'outdated') {
        if (outdatedChecked && !due(outdatedRecheckMs)) return;
        outdatedChecked = true;
        void check();
      } else if (syncedNow && due(checkIntervalMs)) {
        void check();
      }
    },
    async checkNow() {
      if (!feedAvailable) return;
      if (sync?.state === 'offline') {
        if (state === 'idle' || state === 'error') {
          state = 'error';
          error = 'offline';
          announce();
        }
        return;
      }
      await check();
    },
    install(keepLocalChanges) {
      if (!feedAvailable) return 'disabled';
      if (state !== 'ready') return 'not-ready';
      if (pending() > 0 && !keepLocalChanges && !keepLocalAccepted) return 'unsynced-changes';
      if (keepLocalChanges) keepLocalAccepted = true;
      announce();
      return 'scheduled';
    },
    onQuit() {
      if (installing || !installOnQuit()) return false;
      installing = true;
      // Silent, and the app is not started again: the user chose to quit.
      updater.quitAndInstall(true, false);
      return true;
    },
  };
};
