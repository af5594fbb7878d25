import type { TFunction } from 'i18next';
import { IpcError } from '../ipc/client.ts';

/** The failure's finer reason (e.g. `wrong-password`), when the core gave one. */
export const errorReason = (error: unknown): string | undefined => (error instanceof IpcError ? error.reason : undefined);

/** How long the core asks to wait before trying again, when it said so. */
export const retryAfterMs = (error: unknown): number | undefined =>
  error instanceof IpcError && error.retryAfterMs !== undefined && error.retryAfterMs > 0 ? error.retryAfterMs : undefined;

/** The user-facing sentence for a failure: by its reason when translated, else its stable code; never the raw message. */
export const errorMessage = (t: TFunction, error: unknown): string => {
  const byCode = t(`errors.${error instanceof IpcError ? error.code : 'internal'}`);
  const reason = errorReason(error);
  return reason && /^[a-z0-9-]+$/.test(reason) ? t(`errors.reasons.${reason}`, { defaultValue: byCode }) : byCode;
};
