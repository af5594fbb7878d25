/// <reference lib="dom" />
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { startBridge, type Bridge } from '../bridge/server.ts';
import { openApp, type AppBrowser } from './browser.ts';

const root = new URL('../..', import.meta.url).pathname;
export const rendererDir = join(root, 'out', 'renderer');
export const screenshotDir = join(root, 'e2e', 'screenshots');

export interface E2eApp extends AppBrowser {
  bridge: Bridge;
  dataDir: string;
  /** Saves a full-page screenshot to e2e/screenshots/NAME.png (git ignores the folder). */
  screenshot(name: string): Promise<string>;
  /** Closes the browser and the bridge but keeps the data folder (to reopen on the same store). */
  stop(): Promise<void>;
}

/** The account `startApp({ signedIn: true })` creates: an admin of a fresh branch. */
export const testAdmin = { username: 'admin', password: 'e2e-admin-password', displayName: 'مدير النظام' };

export interface StartOptions {
  /** Reopen an existing data folder instead of a fresh one. */
  dataDir?: string;
  /** Set the device up (branch + admin) and leave it unlocked before the page opens. */
  signedIn?: boolean;
}

/** Starts the bridge on a data folder (fresh unless given) and opens the built renderer in Chromium. */
export const startApp = async ({ dataDir, signedIn = false }: StartOptions = {}): Promise<E2eApp> => {
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build` before the e2e tests.');
  }
  const dir = dataDir ?? (await mkdtemp(join(tmpdir(), 'mowakaba-e2e-')));
  const bridge = await startBridge({ rendererDir, dataDir: dir });
  if (signedIn) {
    const status = await bridge.host.invoke('session:status');
    const input =
      status.ok && (status.value as { state: string }).state === 'setup'
        ? ['session:setup', { branchName: 'Zagora', adminUsername: testAdmin.username, adminDisplayName: testAdmin.displayName, password: testAdmin.password }]
        : ['session:unlock', { username: testAdmin.username, password: testAdmin.password }];
    const result = await bridge.host.invoke(input[0], input[1]);
    if (!result.ok) throw new Error(`Could not sign in for the test: ${result.error.code}`);
  }
  const browser = await openApp(`${bridge.url}/`);
  const stop = async () => {
    try {
      await browser.close();
    } finally {
      await bridge.close();
    }
  };
  return {
    ...browser,
    bridge,
    dataDir: dir,
    stop,
    async close() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
    async screenshot(name) {
      // Every screen we look at must be fully translated: no raw i18n placeholders left.
      const text = await browser.page.locator('body').innerText();
      if (text.includes('{{')) throw new Error(`The screen "${name}" shows an untranslated placeholder.`);
      await mkdir(screenshotDir, { recursive: true });
      const path = join(screenshotDir, `${name}.png`);
      await browser.page.screenshot({ path, fullPage: true });
      return path;
    },
  };
};

/** The document's direction and language as the browser sees them. */
export const documentDirection = (page: Page) =>
  page.evaluate(() => ({ dir: document.documentElement.dir, lang: document.documentElement.lang }));

/** Which side of the window the main navigation stands on. */
export const navigationSide = async (page: Page): Promise<'left' | 'right'> => {
  const box = await page.getByRole('navigation').boundingBox();
  const width = page.viewportSize()?.width ?? 0;
  if (!box) throw new Error('The navigation is not visible.');
  return box.x + box.width / 2 > width / 2 ? 'right' : 'left';
};
