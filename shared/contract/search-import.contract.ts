import { z } from 'zod';

export const searchHitSchema = z.object({
  householdId: z.string(),
  registryRef: z.string().nullable(),
  memberId: z.string(),
  nameAr: z.string(),
  nameLat: z.string().nullable(),
  nationalId: z.string().nullable(),
  relation: z.string(),
  districtName: z.string(),
  registryScore: z.number().nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const rowProblemSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  reason: z.string(),
  message: z.string(),
});
export type RowProblem = z.infer<typeof rowProblemSchema>;

const countsSchema = z.object({ created: z.number().int(), updated: z.number().int(), unchanged: z.number().int() });

export const importReportSchema = z.object({
  dryRun: z.boolean(),
  cancelled: z.boolean(),
  rows: z.number().int(),
  households: countsSchema,
  members: countsSchema,
  districtsCreated: z.array(z.string()),
  rejected: z.array(rowProblemSchema),
  warnings: z.array(rowProblemSchema),
  /** The same national ID on different registry persons: reported, never merged. */
  possibleDuplicates: z.array(z.object({ nationalId: z.string(), memberRefs: z.array(z.string()), lines: z.array(z.number().int()) })),
});
export type ImportReport = z.infer<typeof importReportSchema>;

const maxImportBytes = 80 * 1024 * 1024;

export const importSourceSchema = z.discriminatedUnion('kind', [
  /** A file on this computer (CLI, or a path Electron's file dialog gave). */
  z.object({ kind: z.literal('path'), path: z.string().min(1).max(4096) }).strict(),
  /** The file's content, as the app window read it. */
  z
    .object({
      kind: z.literal('content'),
      name: z.string().min(1).max(260).regex(/\.(csv|xlsx)$/i, 'file: .csv or .xlsx'),
      dataBase64: z.base64().max(Math.ceil((maxImportBytes * 4) / 3) + 4),
    })
    .strict(),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const searchImportChannels = {
  /** Finds households by names (Arabic or Latin, variant-tolerant), national ID, phone or registry ref, in the caller's scope. */
  'search:query': {
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.array(searchHitSchema),
  },
  /** Reads a registry extract (CSV or XLSX); a dry run reports what would change without writing (admin). */
  'import:run': { input: z.object({ source: importSourceSchema, dryRun: z.boolean() }).strict(), output: importReportSchema },
  /** Stops the running import after the current batch; what was written stays consistent. */
  'import:cancel': { input: z.undefined(), output: z.null() },
};

export const searchImportEvents = {
  'import:progress': z.object({
    phase: z.enum(['reading', 'writing']),
    done: z.number().int(),
    total: z.number().int(),
  }),
};
