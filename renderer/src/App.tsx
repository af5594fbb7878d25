import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Redirect, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { AppLayout } from './components/AppLayout/index.ts';
import { errorMessage } from './i18n/error-message.ts';
import { screenRoutes } from './routes.ts';
import { NotBuiltScreen } from './screens/NotBuilt/index.ts';
import { SettingsScreen } from './screens/Settings/index.ts';
import { useApplyLanguage } from './settings/use-apply-language.ts';
import { useSettings } from './settings/use-settings.ts';

/** Loads the device settings (language first), then shows the app frame and the routed screen. */
export function App() {
  const { t } = useTranslation();
  const settings = useSettings();
  useApplyLanguage(settings.data?.language);

  if (settings.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (settings.isError) {
    return (
      <Center h="100vh">
        <Stack maw={480}>
          <Alert color="red" title={t('common.errorTitle')}>
            {errorMessage(t, settings.error)}
          </Alert>
          <Button onClick={() => void settings.refetch()}>{t('common.retry')}</Button>
        </Stack>
      </Center>
    );
  }
  return (
    <Router hook={useHashLocation}>
      <AppLayout>
        <Switch>
          <Route path="/settings" component={SettingsScreen} />
          {screenRoutes.map(({ key, path }) =>
            key === 'settings' ? null : (
              <Route key={key} path={path}>
                <NotBuiltScreen screen={key} />
              </Route>
            ),
          )}
          <Route>
            <Redirect to="/queue" />
          </Route>
        </Switch>
      </AppLayout>
    </Router>
  );
}
