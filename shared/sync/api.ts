import { z } from 'zod';
import { displayNameSchema, passwordSchema, roles, usernameSchema } from '../contract/session.contract.ts';

/**
 * The sync server's HTTP API (version 1): request and answer bodies, validated on both sides.
 * Every error answer is `{ code, message }` with a fitting HTTP status.
 */

/** The schema version of synced tables this build speaks; the server refuses clients below its minimum. */
export const syncSchemaVersion = 1;

/** Most changes in one push, and most changes in one pulled page. */
export const maxPushChanges = 500;
export const maxPullLimit = 2000;

const id = z.string().min(1).max(64);
const deviceId = z.uuid();
const time = z.string().min(10).max(40);

/** Codes of a whole request refused. */
export const httpErrorCodes = [
  'bad-request',
  'unauthorized',
  'device-revoked',
  'forbidden',
  'wrong-branch',
  'not-found',
  'conflict',
  'rate-limited',
  'outdated',
  'payload-too-large',
  'internal',
] as const;
export type HttpErrorCode = (typeof httpErrorCodes)[number];
export const httpErrorSchema = z.object({ code: z.enum(httpErrorCodes), message: z.string() });
export type HttpError = z.infer<typeof httpErrorSchema>;

/** Codes of one pushed change refused (nothing of it written). */
export const opRejectionCodes = [
  'unknown-table',
  'unknown-field',
  'invalid-value',
  'missing-fields',
  'wrong-branch',
  'out-of-scope',
  'role-forbidden',
  'server-managed',
  'append-only',
] as const;
export type OpRejectionCode = (typeof opRejectionCodes)[number];

export const userInfoSchema = z.object({
  id,
  username: z.string(),
  display_name: z.string(),
  role: z.enum(roles),
  branch_id: id,
});
export type UserInfo = z.infer<typeof userInfoSchema>;

export const loginRequestSchema = z
  .object({
    username: usernameSchema,
    password: z.string().min(1).max(256),
    device_id: deviceId,
    device_name: z.string().trim().min(1).max(100),
  })
  .strict();
export type LoginRequest = z.infer<typeof loginRequestSchema>;

export const tokensSchema = z.object({
  access_token: z.string(),
  /** ISO time the access token stops working. */
  access_expires_at: time,
  refresh_token: z.string(),
});

