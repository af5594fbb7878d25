import { Alert, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../i18n/error-message.ts';
import { invoke } from '../../ipc/client.ts';
import { accountRules, fieldErrorsOf, normaliseUsername } from '../../session/account-rules.ts';

const setupFields = ['branchName', 'adminDisplayName', 'adminUsername', 'password'] as const;

/** First run without a server: creates the encrypted store, the branch and its administrator on this device. */
export function NewBranchForm({ onCreated }: { onCreated(recoveryCode: string): void }) {
  const { t } = useTranslation();
  const rules = accountRules(t);
  const form = useForm({
    initialValues: { branchName: '', adminDisplayName: '', adminUsername: '', password: '', confirmPassword: '' },
    validate: {
      branchName: (value) => (value.trim().length >= 2 ? null : t('setup.branchNameInvalid')),
      adminDisplayName: rules.displayName,
      adminUsername: rules.username,
      password: rules.password,
      confirmPassword: (value, values) => rules.confirm(value, values.password),
    },
  });
  const setup = useMutation({
    mutationFn: (values: typeof form.values) =>
      invoke('session:setup', {
        branchName: values.branchName.trim(),
        adminDisplayName: values.adminDisplayName.trim(),
        adminUsername: normaliseUsername(values.adminUsername),
        password: values.password,
      }),
    // On the hook, not on mutate(): the code must reach the app even if the session refetch re-renders first.
    onSuccess: (result) => onCreated(result.recoveryCode),
    onError: (error) => form.setErrors(fieldErrorsOf(t, error, setupFields)),
  });

  return (
    <form onSubmit={form.onSubmit((values) => setup.mutate(values))} noValidate>
      <Stack gap="md">
        <Text c="dimmed" size="sm">
          {t('setup.intro')}
        </Text>
        <TextInput
          label={t('setup.branchName')}
          description={t('setup.branchNameDescription')}
          autoFocus
          {...form.getInputProps('branchName')}
        />
        <TextInput label={t('setup.adminDisplayName')} autoComplete="name" {...form.getInputProps('adminDisplayName')} />
        <TextInput
          label={t('setup.adminUsername')}
          description={t('account.usernameDescription')}
          dir="ltr"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          {...form.getInputProps('adminUsername')}
        />
        <PasswordInput
          label={t('account.password')}
          description={t('account.passwordDescription')}
          autoComplete="new-password"
          {...form.getInputProps('password')}
        />
        <PasswordInput
          label={t('account.confirmPassword')}
          autoComplete="new-password"
          {...form.getInputProps('confirmPassword')}
        />
        {setup.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, setup.error)}
          </Alert>
        )}
        <Button type="submit" loading={setup.isPending} size="md">
          {t('setup.submit')}
        </Button>
      </Stack>
    </form>
  );
}
