import { Alert, Badge, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconChartBar, IconClipboardCheck, IconUserPlus, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBranchOverview } from '../../branch/branch.queries.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { ApprovalsSection } from './ApprovalsSection.tsx';
import { CaseloadSection } from './CaseloadSection.tsx';
import { DashboardSection } from './DashboardSection.tsx';
import { UnassignedSection } from './UnassignedSection.tsx';

const tabs = ['caseload', 'unassigned', 'approvals', 'dashboard'] as const;
type Tab = (typeof tabs)[number];
const isTab = (value: string | null): value is Tab => tabs.some((tab) => tab === value);

/** The manager's view of the branch: load per worker, households nobody follows, closures to approve, and the dashboard. */
export function BranchScreen() {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const overview = useBranchOverview();
  const [tab, setTab] = useState<Tab>('caseload');
  const counter = (count: number | undefined, color: string) =>
    count ? (
      <Badge size="sm" variant="light" color={color} circle={count < 10}>
        {format(count)}
      </Badge>
    ) : null;

  return (
    <Stack gap="lg" maw={1200}>
      <div>
        <Title order={2}>{t('branch.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('branch.intro')}
        </Text>
      </div>
      {overview.isError && (
        <Alert color="red" title={t('common.errorTitle')}>
          {errorMessage(t, overview.error)}
        </Alert>
      )}
      <Tabs value={tab} onChange={(value) => isTab(value) && setTab(value)} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="caseload" leftSection={<IconUsersGroup size={16} />}>
            {t('branch.tabs.caseload')}
          </Tabs.Tab>
          <Tabs.Tab value="unassigned" leftSection={<IconUserPlus size={16} />} rightSection={counter(overview.data?.unassignedHouseholds, 'orange')}>
            {t('branch.tabs.unassigned')}
          </Tabs.Tab>
          <Tabs.Tab value="approvals" leftSection={<IconClipboardCheck size={16} />} rightSection={counter(overview.data?.closuresWaiting.length, 'blue')}>
            {t('branch.tabs.approvals')}
          </Tabs.Tab>
          <Tabs.Tab value="dashboard" leftSection={<IconChartBar size={16} />}>
            {t('branch.tabs.dashboard')}
          </Tabs.Tab>
        </Tabs.List>
        {tab !== 'dashboard' && overview.isPending && <Loader size="sm" mt="md" aria-label={t('common.loading')} />}
        <Tabs.Panel value="caseload" pt="md">
          {overview.data && <CaseloadSection workers={overview.data.workers} />}
        </Tabs.Panel>
        <Tabs.Panel value="unassigned" pt="md">
          {overview.data && <UnassignedSection unassigned={overview.data.unassignedHouseholds} workers={overview.data.workers} />}
        </Tabs.Panel>
        <Tabs.Panel value="approvals" pt="md">
          {overview.data && <ApprovalsSection closures={overview.data.closuresWaiting} />}
        </Tabs.Panel>
        <Tabs.Panel value="dashboard" pt="md">
          <DashboardSection />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
