import type { ErrorCode, ErrorIssue, ErrorShape } from '../../shared/contract/index.ts';

/** An expected failure with a stable code; its message never holds personal data. */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: ErrorIssue[]) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
    this.issues = issues;
  }
}

/** Maps anything thrown to an error shape; unexpected errors become `internal` with no detail. */
export const toErrorShape = (error: unknown): ErrorShape => {
  if (error instanceof CoreError) {
    return error.issues ? { code: error.code, message: error.message, issues: error.issues } : { code: error.code, message: error.message };
  }
  return { code: 'internal', message: 'Unexpected error in the case store.' };
};
