import writeExcelFile, { type SheetData } from 'write-excel-file/browser';
import type { ExportColumn } from './table-export.ts';

// A sheet over 160 kB is compressed in a blob: Web Worker, which a CSP without `worker-src blob:` never starts,
// and the zip library then waits for ever: give up after this long rather than spin.
const timeoutMs = 60_000;

const withTimeout = <T>(promise: Promise<T>): Promise<T> => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('The XLSX export did not finish in time.')), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
};

/** The list as an XLSX workbook of one sheet: bold header row kept in view, right to left for Arabic. */
export const toXlsxBlob = <T>(columns: ExportColumn<T>[], rows: readonly T[], { sheet, rightToLeft }: { sheet: string; rightToLeft: boolean }): Promise<Blob> => {
  const data: SheetData = [
    columns.map((column) => ({ value: column.header, fontWeight: 'bold' as const })),
    ...rows.map((row) => columns.map((column) => column.value(row))),
  ];
  return withTimeout(
    writeExcelFile(data, {
      // Excel refuses sheet names over 31 characters or with []:*?/\ in them.
      sheet: sheet.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31),
      rightToLeft,
      stickyRowsCount: 1,
      columns: columns.map((column) => ({ width: column.width ?? 16 })),
    }).toBlob(),
  );
};
