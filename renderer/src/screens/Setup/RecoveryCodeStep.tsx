import { Alert, Button, Checkbox, Code, CopyButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GateLayout } from '../../components/GateLayout/index.ts';
import classes from './RecoveryCodeStep.module.css';

/** Shows the branch's recovery code the one time it exists on screen; goes on only once it is written down. */
export function RecoveryCodeStep({ recoveryCode, onContinue }: { recoveryCode: string; onContinue(): void }) {
  const { t } = useTranslation();
  const [writtenDown, setWrittenDown] = useState(false);
  return (
    <GateLayout width={560}>
      <Stack gap="md">
        <Title order={2}>{t('setup.recovery.title')}</Title>
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={20} />} title={t('setup.recovery.warningTitle')}>
          <Stack gap={6}>
            <Text size="sm">{t('setup.recovery.explanation')}</Text>
            <Text size="sm">{t('setup.recovery.keepSafe')}</Text>
            <Text size="sm" fw={600}>
              {t('setup.recovery.onlyOnce')}
            </Text>
          </Stack>
        </Alert>
        <Code block dir="ltr" className={classes.code} aria-label={t('setup.recovery.codeLabel')} data-testid="recovery-code">
          {recoveryCode}
        </Code>
        <Group justify="center">
          <CopyButton value={recoveryCode} timeout={2000}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                color={copied ? 'teal' : undefined}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
              >
                {copied ? t('setup.recovery.copied') : t('setup.recovery.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Checkbox
          checked={writtenDown}
          onChange={(event) => setWrittenDown(event.currentTarget.checked)}
          label={t('setup.recovery.confirm')}
        />
        <Button size="md" disabled={!writtenDown} onClick={onContinue}>
          {t('setup.recovery.continue')}
        </Button>
      </Stack>
    </GateLayout>
  );
}
