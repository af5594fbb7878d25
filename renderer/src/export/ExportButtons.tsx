import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileTypeCsv, IconFileTypeXls } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/error-message.ts';
import { exportFileName, saveBlob, toCsv, type ExportColumn, type ExportFormat } from './table-export.ts';
import { toXlsxBlob } from './xlsx-export.ts';

interface ExportButtonsProps<T> {
  /** The file name before the date, e.g. `caseload`. */
  stem: string;
  /** The XLSX sheet's (translated) name. */
  sheet: string;
  columns: ExportColumn<T>[];
  /** The rows to write, read when a button is pressed (a long list may need fetching in full). */
  rows(): readonly T[] | Promise<readonly T[]>;
  disabled?: boolean;
}

/** "CSV" and "Excel" buttons that save a list with translated headers and today's date in the file name. */
export function ExportButtons<T>({ stem, sheet, columns, rows, disabled }: ExportButtonsProps<T>) {
  const { t, i18n } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const run = async (format: ExportFormat) => {
    setBusy(format);
    try {
      const data = await rows();
      const blob =
        format === 'csv'
          ? new Blob([toCsv(columns, data)], { type: 'text/csv;charset=utf-8' })
          : await toXlsxBlob(columns, data, { sheet, rightToLeft: i18n.dir() === 'rtl' });
      saveBlob(blob, exportFileName(stem, format));
      notifications.show({ color: 'teal', message: t('export.saved', { name: exportFileName(stem, format) }) });
    } catch (error) {
      notifications.show({ color: 'red', title: t('export.failed'), message: errorMessage(t, error) });
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap" role="group" aria-label={t('export.label')}>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconFileTypeCsv size={16} />}
        loading={busy === 'csv'}
        disabled={disabled || busy !== null}
        onClick={() => void run('csv')}
        aria-label={t('export.csvLabel')}
      >
        {t('export.csv')}
      </Button>
      <Button
        variant="default"
        size="xs"
        leftSection={<IconFileTypeXls size={16} />}
        loading={busy === 'xlsx'}
        disabled={disabled || busy !== null}
        onClick={() => void run('xlsx')}
        aria-label={t('export.xlsxLabel')}
      >
        {t('export.xlsx')}
      </Button>
    </Group>
  );
}
