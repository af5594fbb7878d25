import { Alert, Anchor, Button, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLock } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GateLayout } from '../../components/GateLayout/index.ts';
import { errorMessage, retryAfterMs } from '../../i18n/error-message.ts';
import { invoke } from '../../ipc/client.ts';
import { normaliseUsername } from '../../session/account-rules.ts';
import { useRetryCountdown } from '../../session/use-retry-countdown.ts';
import { useSetUnlocked, type LockReason } from '../../session/use-session.ts';
import { RecoverForm } from './RecoverForm.tsx';
import { RetryNotice } from './RetryNotice.tsx';

interface UnlockScreenProps {
  /** The delay the core still imposes after failed attempts, from `session:status`. */
  retryAfterMs: number;
  /** Why the store last locked, when the core said so. */
  lockReason: LockReason | null;
}

/** Opens the store with a user's password; the way back in when a password is lost goes through the recovery code. */
export function UnlockScreen({ retryAfterMs: initialRetryMs, lockReason }: UnlockScreenProps) {
  const [mode, setMode] = useState<'unlock' | 'recover'>('unlock');
  const [recoveredUsername, setRecoveredUsername] = useState<string | null>(null);
  const countdown = useRetryCountdown(initialRetryMs);

  return (
    <GateLayout>
      {mode === 'unlock' ? (
        // Keyed by the recovered username: after a recovery the form starts again with that name filled in.
        <UnlockForm
          key={recoveredUsername ?? ''}
          username={recoveredUsername ?? ''}
          notice={recoveredUsername ? 'recovered' : lockReason === 'user' ? null : lockReason}
          countdown={countdown}
          onForgot={() => setMode('recover')}
        />
      ) : (
        <RecoverForm
          countdown={countdown}
          onCancel={() => setMode('unlock')}
          onRecovered={(username) => {
            setRecoveredUsername(username);
            setMode('unlock');
          }}
        />
      )}
    </GateLayout>
  );
}

interface UnlockFormProps {
  username: string;
  notice: 'recovered' | 'idle' | 'restore' | null;
  countdown: ReturnType<typeof useRetryCountdown>;
  onForgot(): void;
}

function UnlockForm({ username, notice, countdown, onForgot }: UnlockFormProps) {
  const { t } = useTranslation();
  const setUnlocked = useSetUnlocked();
  const passwordRef = useRef<HTMLInputElement>(null);
  const form = useForm({
    initialValues: { username, password: '' },
    validate: {
      username: (value) => (value.trim() ? null : t('account.required')),
      password: (value) => (value ? null : t('account.required')),
    },
  });
  const unlock = useMutation({
    mutationFn: (values: typeof form.values) =>
      invoke('session:unlock', { username: normaliseUsername(values.username), password: values.password }),
    onSuccess: setUnlocked,
    onError: (error) => {
      const wait = retryAfterMs(error);
      if (wait) countdown.start(wait);
      form.setFieldValue('password', '');
      passwordRef.current?.focus();
    },
  });

  return (
    <form onSubmit={form.onSubmit((values) => unlock.mutate(values))} noValidate>
      <Stack gap="md">
        <div>
          <Title order={2}>{t('unlock.title')}</Title>
          <Text c="dimmed" size="sm" mt={4}>
            {t('unlock.intro')}
          </Text>
        </div>
        {notice && !unlock.isError && (
          <Alert color={notice === 'recovered' ? 'teal' : 'blue'} variant="light">
            {t(`unlock.notice.${notice}`)}
          </Alert>
        )}
        <TextInput
          label={t('account.username')}
          dir="ltr"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          autoFocus={!username}
          {...form.getInputProps('username')}
        />
        <PasswordInput
          ref={passwordRef}
          label={t('account.password')}
          autoComplete="current-password"
          autoFocus={Boolean(username)}
          {...form.getInputProps('password')}
        />
        {unlock.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, unlock.error)}
          </Alert>
        )}
        <RetryNotice seconds={countdown.seconds} />
        <Button type="submit" size="md" leftSection={<IconLock size={18} />} loading={unlock.isPending} disabled={countdown.waiting}>
          {t('unlock.submit')}
        </Button>
        <Group justify="center">
          <Anchor component="button" type="button" size="sm" onClick={onForgot}>
            {t('unlock.forgot')}
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}
