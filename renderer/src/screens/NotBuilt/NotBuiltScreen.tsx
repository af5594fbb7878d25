import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'wouter';
import type { ScreenKey } from '../../routes.ts';

/** Says plainly that a screen is not built yet and what it will be for; shows no data. */
export function NotBuiltScreen({ screen }: { screen: Exclude<ScreenKey, 'settings' | 'users'> }) {
  const { t } = useTranslation();
  return (
    <Center mih="60vh">
      <Stack align="center" gap="sm" maw={520} ta="center">
        <ThemeIcon size={56} radius="xl" variant="light">
          <IconTools size={30} />
        </ThemeIcon>
        <Title order={2}>{t(`nav.${screen}`)}</Title>
        <Text fw={600}>{t('notBuilt.title')}</Text>
        <Text c="dimmed">{t(`notBuilt.purpose.${screen}`)}</Text>
        <Text c="dimmed" size="sm">
          {t('notBuilt.hint')}
        </Text>
        <Button component={Link} href="/settings" variant="light">
          {t('notBuilt.openSettings')}
        </Button>
      </Stack>
    </Center>
  );
}
