import { Alert, Button, EmptyState, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEyeCheck, IconMoodSmile } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { QueueItem } from '../../../../shared/contract/index.ts';
import { useProgrammes } from '../../households/households.queries.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { invoke } from '../../ipc/client.ts';
import { planErrorMessage, programmeLabel } from '../../plans/plan-labels.ts';
import { planPrefillFromItem, type PlanPrefill } from '../../plans/plan-prefill.ts';
import { canPlanFrom, isActionItem } from '../../plans/plan-rules.ts';
import { queueKey, useEligibilityRules, useMarkQueueSeen, useQueue } from '../../plans/plans.queries.ts';
import { householdFilePath } from '../../routes.ts';
import { CompleteActionModal, type ActionToComplete } from '../HouseholdFile/ActionModalComplete.tsx';
import { PlanModal } from '../HouseholdFile/PlanModal.tsx';
import { QueueHelp, QueueLegend } from './QueueHelp.tsx';
import { QueueList } from './QueueList.tsx';

/** The home screen: what the signed-in user needs to do now, in working order, driven from the keyboard. */
export function QueueScreen() {
  const { t, i18n } = useTranslation();
  const format = useNumberFormat();
  const [, navigate] = useLocation();
  const queue = useQueue();
  const programmes = useProgrammes();
  const rules = useEligibilityRules();
  const markSeen = useMarkQueueSeen();
  const [completing, setCompleting] = useState<ActionToComplete | null>(null);
  const [planning, setPlanning] = useState<{ householdId: string; prefill: PlanPrefill } | null>(null);
  const items = queue.data ?? [];
  useSeenOnLeave(queue.isSuccess);

  const programmeName = (id: string | null) => programmeLabel(programmes.data, id, i18n.language);
  const complete = (item: QueueItem) => {
    if (isActionItem(item)) setCompleting({ id: item.actionId, type: item.actionType ?? 'other', title: item.actionTitle ?? '' });
  };
  const plan = (item: QueueItem) => {
    if (canPlanFrom(item)) setPlanning({ householdId: item.householdId, prefill: planPrefillFromItem(t, item, { programme: programmeName(item.programmeId), rules: rules.data }) });
  };
  const seeAll = () => markSeen.mutate(undefined, { onSuccess: () => notifications.show({ color: 'teal', message: t('queue.markedSeen') }) });

  return (
    <Stack gap="md" maw={1280}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Group gap={4}>
            <Title order={2}>{t('queue.title')}</Title>
            <QueueHelp />
          </Group>
          <Text c="dimmed" size="sm">
            {t('queue.intro')}
          </Text>
        </div>
        <Stack gap={4} align="flex-end">
          <Group gap="sm">
            <Text fw={600} aria-live="polite">
              {queue.data ? t('queue.count', { count: items.length, formatted: format(items.length) }) : '\u00a0'}
            </Text>
            <Button variant="default" size="xs" leftSection={<IconEyeCheck size={16} />} onClick={seeAll} loading={markSeen.isPending} disabled={!queue.data}>
              {t('queue.markSeen')}
            </Button>
          </Group>
          {items.length > 0 && <QueueLegend />}
        </Stack>
      </Group>
      {queue.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {(queue.isError || markSeen.isError) && (
        <Alert color="red" title={t('common.errorTitle')}>
          {planErrorMessage(t, queue.error ?? markSeen.error)}
        </Alert>
      )}
      {queue.data && items.length === 0 && (
        <EmptyState icon={<IconMoodSmile size={28} />} withIndicatorBackground title={t('queue.empty.title')} description={t('queue.empty.body')} py="xl" />
      )}
      {items.length > 0 && (
        <QueueList
          items={items}
          programmeName={programmeName}
          onOpen={(item) => navigate(householdFilePath(item.householdId))}
          onComplete={complete}
          onPlan={plan}
        />
      )}
      <CompleteActionModal action={completing} onClose={() => setCompleting(null)} />
      <PlanModal householdId={planning?.householdId ?? null} prefill={planning?.prefill} onClose={() => setPlanning(null)} />
    </Stack>
  );
}

/** Leaving the queue after it was shown marks it seen, so "changed by someone else" starts again from now. */
const useSeenOnLeave = (shown: boolean) => {
  const queryClient = useQueryClient();
  const shownRef = useRef(false);
  useEffect(() => {
    shownRef.current = shown;
  }, [shown]);
  useEffect(
    () => () => {
      // A lock also leaves the screen; the core then refuses, and nothing is lost.
      if (shownRef.current) invoke('queue:seen').then(() => queryClient.invalidateQueries({ queryKey: queueKey }), () => undefined);
    },
    [queryClient],
  );
};
