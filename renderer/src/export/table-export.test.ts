import { describe, expect, it } from 'vitest';
import type { WorkerLoad } from '../../../shared/contract/index.ts';
import { caseloadColumns } from '../branch/branch-export.ts';
import { createI18n } from '../i18n/index.ts';
import { exportFileName, toCsv, utf8Bom } from './table-export.ts';

const workers: WorkerLoad[] = [
  { userId: 'user-2', displayName: 'Youssef Ait Ali', role: 'worker', disabled: false, households: 20, openPlans: 4, overdueActions: 3 },
  { userId: 'user-3', displayName: 'زينب "الحاجة", أمزيان', role: 'worker', disabled: true, households: 0, openPlans: 0, overdueActions: 0 },
];

describe('toCsv', () => {
  it('starts with the UTF-8 BOM, then the headers in the interface language', () => {
    const csv = toCsv(caseloadColumns(createI18n('fr').t), workers);
    expect(csv.startsWith(utf8Bom)).toBe(true);
    const [header, first] = csv.slice(utf8Bom.length).split('\r\n');
    expect(header).toBe('Travailleur social,Rôle,Compte,Ménages,Plans ouverts,Actions en retard');
    expect(first).toBe('Youssef Ait Ali,Travailleur social,Actif,20,4,3');
  });

  it('writes Arabic headers and quotes cells holding commas or quotes', () => {
    const lines = toCsv(caseloadColumns(createI18n('ar').t), workers).slice(utf8Bom.length).split('\r\n');
    expect(lines[0]).toBe('العامل الاجتماعي,الدور,الحساب,الأسر,خطط المواكبة المفتوحة,الإجراءات المتأخرة');
    expect(lines[2]).toBe('"زينب ""الحاجة"", أمزيان",عامل اجتماعي,حساب معطّل,0,0,0');
  });

  it('keeps a cell that looks like a formula from running in the spreadsheet', () => {
    const csv = toCsv([{ header: 'Note', value: (row: { note: string }) => row.note }], [{ note: '=HYPERLINK("x")' }]);
    expect(csv.split('\r\n')[1]).toBe('"\'=HYPERLINK(""x"")"');
  });
});

describe('exportFileName', () => {
  it('puts the local date in the name', () => {
    expect(exportFileName('caseload', 'xlsx', new Date(2025, 2, 7, 23, 30))).toBe('caseload-2025-03-07.xlsx');
  });
});
