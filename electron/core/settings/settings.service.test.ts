import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/contract/index.ts';
import { readSettings, updateSettings } from './settings.service.ts';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'mowakaba-settings-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('settings service', () => {
  it('gives the defaults when nothing was saved', async () => {
    expect(await readSettings(root)).toEqual(defaultSettings);
    expect(await readSettings(join(root, 'missing', 'folder'))).toEqual(defaultSettings);
  });

  it('returns a copy of the defaults that callers cannot corrupt', async () => {
    const first = await readSettings(root);
    first.language = 'fr';
    expect((await readSettings(root)).language).toBe('ar');
  });

  it('persists what was set and keeps the rest', async () => {
    expect(await updateSettings(root, { language: 'fr' })).toEqual({ ...defaultSettings, language: 'fr' });
    await updateSettings(root, { idleLockMinutes: 45 });
    expect(await readSettings(root)).toEqual({ ...defaultSettings, language: 'fr', idleLockMinutes: 45 });
    expect(JSON.parse(await readFile(join(root, 'settings.json'), 'utf8'))).toEqual({ ...defaultSettings, language: 'fr', idleLockMinutes: 45 });
  });

  it.each([
    ['not JSON', '{"language": "fr",'],
    ['empty', ''],
    ['null', 'null'],
    ['an array', '["fr"]'],
    ['a value of the wrong type', '{"language": "fr", "idleLockMinutes": "lots"}'],
  ])('falls back to the defaults when the file is %s, and can save over it', async (_case, content) => {
    await writeFile(join(root, 'settings.json'), content);
    expect(await readSettings(root)).toEqual(defaultSettings);
    expect(await updateSettings(root, { numerals: 'arab' })).toEqual({ ...defaultSettings, numerals: 'arab' });
    expect(await readSettings(root)).toEqual({ ...defaultSettings, numerals: 'arab' });
  });

  it('fills in defaults for settings an older file lacks', async () => {
    await writeFile(join(root, 'settings.json'), '{"language": "en"}');
    expect(await readSettings(root)).toEqual({ ...defaultSettings, language: 'en' });
  });

  it('refuses an invalid patch and leaves the file as it was', async () => {
    await updateSettings(root, { language: 'fr' });
    await expect(updateSettings(root, { idleLockMinutes: 100_000 })).rejects.toThrow();
    expect(await readSettings(root)).toEqual({ ...defaultSettings, language: 'fr' });
  });

  it('writes the file readable by its owner only, in a private folder it creates', async () => {
    const dataDir = join(root, 'Mowakaba');
    await updateSettings(dataDir, { language: 'en' });
    expect((await stat(join(dataDir, 'settings.json'))).mode & 0o777).toBe(0o600);
    expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
  });

  it('loses neither of two changes saved at the same time', async () => {
    const results = await Promise.allSettled([updateSettings(root, { language: 'fr' }), updateSettings(root, { numerals: 'arab' })]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await readSettings(root)).toEqual({ ...defaultSettings, language: 'fr', numerals: 'arab' });
  });
});
