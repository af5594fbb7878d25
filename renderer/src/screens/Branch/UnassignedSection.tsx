import { Alert, Button, Card, EmptyState, Group, Loader, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChecks, IconHomeCheck, IconUserPlus } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HouseholdListInput, WorkerLoad } from '../../../../shared/contract/index.ts';
import { householdColumns } from '../../branch/branch-export.ts';
import { fetchAllHouseholds, useAssignHouseholds } from '../../branch/branch.queries.ts';
import { ExportButtons } from '../../export/ExportButtons.tsx';
import { useDistrictList, useHouseholdPages } from '../../households/households.queries.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { SelectableHouseholdTable } from './SelectableHouseholdTable.tsx';
import { WorkerSelect } from './WorkerSelect.tsx';

interface UnassignedSectionProps {
  /** The overview's count of households nobody follows. */
  unassigned: number;
  workers: WorkerLoad[];
}

/** Households no worker follows yet (typically from the latest registry import): pick many, or a district's, and assign them. */
export function UnassignedSection({ unassigned, workers }: UnassignedSectionProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const districts = useDistrictList();
  const assign = useAssignHouseholds();
  const [districtIds, setDistrictIds] = useState<string[]>([]);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [workerId, setWorkerId] = useState<string | null>(null);
  const [selectingAll, setSelectingAll] = useState(false);
  const filters = useMemo(
    (): Omit<HouseholdListInput, 'offset' | 'limit'> => ({
      assignedWorkerId: 'unassigned',
      ...(districtIds.length > 0 && { districtIds }),
      sort: 'score',
      direction: 'asc',
    }),
    [districtIds],
  );
  const pages = useHouseholdPages(filters);
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.rows) ?? [], [pages.data]);
  const total = pages.data?.pages.at(-1)?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const worker = workers.find((item) => item.userId === workerId);
  const allLoadedSelected = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const selectedCount = { count: selected.size, formatted: format(selected.size) };

  // Another district, another list: a selection the manager can no longer see is not kept.
  const changeDistricts = (value: string[]) => {
    setDistrictIds(value);
    setSelected(new Set());
  };
  const selectAllMatching = async () => {
    setSelectingAll(true);
    try {
      setSelected(new Set((await fetchAllHouseholds(filters)).map((row) => row.id)));
    } catch (error) {
      notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorMessage(t, error) });
    } finally {
      setSelectingAll(false);
    }
  };
  const submit = () => {
    if (!worker || selected.size === 0) return;
    assign.mutate(
      { householdIds: [...selected], toWorkerId: worker.userId },
      {
        onSuccess: ({ assigned }) => {
          notifications.show({ color: 'teal', message: t('branch.assigned', { count: assigned, formatted: format(assigned), name: worker.displayName }) });
          setSelected(new Set());
        },
      },
    );
  };

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="unassigned-title">
      <Stack gap="md">
        <div>
          <Group gap="sm" align="baseline">
            <Title order={3} size="h4" id="unassigned-title">
              {t('branch.unassigned.title')}
            </Title>
            <Text fw={600} c="orange.8" data-testid="unassigned-count">
              {t('branch.unassigned.count', { count: unassigned, formatted: format(unassigned) })}
            </Text>
          </Group>
          <Text size="sm" c="dimmed">
            {t('branch.unassigned.intro')}
          </Text>
        </div>
        <Group align="flex-end" gap="sm">
          <MultiSelect
            label={t('branch.unassigned.districts')}
            description={t('branch.unassigned.districtsHint')}
            placeholder={districtIds.length ? undefined : t('branch.unassigned.allDistricts')}
            data={(districts.data ?? []).map((district) => ({ value: district.id, label: district.name }))}
            value={districtIds}
            onChange={changeDistricts}
            searchable
            clearable
            w={280}
          />
          <WorkerSelect
            label={t('branch.unassigned.assignTo')}
            placeholder={t('branch.chooseWorker')}
            workers={workers}
            value={workerId}
            onChange={setWorkerId}
            w={260}
          />
          <Button leftSection={<IconUserPlus size={16} />} disabled={!worker || selected.size === 0} loading={assign.isPending} onClick={submit}>
            {t('branch.unassigned.assign', selectedCount)}
          </Button>
        </Group>
        <Group justify="space-between" gap="sm" mih={28}>
          <Group gap="sm">
            <Text size="sm" aria-live="polite" data-testid="selected-count">
              {t('branch.unassigned.selected', selectedCount)}
            </Text>
            {allLoadedSelected && total > selected.size && (
              <Button size="compact-sm" variant="subtle" leftSection={<IconChecks size={14} />} loading={selectingAll} onClick={() => void selectAllMatching()}>
                {t('branch.unassigned.selectAllMatching', { formatted: format(total) })}
              </Button>
            )}
            {selected.size > 0 && (
              <Button size="compact-sm" variant="subtle" color="gray" onClick={() => setSelected(new Set())}>
                {t('branch.unassigned.clearSelection')}
              </Button>
            )}
          </Group>
          <ExportButtons
            stem="unassigned-households"
            sheet={t('branch.unassigned.title')}
            columns={householdColumns(t)}
            rows={() => fetchAllHouseholds(filters)}
            disabled={total === 0}
          />
        </Group>
        {assign.isError && (
          <Alert color="red" title={t('common.errorTitle')}>
            {errorMessage(t, assign.error)}
          </Alert>
        )}
        {pages.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
        {pages.isError && (
          <Alert color="red" title={t('common.errorTitle')}>
            {errorMessage(t, pages.error)}
          </Alert>
        )}
        {pages.data && total === 0 && !pages.isPlaceholderData && (
          <EmptyState
            icon={<IconHomeCheck size={28} />}
            withIndicatorBackground
            title={districtIds.length ? t('branch.unassigned.noneInDistricts') : t('branch.unassigned.none.title')}
            description={districtIds.length ? undefined : t('branch.unassigned.none.body')}
            py="xl"
          />
        )}
        {pages.data && total > 0 && (
          <SelectableHouseholdTable
            key={JSON.stringify(filters)}
            rows={rows}
            total={total}
            hasMore={hasNextPage}
            loadingMore={isFetchingNextPage}
            onNeedMore={loadMore}
            stale={pages.isPlaceholderData}
            selected={selected}
            onSelectedChange={setSelected}
          />
        )}
      </Stack>
    </Card>
  );
}
