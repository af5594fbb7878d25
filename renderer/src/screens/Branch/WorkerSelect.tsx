import { Group, Select, Text, type SelectProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { WorkerLoad } from '../../../../shared/contract/index.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';

interface WorkerSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  workers: WorkerLoad[];
  value: string | null;
  onChange(userId: string | null): void;
}

/** Picks a worker to receive households; each option shows the worker's current caseload, to balance the load. */
export function WorkerSelect({ workers, value, onChange, ...props }: WorkerSelectProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const loads = new Map(workers.map((worker) => [worker.userId, worker.households]));
  return (
    <Select
      data={workers.filter((worker) => !worker.disabled).map((worker) => ({ value: worker.userId, label: worker.displayName }))}
      value={value}
      onChange={onChange}
      searchable
      nothingFoundMessage={t('branch.noWorkerFound')}
      renderOption={({ option }) => {
        const count = loads.get(option.value) ?? 0;
        return (
          <Group justify="space-between" wrap="nowrap" w="100%" gap="sm">
            <Text size="sm">{option.label}</Text>
            <Text size="xs" c="dimmed">
              {t('branch.householdCount', { count, formatted: format(count) })}
            </Text>
          </Group>
        );
      }}
      {...props}
    />
  );
}
