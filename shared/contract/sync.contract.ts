import { z } from 'zod';
import { branchSchema, sessionUserSchema, usernameSchema } from './session.contract.ts';

const idSchema = z.string().min(1).max(64);
const filePathSchema = z.string().min(1).max(4096);

/** A sync server address: http(s) only, no credentials in it. */
export const serverUrlSchema = z
  .string()
  .trim()
  .max(300)
  .pipe(z.url({ protocol: /^https?$/ }))
  .refine((value) => !/\/\/[^/]*@/.test(value), 'server: no user name or password in the address')
  // Passwords and household files travel on this connection: plain http only to this computer.
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  }, 'server: use an https:// address (plain http only for this computer)');

export const syncStates = [
  /** This store was set up on its own and has no server. */
  'off',
  'idle',
  'syncing',
  /** The server could not be reached; changes wait on the device. */
  'offline',
  'error',
  /** The server needs a newer app; changes wait on the device. */
  'outdated',
  /** The server refused this user's saved sign-in: she must sign in online again. */
  'needs-login',
] as const;

export const syncErrorSchema = z.object({ code: z.string(), message: z.string() });

export const syncStatusSchema = z.object({
  state: z.enum(syncStates),
  server: z.string().nullable(),
  deviceName: z.string().nullable(),
  /** Local changes not yet accepted by the server. */
  pending: z.number().int().nonnegative(),
  lastSyncAt: z.string().nullable(),
  lastError: syncErrorSchema.nullable(),
  cursor: z.number().int().nonnegative(),
  /** Open conflicts in the branch, for managers, as of the last sync (null for workers). */
  openConflicts: z.number().int().nonnegative().nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncReportSchema = z.object({
  pushed: z.number().int().nonnegative(),
  pulled: z.number().int().nonnegative(),
  conflicts: z.number().int().nonnegative(),
  rejected: z.number().int().nonnegative(),
  cursor: z.number().int().nonnegative(),
});
export type SyncReport = z.infer<typeof syncReportSchema>;

export const syncRunSchema = syncReportSchema.extend({
  id: z.string(),
  startedAt: z.string(),
  finishedAt: z.string(),
  /** `network` or `bundle`. */
  via: z.enum(['network', 'bundle']),
  error: syncErrorSchema.nullable(),
});
export type SyncRun = z.infer<typeof syncRunSchema>;

/** A local change the server refused (kept on the device, shown so nobody wonders where it went). */
export const syncRejectionSchema = z.object({
  table: z.string(),
  rowId: z.string(),
  field: z.string(),
  code: z.string(),
  at: z.string(),
});

export const deviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  usernames: z.array(z.string()),
  lastSeenAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** This very device. */
  current: z.boolean(),
});
export type Device = z.infer<typeof deviceSchema>;

const conflictSideSchema = z.object({
  value: z.unknown(),
  userName: z.string().nullable(),
  deviceTime: z.string().nullable(),
  serverTime: z.string(),
});

export const syncConflictSchema = z.object({
  id: z.string(),
  table: z.string(),
  rowId: z.string(),
  field: z.string(),
  householdId: z.string().nullable(),
  /** The value the server's rule kept. */
  kept: conflictSideSchema,
  /** The value it set aside, which a manager may restore. */
  lost: conflictSideSchema,
  status: z.enum(['open', 'confirmed', 'restored']),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

export const syncChannels = {
  /** Sync state for the header and the Sync screen. */
  'sync:status': { input: z.undefined(), output: syncStatusSchema },
  /** Pushes waiting changes and pulls the server's, now (also runs in the background). */
  'sync:now': { input: z.undefined(), output: syncReportSchema },
  /**
   * First run on a new device: signs in to the branch server, downloads this user's scope and
   * creates the encrypted store with her key slot; returns the signed-in session.
   */
  'sync:join': {
    input: z
      .object({
        server: serverUrlSchema,
        username: usernameSchema,
        password: z.string().min(1).max(256),
        deviceName: z.string().trim().min(1).max(100),
      })
      .strict(),
    output: z.object({ user: sessionUserSchema, branch: branchSchema, recoveryCode: z.string() }),
  },
  /** Signs the current user in to the server again after `needs-login`. */
  'sync:login': { input: z.object({ password: z.string().min(1).max(256) }).strict(), output: syncStatusSchema },
  /** Recent sync runs on this device, newest first, and changes the server refused. */
  'sync:history': {
    input: z.undefined(),
    output: z.object({ runs: z.array(syncRunSchema), rejections: z.array(syncRejectionSchema) }),
  },
  /** Devices of the branch (admin; online). */
  'sync:devices': { input: z.undefined(), output: z.array(deviceSchema) },
  /** Revokes a lost or stolen device: it wipes its store at its next contact (admin; online). */
  'sync:revoke-device': { input: z.object({ deviceId: idSchema }).strict(), output: z.null() },
  /** The branch's conflicts (managers; online). */
  'sync:conflicts': {
    input: z.object({ status: z.enum(['open', 'all']).default('open') }).strict(),
    output: z.array(syncConflictSchema),
  },
  /** Confirms the kept value, or restores the one set aside (managers; online). */
  'sync:resolve-conflict': {
    input: z.object({ id: idSchema, keep: z.enum(['kept', 'lost']) }).strict(),
    output: z.null(),
  },
  /** Writes the waiting changes to an encrypted bundle file for a USB stick. */
  'bundle:export': {
    input: z.object({ file: filePathSchema }).strict(),
    output: z.object({ file: z.string(), changes: z.number().int().nonnegative() }),
  },
  /** Applies the server's answer bundle brought back on a USB stick. */
  'bundle:import': { input: z.object({ file: filePathSchema }).strict(), output: syncReportSchema },
};

export const syncEvents = {
  /** Sync state changed (started, finished, went offline, pending count moved). */
  'sync:status': syncStatusSchema,
  /** A snapshot being written (joining a server, or after a reset): rows written so far, of about `total` (null when unknown). */
  'sync:progress': z.object({ done: z.number().int().nonnegative(), total: z.number().int().nonnegative().nullable() }),
};
