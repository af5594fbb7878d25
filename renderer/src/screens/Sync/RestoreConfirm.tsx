import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isolate } from '../../sync/sync-labels.ts';

interface RestoreConfirmProps {
  /** What the conflict is about, e.g. "Household — phone". */
  what: string;
  /** The value set aside, about to come back. */
  value: string;
  /** The value kept now, about to be set aside. */
  current: string;
  pending: boolean;
  onConfirm(): void;
  onCancel(): void;
}

/** Restoring a set-aside value changes the record on every device: says so, with both values, before doing it. */
export function RestoreConfirm({ what, value, current, pending, onConfirm, onCancel }: RestoreConfirmProps) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onCancel} title={t('sync.conflicts.restoreTitle')} centered>
      <Stack gap="md">
        <Text size="sm">{t('sync.conflicts.restoreBody', { what, value: isolate(value), current: isolate(current) })}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onCancel} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="orange" loading={pending} onClick={onConfirm}>
            {t('sync.conflicts.restoreSubmit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
