import { Badge, Button, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCheck, IconClipboardPlus, IconFolderOpen, IconGift, IconUserPlus, IconPencil, type Icon } from '@tabler/icons-react';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem, QueueKind } from '../../../../shared/contract/index.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { domainColors, domainIcons } from '../../plans/plan-labels.ts';
import { canPlanFrom, isActionItem } from '../../plans/plan-rules.ts';
import classes from './Queue.module.css';

/** The icon of an item without a domain: what kind of work it is. */
const kindIcons: Partial<Record<QueueKind, Icon>> = { new_assignment: IconUserPlus, changed: IconPencil, missed_benefit: IconGift };

interface QueueRowProps {
  id: string;
  item: QueueItem;
  /** The programme's name in the interface language, for a missed benefit. */
  programme: string | null;
  highlighted: boolean;
  onOpen(): void;
  onComplete(): void;
  onPlan(): void;
}

/** One thing to do: whose household, what to do, by when and why it is here. */
export function QueueRow({ id, item, programme, highlighted, onOpen, onComplete, onPlan }: QueueRowProps) {
  const { t, i18n } = useTranslation();
  const { date } = useDateFormat();
  const format = useNumberFormat();
  const DomainIcon = item.domain ? domainIcons[item.domain] : (kindIcons[item.kind] ?? IconFolderOpen);
  const reasons = item.reasons.filter((code) => i18n.exists(`queue.reasons.${code}`));
  const act = (handler: () => void) => (event: MouseEvent) => {
    event.stopPropagation();
    handler();
  };

  return (
    <div
      id={id}
      role="option"
      aria-selected={highlighted}
      data-highlighted={highlighted || undefined}
      data-kind={item.kind}
      className={classes.row}
      onClick={onOpen}
    >
      <ThemeIcon
        variant="light"
        color={item.domain ? domainColors[item.domain] : 'gray'}
        size="lg"
        radius="md"
        role="img"
        aria-label={item.domain ? t(`plans.domain.${item.domain}`) : t(`queue.groups.${item.kind}`)}
      >
        <DomainIcon size={20} />
      </ThemeIcon>
      <Stack gap={0} className={classes.cell}>
        <Text size="sm" fw={600} truncate c={item.headNameAr ? undefined : 'dimmed'}>
          {item.headNameAr ?? t('queue.noHead')}
        </Text>
        {item.headNameLat && (
          <Text size="xs" c="dimmed" truncate dir="ltr">
            {item.headNameLat}
          </Text>
        )}
        <Text size="xs" c="dimmed" truncate>
          {item.districtName}
          {item.registryRef && (
            <>
              {' · '}
              <span dir="ltr">{item.registryRef}</span>
            </>
          )}
        </Text>
      </Stack>
      <Stack gap={4} className={classes.cell}>
        <Text size="sm">
          <WhatToDo item={item} programme={programme} />
        </Text>
        {item.memberName && item.kind !== 'need_no_plan' && (
          <Text size="xs" c="dimmed">
            {t('queue.todo.forMember', { member: item.memberName })}
          </Text>
        )}
        {reasons.length > 0 && (
          <Group gap={4} aria-label={t('queue.reasonsLabel')} role="list">
            {reasons.map((code) => (
              <Badge key={code} role="listitem" size="xs" variant="light" tt="none" color={code === 'overdue' ? 'red' : code === 'health' ? 'pink' : 'orange'}>
                {t(`queue.reasons.${code}`)}
              </Badge>
            ))}
          </Group>
        )}
      </Stack>
      <Stack gap={4} className={classes.cell} align="flex-start">
        {item.dueDate && <Text size="sm">{t('queue.dueOn', { date: date(item.dueDate) })}</Text>}
        {item.daysOverdue !== null && item.daysOverdue > 0 && (
          <Badge color="red" variant="filled" tt="none">
            {t('queue.daysOverdue', { count: item.daysOverdue, formatted: format(item.daysOverdue) })}
          </Badge>
        )}
      </Stack>
      <Group gap={4} wrap="nowrap" justify="flex-end">
        {isActionItem(item) && (
          <Button size="compact-sm" variant="light" tabIndex={-1} leftSection={<IconCheck size={14} />} onClick={act(onComplete)}>
            {t('queue.buttons.done')}
          </Button>
        )}
        {canPlanFrom(item) && (
          <Button size="compact-sm" variant="light" tabIndex={-1} leftSection={<IconClipboardPlus size={14} />} onClick={act(onPlan)}>
            {t('queue.buttons.plan')}
          </Button>
        )}
      </Group>
    </div>
  );
}

/** The step in words: the action and its type, the benefit that may be missed, or the plan a need calls for. */
function WhatToDo({ item, programme }: { item: QueueItem; programme: string | null }) {
  const { t } = useTranslation();
  if (item.actionTitle) {
    return (
      <>
        <Text span fw={500} inherit>
          {item.actionTitle}
        </Text>
        {item.actionType && ` · ${t(`actions.type.${item.actionType}`)}`}
      </>
    );
  }
  switch (item.kind) {
    case 'missed_benefit':
      return programme ? t('queue.todo.missedBenefit', { programme }) : t('queue.todo.missedBenefitUnknown');
    case 'need_no_plan': {
      const domain = t(`queue.todo.domain.${item.domain ?? 'health'}`);
      return item.memberName ? t('queue.todo.need', { domain, member: item.memberName }) : t('queue.todo.needHousehold', { domain });
    }
    case 'new_assignment':
      return t('queue.todo.newAssignment');
    default:
      return t('queue.todo.changed');
  }
}
