import { Alert, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { Spotlight } from '@mantine/spotlight';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'wouter';
import type { SearchHit } from '../../../../shared/contract/index.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { householdFilePath } from '../../routes.ts';
import { searchHotkey, searchSpotlight, searchSpotlightStore } from '../../search/search-spotlight.store.ts';
import { searchLimit, useHouseholdSearch } from '../../search/search.queries.ts';
import { SearchHitAction } from './SearchHitAction.tsx';
import classes from './SearchSpotlight.module.css';

const isEnter = (event: KeyboardEvent) => event.nativeEvent.code === 'Enter' || event.nativeEvent.code === 'NumpadEnter';

/** Finds a household from anywhere (Ctrl+K or the header button) and opens its file; mounted once in the unlocked app. */
export function SearchSpotlight() {
  const { t } = useTranslation();
  const [, navigate] = useLocation();
  const [query, setQuery] = useState('');
  const [debounced] = useDebouncedValue(query, 150);
  const search = useHouseholdSearch(debounced);
  const listId = `search-hits${useId().replace(/[^a-zA-Z0-9-]/g, '')}`;

  // By physical key and from inside fields too, like the lock shortcut.
  useHotkeys([[searchHotkey, searchSpotlight.open, { usePhysicalKeys: true }]], []);
  // Unmounted on lock: nothing found stays open for the next person.
  useEffect(() => () => searchSpotlight.close(), []);

  const typed = query.trim().length > 0;
  const settled = debounced.trim() === query.trim() && !search.isFetching;
  const hits = typed ? (search.data ?? []) : [];
  const openHousehold = (hit: SearchHit) => navigate(householdFilePath(hit.householdId));

  // Enter before any arrow key opens the first household (the spotlight itself only triggers a selected one).
  const onSearchKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (!isEnter(event) || !hits[0] || document.querySelector(`#${listId} [data-selected]`)) return;
    openHousehold(hits[0]);
    searchSpotlight.close();
  };

  return (
    <Spotlight.Root
      store={searchSpotlightStore}
      query={query}
      onQueryChange={setQuery}
      shortcut={null}
      scrollable
      maxHeight={480}
      size={680}
    >
      <Spotlight.Search
        aria-label={t('search.label')}
        placeholder={t('search.placeholder')}
        leftSection={<IconSearch size={20} stroke={1.6} />}
        rightSection={typed && (search.isFetching || !settled) ? <Loader size="xs" aria-label={t('common.loading')} /> : null}
        onKeyDown={onSearchKeyDown}
      />
      <Spotlight.ActionsList id={listId} aria-label={t('search.results')}>
        {hits.map((hit) => (
          <SearchHitAction key={hit.memberId} hit={hit} onOpen={() => openHousehold(hit)} />
        ))}
        {!typed && (
          <Spotlight.Empty>
            <Text fw={600} size="sm">
              {t('search.hintTitle')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('search.hint')}
            </Text>
          </Spotlight.Empty>
        )}
        {typed && search.isError && (
          <Alert color="red" variant="light" m="sm">
            {errorMessage(t, search.error)}
          </Alert>
        )}
        {typed && settled && search.isSuccess && hits.length === 0 && (
          <Spotlight.Empty>
            <Text fw={600} size="sm">
              {t('search.noneTitle')}
            </Text>
            <Text size="sm" c="dimmed">
              {t('search.none')}
            </Text>
          </Spotlight.Empty>
        )}
      </Spotlight.ActionsList>
      <Spotlight.Footer>
        <Group justify="space-between" gap="xs" className={classes.footer}>
          <Text size="xs" c="dimmed">
            {t('search.keys')}
          </Text>
          {hits.length >= searchLimit && (
            <Text size="xs" c="dimmed">
              {t('search.more', { limit: searchLimit })}
            </Text>
          )}
        </Group>
      </Spotlight.Footer>
    </Spotlight.Root>
  );
}
