import { Alert, Button, Card, Group, Loader, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { unsyncedChangesReason, type UpdateStatus } from '../../../../shared/contract/index.ts';
import { errorMessage, errorReason } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { useSettings } from '../../settings/use-settings.ts';
import { useCheckForUpdates, useInstallUpdate, useUpdateStatus } from '../../updates/updates.queries.ts';
import classes from './UpdatesCard.module.css';

/** Settings → Updates: versions, the background download, and when the downloaded update installs. */
export function UpdatesCard() {
  const { t } = useTranslation();
  const status = useUpdateStatus();
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="updates-title">
      <Stack gap="md">
        <div>
          <Title order={3} size="h4" id="updates-title">
            {t('updates.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('updates.intro')}
          </Text>
        </div>
        {status.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {status.isError && <Alert color="red">{errorMessage(t, status.error)}</Alert>}
        {status.data && <UpdatesView status={status.data} />}
      </Stack>
    </Card>
  );
}

function UpdatesView({ status }: { status: UpdateStatus }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const formatTime = useTimeFormat();
  const check = useCheckForUpdates();
  const install = useInstallUpdate();
  const [confirming, setConfirming] = useState(false);
  const pending = { count: status.pendingChanges, formatted: format(status.pendingChanges) };
  const failure = check.error ?? (errorReason(install.error) === unsyncedChangesReason ? null : install.error);

  const requestInstall = () => {
    if (status.pendingChanges > 0) return setConfirming(true);
    install.mutate(false, { onError: (error) => errorReason(error) === unsyncedChangesReason && setConfirming(true) });
  };
  const canCheck = status.state === 'idle' || status.state === 'error';

  return (
    <Stack gap="md">
      {status.serverOutdated && (
        <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={t('updates.outdated.title')}>
          {t('updates.outdated.body')}
        </Alert>
      )}
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          <Table.Tr>
            <Table.Th w={200}>{t('updates.currentVersion')}</Table.Th>
            <Table.Td dir="ltr">{status.currentVersion}</Table.Td>
          </Table.Tr>
          {status.availableVersion && (
            <Table.Tr>
              <Table.Th>{t('updates.availableVersion')}</Table.Th>
              <Table.Td dir="ltr">{status.availableVersion}</Table.Td>
            </Table.Tr>
          )}
          {status.state !== 'disabled' && (
            <Table.Tr>
              <Table.Th>{t('updates.lastCheck')}</Table.Th>
              <Table.Td>{status.lastCheckAt ? formatTime(status.lastCheckAt) : t('updates.never')}</Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>

      <StateLine status={status} />

      {status.releaseNotes && status.availableVersion && (
        <div>
          <Text fw={600} size="sm">
            {t('updates.notes')}
          </Text>
          <Text size="sm" className={classes.notes}>
            {status.releaseNotes}
          </Text>
        </div>
      )}

      {status.state === 'ready' && !status.installOnQuit && confirming && (
        <Alert color="yellow" icon={<IconInfoCircle size={18} />} title={t('updates.unsynced', pending)}>
          <Stack gap="sm">
            <Text size="sm">{t('updates.unsyncedExplain')}</Text>
            <Group gap="sm">
              <Button loading={install.isPending} onClick={() => install.mutate(true, { onSuccess: () => setConfirming(false) })}>
                {t('updates.installAnyway', pending)}
              </Button>
              <Button variant="default" onClick={() => setConfirming(false)}>
                {t('updates.cancel')}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
      {failure && <Alert color="red">{errorMessage(t, failure)}</Alert>}

      <Group gap="sm">
        {status.state === 'ready' && !status.installOnQuit && !confirming && (
          <Button onClick={requestInstall} loading={install.isPending}>
            {t('updates.install')}
          </Button>
        )}
        {status.state !== 'disabled' && status.state !== 'ready' && (
          <Button variant={status.serverOutdated ? 'filled' : 'default'} onClick={() => check.mutate()} loading={check.isPending} disabled={!canCheck}>
            {t('updates.check')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}

function StateLine({ status }: { status: UpdateStatus }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const version = status.availableVersion ?? '';
  switch (status.state) {
    case 'disabled':
      return <Text size="sm">{t('updates.state.disabled')}</Text>;
    case 'idle':
      return <Text size="sm">{t('updates.state.idle')}</Text>;
    case 'checking':
      return (
        <Group gap="xs">
          <Loader size="xs" />
          <Text size="sm">{t('updates.state.checking')}</Text>
        </Group>
      );
    case 'downloading': {
      const percent = status.progressPercent ?? 0;
      return (
        <Stack gap={4}>
          <Text size="sm">{t('updates.state.downloading', { version })}</Text>
          <Group gap="sm" wrap="nowrap">
            <Progress value={percent} aria-label={t('updates.state.progress')} className={classes.progress} />
            <Text size="sm">{`${format(percent)}%`}</Text>
          </Group>
        </Stack>
      );
    }
    case 'ready':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('updates.state.ready', { version })}
          </Text>
          {status.installOnQuit && <Text size="sm">{t(status.pendingChanges > 0 ? 'updates.keptLocally' : 'updates.installOnQuit')}</Text>}
          {!status.installOnQuit && <Text size="sm">{t('updates.unsynced', { count: status.pendingChanges, formatted: format(status.pendingChanges) })}</Text>}
        </Stack>
      );
    case 'error':
      return (
        <Alert color="red" variant="light">
          {t(`updates.error.${status.error ?? 'download-failed'}`)}
        </Alert>
      );
  }
}

/** A date and time in the interface language, with the digits chosen in Settings. */
const useTimeFormat = () => {
  const { data } = useSettings();
  const locale = `${data?.language ?? 'ar'}-MA-u-nu-${data?.numerals ?? 'latn'}`;
  const formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (iso: string) => formatter.format(new Date(iso));
};
