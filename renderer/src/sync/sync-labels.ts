import {
  IconAlertCircle,
  IconAlertTriangle,
  IconCloudCheck,
  IconCloudOff,
  IconCloudUpload,
  IconKey,
  IconRefresh,
  IconWifiOff,
  type Icon,
} from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../../shared/contract/index.ts';

type SyncState = SyncStatus['state'];

// Codes and names become i18n keys only when they cannot reach into another part of the messages.
const plainKey = /^[a-z0-9_-]+$/;

/** One colour and one icon per sync state, the same in the header and on the Sync screen. */
export const stateLook: Record<SyncState, { color: string; icon: Icon }> = {
  off: { color: 'gray', icon: IconCloudOff },
  idle: { color: 'teal', icon: IconCloudCheck },
  syncing: { color: 'blue', icon: IconRefresh },
  offline: { color: 'orange', icon: IconWifiOff },
  error: { color: 'red', icon: IconAlertCircle },
  outdated: { color: 'orange', icon: IconAlertTriangle },
  'needs-login': { color: 'orange', icon: IconKey },
};

/** Idle with changes still to send looks different from idle and up to date. */
export const lookOf = (status: SyncStatus) =>
  status.state === 'idle' && status.pending > 0 ? { color: 'blue', icon: IconCloudUpload } : stateLook[status.state];

/** A sync problem (its stable code) in plain words; never the core's English message. */
export const syncErrorText = (t: TFunction, error: { code: string } | null): string => {
  if (!error || !plainKey.test(error.code)) return t('sync.errors.other');
  return t(`sync.errors.${error.code}`, { defaultValue: t(`errors.${error.code}`, { defaultValue: t('sync.errors.other') }) });
};

/** Why the server refused one change, in plain words. */
export const rejectionText = (t: TFunction, code: string): string =>
  plainKey.test(code) ? t(`sync.rejection.${code}`, { defaultValue: t('sync.rejection.other', { code }) }) : t('sync.rejection.other', { code });

const camelCase = (name: string) => name.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());

/** The name of a synced table in the user's words (e.g. Household), or the raw name. */
export const tableLabel = (t: TFunction, table: string): string =>
  plainKey.test(table) ? t(`sync.what.tables.${table}`, { defaultValue: table }) : table;

/** The name of a synced field in the user's words, or the raw name. */
export const fieldLabel = (t: TFunction, field: string): string =>
  plainKey.test(field)
    ? t(`sync.what.fields.${field}`, { defaultValue: t(`history.fields.${camelCase(field)}`, { defaultValue: field }) })
    : field;

/** What a conflict or a refused change is about, e.g. "Household — assigned worker". */
export const whatLabel = (t: TFunction, table: string, field: string): string => `${tableLabel(t, table)} — ${fieldLabel(t, field)}`;

/** Keeps a left-to-right value (a file path, an address) whole inside a sentence of either direction. */
export const isolateLtr = (text: string): string => `\u2066${text}\u2069`;

/** Keeps a value of either direction (a name, a phone number) whole inside a sentence. */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
