import { Group, Radio, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GateLayout } from '../../components/GateLayout/index.ts';
import { JoinForm } from './JoinForm.tsx';
import { NewBranchForm } from './NewBranchForm.tsx';

type SetupPath = 'join' | 'local';

/** First run on a device: join the branch's server (most devices), or set a new branch up here, without a server. */
export function SetupScreen({ onCreated }: { onCreated(recoveryCode: string): void }) {
  const { t } = useTranslation();
  const [path, setPath] = useState<SetupPath>('join');
  const choice = (value: SetupPath, title: string, hint: string) => (
    <Radio.Card value={value} radius="md" p="sm">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Radio.Indicator mt={2} />
        <div>
          <Text fw={600} size="sm">
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        </div>
      </Group>
    </Radio.Card>
  );
  return (
    <GateLayout width={560}>
      <Stack gap="md">
        <Title order={2}>{t('setup.title')}</Title>
        <Radio.Group value={path} onChange={(value) => setPath(value === 'local' ? 'local' : 'join')} label={t('join.choiceLabel')}>
          <Stack gap="xs" mt="xs">
            {choice('join', t('join.choiceJoin'), t('join.choiceJoinHint'))}
            {choice('local', t('join.choiceLocal'), t('join.choiceLocalHint'))}
          </Stack>
        </Radio.Group>
        {path === 'join' ? <JoinForm onJoined={onCreated} /> : <NewBranchForm onCreated={onCreated} />}
      </Stack>
    </GateLayout>
  );
}
