import { ActionIcon, Alert, Button, Card, Group, Input, Modal, SegmentedControl, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { actionTypes, planDomains, type PlanDomain } from '../../../../shared/contract/index.ts';
import { useHouseholdFile } from '../../households/households.queries.ts';
import { memberNameAr } from '../../households/labels.ts';
import { todayIso } from '../../households/use-date-format.ts';
import { planErrorMessage } from '../../plans/plan-labels.ts';
import { firstActionDelayDays, type FirstAction, type PlanPrefill } from '../../plans/plan-prefill.ts';
import { addDays, planRules } from '../../plans/plan-rules.ts';
import { useCreatePlan } from '../../plans/plans.queries.ts';
import { fieldErrorsOf } from '../../session/account-rules.ts';
import { useSessionUser } from '../../session/use-session.ts';

const household = 'household';

interface PlanModalProps {
  /** The household the plan is for, or null when the modal is closed. */
  householdId: string | null;
  /** Values to start from (a plan started from the queue); the submit button then has the focus, so Enter creates it. */
  prefill?: PlanPrefill;
  onClose(): void;
}

/** Starts a follow-up plan for the household or one member, in one domain, with optional first actions. */
export function PlanModal({ householdId, prefill, onClose }: PlanModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={householdId !== null} onClose={onClose} title={t('plans.newTitle')} size="lg">
      {householdId !== null && <PlanForm householdId={householdId} prefill={prefill} onDone={onClose} />}
    </Modal>
  );
}

function PlanForm({ householdId, prefill, onDone }: { householdId: string; prefill: PlanPrefill | undefined; onDone(): void }) {
  const { t } = useTranslation();
  const me = useSessionUser();
  const file = useHouseholdFile(householdId);
  const rules = planRules(t);
  const create = useCreatePlan();
  const form = useForm({
    initialValues: {
      domain: prefill?.domain ?? ('health' as PlanDomain),
      whom: prefill?.memberId ?? household,
      goals: prefill?.goals ?? '',
      status: 'active' as 'draft' | 'active',
      actions: prefill?.actions ?? ([] as FirstAction[]),
    },
    validate: { goals: rules.goals, actions: { title: rules.title, dueDate: rules.dueDate } },
  });
  const submit = form.onSubmit((values) =>
    create.mutate(
      {
        householdId,
        memberId: values.whom === household ? null : values.whom,
        programmeId: prefill?.programmeId ?? null,
        domain: values.domain,
        goals: values.goals.trim(),
        status: values.status,
        actions: values.actions.map((action) => ({ ...action, title: action.title.trim(), ...(me && { assigneeId: me.id }) })),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('plans.created') });
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(t, error, ['goals', 'memberId', 'domain'])),
      },
    ),
  );
  const memberOptions = (file.data?.members ?? []).map((member) => ({ value: member.id, label: memberNameAr(member) }));
  // The queue names the member before the household file is read (or when it cannot be).
  if (prefill?.memberId && prefill.memberName && !memberOptions.some((option) => option.value === prefill.memberId)) {
    memberOptions.push({ value: prefill.memberId, label: prefill.memberName });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Input.Wrapper label={t('plans.domain.label')} labelElement="div">
          <div>
            <SegmentedControl
              fullWidth
              aria-label={t('plans.domain.label')}
              data={planDomains.map((value) => ({ value, label: t(`plans.domain.${value}`) }))}
              value={form.values.domain}
              onChange={(value) => form.setFieldValue('domain', planDomains.find((domain) => domain === value) ?? 'health')}
            />
          </div>
        </Input.Wrapper>
        <Select
          label={t('plans.whom')}
          data={[{ value: household, label: t('plans.wholeHousehold') }, ...memberOptions]}
          allowDeselect={false}
          {...form.getInputProps('whom')}
        />
        <Textarea
          label={t('plans.goals')}
          description={t('plans.goalsDescription')}
          rows={3}
          withAsterisk
          data-autofocus={prefill ? undefined : true}
          {...form.getInputProps('goals')}
        />
        <Input.Wrapper label={t('plans.startAs')} labelElement="div">
          <div>
            <SegmentedControl
              aria-label={t('plans.startAs')}
              data={(['active', 'draft'] as const).map((value) => ({ value, label: t(`plans.status.${value}`) }))}
              value={form.values.status}
              onChange={(value) => form.setFieldValue('status', value === 'draft' ? 'draft' : 'active')}
            />
          </div>
        </Input.Wrapper>
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            {t('plans.firstActions')}
          </Text>
          {form.values.actions.map((action, index) => (
            <Card key={index} withBorder padding="xs">
              <Group align="flex-start" gap="xs" wrap="nowrap">
                <Select
                  label={t('actions.type.label')}
                  data={actionTypes.map((value) => ({ value, label: t(`actions.type.${value}`) }))}
                  allowDeselect={false}
                  w={170}
                  {...form.getInputProps(`actions.${index}.type`)}
                />
                <TextInput label={t('actions.fields.title')} withAsterisk flex={1} {...form.getInputProps(`actions.${index}.title`)} />
                <TextInput label={t('actions.fields.dueDate')} type="date" dir="ltr" w={160} {...form.getInputProps(`actions.${index}.dueDate`)} />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mt={26}
                  onClick={() => form.removeListItem('actions', index)}
                  aria-label={t('plans.removeFirstAction', { title: action.title || t('actions.fields.title') })}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              </Group>
            </Card>
          ))}
          <Button
            variant="light"
            size="compact-sm"
            w="fit-content"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem('actions', { type: 'home_visit', title: '', dueDate: addDays(todayIso(), firstActionDelayDays) } satisfies FirstAction)}
          >
            {t('plans.addFirstAction')}
          </Button>
          {form.values.actions.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('plans.firstActionsMine')}
            </Text>
          )}
        </Stack>
        {create.isError && (
          <Alert color="red" role="alert">
            {planErrorMessage(t, create.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending} data-autofocus={prefill ? true : undefined}>
            {t('plans.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
