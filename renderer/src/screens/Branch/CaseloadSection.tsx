import { BarChart } from '@mantine/charts';
import { Badge, Button, Card, EmptyState, Group, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconArrowsExchange, IconUsersGroup } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { WorkerLoad } from '../../../../shared/contract/index.ts';
import { caseloadColumns } from '../../branch/branch-export.ts';
import { chartAxes } from '../../branch/chart-axes.ts';
import { ExportButtons } from '../../export/ExportButtons.tsx';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { roleColors } from '../../session/roles.ts';
import { ReassignModal } from './ReassignModal.tsx';

const isRole = (role: string): role is keyof typeof roleColors => role in roleColors;

/** Households, open plans and overdue actions per worker, as a table and a chart; "Reassign all…" for a worker on leave. */
export function CaseloadSection({ workers }: { workers: WorkerLoad[] }) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState<WorkerLoad | null>(null);

  if (workers.length === 0) {
    return (
      <EmptyState
        icon={<IconUsersGroup size={28} />}
        withIndicatorBackground
        title={t('branch.caseload.empty.title')}
        description={t('branch.caseload.empty.body')}
        py="xl"
      >
        <EmptyState.Actions>
          <Button component={Link} href="/users">
            {t('branch.caseload.empty.users')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <Stack gap="lg">
      <Card withBorder padding="lg" component="section" aria-labelledby="caseload-title">
        <Group justify="space-between" align="flex-start" mb="sm">
          <div>
            <Title order={3} size="h4" id="caseload-title">
              {t('branch.caseload.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('branch.caseload.intro')}
            </Text>
          </div>
          <ExportButtons stem="caseload" sheet={t('branch.caseload.title')} columns={caseloadColumns(t)} rows={() => workers} />
        </Group>
        <CaseloadTable workers={workers} onReassign={setMoving} />
      </Card>
      <CaseloadChart workers={workers} />
      <ReassignModal worker={moving} workers={workers} onClose={() => setMoving(null)} />
    </Stack>
  );
}

function CaseloadTable({ workers, onReassign }: { workers: WorkerLoad[]; onReassign(worker: WorkerLoad): void }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('branch.caseload.columns.worker')}</Table.Th>
            <Table.Th>{t('branch.caseload.columns.role')}</Table.Th>
            <Table.Th ta="end">{t('branch.caseload.columns.households')}</Table.Th>
            <Table.Th ta="end">{t('branch.caseload.columns.openPlans')}</Table.Th>
            <Table.Th ta="end">{t('branch.caseload.columns.overdueActions')}</Table.Th>
            <Table.Th>
              <VisuallyHidden>{t('branch.caseload.columns.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {workers.map((worker) => (
            <Table.Tr key={worker.userId} data-testid={`caseload-${worker.userId}`}>
              <Table.Td>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={500}>
                    {worker.displayName}
                  </Text>
                  {worker.disabled && (
                    <Badge size="xs" variant="dot" color="gray" tt="none">
                      {t('branch.caseload.disabled')}
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" tt="none" color={isRole(worker.role) ? roleColors[worker.role] : 'gray'}>
                  {t(`roles.${worker.role}`, { defaultValue: worker.role })}
                </Badge>
              </Table.Td>
              <Table.Td ta="end">
                {format(worker.households)}
              </Table.Td>
              <Table.Td ta="end">{format(worker.openPlans)}</Table.Td>
              <Table.Td ta="end">
                {worker.overdueActions > 0 ? (
                  <Text span size="sm" fw={700} c="red" data-overdue="">
                    {format(worker.overdueActions)}
                  </Text>
                ) : (
                  <Text span size="sm" c="dimmed">
                    {format(0)}
                  </Text>
                )}
              </Table.Td>
              <Table.Td ta="end">
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconArrowsExchange size={14} />}
                  disabled={worker.households === 0}
                  onClick={() => onReassign(worker)}
                  aria-label={t('branch.reassign.openFor', { name: worker.displayName })}
                >
                  {t('branch.reassign.open')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CaseloadChart({ workers }: { workers: WorkerLoad[] }) {
  const { t, i18n } = useTranslation();
  const format = useNumberFormat();
  const data = workers.map((worker) => ({ name: worker.displayName, households: worker.households, overdue: worker.overdueActions }));
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="caseload-chart-title">
      <Title order={3} size="h4" id="caseload-chart-title" mb="sm">
        {t('branch.caseload.chartTitle')}
      </Title>
      <BarChart
        h={Math.max(160, 56 * workers.length + 60)}
        data={data}
        dataKey="name"
        orientation="vertical"
        withLegend
        valueFormatter={format}
        gridAxis="y"
        series={[
          { name: 'households', label: t('branch.caseload.columns.households'), color: 'blue.6' },
          { name: 'overdue', label: t('branch.caseload.columns.overdueActions'), color: 'red.6' },
        ]}
        {...chartAxes(i18n.dir() === 'rtl', 'vertical', { width: 150 })}
      />
    </Card>
  );
}
