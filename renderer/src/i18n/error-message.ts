import type { TFunction } from 'i18next';
import { IpcError } from '../ipc/client.ts';

/** The user-facing sentence for a failure: by its stable code, never the raw message. */
export const errorMessage = (t: TFunction, error: unknown): string =>
  t(`errors.${error instanceof IpcError ? error.code : 'internal'}`);
