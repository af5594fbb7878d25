import { Alert, Badge, Button, Card, Loader, Stack, Tabs, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowsDiff, IconCloudOff, IconDevices, IconDeviceLaptop, IconHistory, IconUsb } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { useSessionUser } from '../../session/use-session.ts';
import { useSyncStatus } from '../../sync/sync.queries.ts';
import { AccountCard } from './AccountCard.tsx';
import { BundleSection } from './BundleSection.tsx';
import { ConflictsSection } from './ConflictsSection.tsx';
import { DevicesSection } from './DevicesSection.tsx';
import { HistorySection } from './HistorySection.tsx';

const tabs = ['device', 'history', 'bundle', 'conflicts', 'devices'] as const;
type Tab = (typeof tabs)[number];
const isTab = (value: string | null): value is Tab => tabs.some((tab) => tab === value);

/** Sync with the branch server: this device's state, its history, USB bundles, and for managers the conflicts, for admins the devices. */
export function SyncScreen() {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const user = useSessionUser();
  const status = useSyncStatus();
  const [tab, setTab] = useState<Tab>('device');
  const resolvesConflicts = user?.role === 'manager' || user?.role === 'admin';
  const managesDevices = user?.role === 'admin';

  const heading = (
    <div>
      <Title order={2}>{t('sync.title')}</Title>
      <Text c="dimmed" size="sm">
        {t('sync.intro')}
      </Text>
    </div>
  );
  if (status.isPending) {
    return (
      <Stack gap="lg" maw={1100}>
        {heading}
        <Loader size="sm" aria-label={t('common.loading')} />
      </Stack>
    );
  }
  if (status.isError) {
    return (
      <Stack gap="lg" maw={1100}>
        {heading}
        <Alert color="red" title={t('common.errorTitle')}>
          {errorMessage(t, status.error)}
        </Alert>
        <Button variant="light" w="fit-content" onClick={() => void status.refetch()}>
          {t('common.retry')}
        </Button>
      </Stack>
    );
  }
  if (status.data.state === 'off') {
    return (
      <Stack gap="lg" maw={720}>
        {heading}
        <NoServerCard />
      </Stack>
    );
  }

  const openConflicts = status.data.openConflicts ?? 0;
  return (
    <Stack gap="lg" maw={1100}>
      {heading}
      <Tabs value={tab} onChange={(value) => isTab(value) && setTab(value)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="device" leftSection={<IconDeviceLaptop size={16} />}>
            {t('sync.tabs.device')}
          </Tabs.Tab>
          <Tabs.Tab value="history" leftSection={<IconHistory size={16} />}>
            {t('sync.tabs.history')}
          </Tabs.Tab>
          <Tabs.Tab value="bundle" leftSection={<IconUsb size={16} />}>
            {t('sync.tabs.bundle')}
          </Tabs.Tab>
          {resolvesConflicts && (
            <Tabs.Tab
              value="conflicts"
              leftSection={<IconArrowsDiff size={16} />}
              rightSection={
                openConflicts > 0 ? (
                  <Badge size="sm" variant="filled" color="orange" circle={openConflicts < 10}>
                    {format(openConflicts)}
                  </Badge>
                ) : null
              }
            >
              {t('sync.tabs.conflicts')}
            </Tabs.Tab>
          )}
          {managesDevices && (
            <Tabs.Tab value="devices" leftSection={<IconDevices size={16} />}>
              {t('sync.tabs.devices')}
            </Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="device" pt="md">
          <AccountCard status={status.data} />
        </Tabs.Panel>
        <Tabs.Panel value="history" pt="md">
          <HistorySection />
        </Tabs.Panel>
        <Tabs.Panel value="bundle" pt="md">
          <BundleSection />
        </Tabs.Panel>
        {resolvesConflicts && (
          <Tabs.Panel value="conflicts" pt="md">
            <ConflictsSection />
          </Tabs.Panel>
        )}
        {managesDevices && (
          <Tabs.Panel value="devices" pt="md">
            <DevicesSection />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}

/** A store set up without a server: says so plainly, and how a device joins a server instead. */
function NoServerCard() {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm" align="flex-start">
        <ThemeIcon size={44} radius="xl" variant="light" color="gray">
          <IconCloudOff size={24} />
        </ThemeIcon>
        <Title order={3} size="h4">
          {t('sync.off.title')}
        </Title>
        <Text>{t('sync.off.body')}</Text>
        <Text c="dimmed" size="sm">
          {t('sync.off.next')}
        </Text>
      </Stack>
    </Card>
  );
}
