import { BarChart } from '@mantine/charts';
import { Alert, Card, EmptyState, Loader, SimpleGrid, Text, Title } from '@mantine/core';
import { IconChartBar, IconClipboardList, IconMoodSmile } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { outcomeCodes, planStatuses, type ChannelOutput } from '../../../../shared/contract/index.ts';
import { useDashboardStats } from '../../branch/branch.queries.ts';
import { chartAxes } from '../../branch/chart-axes.ts';
import { hasCounts, outcomesByMonthRows, plansByDomainRows } from '../../branch/dashboard-data.ts';
import { outcomeColors, planStatusColors } from '../../branch/labels.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { useSettings } from '../../settings/use-settings.ts';

type Stats = ChannelOutput<'dashboard:stats'>;

/** Overdue actions per worker, plans by domain and status, and outcomes per month, each with an empty state of its own. */
export function DashboardSection() {
  const { t } = useTranslation();
  const stats = useDashboardStats();
  if (stats.isPending) return <Loader size="sm" aria-label={t('common.loading')} />;
  if (stats.isError) {
    return (
      <Alert color="red" title={t('common.errorTitle')}>
        {errorMessage(t, stats.error)}
      </Alert>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <OverdueChart stats={stats.data} />
      <PlansChart stats={stats.data} />
      <OutcomesChart stats={stats.data} />
    </SimpleGrid>
  );
}

function ChartCard({ id, title, description, children }: { id: string; title: string; description: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby={id}>
      <Title order={3} size="h4" id={id}>
        {title}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {description}
      </Text>
      {children}
    </Card>
  );
}

function NoData({ icon, title, body }: { icon: ReactNode; title: string; body: string }) {
  return <EmptyState icon={icon} withIndicatorBackground title={title} description={body} py="lg" />;
}

function OverdueChart({ stats }: { stats: Stats }) {
  const { t, i18n } = useTranslation();
  const format = useNumberFormat();
  const data = stats.overdueByWorker
    .filter((item) => item.overdue > 0)
    .map((item) => ({ name: item.name ?? t('dashboard.noWorker'), overdue: item.overdue }))
    .sort((a, b) => b.overdue - a.overdue);
  return (
    <ChartCard id="dashboard-overdue" title={t('dashboard.overdue.title')} description={t('dashboard.overdue.description')}>
      {data.length === 0 ? (
        <NoData icon={<IconMoodSmile size={28} />} title={t('dashboard.overdue.empty.title')} body={t('dashboard.overdue.empty.body')} />
      ) : (
        <BarChart
          h={Math.max(160, 44 * data.length + 40)}
          data={data}
          dataKey="name"
          orientation="vertical"
          valueFormatter={format}
          gridAxis="y"
          series={[{ name: 'overdue', label: t('dashboard.overdue.series'), color: 'red.6' }]}
          {...chartAxes(i18n.dir() === 'rtl', 'vertical', { width: 150 })}
        />
      )}
    </ChartCard>
  );
}

function PlansChart({ stats }: { stats: Stats }) {
  const { t, i18n } = useTranslation();
  const format = useNumberFormat();
  const rows = plansByDomainRows(stats);
  const data = rows.map((row) => ({ ...row, label: t(`dashboard.domain.${row.domain}`) }));
  const empty = !hasCounts(stats.plansByDomain.map((item) => item.count));
  return (
    <ChartCard id="dashboard-plans" title={t('dashboard.plans.title')} description={t('dashboard.plans.description')}>
      {empty ? (
        <NoData icon={<IconClipboardList size={28} />} title={t('dashboard.plans.empty.title')} body={t('dashboard.plans.empty.body')} />
      ) : (
        <BarChart
          h={280}
          data={data}
          dataKey="label"
          type="stacked"
          withLegend
          valueFormatter={format}
          series={planStatuses.map((status) => ({ name: status, label: t(`dashboard.planStatus.${status}`), color: planStatusColors[status] }))}
          {...chartAxes(i18n.dir() === 'rtl', 'horizontal')}
        />
      )}
    </ChartCard>
  );
}

function OutcomesChart({ stats }: { stats: Stats }) {
  const { t, i18n } = useTranslation();
  const format = useNumberFormat();
  const { data: settings } = useSettings();
  const locale = `${settings?.language ?? 'ar'}-MA-u-ca-gregory-nu-${settings?.numerals ?? 'latn'}`;
  const monthFormat = useMemo(() => new Intl.DateTimeFormat(locale, { month: 'short', year: 'numeric' }), [locale]);
  const data = outcomesByMonthRows(stats).map((row) => {
    const [year, month] = row.month.split('-').map(Number);
    return { ...row, label: year && month ? monthFormat.format(new Date(year, month - 1, 1)) : row.month };
  });
  const empty = !hasCounts(stats.outcomesByMonth.map((item) => item.count));
  return (
    <ChartCard id="dashboard-outcomes" title={t('dashboard.outcomes.title')} description={t('dashboard.outcomes.description')}>
      {empty ? (
        <NoData icon={<IconChartBar size={28} />} title={t('dashboard.outcomes.empty.title')} body={t('dashboard.outcomes.empty.body')} />
      ) : (
        <BarChart
          h={300}
          data={data}
          dataKey="label"
          type="stacked"
          withLegend
          valueFormatter={format}
          series={outcomeCodes.map((code) => ({ name: code, label: t(`dashboard.outcome.${code}`), color: outcomeColors[code] }))}
          {...chartAxes(i18n.dir() === 'rtl', 'horizontal')}
        />
      )}
    </ChartCard>
  );
}
