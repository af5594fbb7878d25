import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ComponentType, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import type { Branch, SessionUser } from '../../shared/contract/index.ts';
import { AppLayout } from './components/AppLayout/index.ts';
import { SearchSpotlight } from './components/SearchSpotlight/index.ts';
import { UpdateNotice } from './components/UpdateNotice/index.ts';
import { errorMessage } from './i18n/error-message.ts';
import { routesFor, type ScreenKey } from './routes.ts';
import { BranchScreen } from './screens/Branch/index.ts';
import { HouseholdFileScreen } from './screens/HouseholdFile/index.ts';
import { HouseholdsScreen } from './screens/Households/index.ts';
import { ImportScreen } from './screens/Import/index.ts';
import { NotBuiltScreen } from './screens/NotBuilt/index.ts';
import { QueueScreen } from './screens/Queue/index.ts';
import { SettingsScreen } from './screens/Settings/index.ts';
import { RecoveryCodeStep, SetupScreen } from './screens/Setup/index.ts';
import { SyncScreen } from './screens/Sync/index.ts';
import { UnlockScreen } from './screens/Unlock/index.ts';
import { UsersScreen } from './screens/Users/index.ts';
import { sessionKey, useActivityTouch, useSession, useSessionEvents, type LockReason } from './session/use-session.ts';
import { useApplyLanguage } from './settings/use-apply-language.ts';
import { useSettings } from './settings/use-settings.ts';

/** Loads the device settings (language first), then the session: setup, unlock, or the app itself. */
export function App() {
  const { t } = useTranslation();
  const settings = useSettings();
  useApplyLanguage(settings.data?.language);

  if (settings.isPending) return <FullPageLoader label={t('common.loading')} />;
  if (settings.isError) return <FullPageError error={settings.error} onRetry={() => void settings.refetch()} />;
  return <SessionGate />;
}

/** Shows what the session allows: first-run setup (and its recovery code), the unlock screen, or the app. */
function SessionGate() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const session = useSession();
  // Held here, not in the setup screen: the store is already unlocked when the code must still be shown.
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const [lockReason, setLockReason] = useState<LockReason | null>(null);
  useSessionEvents((change) => setLockReason(change.state === 'locked' && change.reason !== 'unlock' ? change.reason : null));
  useActivityTouch(session.data?.state === 'unlocked');

  if (recoveryCode) {
    return (
      <RecoveryCodeStep
        recoveryCode={recoveryCode}
        onContinue={() => {
          setRecoveryCode(null);
          void queryClient.invalidateQueries({ queryKey: sessionKey });
        }}
      />
    );
  }
  if (session.isPending) return <FullPageLoader label={t('common.loading')} />;
  if (session.isError) return <FullPageError error={session.error} onRetry={() => void session.refetch()} />;

  const status = session.data;
  switch (status.state) {
    case 'setup':
      return <SetupScreen onCreated={setRecoveryCode} />;
    case 'locked':
      return <UnlockScreen retryAfterMs={status.retryAfterMs} lockReason={lockReason} />;
    case 'unlocked':
      return <AppShellRoutes user={status.user} branch={status.branch} />;
  }
}

/** Screens that exist; every other navigation entry says plainly that it is not built yet. */
const builtScreens: Partial<Record<ScreenKey, ComponentType>> = {
  queue: QueueScreen,
  households: HouseholdsScreen,
  settings: SettingsScreen,
  users: UsersScreen,
  import: ImportScreen,
  branch: BranchScreen,
  sync: SyncScreen,
};
type NotBuiltKey = Parameters<typeof NotBuiltScreen>[0]['screen'];

function AppShellRoutes({ user, branch }: { user: SessionUser; branch: Branch }) {
  return (
    <Router hook={useHashLocation}>
      <AppLayout user={user} branch={branch}>
        <Switch>
          <Route path="/households/:id" component={HouseholdFileScreen} />
          {routesFor(user.role).map(({ key, path }) => {
            const Screen = builtScreens[key];
            return (
              <Route key={key} path={path}>
                {Screen ? <Screen /> : <NotBuiltScreen screen={key as NotBuiltKey} />}
              </Route>
            );
          })}
          <Route>
            <Redirect to="/queue" />
          </Route>
        </Switch>
      </AppLayout>
      <SearchSpotlight />
      <UpdateNotice />
    </Router>
  );
}

function FullPageLoader({ label }: { label: string }) {
  return (
    <Center h="100vh">
      <Loader aria-label={label} />
    </Center>
  );
}

function FullPageError({ error, onRetry }: { error: unknown; onRetry(): void }): ReactNode {
  const { t } = useTranslation();
  return (
    <Center h="100vh">
      <Stack maw={480}>
        <Alert color="red" title={t('common.errorTitle')}>
          {errorMessage(t, error)}
        </Alert>
        <Button onClick={onRetry}>{t('common.retry')}</Button>
      </Stack>
    </Center>
  );
}
