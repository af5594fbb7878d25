import {
  noUpdateReadyReason,
  ok,
  syncStatusSchema,
  unsyncedChangesReason,
  updatesDisabledReason,
  type ErrorCode,
  type Result,
  type UpdateStatus,
} from '../../../shared/contract/index.ts';
import type { MainHandlers } from '../ipc.ts';
import { feedUrlFor } from './update-info.ts';
import { createUpdatePolicy, type InstallDecision, type UpdaterLike } from './update-policy.ts';

export interface UpdatesOptions {
  /** electron-updater's `autoUpdater`, or a fake. */
  updater: UpdaterLike;
  currentVersion: string;
  /** False in development builds: electron-updater only works in a packaged app. */
  packaged: boolean;
  now?: () => number;
  checkIntervalMs?: number;
  /** Sends `updates:status` to the window. */
  emit(status: UpdateStatus): void;
  /** Asks the core for the sync status (main otherwise only hears its events). */
  readSyncStatus?(): Promise<Result<unknown>>;
}

export interface Updates {
  handlers: MainHandlers;
  /** Every event the core emits, as it is forwarded to the window; only `sync:status` matters here. */
  onCoreEvent(name: string, payload: unknown): void;
  /** From `app.on('will-quit')`: installs a downloaded update when the policy allows it. */
  onQuit(): boolean;
  status(): UpdateStatus;
}

const refuse = (code: ErrorCode, message: string, reason: string): Result<never> => ({ ok: false, error: { code, message, reason } });

const refusals: Record<Exclude<InstallDecision, 'scheduled'>, Result<never>> = {
  disabled: refuse('not-found', 'Updates are off on this device.', updatesDisabledReason),
  'not-ready': refuse('not-found', 'No update has been downloaded yet.', noUpdateReadyReason),
  'unsynced-changes': refuse('conflict', 'Changes wait to be synced; confirm keeping them on this device first.', unsyncedChangesReason),
};

/**
 * Glue between electron-updater, the core's sync status and the window. The feed is the
 * configured branch server's `/updates/` folder, set at run time, so one build serves every
 * branch; without a server (or in a development build) the updater stays `disabled`.
 */
export const createUpdates = ({ updater, currentVersion, packaged, now = Date.now, checkIntervalMs, emit, readSyncStatus }: UpdatesOptions): Updates => {
  const policy = createUpdatePolicy({
    updater,
    currentVersion,
    now,
    onChange: emit,
    ...(checkIntervalMs === undefined ? {} : { checkIntervalMs }),
  });
  let feedUrl: string | null = null;

  const onSyncStatus = (payload: unknown) => {
    const parsed = syncStatusSchema.safeParse(payload);
    if (!parsed.success) return;
    const sync = parsed.data;
    const url = packaged && sync.state !== 'off' ? feedUrlFor(sync.server) : null;
    if (url !== feedUrl) {
      feedUrl = url;
      // The branch server answers single byte ranges (206), not multipart ones: differential
      // downloads then fetch range by range instead of falling back to the whole file.
      if (url) updater.setFeedURL({ provider: 'generic', url, useMultipleRangeRequest: false });
      policy.setFeedAvailable(url !== null);
    }
    policy.onSync(sync);
  };

  const refresh = async () => {
    const answer = await readSyncStatus?.().catch(() => undefined);
    if (answer?.ok) onSyncStatus(answer.value);
  };

  const handlers: MainHandlers = {
    'updates:status': async () => {
      await refresh();
      return ok(policy.status());
    },
    'updates:check': async () => {
      await refresh();
      await policy.checkNow();
      return ok(policy.status());
    },
    'updates:install': async ({ keepLocalChanges }) => {
      await refresh();
      const decision = policy.install(keepLocalChanges);
      return decision === 'scheduled' ? ok(policy.status()) : refusals[decision];
    },
  };

  return {
    handlers,
    onCoreEvent: (name, payload) => {
      if (name === 'sync:status') onSyncStatus(payload);
    },
    onQuit: policy.onQuit,
    status: policy.status,
  };
};

const inertUpdater = (): UpdaterLike => ({
  autoDownload: false,
  autoInstallOnAppQuit: false,
  setFeedURL: () => undefined,
  checkForUpdates: async () => null,
  downloadUpdate: async () => [],
  quitAndInstall: () => undefined,
  on: () => undefined,
});

/** The updater's channels where there is no updater (the browser bridge of the e2e tests): always `disabled`. */
export const createDisabledUpdates = (currentVersion: string): Updates =>
  createUpdates({ updater: inertUpdater(), currentVersion, packaged: false, emit: () => undefined });

/** electron-updater's logger without its chatter: warnings and errors, first line only (no stacks, no paths). */
export const quietUpdaterLogger = {
  info: () => undefined,
  warn: (message: unknown) => console.warn(`[updater] ${String(message).split('\n')[0]?.slice(0, 200)}`),
  error: (message: unknown) => console.error(`[updater] ${String(message).split('\n')[0]?.slice(0, 200)}`),
};
