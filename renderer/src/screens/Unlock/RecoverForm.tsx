import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { recoveryCodeSchema } from '../../../../shared/contract/index.ts';
import { errorMessage, retryAfterMs } from '../../i18n/error-message.ts';
import { invoke } from '../../ipc/client.ts';
import { accountRules, fieldErrorsOf, normaliseUsername } from '../../session/account-rules.ts';
import type { useRetryCountdown } from '../../session/use-retry-countdown.ts';
import { RetryNotice } from './RetryNotice.tsx';

interface RecoverFormProps {
  countdown: ReturnType<typeof useRetryCountdown>;
  onCancel(): void;
  onRecovered(username: string): void;
}

/** Sets a new password for a user with the branch's recovery code, while the store is locked. */
export function RecoverForm({ countdown, onCancel, onRecovered }: RecoverFormProps) {
  const { t } = useTranslation();
  const rules = accountRules(t);
  const form = useForm({
    initialValues: { username: '', recoveryCode: '', newPassword: '', confirmPassword: '' },
    validate: {
      username: rules.username,
      recoveryCode: (value) => (recoveryCodeSchema.safeParse(value).success ? null : t('unlock.recover.codeInvalid')),
      newPassword: rules.password,
      confirmPassword: (value, values) => rules.confirm(value, values.newPassword),
    },
  });
  const recover = useMutation({
    mutationFn: (values: typeof form.values) =>
      invoke('session:recover', {
        username: normaliseUsername(values.username),
        recoveryCode: values.recoveryCode.trim(),
        newPassword: values.newPassword,
      }),
    onSuccess: (_result, values) => onRecovered(normaliseUsername(values.username)),
    onError: (error) => {
      const wait = retryAfterMs(error);
      if (wait) countdown.start(wait);
      form.setErrors(fieldErrorsOf(t, error, ['username', 'recoveryCode', 'newPassword']));
    },
  });

  return (
    <form onSubmit={form.onSubmit((values) => recover.mutate(values))} noValidate>
      <Stack gap="md">
        <div>
          <Title order={2}>{t('unlock.recover.title')}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('unlock.recover.intro')}
          </Text>
        </div>
        <TextInput
          label={t('account.username')}
          dir="ltr"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus
          {...form.getInputProps('username')}
        />
        <TextInput
          label={t('unlock.recover.code')}
          description={t('unlock.recover.codeDescription')}
          dir="ltr"
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          {...form.getInputProps('recoveryCode')}
        />
        <PasswordInput
          label={t('account.newPassword')}
          description={t('account.passwordDescription')}
          autoComplete="new-password"
          {...form.getInputProps('newPassword')}
        />
        <PasswordInput label={t('account.confirmPassword')} autoComplete="new-password" {...form.getInputProps('confirmPassword')} />
        {recover.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, recover.error)}
          </Alert>
        )}
        <RetryNotice seconds={countdown.seconds} />
        <Button type="submit" size="md" loading={recover.isPending} disabled={countdown.waiting}>
          {t('unlock.recover.submit')}
        </Button>
        <Group justify="center">
          <Anchor component="button" type="button" size="sm" onClick={onCancel}>
            {t('unlock.recover.back')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
