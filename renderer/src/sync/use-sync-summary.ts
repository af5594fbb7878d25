import type { Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/contract/index.ts';
import { useNumberFormat } from '../i18n/use-number-format.ts';
import { lookOf, syncErrorText } from './sync-labels.ts';
import { useRelativeTime } from './use-relative-time.ts';

export interface SyncSummary {
  color: string;
  icon: Icon;
  /** The state in a few words (what matters most first). */
  primary: string;
  /** Pending changes or the last sync, when there is something to add. */
  secondary: string | null;
  /** Open conflicts for managers, in words, when there are any. */
  conflicts: string | null;
  /** Everything above in one sentence, for the tooltip and screen readers. */
  full: string;
}

/** The short sync status of the header: state, waiting changes, last sync and, for managers, conflicts. */
export const useSyncSummary = (status: SyncStatus, now: number): SyncSummary => {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const relative = useRelativeTime();
  const { color, icon } = lookOf(status);
  const pending = t('sync.header.pending', { count: status.pending, formatted: format(status.pending) });
  const lastSync = status.lastSyncAt ? t('sync.header.lastSync', { when: relative(status.lastSyncAt, now) }) : t('sync.header.neverSynced');
  const conflicts = status.openConflicts ? t('sync.header.conflicts', { count: status.openConflicts, formatted: format(status.openConflicts) }) : null;

  const [primary, secondary, detail] = ((): [string, string | null, string | null] => {
    switch (status.state) {
      case 'off':
        return [t('sync.header.off'), null, null];
      case 'idle':
        return status.pending > 0 ? [pending, lastSync, null] : [t('sync.header.upToDate'), lastSync, null];
      case 'syncing':
        return [t('sync.header.syncing'), status.pending > 0 ? pending : null, null];
      case 'offline':
        return [t('sync.header.offline'), status.pending > 0 ? pending : lastSync, null];
      case 'outdated':
        return [t('sync.header.outdated'), status.pending > 0 ? pending : null, null];
      case 'needs-login':
        return [t('sync.header.needsLogin'), status.pending > 0 ? pending : null, null];
      case 'error':
        return [t('sync.header.error'), status.pending > 0 ? pending : lastSync, syncErrorText(t, status.lastError)];
    }
  })();
  const full = [primary, detail, secondary, conflicts].filter(Boolean).join(' · ');
  return { color, icon, primary, secondary, conflicts, full };
};
