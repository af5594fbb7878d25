import { Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { percentOf, type ImportProgress } from './import.queries.ts';

interface ImportProgressCardProps {
  fileName: string | null;
  dryRun: boolean;
  /** Still reading the file in the window, before the core has it. */
  reading: boolean;
  progress: ImportProgress | null;
  cancelling: boolean;
  onCancel(): void;
}

/** How far the preview or the import has got, from the core's progress events; indeterminate until the first one. */
export function ImportProgressCard({ fileName, dryRun, reading, progress, cancelling, onCancel }: ImportProgressCardProps) {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const percent = reading ? null : percentOf(progress);
  const phase = reading ? 'preparing' : (progress?.phase ?? 'starting');
  const label = t(`import.progress.${phase}`);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="import-progress-title" aria-busy>
      <Stack gap="sm">
        <div>
          <Title order={3} size="h4" id="import-progress-title">
            {dryRun ? t('import.progress.previewTitle') : t('import.progress.importTitle')}
          </Title>
          {fileName && (
            <Text size="sm" c="dimmed">
              {fileName}
            </Text>
          )}
        </div>
        <Group justify="space-between" gap="xs">
          <Text size="sm">{label}</Text>
          {percent !== null && (
            <Text size="sm" fw={600}>
              {t('import.progress.percent', { value: format(percent) })}
            </Text>
          )}
        </Group>
        <Progress.Root
          size="lg"
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent ?? undefined}
          aria-valuetext={percent === null ? label : `${percent}%`}
        >
          <Progress.Section value={percent ?? 100} animated={percent === null} withAria={false} />
        </Progress.Root>
        <Text size="sm" c="dimmed">
          {dryRun ? t('import.progress.previewNote') : t('import.progress.importNote')}
        </Text>
        <Group>
          <Button
            variant="light"
            color="red"
            leftSection={<IconPlayerStop size={18} />}
            onClick={onCancel}
            loading={cancelling}
            disabled={reading}
          >
            {t('import.progress.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
