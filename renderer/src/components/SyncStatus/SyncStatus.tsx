import { ActionIcon, Badge, Group, Text, ThemeIcon, Tooltip, UnstyledButton } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { SyncStatus as SyncStatusData } from '../../../../shared/contract/index.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { useSyncStatus } from '../../sync/sync.queries.ts';
import { useNow } from '../../sync/use-relative-time.ts';
import { syncNowAria, syncNowHotkey, syncNowKeys, useSyncNowAction } from '../../sync/use-sync-now-action.ts';
import { useSyncSummary } from '../../sync/use-sync-summary.ts';
import classes from './SyncStatus.module.css';

/**
 * The header's sync status on every screen: state, waiting changes, last sync; opens the Sync screen.
 * "Sync now" sits next to it, and Ctrl+Shift+S does the same from anywhere. Shows nothing until the core answers.
 */
export function SyncStatus() {
  const status = useSyncStatus();
  const action = useSyncNowAction(status.data);
  // From inside fields too, like the lock and search shortcuts.
  useHotkeys([[syncNowHotkey, action.run, { usePhysicalKeys: true }]], []);
  if (!status.data) return null;
  return <SyncStatusView status={status.data} busy={action.busy} onSyncNow={action.run} />;
}

interface SyncStatusViewProps {
  status: SyncStatusData;
  busy: boolean;
  onSyncNow(): void;
}

function SyncStatusView({ status, busy, onSyncNow }: SyncStatusViewProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const now = useNow();
  const summary = useSyncSummary(status, now);
  const off = status.state === 'off';
  const syncing = busy || status.state === 'syncing';

  return (
    <Group gap={6} wrap="nowrap" className={classes.root} data-testid="sync-status">
      <Tooltip label={summary.full} withArrow multiline maw={320}>
        <UnstyledButton
          component={Link}
          href="/sync"
          className={classes.status}
          aria-label={t('sync.header.open', { summary: summary.full })}
          data-state={status.state}
        >
          <ThemeIcon variant={off ? 'subtle' : 'light'} color={summary.color} size="md" radius="xl">
            <summary.icon size={16} stroke={1.8} className={syncing ? classes.spin : undefined} />
          </ThemeIcon>
          <span className={classes.text}>
            <Text component="span" size="xs" fw={off ? 400 : 600} c={off ? 'dimmed' : undefined} truncate display="block">
              {summary.primary}
            </Text>
            {summary.secondary && (
              <Text component="span" size="xs" c="dimmed" truncate display="block">
                {summary.secondary}
              </Text>
            )}
          </span>
          {summary.conflicts && status.openConflicts !== null && (
            <Badge size="sm" color="orange" variant="filled" circle={status.openConflicts < 10} title={summary.conflicts}>
              {format(status.openConflicts)}
            </Badge>
          )}
        </UnstyledButton>
      </Tooltip>
      {!off && (
        <Tooltip label={`${t('sync.now.button')} · ${t('shortcuts.hint', { keys: syncNowKeys })}`} withArrow>
          <ActionIcon
            variant="default"
            size="lg"
            onClick={onSyncNow}
            loading={syncing}
            aria-label={t('sync.now.button')}
            aria-keyshortcuts={syncNowAria}
          >
            <IconRefresh size={18} stroke={1.6} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
