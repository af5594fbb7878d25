import { Alert, Button, Fieldset, Group, Loader, PasswordInput, Progress, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { serverUrlSchema, type EventPayload } from '../../../../shared/contract/index.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { invoke, IpcError, onEvent } from '../../ipc/client.ts';
import { accountRules, fieldErrorsOf, normaliseUsername } from '../../session/account-rules.ts';

const joinFields = ['server', 'username', 'password', 'deviceName'] as const;

/** The address as typed, with https:// added when no scheme was given. */
export const normaliseServer = (value: string) => {
  const trimmed = value.trim();
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
};

/** Why joining failed, in words that say what to do (no connection, wrong password, revoked device, old app). */
const joinErrorText = (t: TFunction, error: unknown): string => {
  if (!(error instanceof IpcError)) return errorMessage(t, error);
  if (error.code === 'offline') return t('join.errors.offline');
  if (error.code === 'outdated') return t('join.errors.outdated');
  if (error.reason === 'device-revoked') return t('join.errors.revoked');
  if (error.reason === 'wrong-password' || (error.code === 'forbidden' && !error.reason)) return t('join.errors.wrongPassword');
  return errorMessage(t, error);
};

/** First run on a device of a branch that has a server: signs in, downloads the user's caseload and creates the encrypted store. */
export function JoinForm({ onJoined }: { onJoined(recoveryCode: string): void }) {
  const { t } = useTranslation();
  const rules = accountRules(t);
  // Until the user names the device, its name is the default in the current language.
  const [typedName, setTypedName] = useState<string | null>(null);
  const deviceName = typedName ?? t('join.defaultDeviceName');
  const form = useForm({
    initialValues: { server: '', username: '', password: '' },
    validate: {
      server: (value) => (serverUrlSchema.safeParse(normaliseServer(value)).success ? null : t('join.serverInvalid')),
      username: (value) => rules.username(normaliseUsername(value)),
      password: rules.required,
    },
  });
  const [nameError, setNameError] = useState<string | null>(null);
  // How much of the caseload is written (the core says so between batches); null until it does.
  const [progress, setProgress] = useState<EventPayload<'sync:progress'> | null>(null);
  useEffect(() => onEvent('sync:progress', setProgress), []);
  const format = useNumberFormat();
  const percent = progress?.total ? Math.min(100, Math.round((progress.done / progress.total) * 100)) : null;
  const join = useMutation({
    mutationFn: (values: typeof form.values) =>
      invoke('sync:join', {
        server: normaliseServer(values.server),
        username: normaliseUsername(values.username),
        password: values.password,
        deviceName: deviceName.trim(),
      }),
    // On the hook, not on mutate(): the code must reach the app even if the session refetch re-renders first.
    onSuccess: (result) => onJoined(result.recoveryCode),
    onError: (error) => {
      const { deviceName: refusedName, ...fields } = fieldErrorsOf(t, error, joinFields);
      form.setErrors(fields);
      setNameError(refusedName ?? null);
    },
  });
  const submit = form.onSubmit((values) => {
    const trimmed = deviceName.trim();
    if (!trimmed || trimmed.length > 100) return setNameError(t('join.deviceNameInvalid'));
    setNameError(null);
    setProgress(null);
    join.mutate(values);
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text c="dimmed" size="sm">
          {t('join.intro')}
        </Text>
        <Fieldset variant="unstyled" disabled={join.isPending}>
          <Stack gap="md">
            <TextInput
              label={t('join.server')}
              description={t('join.serverDescription')}
              dir="ltr"
              type="url"
              inputMode="url"
              autoCapitalize="none"
              spellCheck={false}
              autoFocus
              {...form.getInputProps('server')}
            />
            <TextInput
              label={t('join.username')}
              dir="ltr"
              autoComplete="username"
              autoCapitalize="none"
              spellCheck={false}
              {...form.getInputProps('username')}
            />
            <PasswordInput label={t('join.password')} autoComplete="current-password" {...form.getInputProps('password')} />
            <TextInput
              label={t('join.deviceName')}
              description={t('join.deviceNameDescription')}
              value={deviceName}
              onChange={(event) => setTypedName(event.currentTarget.value)}
              error={nameError}
            />
          </Stack>
        </Fieldset>
        {join.isPending && (
          <Alert color="blue" variant="light" role="status">
            <Group gap="sm" wrap="nowrap">
              <Loader size="sm" />
              <div>
                <Text fw={600} size="sm">
                  {t('join.progress')}
                </Text>
                <Text size="sm" c="dimmed">
                  {t('join.progressHint')}
                </Text>
              </div>
            </Group>
            {progress && (
              <Stack gap={4} mt="sm">
                {percent !== null && <Progress value={percent} aria-label={t('join.progress')} />}
                <Text size="sm">
                  {progress.total
                    ? t('join.progressRows', { done: format(progress.done), total: format(progress.total) })
                    : t('join.progressRowsUnknown', { done: format(progress.done) })}
                </Text>
              </Stack>
            )}
          </Alert>
        )}
        {join.isError && (
          <Alert color="red" role="alert">
            {joinErrorText(t, join.error)}
          </Alert>
        )}
        <Button type="submit" loading={join.isPending} size="md">
          {t('join.submit')}
        </Button>
      </Stack>
    </form>
  );
}
