import { Alert, Button, Card, Group, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, errorReason } from '../../i18n/error-message.ts';
import { invoke } from '../../ipc/client.ts';
import { accountRules } from '../../session/account-rules.ts';

/** The signed-in user changes their own password (the current one proves it is them). */
export function ChangePasswordCard() {
  const { t } = useTranslation();
  // A new key after each change starts an empty form, without resetting it from an effect.
  const [round, setRound] = useState(0);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="change-password-title">
      <Title order={3} size="h4" id="change-password-title">
        {t('settings.password.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('settings.password.description')}
      </Text>
      <ChangePasswordForm key={round} onChanged={() => setRound((value) => value + 1)} />
    </Card>
  );
}

function ChangePasswordForm({ onChanged }: { onChanged(): void }) {
  const { t } = useTranslation();
  const rules = accountRules(t);
  const form = useForm({
    initialValues: { currentPassword: '', newPassword: '', confirmPassword: '' },
    validate: {
      currentPassword: (value) => (value ? null : t('account.required')),
      newPassword: (value, values) =>
        rules.password(value) ?? (value === values.currentPassword ? t('settings.password.same') : null),
      confirmPassword: (value, values) => rules.confirm(value, values.newPassword),
    },
  });
  const change = useMutation({
    mutationFn: (values: typeof form.values) =>
      invoke('session:change-password', { currentPassword: values.currentPassword, newPassword: values.newPassword }),
    onSuccess: () => {
      notifications.show({ color: 'teal', message: t('settings.password.changed') });
      onChanged();
    },
    onError: (error) => {
      if (errorReason(error) === 'wrong-password') form.setFieldError('currentPassword', t('settings.password.wrongCurrent'));
    },
  });
  const refusedCurrent = errorReason(change.error) === 'wrong-password';
  return (
    <form onSubmit={form.onSubmit((values) => change.mutate(values))} noValidate>
      <Stack gap="sm" maw={420}>
        <PasswordInput label={t('settings.password.current')} autoComplete="current-password" {...form.getInputProps('currentPassword')} />
        <PasswordInput
          label={t('account.newPassword')}
          description={t('account.passwordDescription')}
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label={t('account.confirmPassword')} autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
        {change.isError && !refusedCurrent && (
          <Alert color="red" role="alert">
            {errorMessage(t, change.error)}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('settings.password.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
