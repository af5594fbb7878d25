import { Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguagePicker } from '../LanguagePicker/index.ts';
import classes from './GateLayout.module.css';

/** The frame of the screens shown before the store opens (setup, unlock): app name, language, one centred card. */
export function GateLayout({ children, width = 460 }: { children: ReactNode; width?: number }) {
  const { t } = useTranslation();
  return (
    <main className={classes.root}>
      <Stack className={classes.column} maw={width} gap="md">
        <Group justify="space-between" align="center" gap="sm">
          <div>
            <Title order={1} className={classes.brand}>
              {t('app.name')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('app.tagline')}
            </Text>
          </div>
          <LanguagePicker size="xs" />
        </Group>
        <Card withBorder shadow="sm" padding="xl" radius="md">
          {children}
        </Card>
      </Stack>
    </main>
  );
}
