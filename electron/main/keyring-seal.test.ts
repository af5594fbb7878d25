import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadKeyringSeal, sealFileName, type SafeStorageLike } from './keyring-seal.ts';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowakaba-seal-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in for Electron's safeStorage: "encrypts" by a marker and reversal, fails on anything else. */
const fakeSafeStorage = (options: { available?: boolean; backend?: string } = {}): SafeStorageLike & { encryptions: number } => {
  const fake = {
    encryptions: 0,
    isEncryptionAvailable: () => options.available ?? true,
    encryptString(text: string) {
      fake.encryptions += 1;
      return Buffer.from(`sealed:${[...text].reverse().join('')}`);
    },
    decryptString(data: Buffer) {
      const text = data.toString('utf8');
      if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return [...text.slice('sealed:'.length)].reverse().join('');
    },
  };
  return options.backend === undefined ? fake : { ...fake, getSelectedStorageBackend: () => options.backend ?? '' };
};

describe('loadKeyringSeal', () => {
  it('creates a 32-byte seal once, owner-only, and returns the same bytes next time', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'gnome_libsecret' });
    const seal = await loadKeyringSeal(safeStorage, dir, 'linux');
    expect(seal).toHaveLength(32);
    expect(await readdir(dir)).toEqual([sealFileName]);
    const onDisk = await readFile(join(dir, sealFileName), 'utf8');
    expect(onDisk).not.toContain(seal?.toString('hex'));
    if (process.platform !== 'win32') expect((await stat(join(dir, sealFileName))).mode & 0o777).toBe(0o600);

    expect(await loadKeyringSeal(safeStorage, dir, 'linux')).toEqual(seal);
    expect(await readFile(join(dir, sealFileName), 'utf8')).toBe(onDisk);
  });

  it('works on macOS and Windows, where Electron does not name a backend', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const folder = join(dir, platform);
      const seal = await loadKeyringSeal(fakeSafeStorage(), folder, platform);
      expect(seal).toHaveLength(32);
    }
  });

  it('gives no seal when the OS cannot encrypt', async () => {
    expect(await loadKeyringSeal(fakeSafeStorage({ available: false }), dir, 'darwin')).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it.each(['basic_text', 'unknown', undefined])('gives no seal on Linux with the %s backend, which protects nothing', async (backend) => {
    expect(await loadKeyringSeal(fakeSafeStorage(backend === undefined ? {} : { backend }), dir, 'linux')).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['not decryptable', Buffer.from('garbage')],
    ['empty', Buffer.alloc(0)],
    ['not 32 bytes of hex', Buffer.from(`sealed:${'ab'.repeat(8)}`)],
  ])('throws on a seal file that is %s, and leaves it as it was', async (_name, content) => {
    const path = join(dir, sealFileName);
    await writeFile(path, content, { mode: 0o600 });
    await expect(loadKeyringSeal(fakeSafeStorage({ backend: 'kwallet6' }), dir, 'linux')).rejects.toThrow(/seal.*cannot be read/);
    expect(await readFile(path)).toEqual(content);
  });

  it('refuses to make a new seal when a sealed keyring lost its seal', async () => {
    await writeFile(join(dir, 'keyring.json'), JSON.stringify({ sealed: 1, nonce: '', ciphertext: '', tag: '' }));
    await expect(loadKeyringSeal(fakeSafeStorage({ backend: 'gnome_libsecret' }), dir, 'linux')).rejects.toThrow(/seal/);
    expect(await readdir(dir)).toEqual(['keyring.json']);
  });

  it('gives every simultaneous caller the one seal that was saved', async () => {
    const safeStorage = fakeSafeStorage({ backend: 'gnome_libsecret' });
    const seals = await Promise.all([1, 2, 3].map(() => loadKeyringSeal(safeStorage, dir, 'linux')));
    expect(seals[1]).toEqual(seals[0]);
    expect(seals[2]).toEqual(seals[0]);
    expect(await readdir(dir)).toEqual([sealFileName]);
  });
});
