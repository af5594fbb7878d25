/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/testing.ts';
import { documentDirection, startApp, type E2eApp } from './support/app.ts';

let app: E2eApp | undefined;
let server: TestServer | undefined;
afterEach(async () => {
  await app?.close();
  await server?.close();
  app = undefined;
  server = undefined;
});

describe('sync in Chromium, with a real branch server', () => {
  it('joins the branch server at first start, keeps the header status live and syncs from the Sync screen', async () => {
    server = await startTestServer('pglite');
    app = await startApp();
    const { page } = app;

    // Joining is the first choice on a new device.
    await page.getByRole('heading', { level: 2, name: 'إعداد هذا الجهاز' }).waitFor();
    expect(await page.getByRole('radio', { name: /^الانضمام إلى خادم فرعي/ }).isChecked()).toBe(true);
    await page.getByLabel('عنوان الخادم').fill(server.url);
    await page.getByLabel('اسم المستخدم', { exact: true }).fill(server.admin.username);
    await page.getByLabel('كلمة المرور', { exact: true }).fill(server.admin.password);
    await app.screenshot('sync-join-ar');
    await page.getByRole('button', { name: 'الانضمام وتنزيل ملفات متابعتي' }).click();

    await page.getByRole('heading', { level: 2, name: 'رمز الاسترجاع' }).waitFor();
    await page.getByRole('checkbox').check();
    await page.getByRole('button', { name: 'متابعة' }).click();
    await page.getByRole('heading', { level: 2, name: 'قائمة العمل' }).waitFor();
    await page.getByRole('banner').getByTestId('sync-status').getByText('كل شيء متزامن').waitFor();

    await page.keyboard.press('Alt+5');
    await page.getByRole('heading', { level: 2, name: 'المزامنة' }).waitFor();
    const main = page.getByRole('main');
    await main.getByText(server.url).waitFor();
    await main.getByText('حاسوب محمول').waitFor();
    await main.getByRole('button', { name: /زامِن الآن/ }).click();
    await page.getByText(/^تمّت المزامنة/).waitFor();
    await app.screenshot('sync-device-ar');

    await page.getByRole('tab', { name: 'السجلّ' }).click();
    await page.getByRole('table', { name: 'آخر عمليات المزامنة' }).getByText('الشبكة').first().waitFor();
    await app.screenshot('sync-history-ar');

    await page.getByRole('tab', { name: 'مفتاح USB' }).click();
    const bundle = join(app.dataDir, 'to-branch.bundle');
    await page.getByLabel('الملف المراد إنشاؤه').fill(bundle);
    await page.getByRole('button', { name: 'كتابة الملف' }).click();
    await page.getByText(bundle, { exact: false }).first().waitFor();
    expect(existsSync(bundle)).toBe(true);
    await app.screenshot('sync-bundle-ar');

    await page.getByRole('tab', { name: 'الأجهزة' }).click();
    await page.getByRole('table', { name: 'أجهزة الفرع' }).getByText('هذا الجهاز').waitFor();
    await app.screenshot('sync-devices-ar');

    await page.getByRole('tab', { name: /التعارضات/ }).click();
    await page.getByText('لا تعارضات: كل الأجهزة متّفقة.').waitFor();
    expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'ar' });

    expect(await app.bridge.host.invoke('settings:set', { language: 'en' })).toMatchObject({ ok: true });
    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Sync' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Server and account' }).waitFor();
    await app.screenshot('sync-device-en');
  });
});
