import { Alert, Button, EmptyState, Group, Kbd, Loader, Stack, Text, Title } from '@mantine/core';
import { IconFileImport, IconFilterOff, IconHome2, IconSearch } from '@tabler/icons-react';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import { clearedFilters, isFiltered, listPlaceFor, saveListPlace, toListInput, type HouseholdFilters } from '../../households/household-filters.ts';
import { useHouseholdPages } from '../../households/households.queries.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { useSessionUser } from '../../session/use-session.ts';
import { DemoDataButton } from './DemoDataButton.tsx';
import { HouseholdFilterBar } from './HouseholdFilterBar.tsx';
import { HouseholdTable } from './HouseholdTable.tsx';
import classes from './HouseholdsScreen.module.css';

/** Every household in the user's scope: filters, sort, the count, and a virtualised list that opens each file. */
export function HouseholdsScreen() {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const me = useSessionUser();
  const isWorker = me?.role === 'worker';
  const [filters, setFilterState] = useState<HouseholdFilters>(() => listPlaceFor(me?.id).filters);
  const setFilters = (next: HouseholdFilters) => {
    setFilterState(next);
    saveListPlace({ filters: next, scrollOffset: 0, highlighted: 0 });
  };
  const pages = useHouseholdPages(toListInput(filters));
  const rows = useMemo(() => pages.data?.pages.flatMap((page) => page.rows) ?? [], [pages.data]);
  const total = pages.data?.pages.at(-1)?.total ?? 0;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const clear = () => setFilters(clearedFilters(filters));

  return (
    <Stack gap="md" className={classes.screen}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('households.title')}</Title>
          <Text c="dimmed" size="sm">
            {isWorker ? t('households.introWorker') : t('households.introBranch')}
          </Text>
        </div>
        <Stack gap={2} align="flex-end">
          <Text fw={600} aria-live="polite" data-testid="households-count">
            {pages.data ? t('households.count', { count: total, formatted: format(total) }) : '\u00a0'}
          </Text>
          {total > 0 && (
            <Text size="xs" c="dimmed">
              <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('households.keysMove')} · <Kbd size="xs">Enter</Kbd> {t('households.keysOpen')}
            </Text>
          )}
        </Stack>
      </Group>
      <HouseholdFilterBar filters={filters} onChange={setFilters} onClear={clear} canFilterWorker={!isWorker} />
      {pages.isPending && <Loader size="sm" aria-label={t('common.loading')} />}
      {pages.isError && (
        <Alert color="red" title={t('common.errorTitle')}>
          {errorMessage(t, pages.error)}
        </Alert>
      )}
      {pages.data && total === 0 && !pages.isPlaceholderData && (
        <NoHouseholds filtered={isFiltered(filters)} canImport={me?.role === 'admin'} onClear={clear} />
      )}
      {pages.data && total > 0 && (
        <HouseholdTable
          key={JSON.stringify(filters)}
          rows={rows}
          total={total}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onNeedMore={loadMore}
          stale={pages.isPlaceholderData}
        />
      )}
    </Stack>
  );
}

function NoHouseholds({ filtered, canImport, onClear }: { filtered: boolean; canImport: boolean; onClear(): void }) {
  const { t } = useTranslation();
  if (filtered) {
    return (
      <EmptyState
        icon={<IconSearch size={28} />}
        withIndicatorBackground
        title={t('households.noMatch.title')}
        description={t('households.noMatch.body')}
        py="xl"
      >
        <EmptyState.Actions>
          <Button leftSection={<IconFilterOff size={16} />} onClick={onClear}>
            {t('households.filters.clear')}
          </Button>
        </EmptyState.Actions>
      </EmptyState>
    );
  }
  return (
    <EmptyState
      icon={<IconHome2 size={28} />}
      withIndicatorBackground
      title={t('households.empty.title')}
      description={canImport ? t('households.empty.admin') : t('households.empty.reader')}
      py="xl"
    >
      {canImport && (
        <EmptyState.Actions>
          <Button component={Link} href="/import" leftSection={<IconFileImport size={16} />}>
            {t('households.empty.import')}
          </Button>
          <DemoDataButton />
        </EmptyState.Actions>
      )}
    </EmptyState>
  );
}
