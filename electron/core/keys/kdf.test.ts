import { describe, expect, it } from 'vitest';
import { defaultKdfParams, deriveKey, fastTestKdfParams } from './kdf.ts';

const salt = Buffer.alloc(16, 7);

describe('deriveKey', () => {
  it('uses Argon2id with at least 64 MiB by default, and takes a noticeable moment', async () => {
    expect(defaultKdfParams.algorithm).toBe('argon2id');
    expect(defaultKdfParams.memoryKiB).toBeGreaterThanOrEqual(64 * 1024);
    const started = performance.now();
    const key = await deriveKey('correct horse', salt, defaultKdfParams);
    expect(performance.now() - started).toBeGreaterThan(100);
    expect(key).toHaveLength(32);
  });

  it('gives the same 32 bytes for the same secret and salt, and different ones otherwise', async () => {
    const key = await deriveKey('secret', salt, fastTestKdfParams);
    expect(key).toHaveLength(32);
    expect(await deriveKey('secret', salt, fastTestKdfParams)).toEqual(key);
    expect(await deriveKey('secret!', salt, fastTestKdfParams)).not.toEqual(key);
    expect(await deriveKey('secret', Buffer.alloc(16, 8), fastTestKdfParams)).not.toEqual(key);
    expect(await deriveKey('secret', salt, { ...fastTestKdfParams, iterations: 2 })).not.toEqual(key);
  });

  it('treats a composed and a decomposed accent as the same password', async () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    expect(await deriveKey(decomposed, salt, fastTestKdfParams)).toEqual(await deriveKey(composed, salt, fastTestKdfParams));
  });

  it('refuses settings a tampered file could use to hang the app, and short salts', async () => {
    await expect(deriveKey('secret', salt, { ...fastTestKdfParams, memoryKiB: 2 ** 31 })).rejects.toMatchObject({ code: 'internal' });
    await expect(deriveKey('secret', salt, { ...fastTestKdfParams, iterations: 0 })).rejects.toMatchObject({ code: 'internal' });
    await expect(deriveKey('secret', Buffer.alloc(8), fastTestKdfParams)).rejects.toMatchObject({ code: 'internal' });
  });
});
