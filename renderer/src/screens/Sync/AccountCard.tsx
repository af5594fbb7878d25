import { Alert, Badge, Button, Card, Group, Kbd, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../../shared/contract/index.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { useSessionUser } from '../../session/use-session.ts';
import { lookOf, syncErrorText } from '../../sync/sync-labels.ts';
import { useNow, useRelativeTime } from '../../sync/use-relative-time.ts';
import { syncNowAria, useSyncNowAction } from '../../sync/use-sync-now-action.ts';
import { LoginForm } from './LoginForm.tsx';

/** This device and the server: where it syncs, as whom, how far it is, and "Sync now" (or signing in again). */
export function AccountCard({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const { dateTime } = useDateFormat();
  const relative = useRelativeTime();
  const now = useNow();
  const user = useSessionUser();
  const action = useSyncNowAction(status);
  const look = lookOf(status);
  const blocked = status.state === 'needs-login' || status.state === 'outdated';
  const unknown = (
    <Text component="span" c="dimmed" size="sm">
      {t('sync.account.unknown')}
    </Text>
  );

  const rows: [string, ReactNode][] = [
    [t('sync.account.server'), status.server ? <span dir="ltr">{status.server}</span> : unknown],
    [t('sync.account.deviceName'), status.deviceName ?? unknown],
    [
      t('sync.account.user'),
      user ? (
        <>
          {user.displayName}{' '}
          <Text component="span" c="dimmed" size="sm" dir="ltr">
            ({user.username})
          </Text>
        </>
      ) : (
        unknown
      ),
    ],
    [
      t('sync.account.state'),
      <Badge key="state" variant="light" color={look.color} tt="none" leftSection={<look.icon size={14} />}>
        {t(`sync.state.${status.state}`)}
      </Badge>,
    ],
    [t('sync.account.pending'), format(status.pending)],
    [
      t('sync.account.lastSync'),
      status.lastSyncAt ? `${dateTime(status.lastSyncAt)} (${relative(status.lastSyncAt, now)})` : t('sync.account.never'),
    ],
    [t('sync.account.cursor'), format(status.cursor)],
  ];
  if (status.lastError && status.state !== 'idle' && status.state !== 'syncing') {
    rows.push([t('sync.account.lastError'), syncErrorText(t, status.lastError)]);
  }

  return (
    <Card withBorder padding="lg">
      <Stack gap="md">
        <Title order={3} size="h4">
          {t('sync.account.title')}
        </Title>
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            {rows.map(([label, value]) => (
              <Table.Tr key={label}>
                <Table.Th w={260}>{label}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{value}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <StateNotice status={status} />
        {status.state === 'needs-login' && <LoginForm />}
        {action.busy && (
          <Stack gap={4} role="status">
            <Progress value={100} striped animated aria-label={t('sync.now.running')} />
            <Text size="sm" c="dimmed">
              {t('sync.now.runningHint')}
            </Text>
          </Stack>
        )}
        <Group gap="sm">
          <Button
            leftSection={<IconRefresh size={18} />}
            onClick={action.run}
            loading={action.busy}
            disabled={blocked}
            aria-keyshortcuts={syncNowAria}
            rightSection={
              <Kbd size="xs" visibleFrom="sm">
                Ctrl Shift S
              </Kbd>
            }
          >
            {t('sync.now.button')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** What the state means for the user, when it is not simply ready. */
function StateNotice({ status }: { status: SyncStatus }) {
  const { t } = useTranslation();
  switch (status.state) {
    case 'offline':
      return <Alert color="orange">{t('sync.header.offline')}</Alert>;
    case 'outdated':
      return <Alert color="orange">{t('sync.header.outdated')}</Alert>;
    case 'error':
      return <Alert color="red">{t('sync.header.error')}</Alert>;
    default:
      return null;
  }
}
