import { AppShell, Burger, Group, Kbd, NavLink, Text, Title } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { screenRoutes } from '../../routes.ts';
import classes from './AppLayout.module.css';

/** The app frame: header, navigation to every screen (Alt+1…6) and the current screen. */
export function AppLayout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const [location, navigate] = useLocation();
  const [opened, { toggle }] = useDisclosure();

  useHotkeys(screenRoutes.map((route) => [`alt+${route.digit}`, () => navigate(route.path)]));

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm">
          <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
          <Title order={1} className={classes.brand}>
            {t('app.name')}
          </Title>
          <Text size="sm" c="dimmed" visibleFrom="sm">
            {t('app.tagline')}
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        {screenRoutes.map((route) => (
          <NavLink
            key={route.key}
            component={Link}
            href={route.path}
            label={t(`nav.${route.key}`)}
            leftSection={<route.icon size={18} stroke={1.6} />}
            rightSection={<Kbd size="xs">Alt {route.digit}</Kbd>}
            title={t('shortcuts.hint', { keys: `Alt+${route.digit}` })}
            active={location === route.path}
            aria-current={location === route.path ? 'page' : undefined}
            className={classes.link}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
