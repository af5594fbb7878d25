import { ActionIcon, Group, Kbd, List, Popover, Text } from '@mantine/core';
import { IconHelpCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** The shortcuts of the queue, always in view. */
export function QueueLegend() {
  const { t } = useTranslation();
  return (
    <Group gap="xs" component="p" m={0} aria-label={t('queue.keys.legend')} c="dimmed" fz="xs">
      <span>
        <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> / <Kbd size="xs">J</Kbd> <Kbd size="xs">K</Kbd> {t('queue.keys.move')}
      </span>
      <span>
        <Kbd size="xs">Enter</Kbd> {t('queue.keys.open')}
      </span>
      <span>
        <Kbd size="xs">D</Kbd> {t('queue.keys.done')}
      </span>
      <span>
        <Kbd size="xs">P</Kbd> {t('queue.keys.plan')}
      </span>
    </Group>
  );
}

/** Why the queue is in this order: the rule the core applies, in plain words. */
export function QueueHelp() {
  const { t } = useTranslation();
  return (
    <Popover width={360} withArrow position="bottom-end" shadow="md">
      <Popover.Target>
        <ActionIcon variant="subtle" size="lg" aria-label={t('queue.help.button')} title={t('queue.help.button')}>
          <IconHelpCircle size={20} />
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown>
        <Text fw={600} size="sm" mb={4}>
          {t('queue.help.title')}
        </Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('queue.help.groups')}</List.Item>
          <List.Item>{t('queue.help.overdue')}</List.Item>
          <List.Item>{t('queue.help.vulnerability')}</List.Item>
          <List.Item>{t('queue.help.domain')}</List.Item>
        </List>
      </Popover.Dropdown>
    </Popover>
  );
}
