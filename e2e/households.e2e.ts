/// <reference lib="dom" />
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { repeatedSampleExtract } from '../electron/core/import/testing/large-extract.ts';
import base from '../renderer/src/i18n/locales/ar.json' with { type: 'json' };
import frBase from '../renderer/src/i18n/locales/fr.json' with { type: 'json' };
import householdsAr from '../renderer/src/i18n/locales/households.ar.json' with { type: 'json' };
import householdsFr from '../renderer/src/i18n/locales/households.fr.json' with { type: 'json' };
import importAr from '../renderer/src/i18n/locales/import.ar.json' with { type: 'json' };
import importFr from '../renderer/src/i18n/locales/import.fr.json' with { type: 'json' };
import { documentDirection, startApp, type E2eApp } from './support/app.ts';

let app: E2eApp | undefined;
let extract: Buffer;
beforeAll(async () => {
  // 2,400 households: large enough for the progress bar to be seen.
  extract = Buffer.from(await repeatedSampleExtract(60));
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const languages = [
  { code: 'ar', dir: 'rtl', t: { ...householdsAr, ...importAr } },
  { code: 'fr', dir: 'ltr', t: { ...householdsFr, ...importFr } },
] as const;

describe.each(languages)('household files in $code', ({ code, dir, t }) => {
  it('imports the registry extract with a progress bar, finds a household by a variant spelling, adds a member and records a visit', async () => {
    app = await startApp({ signedIn: true });
    const { page } = app;
    await page.getByRole('heading', { level: 2, name: base.nav.queue }).waitFor();
    if (code !== 'ar') {
      await app.bridge.host.invoke('settings:set', { language: code });
      await page.reload();
      await page.waitForFunction((lang) => document.documentElement.lang === lang, code);
    }
    await page.getByRole('heading', { level: 2, name: code === 'ar' ? base.nav.queue : frBase.nav.queue }).waitFor();
    expect(await documentDirection(page)).toEqual({ dir, lang: code });

    // Import: a dry run first, then the real import, each with its progress bar.
    await page.keyboard.press('Alt+8');
    await page.getByRole('heading', { name: t.import.title }).first().waitFor();
    await page.locator('input[type=file]').setInputFiles({ name: 'registre-novembre.csv', mimeType: 'text/csv', buffer: extract });
    await page.getByRole('progressbar').first().waitFor();
    await page.getByText(t.import.report.previewTitle).waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('households-created').textContent()).toMatch(/2[,.\s\u202f\u066c]?400|٢٬?٤٠٠/);
    await app.screenshot(`import-preview-${code}`);
    await page.getByRole('button', { name: t.import.actions.importNow }).click();
    await page.getByRole('progressbar').first().waitFor();
    await page.getByText(t.import.report.doneTitle).waitFor({ timeout: 60_000 });
    await app.screenshot(`import-done-${code}`);

    // The list shows the whole branch, virtualised.
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { level: 2, name: t.households.title }).waitFor();
    await page.getByText(/^RSU-/).first().waitFor();
    expect(await page.getByRole('row').count()).toBeLessThan(200);
    await app.screenshot(`households-${code}`);

    // Search by a variant spelling in Arabic (ة written ه, ي written ى), then open the file.
    await page.keyboard.press('Control+k');
    await page.getByPlaceholder(t.search.placeholder).fill('فاطمه الفاسى');
    await page.getByText('Fatima El Fassi').first().waitFor();
    await app.screenshot(`search-${code}`);
    await page.keyboard.press('Enter');
    await page.getByRole('tab', { name: t.household.tabs.members }).waitFor();
    await page.getByText('RSU-ZAG-0000001').first().waitFor();

    // Add a newborn.
    await page.getByRole('button', { name: t.members.add }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(t.members.fields.firstNameAr).fill('ريم');
    await dialog.getByLabel(t.members.fields.lastNameAr).fill('الفاسي');
    await dialog.getByLabel(t.members.fields.birthDate).fill('2026-10-01');
    await dialog.getByText(t.vocab.sex.F, { exact: true }).click();
    await dialog.getByRole('combobox', { name: t.members.fields.relation }).click();
    await page.getByRole('option', { name: t.vocab.relation.child, exact: true }).click();
    await app.screenshot(`add-member-${code}`);
    await dialog.getByRole('button', { name: t.members.submitAdd }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: /ريم/ }).first().waitFor();

    // Record a visit.
    await page.getByRole('tab', { name: t.household.tabs.visits }).click();
    await page.getByText(t.vocab.visitType.home, { exact: true }).click();
    await page.getByLabel(t.visits.notes).fill('زيارة منزلية: تسجيل المولودة الجديدة');
    await page.getByRole('button', { name: t.visits.submit }).click();
    await page.getByText('زيارة منزلية: تسجيل المولودة الجديدة').waitFor();
    await app.screenshot(`household-file-${code}`);

    // Printed (Save as PDF): the file alone, without the app's frame.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('navigation').isVisible()).toBe(false);
    expect(await page.getByText('RSU-ZAG-0000001').first().isVisible()).toBe(true);
    await page.pdf({ path: `e2e/screenshots/household-file-${code}.pdf` });
    await page.emulateMedia({ media: 'screen' });

    const file = await app.bridge.host.invoke('search:query', { query: 'Fatima El Fassi', limit: 1 });
    expect(file.ok).toBe(true);
  }, 120_000);
});
