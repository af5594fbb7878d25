import { Alert, Button, Card, Group, Input, SegmentedControl, Stack, Text, Textarea, TextInput, ThemeIcon, Timeline, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconCaravan, IconHome, IconPhone, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { visitTypes, type Visit } from '../../../../shared/contract/index.ts';
import { householdRules } from '../../households/household-rules.ts';
import { useAddVisit } from '../../households/households.queries.ts';
import { todayIso, useDateFormat } from '../../households/use-date-format.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { fieldErrorsOf } from '../../session/account-rules.ts';
import classes from './HouseholdFile.module.css';

type VisitType = Visit['type'];

const visitIcons: Record<VisitType, Icon> = { home: IconHome, office: IconBuilding, phone: IconPhone, caravan: IconCaravan };

/** Contacts with the household, newest first, and the form to record one. */
export function VisitsTab({ householdId, visits }: { householdId: string; visits: Visit[] }) {
  const { t } = useTranslation();
  const { date } = useDateFormat();
  // ISO strings sort by time; a bare day sorts before the visits recorded later that day.
  const newestFirst = [...visits].sort((a, b) => b.visitedAt.localeCompare(a.visitedAt));
  return (
    <Stack gap="lg">
      <RecordVisitForm householdId={householdId} />
      <Stack gap="sm">
        <Title order={3} size="h4" id="visits-title">
          {t('visits.title')}
        </Title>
        {newestFirst.length ? (
          <Timeline bulletSize={28} lineWidth={2} aria-labelledby="visits-title">
            {newestFirst.map((visit) => {
              const VisitIcon = visitIcons[visit.type];
              return (
                <Timeline.Item
                  key={visit.id}
                  bullet={
                    <ThemeIcon size={28} radius="xl" variant="light">
                      <VisitIcon size={16} />
                    </ThemeIcon>
                  }
                  title={t(`vocab.visitType.${visit.type}`)}
                >
                  <Text size="xs" c="dimmed">
                    {date(visit.visitedAt)} · {visit.userName}
                  </Text>
                  <Text size="sm" mt={4} className={classes.notes}>
                    {visit.notes}
                  </Text>
                </Timeline.Item>
              );
            })}
          </Timeline>
        ) : (
          <Text c="dimmed">{t('visits.empty')}</Text>
        )}
      </Stack>
    </Stack>
  );
}

function RecordVisitForm({ householdId }: { householdId: string }) {
  const { t } = useTranslation();
  const rules = householdRules(t);
  const add = useAddVisit();
  const form = useForm({
    initialValues: { type: 'home' as VisitType, visitedAt: todayIso(), notes: '' },
    validate: { visitedAt: rules.pastDay, notes: rules.visitNotes },
  });
  const submit = form.onSubmit((values) =>
    add.mutate(
      { householdId, type: values.type, visitedAt: values.visitedAt, notes: values.notes.trim() },
      {
        onSuccess: () => {
          notifications.show({ color: 'teal', message: t('visits.recorded') });
          form.reset();
        },
        onError: (error) => form.setErrors(fieldErrorsOf(t, error, ['type', 'visitedAt', 'notes'])),
      },
    ),
  );
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="record-visit-title">
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Title order={3} size="h5" id="record-visit-title">
            {t('visits.record')}
          </Title>
          <Group align="flex-start" gap="md">
            <Input.Wrapper label={t('visits.type')} labelElement="div">
              <div>
                <SegmentedControl
                  aria-label={t('visits.type')}
                  data={visitTypes.map((value) => ({ value, label: t(`vocab.visitType.${value}`) }))}
                  value={form.values.type}
                  onChange={(value) => form.setFieldValue('type', visitTypes.find((type) => type === value) ?? 'home')}
                />
              </div>
            </Input.Wrapper>
            <TextInput label={t('visits.date')} type="date" dir="ltr" max={todayIso()} w={180} {...form.getInputProps('visitedAt')} />
          </Group>
          <Textarea
            label={t('visits.notes')}
            description={t('visits.notesDescription')}
            rows={4}
            resize="vertical"
            {...form.getInputProps('notes')}
          />
          {add.isError && (
            <Alert color="red" role="alert">
              {errorMessage(t, add.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending}>
              {t('visits.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
