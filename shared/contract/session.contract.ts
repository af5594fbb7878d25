import { z } from 'zod';

export const roles = ['worker', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

/** Login names: lower-case letters, digits, dot, dash, underscore. */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/, 'username: 3 to 32 letters, digits, dots, dashes or underscores');

/** Long enough to resist guessing on a stolen laptop; Argon2id does the rest. */
export const passwordSchema = z.string().min(10, 'password: at least 10 characters').max(256);

/** Recovery codes are shown grouped (XXXX-XXXX-…); case, spaces and dashes are ignored. */
export const recoveryCodeSchema = z.string().trim().min(16).max(128);

export const displayNameSchema = z.string().trim().min(1).max(80);

export const sessionUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  role: z.enum(roles),
  branchId: z.string(),
  districtIds: z.array(z.string()),
});
export type SessionUser = z.infer<typeof sessionUserSchema>;

export const branchSchema = z.object({ id: z.string(), name: z.string() });
export type Branch = z.infer<typeof branchSchema>;

export const sessionStatusSchema = z.discriminatedUnion('state', [
  /** No store on this device yet: first-run setup. */
  z.object({ state: z.literal('setup') }),
  z.object({ state: z.literal('locked'), retryAfterMs: z.number().int().nonnegative() }),
  z.object({ state: z.literal('unlocked'), user: sessionUserSchema, branch: branchSchema }),
]);
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const setupInputSchema = z
  .object({
    branchName: z.string().trim().min(2).max(120),
    adminUsername: usernameSchema,
    adminDisplayName: displayNameSchema,
    password: passwordSchema,
  })
  .strict();

export const sessionChannels = {
  /** Whether the device needs setup, is locked (with any unlock delay) or is unlocked, and by whom. */
  'session:status': { input: z.undefined(), output: sessionStatusSchema },
  /** First run: creates the encrypted store, the branch and the admin; returns the one-time recovery code. */
  'session:setup': {
    input: setupInputSchema,
    output: z.object({ recoveryCode: z.string(), user: sessionUserSchema, branch: branchSchema }),
  },
  /** Opens the store with a user's password; failures are rate-limited with growing delays. */
  'session:unlock': {
    input: z.object({ username: usernameSchema, password: z.string().min(1).max(256) }).strict(),
    output: z.object({ user: sessionUserSchema, branch: branchSchema }),
  },
  /** Closes the store and drops the key from memory. */
  'session:lock': { input: z.undefined(), output: z.null() },
  /** Tells the core the user is active, so the idle lock waits. */
  'session:touch': { input: z.undefined(), output: z.null() },
  /** Changes the signed-in user's password (rewraps that user's key slot only). */
  'session:change-password': {
    input: z.object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema }).strict(),
    output: z.null(),
  },
  /** While locked: sets a new password for a user with the branch's recovery code. */
  'session:recover': {
    input: z.object({ username: usernameSchema, recoveryCode: recoveryCodeSchema, newPassword: passwordSchema }).strict(),
    output: z.null(),
  },
};

export const demoChannels = {
  /** Fills a new, empty branch with generated demonstration data (admin; chosen at setup). */
  'demo:populate': {
    input: z.object({ households: z.number().int().min(10).max(5000).default(400) }).strict(),
    output: z.object({
      households: z.number().int(),
      plans: z.number().int(),
      actions: z.number().int(),
      visits: z.number().int(),
      accounts: z.array(z.object({ username: z.string(), displayName: z.string(), role: z.enum(roles), password: z.string() })),
    }),
  },
};

export const sessionEvents = {
  /** The store was locked (by the user, the idle delay or a restore) or unlocked. */
  'session:changed': z.object({ state: z.enum(['locked', 'unlocked']), reason: z.enum(['user', 'idle', 'restore', 'unlock']) }),
};
