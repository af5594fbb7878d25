import { Alert, Anchor, Badge, Group, Loader, Stack, Tabs, useDirection } from '@mantine/core';
import { IconArrowLeft, IconArrowRight, IconCertificate, IconClipboardList, IconFiles, IconHistory, IconUsers, IconWalk } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'wouter';
import { useHouseholdFile } from '../../households/households.queries.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { DocumentsTab } from './DocumentsTab.tsx';
import { HistoryTab } from './HistoryTab.tsx';
import { HouseholdHeader } from './HouseholdHeader.tsx';
import { MembersTab } from './MembersTab.tsx';
import { PlansTab } from './PlansTab.tsx';
import { ProgrammesTab } from './ProgrammesTab.tsx';
import { VisitsTab } from './VisitsTab.tsx';

/** One household file (`/households/:id`): the header, then members, programmes, visits, documents and history. */
export function HouseholdFileScreen() {
  const { id = '' } = useParams<{ id: string }>();
  // Keyed by the household: opening another one starts on a fresh file (tab, forms, open document).
  return <HouseholdFile key={id} id={decodeId(id)} />;
}

const decodeId = (value: string) => {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
};

type TabKey = 'members' | 'programmes' | 'plans' | 'visits' | 'documents' | 'history';

function HouseholdFile({ id }: { id: string }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const file = useHouseholdFile(id);
  const [tab, setTab] = useState<TabKey>('members');
  const data = file.data;
  const tabLabel = (key: TabKey, icon: ReactNode, count?: number) => (
    <Tabs.Tab value={key} leftSection={icon} rightSection={count === undefined ? undefined : <Badge size="xs" variant="light" circle={count < 10}>{format(count)}</Badge>}>
      {t(`household.tabs.${key}`)}
    </Tabs.Tab>
  );

  return (
    <Stack gap="md" maw={1280}>
      <BackToList />
      {file.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {file.isError && (
        <Alert color="red" title={t('common.errorTitle')}>
          {errorMessage(t, file.error)}
        </Alert>
      )}
      {data && (
        <>
          <HouseholdHeader household={data.household} />
          <Tabs value={tab} onChange={(value) => value && setTab(value as TabKey)} keepMounted={false}>
            <Tabs.List>
              {tabLabel('members', <IconUsers size={16} />, data.members.length)}
              {tabLabel('programmes', <IconCertificate size={16} />, data.enrollments.length)}
              <Tabs.Tab value="plans" leftSection={<IconClipboardList size={16} />}>
                {t('plans.tab')}
              </Tabs.Tab>
              {tabLabel('visits', <IconWalk size={16} />, data.visits.length)}
              {tabLabel('documents', <IconFiles size={16} />, data.documents.length)}
              {tabLabel('history', <IconHistory size={16} />)}
            </Tabs.List>
            <Tabs.Panel value="members" pt="md">
              <MembersTab householdId={id} members={data.members} />
            </Tabs.Panel>
            <Tabs.Panel value="programmes" pt="md">
              <ProgrammesTab household={data.household} enrollments={data.enrollments} members={data.members} />
            </Tabs.Panel>
            <Tabs.Panel value="plans" pt="md">
              <PlansTab householdId={id} />
            </Tabs.Panel>
            <Tabs.Panel value="visits" pt="md">
              <VisitsTab householdId={id} visits={data.visits} />
            </Tabs.Panel>
            <Tabs.Panel value="documents" pt="md">
              <DocumentsTab householdId={id} documents={data.documents} members={data.members} />
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <HistoryTab householdId={id} />
            </Tabs.Panel>
          </Tabs>
        </>
      )}
    </Stack>
  );
}

/** Back to the list, which keeps its filters, scroll position and highlighted row. */
function BackToList() {
  const { t } = useTranslation();
  const { dir } = useDirection();
  const Arrow = dir === 'rtl' ? IconArrowRight : IconArrowLeft;
  return (
    <Anchor component={Link} href="/households" size="sm" w="fit-content">
      <Group gap={4} wrap="nowrap">
        <Arrow size={16} />
        {t('household.back')}
      </Group>
    </Anchor>
  );
}
