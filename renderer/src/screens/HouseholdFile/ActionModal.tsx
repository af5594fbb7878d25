import { Alert, Button, Group, Input, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { actionTypes, type Action } from '../../../../shared/contract/index.ts';
import { useBranchUsers } from '../../households/households.queries.ts';
import { todayIso } from '../../households/use-date-format.ts';
import { planErrorMessage } from '../../plans/plan-labels.ts';
import { firstActionDelayDays } from '../../plans/plan-prefill.ts';
import { addDays, canAssignOthers, planRules, recurrenceOf, type RecurrenceChoice } from '../../plans/plan-rules.ts';
import { useAddAction, usePartners } from '../../plans/plans.queries.ts';
import { fieldErrorsOf } from '../../session/account-rules.ts';
import { useSessionUser } from '../../session/use-session.ts';

const recurrenceChoices: RecurrenceChoice[] = ['none', 'days', 'weeks'];

/** Adds a dated step to a plan: who does it, when, whether it repeats, and the partner of a referral. */
export function ActionModal({ planId, onClose }: { planId: string | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={planId !== null} onClose={onClose} title={t('actions.addTitle')} size="lg">
      {planId !== null && <ActionForm planId={planId} onDone={onClose} />}
    </Modal>
  );
}

function ActionForm({ planId, onDone }: { planId: string; onDone(): void }) {
  const { t } = useTranslation();
  const me = useSessionUser();
  const mayAssign = canAssignOthers(me?.role);
  const users = useBranchUsers(mayAssign);
  const partners = usePartners();
  const rules = planRules(t);
  const add = useAddAction();
  const form = useForm({
    initialValues: {
      type: 'home_visit' as Action['type'],
      title: '',
      dueDate: addDays(todayIso(), firstActionDelayDays),
      assigneeId: me?.id ?? null,
      repeat: 'none' as RecurrenceChoice,
      every: '1',
      partnerId: null as string | null,
    },
    validate: {
      title: rules.title,
      dueDate: rules.dueDate,
      every: (value, values) => rules.every(value, values.repeat),
      partnerId: (value, values) => (values.type === 'referral' && !value ? t('actions.errors.partner') : null),
    },
  });
  const isReferral = form.values.type === 'referral';
  const submit = form.onSubmit((values) =>
    add.mutate(
      {
        planId,
        type: values.type,
        title: values.title.trim(),
        dueDate: values.dueDate,
        assigneeId: values.assigneeId,
        recurrence: recurrenceOf(values.repeat, values.every),
        partnerId: values.type === 'referral' ? values.partnerId : null,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('actions.added') });
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(t, error, ['type', 'title', 'dueDate', 'assigneeId', 'partnerId'])),
      },
    ),
  );
  const assignees = (users.data ?? []).filter((user) => !user.disabled).map((user) => ({ value: user.id, label: user.displayName }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label={t('actions.type.label')}
            data={actionTypes.map((value) => ({ value, label: t(`actions.type.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps('type')}
          />
          <TextInput label={t('actions.fields.dueDate')} type="date" dir="ltr" withAsterisk {...form.getInputProps('dueDate')} />
        </SimpleGrid>
        <TextInput label={t('actions.fields.title')} withAsterisk data-autofocus {...form.getInputProps('title')} />
        {isReferral && (
          <Select
            label={t('actions.fields.partner')}
            data={(partners.data ?? []).map((partner) => ({ value: partner.id, label: partner.name }))}
            searchable
            withAsterisk
            nothingFoundMessage={t('actions.noPartner')}
            {...form.getInputProps('partnerId')}
          />
        )}
        {mayAssign ? (
          <Select
            label={t('actions.fields.assignee')}
            data={assignees.length ? assignees : me ? [{ value: me.id, label: me.displayName }] : []}
            searchable
            allowDeselect={false}
            {...form.getInputProps('assigneeId')}
          />
        ) : (
          <Input.Wrapper label={t('actions.fields.assignee')}>
            <Text size="sm">{t('actions.fields.me', { name: me?.displayName ?? '' })}</Text>
          </Input.Wrapper>
        )}
        <Group align="flex-end" gap="md">
          <Input.Wrapper label={t('actions.fields.recurrence')} labelElement="div">
            <div>
              <SegmentedControl
                aria-label={t('actions.fields.recurrence')}
                data={recurrenceChoices.map((value) => ({ value, label: t(`actions.recurrence.${value}`) }))}
                value={form.values.repeat}
                onChange={(value) => form.setFieldValue('repeat', recurrenceChoices.find((choice) => choice === value) ?? 'none')}
              />
            </div>
          </Input.Wrapper>
          {form.values.repeat !== 'none' && (
            <TextInput label={t('actions.fields.every')} inputMode="numeric" dir="ltr" w={110} {...form.getInputProps('every')} />
          )}
        </Group>
        {(add.isError || users.isError) && (
          <Alert color="red" role="alert">
            {planErrorMessage(t, add.error ?? users.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('actions.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
