import { Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/contract/index.ts';
import { useNumberFormat } from '../../i18n/use-number-format.ts';
import { ImportFailure } from './ImportFailure.tsx';
import { ImportIntro } from './ImportIntro.tsx';
import { ImportPicker, type PickProblem } from './ImportPicker.tsx';
import { ImportProgressCard } from './ImportProgressCard.tsx';
import { ImportReportView } from './ImportReportView.tsx';
import { readFileAsBase64 } from './import-file.ts';
import { useCancelImport, useImportProgress, useImportRun, type PickedFile } from './import.queries.ts';

/** The administrator imports a registry extract: picks the file, reads the preview (dry run), then imports it. */
export function ImportScreen() {
  const { t } = useTranslation();
  const format = useNumberFormat();
  const [file, setFile] = useState<PickedFile | null>(null);
  const [preview, setPreview] = useState<ImportReport | null>(null);
  const [reading, setReading] = useState(false);
  const [pickProblem, setPickProblem] = useState<PickProblem | null>(null);
  const run = useImportRun();
  const cancel = useCancelImport();
  const [progress, resetProgress] = useImportProgress();

  const start = (picked: PickedFile, dryRun: boolean) => {
    resetProgress();
    cancel.reset();
    run.mutate(
      { file: picked, dryRun },
      {
        onSuccess: (report) => {
          if (report.dryRun) return setPreview(report);
          if (report.cancelled) return;
          notifications.show({
            color: 'teal',
            title: t('import.done.notificationTitle'),
            message: t('import.done.notification', { created: format(report.households.created), updated: format(report.households.updated) }),
          });
        },
      },
    );
  };

  const pick = async (picked: File) => {
    setPickProblem(null);
    setPreview(null);
    run.reset();
    setReading(true);
    try {
      const next = { name: picked.name, size: picked.size, dataBase64: await readFileAsBase64(picked) };
      setFile(next);
      start(next, true);
    } catch {
      setPickProblem('unreadable');
    } finally {
      setReading(false);
    }
  };

  const startOver = () => {
    run.reset();
    setFile(null);
    setPreview(null);
    setPickProblem(null);
  };

  const running = reading || run.isPending;
  const final = run.data && !run.data.dryRun ? run.data : null;
  const failure = run.isError && file ? <ImportFailure error={run.error} fileName={file.name} dryRun={run.variables.dryRun} /> : null;

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>{t('import.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('import.subtitle')}
        </Text>
      </div>
      {running ? (
        <ImportProgressCard
          fileName={file?.name ?? null}
          dryRun={run.variables?.dryRun ?? true}
          reading={reading}
          progress={progress}
          cancelling={cancel.isPending || cancel.isSuccess}
          onCancel={() => cancel.mutate()}
        />
      ) : final && file ? (
        <ImportReportView report={final} fileName={file.name} onStartOver={startOver} />
      ) : preview && file ? (
        <>
          {failure}
          <ImportReportView report={preview} fileName={file.name} onImport={() => start(file, false)} onStartOver={startOver} />
        </>
      ) : (
        <>
          <ImportIntro />
          {failure}
          <ImportPicker onPick={(picked) => void pick(picked)} onProblem={setPickProblem} problem={pickProblem} />
        </>
      )}
    </Stack>
  );
}
