import { Alert, Button, Group, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { householdStatuses, type Household } from '../../../../shared/contract/index.ts';
import { householdRules } from '../../households/household-rules.ts';
import { useUpdateHousehold } from '../../households/households.queries.ts';
import { formatPhone } from '../../households/labels.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { fieldErrorsOf } from '../../session/account-rules.ts';

interface ContactModalProps {
  household: Household | null;
  /** Closing or transferring a file is for managers and administrators. */
  canChangeStatus: boolean;
  onClose(): void;
}

/** Corrects the phone number to call and the notes; managers also change the file's status. */
export function ContactModal({ household, canChangeStatus, onClose }: ContactModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={household !== null} onClose={onClose} title={t('household.contact.title')} size="lg">
      {household && <ContactForm key={household.updatedAt} household={household} canChangeStatus={canChangeStatus} onDone={onClose} />}
    </Modal>
  );
}

function ContactForm({ household, canChangeStatus, onDone }: { household: Household; canChangeStatus: boolean; onDone(): void }) {
  const { t } = useTranslation();
  const rules = householdRules(t);
  const update = useUpdateHousehold();
  const corrected = household.phone !== null && household.phone !== household.registryPhone;
  const form = useForm({
    initialValues: { phone: corrected ? (household.phone ?? '') : '', notes: household.notes ?? '', status: household.status as string },
    validate: { phone: rules.phone, notes: rules.householdNotes },
  });
  const submit = form.onSubmit((values) =>
    update.mutate(
      {
        id: household.id,
        ...(form.isDirty('phone') && { phone: values.phone.trim() || null }),
        ...(form.isDirty('notes') && { notes: values.notes.trim() || null }),
        ...(form.isDirty('status') && { status: householdStatuses.find((status) => status === values.status) ?? household.status }),
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('household.contact.saved') });
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(t, error, ['phone', 'notes', 'status'])),
      },
    ),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t('household.contact.phone')}
          description={
            household.registryPhone
              ? t('household.contact.phoneDescription', { phone: formatPhone(household.registryPhone) })
              : t('household.contact.phoneDescriptionNone')
          }
          placeholder="06 12 34 56 78"
          type="tel"
          dir="ltr"
          autoComplete="off"
          data-autofocus
          {...form.getInputProps('phone')}
        />
        <Textarea label={t('household.contact.notes')} rows={4} resize="vertical" {...form.getInputProps('notes')} />
        {canChangeStatus && (
          <Select
            label={t('household.contact.status')}
            data={householdStatuses.map((value) => ({ value, label: t(`vocab.householdStatus.${value}`) }))}
            allowDeselect={false}
            {...form.getInputProps('status')}
          />
        )}
        {update.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, update.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending} disabled={!form.isDirty()}>
            {t('household.contact.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
