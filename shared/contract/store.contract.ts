import { z } from 'zod';

const filePathSchema = z.string().min(1).max(4096);

export const auditReportSchema = z.object({
  ok: z.boolean(),
  entries: z.number().int().nonnegative(),
  /** The sequence number of the first entry that does not chain, when `ok` is false. */
  brokenAt: z.number().int().nullable(),
});
export type AuditReport = z.infer<typeof auditReportSchema>;

export const storeChannels = {
  /** Checks the audit chain: an edited, inserted or removed entry breaks it (managers and admins). */
  'audit:verify': { input: z.undefined(), output: auditReportSchema },
  /** Writes an encrypted backup of the store and its keyring to one file (admin). */
  'store:backup': {
    input: z.object({ file: filePathSchema }).strict(),
    output: z.object({ file: z.string(), bytes: z.number().int().nonnegative() }),
  },
  /**
   * While locked (or before setup): replaces the store with a backup, after proving the backup opens
   * with the recovery code or a user's password; the previous store is kept until the new one verifies.
   */
  'store:restore': {
    input: z
      .object({
        file: filePathSchema,
        username: z.string().trim().toLowerCase().max(32).optional(),
        secret: z.string().min(1).max(256),
      })
      .strict(),
    output: z.object({ restored: z.literal(true) }),
  },
  /** Re-encrypts the store with a new random key and rewraps every key slot (admin). */
  'store:rekey': { input: z.object({ password: z.string().min(1).max(256) }).strict(), output: z.null() },
};
