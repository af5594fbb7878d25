/// <reference lib="dom" />
import { mkdir, writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { repeatedSampleExtract } from '../electron/core/import/testing/large-extract.ts';
import base from '../renderer/src/i18n/locales/ar.json' with { type: 'json' };
import householdsAr from '../renderer/src/i18n/locales/households.ar.json' with { type: 'json' };
import { startApp, type E2eApp } from './support/app.ts';

let app: E2eApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('the household list at 10,000 rows', () => {
  it('stays virtualised while scrolling; frame times are recorded for the benchmark notes', async () => {
    app = await startApp({ signedIn: true });
    const extract = await repeatedSampleExtract(250);
    const imported = await app.bridge.host.invoke('import:run', {
      source: { kind: 'content', name: 'big.csv', dataBase64: Buffer.from(extract).toString('base64') },
      dryRun: false,
    });
    expect(imported).toMatchObject({ ok: true, value: { households: { created: 10_000 } } });
    const { page } = app;
    await page.getByRole('heading', { level: 2, name: base.nav.queue }).waitFor();
    await page.keyboard.press('Alt+2');
    await page.getByRole('heading', { level: 2, name: householdsAr.households.title }).waitFor();
    await page.getByText(/^RSU-/).first().waitFor();
    const firstRef = await page.getByText(/^RSU-/).first().textContent();

    // Count frames while the list scrolls by wheel for ~3 seconds.
    await page.evaluate(() => {
      const state = window as unknown as { frames: number[]; stop: boolean };
      state.frames = [];
      state.stop = false;
      const tick = (time: number) => {
        state.frames.push(time);
        if (!state.stop) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const box = await page.getByRole('row').nth(2).boundingBox();
    await page.mouse.move((box?.x ?? 400) + 50, (box?.y ?? 400) + 10);
    for (let i = 0; i < 60; i += 1) {
      await page.mouse.wheel(0, 900);
      await page.waitForTimeout(40);
    }
    const frames = await page.evaluate(() => {
      const state = window as unknown as { frames: number[]; stop: boolean };
      state.stop = true;
      return state.frames;
    });
    const gaps = frames.slice(1).map((time, index) => time - (frames[index] ?? time)).sort((a, b) => a - b);
    const p95 = gaps[Math.floor(gaps.length * 0.95)] ?? 0;
    await mkdir('test-results', { recursive: true });
    await writeFile(
      'test-results/list-frames.json',
      `${JSON.stringify({ rows: 10_000, frames: frames.length, medianFrameMs: gaps[Math.floor(gaps.length / 2)], p95FrameMs: p95, longestFrameMs: gaps.at(-1) }, null, 2)}\n`,
    );

    // Virtualised: a handful of rows in the DOM, and scrolling reached rows further down.
    expect(await page.getByRole('row').count()).toBeLessThan(200);
    expect(await page.getByText(/^RSU-/).first().textContent()).not.toBe(firstRef);
    expect(frames.length).toBeGreaterThan(30);
    await app.screenshot('households-10k-ar');
  }, 180_000);
});
