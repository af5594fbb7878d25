import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDatabaseImport, IconDownload, IconFileImport } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/contract/index.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import classes from './ImportScreen.module.css';
import { ProblemsTable } from './ProblemsTable.tsx';
import { downloadCsv, fileStem, rejectedRowsCsv } from './import-file.ts';

interface ImportReportViewProps {
  report: ImportReport;
  fileName: string;
  /** Offered on a preview: runs the same file for real. */
  onImport?(): void;
  onStartOver(): void;
}

/** What a preview would change or what an import changed: counts, new districts, rejected rows, warnings, possible duplicates. */
export function ImportReportView({ report, fileName, onImport, onStartOver }: ImportReportViewProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const accepted = report.households.created + report.households.updated + report.households.unchanged;
  const exportRejected = () =>
    downloadCsv(`${fileStem(fileName)}-${t('import.export.fileSuffix')}.csv`, rejectedRowsCsv(t, report.rejected));

  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="import-report-title">
        <Stack gap="md">
          <div>
            <Title order={3} size="h4" id="import-report-title">
              {report.dryRun ? t('import.report.previewTitle') : t('import.report.doneTitle')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('import.report.file', { name: fileName, rows: format(report.rows) })}
            </Text>
          </div>
          {report.dryRun ? (
            <Alert color="blue" variant="light">
              {t('import.report.previewNote')}
            </Alert>
          ) : report.cancelled ? (
            <Alert color="yellow" variant="light" title={t('import.fileErrors.cancelled')}>
              {t('import.stopped.import')}
            </Alert>
          ) : (
            <Alert color="teal" variant="light">
              {t('import.report.doneNote')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <CountsCard entity="households" counts={report.households} />
            <CountsCard entity="members" counts={report.members} />
            <Card withBorder padding="md" component="section" aria-label={t('import.districts.title')}>
              <Text fw={600} size="sm">
                {report.dryRun ? t('import.districts.toCreate') : t('import.districts.created')}
              </Text>
              <Text size="xl" fw={700} className={classes.count}>
                {format(report.districtsCreated.length)}
              </Text>
              {report.districtsCreated.length > 0 ? (
                <>
                  <Group gap={4} mt={4}>
                    {report.districtsCreated.map((name) => (
                      <Badge key={name} variant="light" tt="none">
                        {name}
                      </Badge>
                    ))}
                  </Group>
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('import.districts.note')}
                  </Text>
                </>
              ) : (
                <Text size="xs" c="dimmed">
                  {t('import.districts.none')}
                </Text>
              )}
            </Card>
          </SimpleGrid>
          <Group gap="sm">
            {onImport && (
              <Button leftSection={<IconDatabaseImport size={18} />} onClick={onImport} disabled={accepted === 0}>
                {t('import.actions.importNow')}
              </Button>
            )}
            <Button variant="default" leftSection={<IconFileImport size={18} />} onClick={onStartOver}>
              {onImport ? t('import.actions.otherFile') : t('import.actions.anotherImport')}
            </Button>
          </Group>
          {onImport && accepted === 0 && (
            <Text size="sm" c="orange">
              {t('import.actions.nothingToImport')}
            </Text>
          )}
        </Stack>
      </Card>

      <Card withBorder padding="lg" component="section" aria-labelledby="import-rejected-title">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={3} size="h4" id="import-rejected-title">
                {t('import.rejected.title', { n: format(report.rejected.length) })}
              </Title>
              <Text size="sm" c="dimmed">
                {report.rejected.length ? t('import.rejected.note') : t('import.rejected.none')}
              </Text>
            </div>
            {report.rejected.length > 0 && (
              <Button variant="light" leftSection={<IconDownload size={18} />} onClick={exportRejected}>
                {t('import.export.button')}
              </Button>
            )}
          </Group>
          {report.rejected.length > 0 && <ProblemsTable problems={report.rejected} label={t('import.rejected.tableLabel')} />}
        </Stack>
      </Card>

      {report.warnings.length > 0 && (
        <Card withBorder padding="lg" component="section" aria-labelledby="import-warnings-title">
          <Stack gap="sm">
            <div>
              <Title order={3} size="h4" id="import-warnings-title">
                {t('import.warnings.title', { n: format(report.warnings.length) })}
              </Title>
              <Text size="sm" c="dimmed">
                {t('import.warnings.note')}
              </Text>
            </div>
            <ProblemsTable problems={report.warnings} label={t('import.warnings.tableLabel')} />
          </Stack>
        </Card>
      )}

      {report.possibleDuplicates.length > 0 && <DuplicatesCard duplicates={report.possibleDuplicates} />}
    </Stack>
  );
}

function CountsCard({ entity, counts }: { entity: 'households' | 'members'; counts: ImportReport['households'] }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  return (
    <Card withBorder padding="md" component="section" aria-label={t(`import.counts.${entity}.title`)}>
      <Text fw={600} size="sm" mb={4}>
        {t(`import.counts.${entity}.title`)}
      </Text>
      {(['created', 'updated', 'unchanged'] as const).map((kind) => (
        <Group key={kind} justify="space-between" gap="xs">
          <Text size="sm" c={kind === 'unchanged' ? 'dimmed' : undefined}>
            {t(`import.counts.${entity}.${kind}`)}
          </Text>
          <Text size="sm" fw={700} className={classes.count} data-testid={`${entity}-${kind}`}>
            {format(counts[kind])}
          </Text>
        </Group>
      ))}
    </Card>
  );
}

function DuplicatesCard({ duplicates }: { duplicates: ImportReport['possibleDuplicates'] }) {
  const { t, i18n } = useTranslation();
  const format = useNumberFormat();
  const list = new Intl.ListFormat(i18n.language, { style: 'narrow', type: 'unit' });
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="import-duplicates-title">
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id="import-duplicates-title">
            {t('import.duplicates.title', { n: format(duplicates.length) })}
          </Title>
          <Text size="sm" c="dimmed">
            {t('import.duplicates.note')}
          </Text>
        </div>
        <Table.ScrollContainer minWidth={480}>
          <Table striped verticalSpacing="xs" aria-label={t('import.duplicates.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('import.duplicates.nationalId')}</Table.Th>
                <Table.Th>{t('import.duplicates.persons')}</Table.Th>
                <Table.Th>{t('import.duplicates.lines')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {duplicates.map((duplicate) => (
                <Table.Tr key={duplicate.nationalId}>
                  <Table.Td>
                    <Text span size="sm" dir="ltr" ff="monospace" className={classes.columnName}>
                      {duplicate.nationalId}
                    </Text>
                  </Table.Td>
                  <Table.Td className={classes.count}>{format(duplicate.memberRefs.length)}</Table.Td>
                  <Table.Td>{list.format(duplicate.lines.map(format))}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}