export const loginResponseSchema = tokensSchema.extend({
  user: userInfoSchema,
  branch: z.object({ id, name: z.string() }),
  /**
   * The device's own secret (base64, 32 bytes), the same for every user of this device; never
   * stored by the device: it wraps a key slot that lets a new user of the device get her own slot
   * at her first online login. Withheld once the device is revoked.
   */
  device_key: z.base64(),
  /** The key of this device's USB bundles (base64, 32 bytes); kept inside the encrypted store. */
  bundle_key: z.base64(),
  /** The server's minimum schema version; below it, the client is `outdated`. */
  min_schema_version: z.number().int(),
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const refreshRequestSchema = z.object({ refresh_token: z.string().min(20).max(200), device_id: deviceId }).strict();
export const refreshResponseSchema = tokensSchema;

/** One field of one row, as a device pushes it. */
export const pushChangeSchema = z
  .object({
    /** Unique per device; a retried push carries the same ids and is answered `duplicate`. */
    op_id: z.string().min(1).max(100),
    table: z.string().min(1).max(40),
    row_id: id,
    field: z.string().min(1).max(40),
    value: z.unknown(),
    /** The server sequence the device had last seen for this row (0: never seen). */
    base_seq: z.number().int().nonnegative(),
    /** The device's clock when the change was made: recorded for the audit, never used to order. */
    device_time: time,
    /** Who made it on the device (must be the token's user, or for bundles a user of this device). */
    user_id: id.optional(),
  })
  .strict();
export type PushChange = z.infer<typeof pushChangeSchema>;

export const pushRequestSchema = z
  .object({
    schema_version: z.number().int().positive(),
    device_id: deviceId,
    branch_id: id,
    changes: z.array(pushChangeSchema).max(maxPushChanges),
  })
  .strict();
export type PushRequest = z.infer<typeof pushRequestSchema>;

export const pushResultSchema = z.object({
  op_id: z.string(),
  status: z.enum(['accepted', 'duplicate', 'rejected']),
  code: z.enum(opRejectionCodes).optional(),
  /** The server sequence the change got (accepted), or had (duplicate). */
  seq: z.number().int().optional(),
  /** The change was concurrent with another: `won` or `lost` (a manager's protected value held). */
  conflict: z.enum(['won', 'lost']).optional(),
});
export type PushResult = z.infer<typeof pushResultSchema>;
export const pushResponseSchema = z.object({ results: z.array(pushResultSchema) });
export type PushResponse = z.infer<typeof pushResponseSchema>;

/** A change as a device pulls it, in server order. */
export const pulledChangeSchema = z.object({
  seq: z.number().int().positive(),
  table: z.string(),
  row_id: id,
  field: z.string(),
  value: z.unknown(),
  user_id: id.nullable(),
  device_time: time.nullable(),
  server_time: time,
});
export type PulledChange = z.infer<typeof pulledChangeSchema>;

/** A whole row: in snapshots, and for a household entering the user's scope. */
export const syncRowSchema = z.object({
  table: z.string(),
  row_id: id,
  /** The row's latest server sequence. */
  seq: z.number().int().nonnegative(),
  fields: z.record(z.string(), z.unknown()),
});
export type SyncRow = z.infer<typeof syncRowSchema>;

export const pullQuerySchema = z.object({
  cursor: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(maxPullLimit).default(500),
  schema_version: z.coerce.number().int().positive().optional(),
});

export const pullResponseSchema = z.object({
  /** Rows of households that entered the user's scope, whole (apply before `changes`). */
  enter: z.array(syncRowSchema),
  /** Households that left the user's scope: remove them and everything under them. */
  leave: z.array(id),
  changes: z.array(pulledChangeSchema),
  /** Where the next pull starts; store it only after the page is applied. */
  cursor: z.number().int().nonnegative(),
  more: z.boolean(),
  /** The device's cursor is older than the server keeps history for: take a fresh snapshot. */
  reset: z.boolean().optional(),
  /** Open conflicts in the branch (managers only). */
  open_conflicts: z.number().int().nonnegative().nullable().optional(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/**
 * `GET /v1/sync/snapshot` streams newline-delimited JSON: one header line, one line per row in
 * `syncTableOrder`, one end line (its `rows` count lets the client detect a cut stream).
 */
export const snapshotLineSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('header'),
    cursor: z.number().int().nonnegative(),
    branch: z.object({ id, name: z.string() }),
    user: userInfoSchema,
    /** Rows counted before streaming, for the device's progress bar (the end line has the exact count). */
    expected_rows: z.number().int().nonnegative().optional(),
  }),
  z.object({ type: z.literal('row') }).extend(syncRowSchema.shape),
  z.object({ type: z.literal('end'), rows: z.number().int().nonnegative() }),
]);
export type SnapshotLine = z.infer<typeof snapshotLineSchema>;

/**
 * A USB bundle file: one line of clear JSON header naming the device, a newline, then the
 * AES-256-GCM ciphertext (tag appended) of the JSON payload, sealed with the device's bundle key
 * with the header line as additional data. Device → server: its waiting changes and its cursor;
 * server → device: the results of those changes and the pull pages from that cursor.
 */
export const bundleHeaderSchema = z
  .object({
    format: z.literal('mowakaba-bundle'),
    version: z.literal(1),
    direction: z.enum(['to-server', 'to-device']),
    device_id: deviceId,
    branch_id: id,
    created_at: time,
    /** base64 of the 12-byte GCM nonce. */
    iv: z.base64(),
  })
  .strict();
export type BundleHeader = z.infer<typeof bundleHeaderSchema>;

export const deviceBundleSchema = z.object({
  schema_version: z.number().int().positive(),
  /** The user signed in when it was exported: the answer holds her scope. */
  user_id: id,
  cursor: z.number().int().nonnegative(),
  changes: z.array(pushChangeSchema).max(100_000),
});
export type DeviceBundle = z.infer<typeof deviceBundleSchema>;

export const serverBundleSchema = z.object({
  results: z.array(pushResultSchema),
  pages: z.array(pullResponseSchema),
});
export type ServerBundle = z.infer<typeof serverBundleSchema>;

/** Admin: accounts, districts and devices of the branch. */
export const adminUserSchema = userInfoSchema.extend({
  disabled: z.boolean(),
  district_ids: z.array(id),
  created_at: time,
});
export type AdminUser = z.infer<typeof adminUserSchema>;

export const createUserRequestSchema = z
  .object({
    username: usernameSchema,
    display_name: displayNameSchema,
    role: z.enum(roles),
    password: passwordSchema,
    district_ids: z.array(id).max(500).default([]),
  })
  .strict();

export const updateUserRequestSchema = z
  .object({
    display_name: displayNameSchema.optional(),
    role: z.enum(roles).optional(),
    disabled: z.boolean().optional(),
    district_ids: z.array(id).max(500).optional(),
    password: passwordSchema.optional(),
  })
  .strict();

export const deviceInfoSchema = z.object({
  id: deviceId,
  name: z.string(),
  /** Users who signed in on it. */
  users: z.array(z.object({ id, username: z.string() })),
  last_seen_at: time.nullable(),
  revoked_at: time.nullable(),
  created_at: time,
});
export type DeviceInfo = z.infer<typeof deviceInfoSchema>;

/** A concurrent change the server's rule decided; managers confirm it or restore the other value. */
export const conflictSchema = z.object({
  id,
  table: z.string(),
  row_id: id,
  field: z.string(),
  household_id: id.nullable(),
  kept: z.object({ value: z.unknown(), user_id: id.nullable(), device_time: time.nullable(), server_time: time, seq: z.number().int() }),
  lost: z.object({ value: z.unknown(), user_id: id.nullable(), device_time: time.nullable(), server_time: time }),
  status: z.enum(['open', 'confirmed', 'restored']),
  resolved_by: id.nullable(),
  resolved_at: time.nullable(),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const resolveConflictRequestSchema = z.object({ keep: z.enum(['kept', 'lost']) }).strict();
