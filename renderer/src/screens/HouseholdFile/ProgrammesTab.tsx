import { Alert, Button, Group, List, Loader, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enrollmentStatuses, type Enrollment, type Household, type Member, type Programme } from '../../../../shared/contract/index.ts';
import { useProgrammes, useUpdateEnrollment } from '../../households/households.queries.ts';
import { isEligible, memberNameAr, programmeName } from '../../households/labels.ts';
import { todayIso, useDateFormat } from '../../households/use-date-format.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { EnrollModal } from './EnrollModal.tsx';

interface ProgrammesTabProps {
  household: Household;
  enrollments: Enrollment[];
  members: Member[];
}

/** The household's enrollments (whole household or one member), the possible missed benefits, and new enrollments. */
export function ProgrammesTab({ household, enrollments, members }: ProgrammesTabProps) {
  const { t, i18n } = useTranslation();
  const programmes = useProgrammes();
  const [enrolling, setEnrolling] = useState(false);
  const list = programmes.data ?? [];
  const current = new Set(enrollments.filter((item) => item.status !== 'ended').map((item) => item.programmeId));
  const missed = list.filter((programme) => isEligible(programme, household.registryScore) && !current.has(programme.id));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={3} size="h4">
          {t('enrollments.title')}
        </Title>
        <Button leftSection={<IconPlus size={16} />} onClick={() => setEnrolling(true)} disabled={!programmes.data}>
          {t('enrollments.add')}
        </Button>
      </Group>
      {programmes.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {programmes.isError && <Alert color="red">{errorMessage(t, programmes.error)}</Alert>}
      {missed.length > 0 && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} title={t('enrollments.missedTitle')}>
          <Text size="sm">{t('enrollments.missedBody')}</Text>
          <List size="sm" mt={4}>
            {missed.map((programme) => (
              <List.Item key={programme.id}>{programmeName(programme, i18n.language)}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {enrollments.length ? (
        <EnrollmentsTable enrollments={enrollments} programmes={list} members={members} />
      ) : (
        <Text c="dimmed">{t('enrollments.empty')}</Text>
      )}
      <EnrollModal opened={enrolling} household={household} programmes={list} members={members} onClose={() => setEnrolling(false)} />
    </Stack>
  );
}

function EnrollmentsTable({ enrollments, programmes, members }: { enrollments: Enrollment[]; programmes: Programme[]; members: Member[] }) {
  const { t, i18n } = useTranslation();
  const { date } = useDateFormat();
  const format = useNumberFormat();
  const update = useUpdateEnrollment();
  const byId = new Map(programmes.map((programme) => [programme.id, programme]));
  const memberById = new Map(members.map((member) => [member.id, member]));
  const statusData = enrollmentStatuses.map((value) => ({ value, label: t(`vocab.enrollmentStatus.${value}`) }));

  const changeStatus = (enrollment: Enrollment, value: string | null) => {
    const status = enrollmentStatuses.find((candidate) => candidate === value);
    if (!status || status === enrollment.status) return;
    // Starting or ending without a date would leave the record incomplete: today is the likely day.
    const dates = {
      ...(status === 'active' && !enrollment.startDate && { startDate: todayIso() }),
      ...(status === 'ended' && !enrollment.endDate && { endDate: todayIso() }),
    };
    update.mutate(
      { id: enrollment.id, status, ...dates },
      { onSuccess: () => notifications.show({ color: 'teal', message: t('enrollments.statusChanged') }) },
    );
  };

  return (
    <Stack gap="xs">
      {update.isError && (
        <Alert color="red" role="alert">
          {errorMessage(t, update.error)}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" aria-label={t('enrollments.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('enrollments.programme')}</Table.Th>
              <Table.Th>{t('enrollments.whom')}</Table.Th>
              <Table.Th>{t('enrollments.status')}</Table.Th>
              <Table.Th>{t('enrollments.startDate')}</Table.Th>
              <Table.Th>{t('enrollments.endDate')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {enrollments.map((enrollment) => {
              const programme = byId.get(enrollment.programmeId);
              const name = programme ? programmeName(programme, i18n.language) : enrollment.programmeId;
              const member = enrollment.memberId ? memberById.get(enrollment.memberId) : undefined;
              return (
                <Table.Tr key={enrollment.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {name}
                    </Text>
                    {programme?.scoreThreshold != null && (
                      <Text size="xs" c="dimmed">
                        {t('enrollments.threshold', { score: format(programme.scoreThreshold) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{member ? memberNameAr(member) : t('enrollments.wholeHousehold')}</Table.Td>
                  <Table.Td>
                    <Select
                      size="xs"
                      w={150}
                      data={statusData}
                      value={enrollment.status}
                      onChange={(value) => changeStatus(enrollment, value)}
                      allowDeselect={false}
                      aria-label={t('enrollments.statusFor', { programme: name })}
                      disabled={update.isPending}
                    />
                  </Table.Td>
                  <Table.Td>{enrollment.startDate ? date(enrollment.startDate) : '—'}</Table.Td>
                  <Table.Td>{enrollment.endDate ? date(enrollment.endDate) : '—'}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
