import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { enrollmentStatuses, type Household, type Member, type Programme } from '../../../../shared/contract/index.ts';
import { householdRules } from '../../households/household-rules.ts';
import { useAddEnrollment } from '../../households/households.queries.ts';
import { memberNameAr, programmeName } from '../../households/labels.ts';
import { todayIso } from '../../households/use-date-format.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { fieldErrorsOf } from '../../session/account-rules.ts';

const household = 'household';

interface EnrollModalProps {
  opened: boolean;
  household: Household;
  programmes: Programme[];
  members: Member[];
  onClose(): void;
}

/** Enrolls the household, or one of its members, in an active programme. */
export function EnrollModal({ opened, onClose, ...props }: EnrollModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('enrollments.addTitle')} size="lg">
      {opened && <EnrollForm {...props} onDone={onClose} />}
    </Modal>
  );
}

function EnrollForm({ household: target, programmes, members, onDone }: Omit<EnrollModalProps, 'opened' | 'onClose'> & { onDone(): void }) {
  const { t, i18n } = useTranslation();
  const format = useNumberFormat();
  const rules = householdRules(t);
  const add = useAddEnrollment();
  const form = useForm({
    initialValues: { programmeId: null as string | null, whom: household, status: 'active' as string, startDate: todayIso(), endDate: '' },
    validate: {
      programmeId: (value) => (value ? null : t('members.errors.required')),
      startDate: rules.optionalDay,
      endDate: (value, values) => rules.optionalDay(value) ?? rules.endAfterStart(value, values.startDate),
    },
  });
  const submit = form.onSubmit((values) =>
    add.mutate(
      {
        householdId: target.id,
        programmeId: values.programmeId ?? '',
        memberId: values.whom === household ? null : values.whom,
        status: enrollmentStatuses.find((status) => status === values.status) ?? 'pending',
        startDate: values.startDate || null,
        endDate: values.endDate || null,
      },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('enrollments.added') });
          onDone();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(t, error, ['programmeId', 'memberId', 'status', 'startDate', 'endDate'])),
      },
    ),
  );
  const programmeOptions = programmes
    .filter((programme) => programme.active)
    .map((programme) => ({
      value: programme.id,
      label:
        programme.scoreThreshold === null
          ? programmeName(programme, i18n.language)
          : `${programmeName(programme, i18n.language)} (${t('enrollments.threshold', { score: format(programme.scoreThreshold) })})`,
    }));

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Select label={t('enrollments.programme')} data={programmeOptions} searchable withAsterisk data-autofocus {...form.getInputProps('programmeId')} />
        <Select
          label={t('enrollments.whom')}
          data={[{ value: household, label: t('enrollments.wholeHousehold') }, ...members.map((member) => ({ value: member.id, label: memberNameAr(member) }))]}
          allowDeselect={false}
          {...form.getInputProps('whom')}
        />
        <Select
          label={t('enrollments.status')}
          data={enrollmentStatuses.map((value) => ({ value, label: t(`vocab.enrollmentStatus.${value}`) }))}
          allowDeselect={false}
          {...form.getInputProps('status')}
        />
        <SimpleGrid cols={2}>
          <TextInput label={t('enrollments.startDate')} type="date" dir="ltr" {...form.getInputProps('startDate')} />
          <TextInput label={t('enrollments.endDate')} type="date" dir="ltr" {...form.getInputProps('endDate')} />
        </SimpleGrid>
        {add.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, add.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('enrollments.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
