import { Badge, Group, Stack, Text } from '@mantine/core';
import { Spotlight } from '@mantine/spotlight';
import { useTranslation } from 'react-i18next';
import type { SearchHit } from '../../../../shared/contract/index.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import classes from './SearchSpotlight.module.css';

/** One person found: names in both scripts, their place in the household, where it lives and its registry identifiers. */
export function SearchHitAction({ hit, onOpen }: { hit: SearchHit; onOpen(): void }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  return (
    <Spotlight.Action onClick={onOpen} className={classes.hit}>
      <Group justify="space-between" wrap="nowrap" gap="md" className={classes.row}>
        <Stack gap={2} className={classes.who}>
          <Group gap="xs" wrap="nowrap" className={classes.names}>
            <Text fw={700} truncate>
              {hit.nameAr}
            </Text>
            {hit.nameLat && (
              <Text size="sm" c="dimmed" dir="ltr" truncate>
                {hit.nameLat}
              </Text>
            )}
            <Badge variant="light" tt="none" size="sm" className={classes.badge}>
              {t(`search.relation.${hit.relation}`, { defaultValue: hit.relation })}
            </Badge>
          </Group>
          <Group gap="md" wrap="wrap" className={classes.meta}>
            <Text size="xs" c="dimmed">
              {hit.districtName}
            </Text>
            {hit.registryRef && (
              <Text size="xs" c="dimmed">
                {t('search.registryRef')}{' '}
                <Text span inherit dir="ltr" ff="monospace">
                  {hit.registryRef}
                </Text>
              </Text>
            )}
            {hit.nationalId && (
              <Text size="xs" c="dimmed">
                {t('search.nationalId')}{' '}
                <Text span inherit dir="ltr" ff="monospace">
                  {hit.nationalId}
                </Text>
              </Text>
            )}
          </Group>
        </Stack>
        {hit.registryScore !== null && (
          <Stack gap={0} align="flex-end" className={classes.score}>
            <Text size="xs" c="dimmed">
              {t('search.score')}
            </Text>
            <Text fw={600} size="sm">
              {format(hit.registryScore)}
            </Text>
          </Stack>
        )}
      </Group>
    </Spotlight.Action>
  );
}
