import { todayIso } from '../households/use-date-format.ts';

/** One column of an exported list: its translated header and how to read a row's cell. */
export interface ExportColumn<T> {
  header: string;
  value(row: T): string | number | null;
  /** Width in characters in the XLSX sheet. */
  width?: number;
}

export type ExportFormat = 'csv' | 'xlsx';

/** Excel reads a CSV as UTF-8 (and shows Arabic) only when the file starts with this byte-order mark. */
export const utf8Bom = '\uFEFF';

// A cell starting like a formula would run as one in a spreadsheet: such text is prefixed with an apostrophe.
const formulaStart = /^[=+\-@\t\r]/;

const csvCell = (value: string | number | null): string => {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** The list as CSV text (RFC 4180: comma, CRLF, quoted where needed), starting with the UTF-8 BOM. */
export const toCsv = <T>(columns: ExportColumn<T>[], rows: readonly T[]): string =>
  utf8Bom +
  [columns.map((column) => csvCell(column.header)), ...rows.map((row) => columns.map((column) => csvCell(column.value(row))))]
    .map((cells) => cells.join(','))
    .join('\r\n') +
  '\r\n';

/** `stem-YYYY-MM-DD.ext`, the day in local time, so a week of exports sorts by date. */
export const exportFileName = (stem: string, format: ExportFormat, now = new Date()): string => `${stem}-${todayIso(now)}.${format}`;

/** Offers the file to save (Electron asks where). */
export const saveBlob = (blob: Blob, fileName: string) => {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: the download reads the URL after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
};
