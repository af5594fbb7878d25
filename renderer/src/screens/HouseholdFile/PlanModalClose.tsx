import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Plan } from '../../../../shared/contract/index.ts';
import { planErrorMessage } from '../../plans/plan-labels.ts';
import { planRules } from '../../plans/plan-rules.ts';
import { useRequestClose } from '../../plans/plans.queries.ts';

/** Asks a manager to close a plan, with a note saying why. */
export function RequestCloseModal({ plan, onClose }: { plan: Plan | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={plan !== null} onClose={onClose} title={t('plans.requestCloseTitle')}>
      {plan && <RequestCloseForm plan={plan} onDone={onClose} />}
    </Modal>
  );
}

function RequestCloseForm({ plan, onDone }: { plan: Plan; onDone(): void }) {
  const { t } = useTranslation();
  const rules = planRules(t);
  const request = useRequestClose();
  const form = useForm({ initialValues: { note: '' }, validate: { note: rules.closeNote } });
  const submit = form.onSubmit(({ note }) =>
    request.mutate(
      { id: plan.id, ...(note.trim() && { note: note.trim() }) },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('plans.closeRequested') });
          onDone();
        },
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('plans.requestCloseIntro')}
        </Text>
        <Textarea label={t('plans.closeNote')} description={t('plans.closeNoteDescription')} rows={3} data-autofocus {...form.getInputProps('note')} />
        {request.isError && (
          <Alert color="red" role="alert">
            {planErrorMessage(t, request.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={request.isPending}>
            {t('plans.requestCloseSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
