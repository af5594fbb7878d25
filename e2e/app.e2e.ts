/// <reference lib="dom" />
import { afterEach, describe, expect, it } from 'vitest';
import { documentDirection, navigationSide, startApp, type E2eApp } from './support/app.ts';

let app: E2eApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('the app in Chromium', () => {
  it('opens on the queue in Arabic, right to left, saying there is nothing to do yet', async () => {
    app = await startApp({ signedIn: true });
    const { page } = app;
    await page.getByRole('heading', { level: 2, name: 'قائمة العمل' }).waitFor();
    expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'ar' });
    await page.getByText('لا شيء يجب القيام به الآن').waitFor();
    // Right to left for real: the navigation sits on the right-hand side of the window.
    expect(await navigationSide(page)).toBe('right');
    await app.screenshot('queue-ar');
  });

  it('switches to French and back to Arabic from Settings, and keeps the choice after a reload', async () => {
    app = await startApp({ signedIn: true });
    const { page } = app;
    await page.getByRole('heading', { level: 2, name: 'قائمة العمل' }).waitFor();
    await page.keyboard.press('Alt+6');
    await page.getByRole('heading', { level: 2, name: 'الإعدادات' }).waitFor();
    await app.screenshot('settings-ar');

    await page.getByText('Français', { exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Paramètres' }).waitFor();
    expect(await documentDirection(page)).toEqual({ dir: 'ltr', lang: 'fr' });
    expect(await navigationSide(page)).toBe('left');
    await app.screenshot('settings-fr');

    const idleLock = page.getByRole('textbox', { name: 'Verrouillage après inactivité' });
    await idleLock.fill('25');
    await page.locator('form').filter({ has: idleLock }).getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByText('Paramètres enregistrés.').waitFor();

    await page.reload();
    await page.getByRole('heading', { level: 2, name: 'Paramètres' }).waitFor();
    expect(await documentDirection(page)).toEqual({ dir: 'ltr', lang: 'fr' });
    expect(await app.bridge.host.invoke('settings:get')).toMatchObject({ ok: true, value: { language: 'fr', idleLockMinutes: 25 } });

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Settings' }).waitFor();
    await app.screenshot('settings-en');

    await page.getByText('العربية', { exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'الإعدادات' }).waitFor();
    expect(await documentDirection(page)).toEqual({ dir: 'rtl', lang: 'ar' });
  });

  it('keeps the language across a restart of the core on the same data folder', async () => {
    app = await startApp({ signedIn: true });
    await app.page.getByRole('heading', { level: 2, name: 'قائمة العمل' }).waitFor();
    expect(await app.bridge.host.invoke('settings:set', { language: 'en' })).toMatchObject({ ok: true });
    const { dataDir } = app;
    await app.stop();
    app = await startApp({ dataDir, signedIn: true });
    await app.page.getByRole('heading', { level: 2, name: 'Queue' }).waitFor();
    expect(await documentDirection(app.page)).toEqual({ dir: 'ltr', lang: 'en' });
  });

  it('answers bad calls from the page with a validation error, never a crash', async () => {
    app = await startApp({ signedIn: true });
    const { page } = app;
    await page.getByRole('heading', { level: 2, name: 'قائمة العمل' }).waitFor();
    const results = await page.evaluate(async () => {
      const api = (window as unknown as { api: { invoke(c: string, i?: unknown): Promise<{ ok: boolean; error?: { code: string } }> } }).api;
      return Promise.all([
        api.invoke('nope:never'),
        api.invoke('settings:set', { language: 42 }),
        api.invoke('settings:set', { idleLockMinutes: 0 }),
        api.invoke('settings:get'),
      ]);
    });
    expect(results.map((result) => result.error?.code ?? 'ok')).toEqual(['validation', 'validation', 'validation', 'ok']);
  });
});
