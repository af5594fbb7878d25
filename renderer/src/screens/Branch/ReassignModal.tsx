import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkerLoad } from '../../../../shared/contract/index.ts';
import { useAssignHouseholds } from '../../branch/branch.queries.ts';
import { errorMessage } from '../../i18n/error-message.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { WorkerSelect } from './WorkerSelect.tsx';

interface ReassignModalProps {
  /** Whose households move; the modal is closed when null. */
  worker: WorkerLoad | null;
  workers: WorkerLoad[];
  onClose(): void;
}

/** Moves every household of one worker (on leave, leaving) to another in one step, after saying how many move. */
export function ReassignModal({ worker, workers, onClose }: ReassignModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={worker !== null} onClose={onClose} title={worker ? t('branch.reassign.title', { name: worker.displayName }) : ''} size="lg">
      {worker && <ReassignForm key={worker.userId} worker={worker} workers={workers.filter((item) => item.userId !== worker.userId)} onDone={onClose} />}
    </Modal>
  );
}

function ReassignForm({ worker, workers, onDone }: { worker: WorkerLoad; workers: WorkerLoad[]; onDone(): void }) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const assign = useAssignHouseholds();
  const [targetId, setTargetId] = useState<string | null>(null);
  const target = workers.find((item) => item.userId === targetId);
  const count = { count: worker.households, formatted: format(worker.households) };

  const submit = () => {
    if (!target) return;
    assign.mutate(
      { fromWorkerId: worker.userId, toWorkerId: target.userId },
      {
        onSuccess: ({ assigned }) => {
          notifications.show({ color: 'teal', message: t('branch.assigned', { count: assigned, formatted: format(assigned), name: target.displayName }) });
          onDone();
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Text size="sm">{t('branch.reassign.intro', { name: worker.displayName })}</Text>
      <WorkerSelect label={t('branch.reassign.target')} placeholder={t('branch.chooseWorker')} workers={workers} value={targetId} onChange={setTargetId} data-autofocus />
      {target && (
        <Alert color="orange" variant="light" icon={<IconArrowsExchange size={18} />} title={t('branch.reassign.confirmTitle')}>
          {t('branch.reassign.confirm', { ...count, from: worker.displayName, to: target.displayName })}
        </Alert>
      )}
      {assign.isError && (
        <Alert color="red" title={t('common.errorTitle')}>
          {errorMessage(t, assign.error)}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button onClick={submit} disabled={!target} loading={assign.isPending} leftSection={<IconArrowsExchange size={16} />}>
          {t('branch.reassign.submit', count)}
        </Button>
      </Group>
    </Stack>
  );
}
