import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconClipboardPlus, IconDoorExit, IconPlayerPlay, IconPlus, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../shared/contract/index.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { domainColors, domainIcons, planErrorMessage, planStatusColors } from '../../plans/plan-labels.ts';
import { canDecideClose } from '../../plans/plan-rules.ts';
import { useDecideClose, usePlans, useUpdatePlan } from '../../plans/plans.queries.ts';
import { useSessionUser } from '../../session/use-session.ts';
import { ActionModal } from './ActionModal.tsx';
import { PlanModal } from './PlanModal.tsx';
import { RequestCloseModal } from './PlanModalClose.tsx';
import { PlansActionList } from './PlansActionList.tsx';
import classes from './HouseholdFile.module.css';

/** The household's follow-up plans with their actions: start a plan, add and complete actions, ask for and decide closure. */
export function PlansTab({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const plans = usePlans(householdId);
  const [creating, setCreating] = useState(false);
  const [addingTo, setAddingTo] = useState<string | null>(null);
  const [closing, setClosing] = useState<Plan | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('plans.title')}
        </Title>
        <Button leftSection={<IconClipboardPlus size={16} />} onClick={() => setCreating(true)}>
          {t('plans.new')}
        </Button>
      </Group>
      {plans.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {plans.isError && (
        <Alert color="red" title={t('common.errorTitle')}>
          {planErrorMessage(t, plans.error)}
        </Alert>
      )}
      {plans.data?.length === 0 && <Text c="dimmed">{t('plans.empty')}</Text>}
      {plans.data?.map((plan) => (
        <PlanCard key={plan.id} plan={plan} onAddAction={() => setAddingTo(plan.id)} onRequestClose={() => setClosing(plan)} />
      ))}
      <PlanModal householdId={creating ? householdId : null} onClose={() => setCreating(false)} />
      <ActionModal planId={addingTo} onClose={() => setAddingTo(null)} />
      <RequestCloseModal plan={closing} onClose={() => setClosing(null)} />
    </Stack>
  );
}

interface PlanCardProps {
  plan: Plan;
  onAddAction(): void;
  onRequestClose(): void;
}

function PlanCard({ plan, onAddAction, onRequestClose }: PlanCardProps) {
  const { t } = useTranslation();
  const { date } = useDateFormat();
  const me = useSessionUser();
  const decide = useDecideClose();
  const update = useUpdatePlan();
  const DomainIcon = domainIcons[plan.domain];
  const titleId = `plan-${plan.id}-title`;
  const domain = t(`plans.domain.${plan.domain}`);
  const whom = plan.memberName ?? t('plans.wholeHousehold');
  const open = plan.status === 'draft' || plan.status === 'active';
  const decideClose = (approve: boolean) =>
    decide.mutate({ id: plan.id, approve }, { onSuccess: () => notifications.show({ color: 'teal', message: t(approve ? 'plans.approved' : 'plans.refused') }) });
  const error = decide.error ?? update.error;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon variant="light" color={domainColors[plan.domain]} size="lg" radius="md" aria-hidden>
              <DomainIcon size={20} />
            </ThemeIcon>
            <div>
              <Group gap="xs">
                <Title order={4} size="h5" id={titleId}>
                  {t('plans.cardTitle', { domain, whom })}
                </Title>
                <Badge variant="light" tt="none" color={domainColors[plan.domain]}>
                  {domain}
                </Badge>
                <Badge variant="dot" tt="none" color={planStatusColors[plan.status]}>
                  {t(`plans.status.${plan.status}`)}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed">
                {plan.createdByName
                  ? t('plans.createdBy', { name: plan.createdByName, date: date(plan.createdAt) })
                  : t('plans.createdOn', { date: date(plan.createdAt) })}
                {plan.closedAt && ` · ${t('plans.closedOn', { date: date(plan.closedAt) })}`}
              </Text>
            </div>
          </Group>
          <Group gap="xs" justify="flex-end">
            {plan.status === 'draft' && (
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconPlayerPlay size={14} />}
                loading={update.isPending}
                onClick={() => update.mutate({ id: plan.id, status: 'active' }, { onSuccess: () => notifications.show({ color: 'teal', message: t('plans.activated') }) })}
              >
                {t('plans.activate')}
              </Button>
            )}
            {plan.status !== 'closed' && (
              <Button size="compact-sm" variant="light" leftSection={<IconPlus size={14} />} onClick={onAddAction} aria-label={t('actions.addFor', { plan: domain })}>
                {t('actions.add')}
              </Button>
            )}
            {open && (
              <Button size="compact-sm" variant="subtle" leftSection={<IconDoorExit size={14} />} onClick={onRequestClose}>
                {t('plans.requestClose')}
              </Button>
            )}
          </Group>
        </Group>
        <Text size="sm" className={classes.notes}>
          {plan.goals}
        </Text>
        {plan.status === 'closing' && (
          <Alert color="orange" variant="light" title={plan.closeRequestedAt ? t('plans.closingSince', { date: date(plan.closeRequestedAt) }) : t('plans.closingTitle')}>
            <Stack gap="xs">
              {plan.closeNote && (
                <Text size="sm" className={classes.notes}>
                  {plan.closeNote}
                </Text>
              )}
              {canDecideClose(me?.role) ? (
                <Group gap="xs">
                  <Button size="compact-sm" color="teal" leftSection={<IconCheck size={14} />} loading={decide.isPending && decide.variables.approve} onClick={() => decideClose(true)}>
                    {t('plans.approve')}
                  </Button>
                  <Button size="compact-sm" variant="default" leftSection={<IconX size={14} />} loading={decide.isPending && !decide.variables.approve} onClick={() => decideClose(false)}>
                    {t('plans.refuse')}
                  </Button>
                </Group>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('plans.waitingManager')}
                </Text>
              )}
            </Stack>
          </Alert>
        )}
        {error && (
          <Alert color="red" role="alert">
            {planErrorMessage(t, error)}
          </Alert>
        )}
        <PlansActionList plan={plan} />
      </Stack>
    </Card>
  );
}
