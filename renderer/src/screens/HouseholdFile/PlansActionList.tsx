import { Alert, Badge, Button, Group, Popover, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconRepeat, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Action, Plan } from '../../../../shared/contract/index.ts';
import { todayIso, useDateFormat } from '../../households/use-date-format.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { planErrorMessage } from '../../plans/plan-labels.ts';
import { useCancelAction } from '../../plans/plans.queries.ts';
import { CompleteActionModal } from './ActionModalComplete.tsx';
import classes from './HouseholdFile.module.css';

const actionStatusColors: Record<Action['status'], string> = { planned: 'blue', done: 'teal', cancelled: 'gray' };

/** A plan's actions, soonest first: who does what by when, the outcome, a referral's partner and answer; complete or cancel. */
export function PlansActionList({ plan }: { plan: Plan }) {
  const { t } = useTranslation();
  const [completing, setCompleting] = useState<Action | null>(null);
  const cancel = useCancelAction();
  const editable = plan.status !== 'closed';
  const actions = [...plan.actions].sort((a, b) => a.dueDate.localeCompare(b.dueDate));
  if (!actions.length) return <Text size="sm" c="dimmed">{t('actions.empty')}</Text>;

  return (
    <Stack gap="xs">
      {cancel.isError && (
        <Alert color="red" role="alert">
          {planErrorMessage(t, cancel.error)}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={860}>
        <Table verticalSpacing="xs" aria-label={t('actions.tableFor', { plan: t(`plans.domain.${plan.domain}`) })}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('actions.columns.action')}</Table.Th>
              <Table.Th>{t('actions.columns.due')}</Table.Th>
              <Table.Th>{t('actions.columns.assignee')}</Table.Th>
              <Table.Th>{t('actions.columns.status')}</Table.Th>
              <Table.Th>{t('actions.columns.outcome')}</Table.Th>
              {editable && <Table.Th>{t('actions.columns.do')}</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {actions.map((action) => (
              <ActionRow
                key={action.id}
                action={action}
                editable={editable}
                onComplete={() => setCompleting(action)}
                onCancel={() => cancel.mutate({ id: action.id }, { onSuccess: () => notifications.show({ color: 'teal', message: t('actions.cancelled') }) })}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <CompleteActionModal action={completing} onClose={() => setCompleting(null)} />
    </Stack>
  );
}

interface ActionRowProps {
  action: Action;
  editable: boolean;
  onComplete(): void;
  onCancel(): void;
}

function ActionRow({ action, editable, onComplete, onCancel }: ActionRowProps) {
  const { t } = useTranslation();
  const { date } = useDateFormat();
  const format = useNumberFormat();
  const late = action.status === 'planned' && action.dueDate < todayIso();
  const planned = action.status === 'planned';
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {action.title}
        </Text>
        <Text size="xs" c="dimmed">
          {t(`actions.type.${action.type}`)}
        </Text>
        {action.type === 'referral' && action.partnerName && (
          <Text size="xs">
            {t('actions.referralTo', { partner: action.partnerName })}
            {action.partnerAnswer && ` · ${t(`actions.partnerAnswer.${action.partnerAnswer}`)}`}
            {action.partnerAnswerDate && ` (${date(action.partnerAnswerDate)})`}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={late ? 'red' : undefined} fw={late ? 600 : undefined}>
          {date(action.dueDate)}
        </Text>
        {action.recurrence && (
          <Group gap={4} wrap="nowrap">
            <IconRepeat size={12} aria-hidden />
            <Text size="xs" c="dimmed">
              {t(`actions.repeats.${action.recurrence.unit}`, { count: action.recurrence.every, formatted: format(action.recurrence.every) })}
            </Text>
          </Group>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm" c={action.assigneeName ? undefined : 'orange'}>
          {action.assigneeName ?? t('actions.unassigned')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" tt="none" color={actionStatusColors[action.status]}>
          {t(`actions.status.${action.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {action.outcome ? (
          <>
            <Text size="sm" className={classes.notes}>
              {action.outcome}
            </Text>
            {action.outcomeCode && (
              <Text size="xs" c="dimmed">
                {t(`actions.outcomeCode.${action.outcomeCode}`)}
              </Text>
            )}
          </>
        ) : (
          <Text size="sm" c="dimmed">
            —
          </Text>
        )}
      </Table.Td>
      {editable && (
        <Table.Td>
          {planned && (
            <Group gap={4} wrap="nowrap">
              <Button size="compact-sm" variant="light" leftSection={<IconCheck size={14} />} onClick={onComplete} aria-label={t('actions.completeFor', { title: action.title })}>
                {t('actions.complete')}
              </Button>
              <CancelButton title={action.title} onConfirm={onCancel} />
            </Group>
          )}
        </Table.Td>
      )}
    </Table.Tr>
  );
}

/** Cancelling asks once: the step stays in the plan as cancelled, but cannot be done any more. */
function CancelButton({ title, onConfirm }: { title: string; onConfirm(): void }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <Popover opened={opened} onChange={setOpened} withArrow trapFocus position="bottom-end">
      <Popover.Target>
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          leftSection={<IconX size={14} />}
          onClick={() => setOpened((value) => !value)}
          aria-label={t('actions.cancelFor', { title })}
        >
          {t('actions.cancel')}
        </Button>
      </Popover.Target>
      <Popover.Dropdown maw={280}>
        <Stack gap="xs">
          <Text size="sm">{t('actions.cancelConfirm')}</Text>
          <Group gap="xs" justify="flex-end">
            <Button size="compact-sm" variant="default" onClick={() => setOpened(false)}>
              {t('actions.cancelNo')}
            </Button>
            <Button
              size="compact-sm"
              color="red"
              onClick={() => {
                setOpened(false);
                onConfirm();
              }}
            >
              {t('actions.cancelYes')}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
