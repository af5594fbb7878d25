import { z } from 'zod';

export const appInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int().nonnegative(),
  dataDir: z.string(),
  locale: z.string(),
});

export type AppInfo = z.infer<typeof appInfoSchema>;

export const appChannels = {
  /** App version, store schema version, data folder and system locale. */
  'app:info': { input: z.undefined(), output: appInfoSchema },
};
