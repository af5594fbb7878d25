import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileAtomic, writeFileAtomic } from './atomic-file.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowakaba-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('atomic files', () => {
  it('replaces a file with an owner-only one, even over a world-readable original', async () => {
    const path = join(dir, 'file.json');
    await writeFile(path, 'old', { mode: 0o644 });
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
    expect(await readdir(dir)).toEqual(['file.json']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('creates the folder when needed', async () => {
    const path = join(dir, 'nested', 'file.json');
    await writeFileAtomic(path, 'x');
    expect(await readFile(path, 'utf8')).toBe('x');
  });

  it('creates a file once and never replaces it', async () => {
    const path = join(dir, 'once.bin');
    expect(await createFileAtomic(path, 'first')).toBe(true);
    expect(await createFileAtomic(path, 'second')).toBe(false);
    expect(await readFile(path, 'utf8')).toBe('first');
    expect(await readdir(dir)).toEqual(['once.bin']);
  });

  it('lets exactly one of several simultaneous creators win', async () => {
    const path = join(dir, 'race.bin');
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((content) => createFileAtomic(path, content)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await readdir(dir)).toEqual(['race.bin']);
  });
});
