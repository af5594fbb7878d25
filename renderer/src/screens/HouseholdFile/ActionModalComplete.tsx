import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { outcomeCodes, partnerAnswers, type Action } from '../../../../shared/contract/index.ts';
import { todayIso, useDateFormat } from '../../households/use-date-format.ts';
import { planErrorMessage } from '../../plans/plan-labels.ts';
import { planRules } from '../../plans/plan-rules.ts';
import { useCompleteAction } from '../../plans/plans.queries.ts';
import { fieldErrorsOf } from '../../session/account-rules.ts';

/** What the completion form needs to know of the action (a queue item gives no more). */
export type ActionToComplete = Pick<Action, 'id' | 'type' | 'title'> & { partnerName?: string | null };

interface CompleteActionModalProps {
  action: ActionToComplete | null;
  onClose(): void;
}

/** Marks one action done with its outcome (and, for a referral, the partner's answer). */
export function CompleteActionModal({ action, onClose }: CompleteActionModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={action !== null} onClose={onClose} title={t('actions.completeTitle')} size="lg">
      {action && <CompleteForm action={action} onDone={onClose} />}
    </Modal>
  );
}

function CompleteForm({ action, onDone }: { action: ActionToComplete; onDone(): void }) {
  const { t } = useTranslation();
  const { date } = useDateFormat();
  const rules = planRules(t);
  const complete = useCompleteAction();
  const isReferral = action.type === 'referral';
  const form = useForm({
    initialValues: { outcome: '', outcomeCode: null as string | null, partnerAnswer: 'accepted' as string | null, partnerAnswerDate: todayIso() },
    validate: { outcome: rules.outcome, partnerAnswerDate: (value) => (isReferral ? rules.answerDate(value) : null) },
  });
  const submit = form.onSubmit((values) =>
    complete.mutate(
      {
        id: action.id,
        outcome: values.outcome.trim(),
        outcomeCode: outcomeCodes.find((code) => code === values.outcomeCode) ?? null,
        ...(isReferral && {
          partnerAnswer: partnerAnswers.find((answer) => answer === values.partnerAnswer) ?? null,
          partnerAnswerDate: values.partnerAnswerDate || null,
        }),
      },
      {
        onSuccess: ({ next }) => {
          notifications.show({
            color: 'teal',
            message: next ? `${t('actions.completed')} ${t('actions.nextScheduled', { date: date(next.dueDate) })}` : t('actions.completed'),
          });
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(t, error, ['outcome', 'outcomeCode', 'partnerAnswer', 'partnerAnswerDate'])),
      },
    ),
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text fw={500}>
          {action.title} · {t(`actions.type.${action.type}`)}
        </Text>
        <Textarea
          label={t('actions.outcome')}
          description={t('actions.outcomeDescription')}
          rows={3}
          withAsterisk
          data-autofocus
          {...form.getInputProps('outcome')}
        />
        <Select
          label={t('actions.outcomeCode.label')}
          placeholder={t('actions.outcomeCode.placeholder')}
          data={outcomeCodes.map((value) => ({ value, label: t(`actions.outcomeCode.${value}`) }))}
          clearable
          {...form.getInputProps('outcomeCode')}
        />
        {isReferral && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={action.partnerName ? t('actions.partnerAnswerFrom', { partner: action.partnerName }) : t('actions.partnerAnswer.label')}
              data={partnerAnswers.map((value) => ({ value, label: t(`actions.partnerAnswer.${value}`) }))}
              allowDeselect={false}
              {...form.getInputProps('partnerAnswer')}
            />
            <TextInput label={t('actions.partnerAnswerDate')} type="date" dir="ltr" max={todayIso()} {...form.getInputProps('partnerAnswerDate')} />
          </SimpleGrid>
        )}
        {complete.isError && (
          <Alert color="red" role="alert">
            {planErrorMessage(t, complete.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={complete.isPending}>
            {t('actions.completeSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
