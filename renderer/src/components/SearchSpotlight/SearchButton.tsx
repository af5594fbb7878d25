import { Button, Kbd, Tooltip } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { searchSpotlight } from '../../search/search-spotlight.store.ts';

const searchKeys = 'Ctrl+K';

/** Opens the household search from the header; Ctrl+K does the same. */
export function SearchButton() {
  const { t } = useTranslation();
  return (
    <Tooltip label={t('shortcuts.hint', { keys: searchKeys })} withArrow>
      <Button
        variant="default"
        leftSection={<IconSearch size={18} stroke={1.6} />}
        rightSection={
          <Kbd size="xs" visibleFrom="md">
            Ctrl K
          </Kbd>
        }
        onClick={searchSpotlight.open}
        aria-label={t('search.open')}
        aria-keyshortcuts="Control+K"
      >
        {t('search.open')}
      </Button>
    </Tooltip>
  );
}
