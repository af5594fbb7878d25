import { Button, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconPhone, IconPrinter } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../../shared/contract/index.ts';
import { formatPhone } from '../../households/labels.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { useSessionUser } from '../../session/use-session.ts';
import { FlagBadges, StatusBadge } from '../Households/index.ts';
import { ContactModal } from './ContactModal.tsx';
import printClasses from '../../components/AppLayout/AppLayout.module.css';
import classes from './HouseholdFile.module.css';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text component="div" size="sm" fw={500}>
        {children}
      </Text>
    </div>
  );
}

/** Who the household is: registry ref, head's names, district, score, worker, status, phone and notes. */
export function HouseholdHeader({ household }: { household: Household }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const { dateTime } = useDateFormat();
  const me = useSessionUser();
  const [editing, setEditing] = useState(false);
  const corrected = household.phone !== null && household.phone !== household.registryPhone;
  const place = [household.districtName, household.locality].filter(Boolean).join(' · ');

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="household-title">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={2} id="household-title">
              {household.headNameAr ?? t('households.noHead')}
            </Title>
            <StatusBadge status={household.status} size="md" />
          </Group>
          {household.headNameLat && (
            <Text c="dimmed">
              <span dir="ltr">{household.headNameLat}</span>
            </Text>
          )}
          <FlagBadges flags={household.flags} />
        </Stack>
        <Group gap="xs" className={printClasses.noPrint}>
          <Button variant="light" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
            {t('household.contact.edit')}
          </Button>
          {/* Electron's print dialog offers "Save as PDF"; the print style hides the app frame. */}
          <Button variant="default" leftSection={<IconPrinter size={16} />} onClick={() => window.print()}>
            {t('household.print')}
          </Button>
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" verticalSpacing="sm" mt="lg">
        <Fact label={t('household.header.ref')}>
          <span dir="ltr" className={classes.mono}>
            {household.registryRef ?? '—'}
          </span>
        </Fact>
        <Fact label={t('household.header.district')}>{place}</Fact>
        <Fact label={t('household.header.score')}>{household.registryScore === null ? '—' : format(household.registryScore)}</Fact>
        <Fact label={t('household.header.worker')}>{household.assignedWorkerName ?? t('households.unassigned')}</Fact>
        <Fact label={t('household.header.phone')}>
          {household.phone ? (
            <Group gap={6} wrap="nowrap">
              <IconPhone size={16} aria-hidden />
              <span dir="ltr" className={classes.phone}>
                {formatPhone(household.phone)}
              </span>
            </Group>
          ) : (
            <Text span c="dimmed" size="sm">
              {t('household.header.noPhone')}
            </Text>
          )}
          {corrected && (
            <Text size="xs" c="dimmed" fw={400}>
              {household.registryPhone
                ? t('household.header.phoneCorrected', { phone: formatPhone(household.registryPhone) })
                : t('household.header.phoneAdded')}
            </Text>
          )}
        </Fact>
        <Fact label={t('household.header.members')}>{format(household.memberCount)}</Fact>
        <Fact label={t('household.header.address')}>{household.address ?? '—'}</Fact>
        <Fact label={t('household.header.updated')}>{dateTime(household.updatedAt)}</Fact>
      </SimpleGrid>
      {household.notes && (
        <Stack gap={2} mt="md">
          <Text size="xs" c="dimmed">
            {t('household.header.notes')}
          </Text>
          <Text size="sm" className={classes.notes}>
            {household.notes}
          </Text>
        </Stack>
      )}
      <ContactModal household={editing ? household : null} canChangeStatus={me?.role !== 'worker'} onClose={() => setEditing(false)} />
    </Card>
  );
}
