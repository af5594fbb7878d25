import { Alert, Button, EmptyState, Group, Loader, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsDiff } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncConflict } from '../../../../shared/contract/index.ts';
import { onlineErrorText } from '../../sync/online-error.ts';
import { whatLabel } from '../../sync/sync-labels.ts';
import { useResolveConflict, useSyncConflicts, type ConflictFilter } from '../../sync/sync.queries.ts';
import { ConflictCard } from './ConflictCard.tsx';
import { RestoreConfirm } from './RestoreConfirm.tsx';
import { useConflictValue } from './use-conflict-value.ts';

/** The managers' queue of conflicts: for each, the value kept and the one set aside; keep it, or restore the other after a confirmation. */
export function ConflictsSection() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<ConflictFilter>('open');
  const conflicts = useSyncConflicts(filter);
  const resolve = useResolveConflict();
  const valueOf = useConflictValue();
  const [confirming, setConfirming] = useState<SyncConflict | null>(null);
  const busy = resolve.isPending ? resolve.variables : null;

  const decide = (conflict: SyncConflict, keep: 'kept' | 'lost') =>
    resolve.mutate(
      { id: conflict.id, keep },
      {
        onSuccess: () => {
          setConfirming(null);
          notifications.show({ color: 'teal', message: t(keep === 'kept' ? 'sync.conflicts.keptDone' : 'sync.conflicts.restoredDone') });
        },
        onError: (error) => {
          setConfirming(null);
          notifications.show({ color: 'red', title: t('common.errorTitle'), message: onlineErrorText(t, error) });
        },
      },
    );

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={3} size="h4">
            {t('sync.conflicts.title')}
          </Title>
          <Text size="sm" c="dimmed" maw={720}>
            {t('sync.conflicts.intro')}
          </Text>
        </div>
        <SegmentedControl
          aria-label={t('sync.conflicts.filterLabel')}
          value={filter}
          onChange={(value) => setFilter(value === 'all' ? 'all' : 'open')}
          data={[
            { value: 'open', label: t('sync.conflicts.filterOpen') },
            { value: 'all', label: t('sync.conflicts.filterAll') },
          ]}
        />
      </Group>
      {conflicts.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {conflicts.isError && (
        <Group gap="sm" align="center">
          <Alert color="orange" flex={1}>
            {onlineErrorText(t, conflicts.error)}
          </Alert>
          <Button variant="light" onClick={() => void conflicts.refetch()}>
            {t('common.retry')}
          </Button>
        </Group>
      )}
      {conflicts.data?.length === 0 && (
        <EmptyState
          icon={<IconArrowsDiff size={28} />}
          withIndicatorBackground
          title={t('sync.conflicts.emptyTitle')}
          description={t('sync.conflicts.emptyBody')}
          py="xl"
        />
      )}
      {conflicts.data && conflicts.data.length > 0 && (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={t('sync.conflicts.title')}>
          {conflicts.data.map((conflict) => (
            <ConflictCard
              key={conflict.id}
              conflict={conflict}
              valueOf={valueOf}
              busy={busy?.id === conflict.id ? busy.keep : null}
              disabled={busy !== null}
              onKeep={() => decide(conflict, 'kept')}
              onRestore={() => setConfirming(conflict)}
            />
          ))}
        </Stack>
      )}
      {confirming && (
        <RestoreConfirm
          what={whatLabel(t, confirming.table, confirming.field)}
          value={valueOf(confirming.table, confirming.field, confirming.lost.value)}
          current={valueOf(confirming.table, confirming.field, confirming.kept.value)}
          pending={resolve.isPending}
          onConfirm={() => decide(confirming, 'lost')}
          onCancel={() => setConfirming(null)}
        />
      )}
    </Stack>
  );
}
