import { Alert, Button, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { syncFailureText } from '../../sync/online-error.ts';
import { useSyncLogin } from '../../sync/sync.queries.ts';

/** After `needs-login`: the user signs in to the server again with her password, online. */
export function LoginForm() {
  const { t } = useTranslation();
  const login = useSyncLogin();
  const form = useForm({
    initialValues: { password: '' },
    validate: { password: (value) => (value ? null : t('account.required')) },
  });
  const submit = form.onSubmit(({ password }) =>
    login.mutate(password, {
      onSuccess: () => {
        form.reset();
        notifications.show({ color: 'teal', message: t('sync.login.done') });
      },
    }),
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" p="md" bg="var(--mantine-color-default-hover)" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
        <div>
          <Title order={4} size="h5">
            {t('sync.login.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('sync.login.body')}
          </Text>
        </div>
        <Group align="flex-end" gap="sm">
          <PasswordInput label={t('sync.login.password')} autoComplete="current-password" w={320} {...form.getInputProps('password')} />
          <Button type="submit" loading={login.isPending}>
            {t('sync.login.submit')}
          </Button>
        </Group>
        {login.isError && (
          <Alert color="red" role="alert">
            {syncFailureText(t, login.error)}
          </Alert>
        )}
      </Stack>
    </form>
  );
}
