import { Alert, Anchor, Badge, Card, EmptyState, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ChannelOutput } from '../../../../shared/contract/index.ts';
import { useDateFormat } from '../../households/use-date-format.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { householdFilePath } from '../../routes.ts';
import { rejectionText, syncErrorText, whatLabel } from '../../sync/sync-labels.ts';
import { useSyncHistory } from '../../sync/sync.queries.ts';

type History = ChannelOutput<'sync:history'>;

/** What this device's recent syncs did, and the changes the server refused (kept here, shown so nobody wonders where they went). */
export function HistorySection() {
  const { t } = useTranslation();
  const history = useSyncHistory();
  if (history.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (history.isError) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {errorMessage(t, history.error)}
      </Alert>
    );
  }
  return (
    <Stack gap="lg">
      <RunsCard runs={history.data.runs} />
      <RejectionsCard rejections={history.data.rejections} />
    </Stack>
  );
}

function RunsCard({ runs }: { runs: History['runs'] }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const { dateTime } = useDateFormat();
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            {t('sync.history.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sync.history.intro')}
          </Text>
        </div>
        {runs.length === 0 ? (
          <EmptyState
            icon={<IconHistory size={28} />}
            withIndicatorBackground
            title={t('sync.history.emptyTitle')}
            description={t('sync.history.emptyBody')}
            py="lg"
          />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover aria-label={t('sync.history.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sync.history.columns.when')}</Table.Th>
                  <Table.Th>{t('sync.history.columns.via')}</Table.Th>
                  <Table.Th ta="end">{t('sync.history.columns.pushed')}</Table.Th>
                  <Table.Th ta="end">{t('sync.history.columns.pulled')}</Table.Th>
                  <Table.Th ta="end">{t('sync.history.columns.conflicts')}</Table.Th>
                  <Table.Th ta="end">{t('sync.history.columns.rejected')}</Table.Th>
                  <Table.Th>{t('sync.history.columns.result')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {runs.map((run) => (
                  <Table.Tr key={run.id}>
                    <Table.Td>{dateTime(run.finishedAt)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" tt="none" color={run.via === 'bundle' ? 'grape' : 'blue'}>
                        {t(`sync.history.via.${run.via}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="end">{format(run.pushed)}</Table.Td>
                    <Table.Td ta="end">{format(run.pulled)}</Table.Td>
                    <Table.Td ta="end" c={run.conflicts ? 'orange' : undefined}>
                      {format(run.conflicts)}
                    </Table.Td>
                    <Table.Td ta="end" c={run.rejected ? 'red' : undefined}>
                      {format(run.rejected)}
                    </Table.Td>
                    <Table.Td c={run.error ? 'red' : 'teal'}>{run.error ? syncErrorText(t, run.error) : t('sync.history.ok')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

function RejectionsCard({ rejections }: { rejections: History['rejections'] }) {
  const { t } = useTranslation();
  const { dateTime } = useDateFormat();
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4">
            {t('sync.history.rejectionsTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {rejections.length ? t('sync.history.rejectionsIntro') : t('sync.history.rejectionsEmpty')}
          </Text>
        </div>
        {rejections.length > 0 && (
          <Table.ScrollContainer minWidth={640}>
            <Table aria-label={t('sync.history.rejectionsTitle')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sync.history.rejectionColumns.what')}</Table.Th>
                  <Table.Th>{t('sync.history.rejectionColumns.why')}</Table.Th>
                  <Table.Th>{t('sync.history.rejectionColumns.when')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rejections.map((rejection) => (
                  <Table.Tr key={`${rejection.table}:${rejection.rowId}:${rejection.field}:${rejection.at}`}>
                    <Table.Td>
                      {rejection.table === 'households' ? (
                        <Anchor component={Link} href={householdFilePath(rejection.rowId)} title={t('sync.history.openHousehold')}>
                          {whatLabel(t, rejection.table, rejection.field)}
                        </Anchor>
                      ) : (
                        whatLabel(t, rejection.table, rejection.field)
                      )}
                    </Table.Td>
                    <Table.Td>{rejectionText(t, rejection.code)}</Table.Td>
                    <Table.Td>{dateTime(rejection.at)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}
