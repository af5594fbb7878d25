/** The closed set of error codes that may cross a process boundary. */
export const errorCodes = [
  'validation',
  'not-found',
  'forbidden',
  'locked',
  'conflict',
  'outdated',
  /** The sync server could not be reached (no network, server down). */
  'offline',
  'internal',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** One problem with one field of an input; never carries the value itself. */
export interface ErrorIssue {
  path: string;
  message: string;
}

export interface ErrorShape {
  code: ErrorCode;
  /** English, for logs and the CLI; the UI translates `reason` or `code` instead. Never personal data. */
  message: string;
  issues?: ErrorIssue[];
  /** A finer, stable reason inside the code (e.g. `wrong-password`), for a precise translated message. */
  reason?: string;
  /** For rate-limited calls: how long before trying again is useful. */
  retryAfterMs?: number;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorShape };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: ErrorCode, message: string, issues?: ErrorIssue[]): Result<never> => ({
  ok: false,
  error: issues ? { code, message, issues } : { code, message },
});

export const isErrorCode = (value: unknown): value is ErrorCode =>
  typeof value === 'string' && (errorCodes as readonly string[]).includes(value);
