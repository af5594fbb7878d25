/// <reference lib="dom" />
import { afterEach, describe, expect, it } from 'vitest';
import ar from '../renderer/src/i18n/locales/ar.json' with { type: 'json' };
import fr from '../renderer/src/i18n/locales/fr.json' with { type: 'json' };
import syncAr from '../renderer/src/i18n/locales/sync.ar.json' with { type: 'json' };
import syncFr from '../renderer/src/i18n/locales/sync.fr.json' with { type: 'json' };
import { documentDirection, startApp, type E2eApp } from './support/app.ts';

let app: E2eApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const languages = [
  { code: 'ar', dir: 'rtl', t: ar },
  { code: 'fr', dir: 'ltr', t: fr },
] as const;

describe.each(languages)('first run, lock and unlock in $code', ({ code, dir, t }) => {
  it('sets up the branch, shows the recovery code once, locks, refuses a wrong password and unlocks', async () => {
    app = await startApp();
    const { page } = app;
    await page.getByRole('heading', { name: ar.setup.title }).waitFor();
    if (code !== 'ar') {
      await page.getByText('Français', { exact: true }).click();
      await page.getByRole('heading', { name: t.setup.title }).waitFor();
    }
    expect(await documentDirection(page)).toEqual({ dir, lang: code });

    // Joining a server is the first choice; this test sets up a branch that works alone.
    await page.getByText((code === 'ar' ? syncAr : syncFr).join.choiceLocal, { exact: true }).click();
    await page.getByLabel(t.setup.branchName, { exact: true }).fill('الفرع الجهوي لزاكورة');
    await page.getByLabel(t.setup.adminDisplayName, { exact: true }).fill('أمينة الإدريسي');
    await page.getByLabel(t.setup.adminUsername, { exact: true }).fill('amina');
    await page.getByLabel(t.account.password, { exact: true }).fill('une phrase secrète');
    await page.getByLabel(t.account.confirmPassword, { exact: true }).fill('une phrase secrète');
    await app.screenshot(`setup-${code}`);
    await page.getByRole('button', { name: t.setup.submit }).click();

    await page.getByRole('heading', { name: t.setup.recovery.title }).waitFor();
    const recoveryCode = await page.getByTestId('recovery-code').textContent();
    expect(recoveryCode?.trim()).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){5}$/);
    const proceed = page.getByRole('button', { name: t.setup.recovery.continue });
    expect(await proceed.isDisabled()).toBe(true);
    await app.screenshot(`recovery-code-${code}`);
    await page.getByLabel(t.setup.recovery.confirm).check();
    await proceed.click();

    await page.getByRole('heading', { level: 2, name: t.nav.queue }).waitFor();
    expect(await documentDirection(page)).toEqual({ dir, lang: code });
    await page.getByRole('button', { name: t.session.lock }).click();

    await page.getByRole('heading', { name: t.unlock.title }).waitFor();
    expect(await app.bridge.host.invoke('session:status')).toMatchObject({ ok: true, value: { state: 'locked' } });
    await page.getByLabel(t.account.username, { exact: true }).fill('amina');
    await page.getByLabel(t.account.password, { exact: true }).fill('not the right one');
    await page.getByRole('button', { name: t.unlock.submit }).click();
    await page.getByText(t.errors.reasons['wrong-password']).waitFor();
    await app.screenshot(`unlock-refused-${code}`);

    await page.getByLabel(t.account.password, { exact: true }).fill('une phrase secrète');
    await page.getByRole('button', { name: t.unlock.submit }).click();
    await page.getByRole('heading', { level: 2, name: t.nav.queue }).waitFor();
    expect(await app.bridge.host.invoke('session:status')).toMatchObject({ ok: true, value: { state: 'unlocked', user: { username: 'amina' } } });
  });
});
