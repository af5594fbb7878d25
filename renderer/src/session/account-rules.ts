import type { TFunction } from 'i18next';
import { displayNameSchema, passwordSchema, usernameSchema } from '../../../shared/contract/index.ts';
import { errorMessage, errorReason } from '../i18n/error-message.ts';
import { IpcError } from '../ipc/client.ts';

/** Form rules that mirror the contract's schemas, with translated messages. */
export const accountRules = (t: TFunction) => ({
  username: (value: string) => (usernameSchema.safeParse(value).success ? null : t('account.usernameInvalid')),
  displayName: (value: string) => (displayNameSchema.safeParse(value).success ? null : t('account.displayNameInvalid')),
  password: (value: string) => (passwordSchema.safeParse(value).success ? null : t('account.passwordTooShort')),
  required: (value: string) => (value.trim() ? null : t('account.required')),
  confirm: (value: string, password: string) => (value === password ? null : t('account.passwordMismatch')),
});

/** The login name as the core stores it. */
export const normaliseUsername = (value: string) => value.trim().toLowerCase();

/** Marks the fields the core refused, by issue path: with the reason's sentence when there is one (e.g. username taken). */
export const fieldErrorsOf = (t: TFunction, error: unknown, fields: readonly string[]): Record<string, string> => {
  if (!(error instanceof IpcError)) return {};
  const message = errorReason(error) ? errorMessage(t, error) : t('account.refused');
  return Object.fromEntries(error.issues.filter((issue) => fields.includes(issue.path)).map((issue) => [issue.path, message]));
};
