import type { ErrorCode, ErrorIssue, ErrorShape } from '../../shared/contract/index.ts';

/** What may refine a code: a stable reason for a precise message, and a wait for rate-limited calls. */
export interface CoreErrorDetails {
  reason?: string;
  retryAfterMs?: number;
}

/** An expected failure with a stable code; its message never holds personal data. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;
  readonly reason?: string;
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, issues?: ErrorIssue[], details: CoreErrorDetails = {}) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.issues = issues;
    if (details.reason !== undefined) this.reason = details.reason;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

/** Maps anything thrown to an error shape; unexpected errors become `internal` with no detail. */
export const toErrorShape = (error: unknown): ErrorShape => {
  if (error instanceof CoreError) {
    const shape: ErrorShape = { code: error.code, message: error.message };
    if (error.issues) shape.issues = error.issues;
    if (error.reason !== undefined) shape.reason = error.reason;
    if (error.retryAfterMs !== undefined) shape.retryAfterMs = error.retryAfterMs;
    return shape;
  }
  return { code: 'internal', message: 'Unexpected error in the case store.' };
};
