import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, errorReason } from '../../i18n/error-message.ts';
import { IpcError } from '../../ipc/client.ts';

/** Reasons for which the core refuses a whole file; the screen explains each one itself. */
export const fileErrorReasons = [
  'bad-header',
  'unsupported-file',
  'empty-file',
  'unreadable-file',
  'bad-csv',
  'not-utf8',
  'cancelled',
] as const;

const isFileErrorReason = (reason: string | undefined): reason is (typeof fileErrorReasons)[number] =>
  (fileErrorReasons as readonly (string | undefined)[]).includes(reason);

/** The line a `bad-csv` refusal points at, when the core named one. */
const lineOf = (error: unknown): string | undefined =>
  error instanceof IpcError ? error.issues.map((issue) => /(\d+)/.exec(issue.path)?.[1]).find(Boolean) : undefined;

/** Why a whole file could not be previewed or imported, translated from the core's reason; never the core's own words. */
export function ImportFailure({ error, fileName, dryRun }: { error: unknown; fileName: string; dryRun: boolean }) {
  const { t, i18n } = useTranslation();
  const reason = errorReason(error);
  if (reason === 'cancelled') {
    return (
      <Alert color="yellow" role="status" title={t('import.fileErrors.cancelled')}>
        {dryRun ? t('import.stopped.preview') : t('import.stopped.import')}
      </Alert>
    );
  }
  // Column names from the header are the format's own, never household data.
  const columns = reason === 'bad-header' && error instanceof IpcError ? error.issues.map((issue) => issue.path).filter(Boolean) : [];
  const line = reason === 'bad-csv' ? lineOf(error) : undefined;
  const list = new Intl.ListFormat(i18n.language, { style: 'narrow', type: 'conjunction' });
  return (
    <Alert color="red" role="alert" title={t('import.fileErrors.title', { name: fileName })}>
      <Text size="sm">{isFileErrorReason(reason) ? t(`import.fileErrors.${reason}`) : errorMessage(t, error)}</Text>
      {columns.length > 0 && (
        <Text size="sm" mt="xs">
          {t('import.fileErrors.columns')}{' '}
          <Text span inherit dir="ltr" ff="monospace">
            {list.format(columns)}
          </Text>
        </Text>
      )}
      {line && (
        <Text size="sm" mt="xs">
          {t('import.fileErrors.fromLine', { line })}
        </Text>
      )}
      {isFileErrorReason(reason) && (
        <Text size="sm" mt="xs" c="dimmed">
          {t('import.fileErrors.fixHint')}
        </Text>
      )}
    </Alert>
  );
}
