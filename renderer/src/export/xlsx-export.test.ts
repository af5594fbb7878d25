import { readSheet } from 'read-excel-file/browser';
import { describe, expect, it } from 'vitest';
import type { WorkerLoad } from '../../../shared/contract/index.ts';
import { caseloadColumns } from '../branch/branch-export.ts';
import { createI18n } from '../i18n/index.ts';
import { toXlsxBlob } from './xlsx-export.ts';

describe('toXlsxBlob', () => {
  it('writes a workbook whose first row holds the translated headers and numbers stay numbers', async () => {
    const workers: WorkerLoad[] = [
      { userId: 'user-2', displayName: 'Youssef Ait Ali', role: 'worker', disabled: false, households: 20, openPlans: 4, overdueActions: 3 },
    ];
    const blob = await toXlsxBlob(caseloadColumns(createI18n('ar').t), workers, { sheet: 'ملفات المتابعة', rightToLeft: true });
    const rows = await readSheet(blob);
    expect(rows[0]).toEqual(['العامل الاجتماعي', 'الدور', 'الحساب', 'الأسر', 'خطط المواكبة المفتوحة', 'الإجراءات المتأخرة']);
    expect(rows[1]).toEqual(['Youssef Ait Ali', 'عامل اجتماعي', 'نشط', 20, 4, 3]);
  });
});
