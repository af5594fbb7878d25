import { z } from 'zod';

export const updateStates = [
  /** Nothing to do: up to date, or waiting for the next allowed check. */
  'idle',
  'checking',
  /** An update was found and downloads in the background. */
  'downloading',
  /** Downloaded and verified; it installs when the app quits. */
  'ready',
  /** The last check or download failed; `error` says why. It is retried at the next allowed check. */
  'error',
  /** No updater here: a development build, or no branch server configured. */
  'disabled',
] as const;
export type UpdateState = (typeof updateStates)[number];

/** Why the last check or download failed; stable, for a translated message. */
export const updateErrorCodes = [
  /** The update server could not be reached. */
  'offline',
  /** The server answered, but not with a usable update description. */
  'check-failed',
  /** The download stopped; the partial file was discarded. */
  'download-failed',
  /** The downloaded file did not match its checksum or signature and was discarded. */
  'corrupt-download',
] as const;
export type UpdateErrorCode = (typeof updateErrorCodes)[number];

export const releaseNotesMaxLength = 2000;
const versionSchema = z.string().min(1).max(64);

export const updateStatusSchema = z.object({
  /** The version running now. */
  currentVersion: versionSchema,
  state: z.enum(updateStates),
  /** The version found on the branch server (downloading or ready). */
  availableVersion: versionSchema.nullable(),
  /** Plain text, length-capped; never HTML. */
  releaseNotes: z.string().max(releaseNotesMaxLength).nullable(),
  /** While downloading, 0–100. */
  progressPercent: z.number().min(0).max(100).nullable(),
  /** Local changes not yet accepted by the server, as of the last sync status. */
  pendingChanges: z.number().int().nonnegative(),
  /** The server refused to sync with this version: only the update lets this device sync again. */
  serverOutdated: z.boolean(),
  /** The downloaded update installs when the app quits (changes pushed, or keeping them was accepted). */
  installOnQuit: z.boolean(),
  /** When the update server was last asked (ISO time). */
  lastCheckAt: z.string().nullable(),
  error: z.enum(updateErrorCodes).nullable(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

/** `updates:install` refused because changes wait to be synced and keeping them was not accepted. */
export const unsyncedChangesReason = 'unsynced-changes';
/** `updates:install` called with nothing downloaded. */
export const noUpdateReadyReason = 'no-update-ready';
/** The updater is off here (development build, or no branch server). */
export const updatesDisabledReason = 'updates-disabled';

/** Served by Electron main (the updater lives there), not by the core worker. */
export const updatesChannels = {
  /** The updater's state, for Settings → Updates and the ready notice. */
  'updates:status': { input: z.undefined(), output: updateStatusSchema },
  /** Asks the branch server now (not while offline); downloads in the background when there is an update. */
  'updates:check': { input: z.undefined(), output: updateStatusSchema },
  /**
   * Installs the downloaded update when the app quits. Refused (`conflict`, reason `unsynced-changes`)
   * while changes wait to be synced, unless `keepLocalChanges`: they then stay on this device and sync after.
   */
  'updates:install': {
    input: z.object({ keepLocalChanges: z.boolean() }).strict(),
    output: updateStatusSchema,
  },
};

export const updatesEvents = {
  /** The updater's state changed (found, progress, ready, failed, pending count moved). */
  'updates:status': updateStatusSchema,
};

/** Channels Electron main answers itself; the core's handler map leaves them out. */
export type MainChannelName = keyof typeof updatesChannels;
export const mainChannelNames = Object.keys(updatesChannels) as MainChannelName[];

export const isMainChannelName = (value: unknown): value is MainChannelName =>
  typeof value === 'string' && Object.hasOwn(updatesChannels, value);
