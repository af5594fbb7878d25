import { AppShell, Badge, Burger, Button, Group, Kbd, NavLink, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconLock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import type { Branch, SessionUser } from '../../../../shared/contract/index.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { routesFor } from '../../routes.ts';
import { roleColors } from '../../session/roles.ts';
import { useLock } from '../../session/use-session.ts';
import { SearchButton } from '../SearchSpotlight/index.ts';
import { SyncStatus } from '../SyncStatus/index.ts';
import classes from './AppLayout.module.css';

const lockKeys = 'Ctrl+L';

interface AppLayoutProps {
  user: SessionUser;
  branch: Branch;
  children: ReactNode;
}

/** The app frame: header with the sync status, the signed-in user and the lock, navigation to the user's screens (Alt+digit) and the current screen. */
export function AppLayout({ user, branch, children }: AppLayoutProps) {
  const { t } = useTranslation();
  const [location, navigate] = useLocation();
  const [opened, { toggle }] = useDisclosure();
  const routes = routesFor(user.role);
  const lock = useLock();
  const lockNow = () => {
    if (lock.isPending) return;
    lock.mutate(undefined, {
      onError: (error) => notifications.show({ color: 'red', title: t('common.errorTitle'), message: errorMessage(t, error) }),
    });
  };

  useHotkeys(routes.map((route) => [`alt+${route.digit}`, () => navigate(route.path)]));
  // Locking works from inside a field too (no tag ignored) and on an Arabic keyboard layout (physical key).
  useHotkeys([['ctrl+L', lockNow, { usePhysicalKeys: true }]], []);

  return (
    <AppShell header={{ height: 60 }} navbar={{ width: 264, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" gap="sm" wrap="nowrap">
          <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.toggle')} />
          <Title order={1} className={classes.brand}>
            {t('app.name')}
          </Title>
          <Text size="sm" c="dimmed" visibleFrom="xl" truncate>
            {t('app.tagline')}
          </Text>
          <Group gap="sm" wrap="nowrap" className={classes.account}>
            <SyncStatus />
            <SearchButton />
            <Stack gap={0} align="flex-end" visibleFrom="xs" className={classes.who}>
              <Text size="sm" fw={600} truncate data-testid="session-user">
                {user.displayName}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {branch.name}
              </Text>
            </Stack>
            <Badge variant="light" tt="none" color={roleColors[user.role]}>
              {t(`roles.${user.role}`)}
            </Badge>
            <Tooltip label={`${t('session.lockHint')} (${lockKeys})`} withArrow>
              <Button
                variant="default"
                leftSection={<IconLock size={18} stroke={1.6} />}
                onClick={lockNow}
                loading={lock.isPending}
                aria-keyshortcuts="Control+L"
              >
                {t('session.lock')}
              </Button>
            </Tooltip>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label={t('nav.label')}>
        {routes.map((route) => (
          <NavLink
            key={route.key}
            component={Link}
            href={route.path}
            label={t(route.label ?? `nav.${route.key}`)}
            leftSection={<route.icon size={18} stroke={1.6} />}
            rightSection={<Kbd size="xs">Alt {route.digit}</Kbd>}
            title={t('shortcuts.hint', { keys: `Alt+${route.digit}` })}
            active={location === route.path || location.startsWith(`${route.path}/`)}
            aria-current={location === route.path || location.startsWith(`${route.path}/`) ? 'page' : undefined}
            className={classes.link}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
