import type { TFunction } from 'i18next';
import type { RowProblem } from '../../../../shared/contract/index.ts';

/** The largest extract the core accepts (the contract's limit on the content). */
export const maxImportBytes = 80 * 1024 * 1024;

/** What the file picker offers: CSV (whatever type the system gives it) and Excel workbooks. */
export const importAccept = {
  'text/csv': ['.csv'],
  'application/vnd.ms-excel': ['.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
};

export const isImportFileName = (name: string) => /\.(csv|xlsx)$/i.test(name);

// A multiple of 3, so each piece encodes alone and the pieces join into one valid text.
const chunkBytes = 3 * 8192;

/** Base64 of the bytes, encoded a chunk at a time (no string grown byte by byte, no huge argument lists). */
export const bytesToBase64 = (bytes: Uint8Array): string => {
  const pieces: string[] = [];
  for (let start = 0; start < bytes.length; start += chunkBytes) {
    pieces.push(btoa(String.fromCharCode(...bytes.subarray(start, start + chunkBytes))));
  }
  return pieces.join('');
};

/** Reads a picked file in the window, as base64 for `import:run`. */
export const readFileAsBase64 = async (file: Blob): Promise<string> => bytesToBase64(new Uint8Array(await file.arrayBuffer()));

/** The translated reason a row was rejected or warned about. */
export const reasonText = (t: TFunction, reason: string): string =>
  /^[a-z0-9-]+$/.test(reason) ? t(`import.reasons.${reason}`, { defaultValue: t('import.reasons.unknown') }) : t('import.reasons.unknown');

const csvCell = (value: string | number) => `"${String(value).replace(/"/g, '""')}"`;

/** The rejected rows as a CSV for whoever corrects the extract: line, column and reason only, never a value from the file. */
export const rejectedRowsCsv = (t: TFunction, rows: RowProblem[]): string =>
  [
    [t('import.problems.line'), t('import.problems.column'), t('import.problems.reason')],
    ...rows.map((row) => [row.line, row.column ?? '', reasonText(t, row.reason)]),
  ]
    .map((cells) => cells.map(csvCell).join(','))
    .join('\r\n');

/** Saves text as a file through the browser's download (a temporary link to a blob). */
export const downloadCsv = (fileName: string, text: string) => {
  // The byte order mark lets spreadsheet programs read the Arabic as UTF-8.
  const url = URL.createObjectURL(new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
};

/** The file name without its extension, for naming the exported report after the extract. */
export const fileStem = (name: string) => name.replace(/\.[^.]+$/, '');
