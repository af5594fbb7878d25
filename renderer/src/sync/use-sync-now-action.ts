import { notifications } from '@mantine/notifications';
import { useIsMutating } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/contract/index.ts';
import { useNumberFormat } from '../i18n/use-number-format.ts';
import { syncFailureText } from './online-error.ts';
import { useSyncNow } from './sync.queries.ts';

/** The shortcut that syncs now from any screen (by physical key, so an Arabic layout works too). */
export const syncNowHotkey = 'ctrl+shift+S';
export const syncNowKeys = 'Ctrl+Shift+S';
export const syncNowAria = 'Control+Shift+S';

/** "Sync now" for the header, the Sync screen and the shortcut: one run at a time, the outcome said in a notification. */
export const useSyncNowAction = (status: SyncStatus | undefined) => {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const syncNow = useSyncNow();
  const running = useIsMutating({ mutationKey: ['sync', 'now'] }) > 0;
  const busy = running || status?.state === 'syncing';
  const available = status !== undefined && status.state !== 'off';

  const run = () => {
    if (!status) return;
    if (status.state === 'off') {
      notifications.show({ color: 'gray', message: t('sync.header.noServer') });
      return;
    }
    if (busy) return;
    syncNow.mutate(undefined, {
      onSuccess: (report) =>
        notifications.show({
          color: 'teal',
          message: t(report.conflicts ? 'sync.now.doneWithConflicts' : 'sync.now.done', {
            pushed: format(report.pushed),
            pulled: format(report.pulled),
            conflicts: format(report.conflicts),
          }),
        }),
      onError: (error) => notifications.show({ color: 'orange', title: t('sync.now.failed'), message: syncFailureText(t, error) }),
    });
  };
  return { run, busy, available };
};
