import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CoreError, toErrorShape } from '../errors.ts';
import { sealDatabaseKey } from './database-key.ts';
import { fastTestKdfParams } from './kdf.ts';
import {
  createDatabaseKey,
  findSlot,
  keyringPath,
  readKeyring,
  removeUserSlot,
  setSlot,
  unwrapKey,
  wrapKey,
  writeKeyring,
  type Keyring,
} from './keyring.ts';
import { generateRecoveryCode } from './recovery-code.ts';

const kdf = fastTestKdfParams;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mowakaba-keyring-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sampleKeyring = async (dbKey = createDatabaseKey()): Promise<Keyring> => ({
  version: 1,
  slots: [
    await wrapKey(dbKey, 'first password', { kind: 'user', userId: 'user-a' }, kdf),
    await wrapKey(dbKey, generateRecoveryCode(), { kind: 'recovery' }, kdf),
  ],
  databaseKey: sealDatabaseKey(createDatabaseKey(), createDatabaseKey()),
  usernames: { amina: 'user-a' },
});

/** Runs a read that must fail, and returns its error. */
const failure = async (read: Promise<unknown>): Promise<CoreError> => {
  const error: unknown = await read.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof CoreError)) throw new Error('expected a CoreError');
  return error;
};

describe('key slots', () => {
  it('gives back the database key for the right password and null for a wrong one', async () => {
    const dbKey = createDatabaseKey();
    expect(dbKey).toHaveLength(32);
    const slot = await wrapKey(dbKey, 'sésame ouvre-toi', { kind: 'user', userId: 'user-a' }, kdf);
    expect(slot).toMatchObject({ kind: 'user', userId: 'user-a', kdf });
    expect(await unwrapKey(slot, 'sésame ouvre-toi')).toEqual(dbKey);
    expect(await unwrapKey(slot, 'sésame ouvre-moi')).toBeNull();
    expect(await unwrapKey(slot, '')).toBeNull();
    expect(JSON.stringify(slot)).not.toContain('sésame');
  });

  it('does not open a slot moved to another user or with its settings edited', async () => {
    const dbKey = createDatabaseKey();
    const slot = await wrapKey(dbKey, 'password', { kind: 'user', userId: 'user-a' }, kdf);
    expect(await unwrapKey({ ...slot, userId: 'user-b' }, 'password')).toBeNull();
    expect(await unwrapKey({ ...slot, kind: 'recovery', userId: null }, 'password')).toBeNull();
    expect(await unwrapKey({ ...slot, kdf: { ...kdf, iterations: 2 } }, 'password')).toBeNull();
  });

  it('opens the recovery slot however the code is typed', async () => {
    const dbKey = createDatabaseKey();
    let code = generateRecoveryCode();
    while (!/[01]/.test(code)) code = generateRecoveryCode();
    const slot = await wrapKey(dbKey, code, { kind: 'recovery' }, kdf);
    expect(slot.userId).toBeNull();
    for (const typed of [code, code.toLowerCase(), code.replaceAll('-', ' '), ` ${code.replaceAll('-', '')} `, code.replaceAll('0', 'O').replaceAll('1', 'l')]) {
      expect(await unwrapKey(slot, typed)).toEqual(dbKey);
    }
    expect(await unwrapKey(slot, generateRecoveryCode())).toBeNull();
  });

  it('refuses to wrap under an empty password or a recovery code of the wrong shape', async () => {
    const dbKey = createDatabaseKey();
    await expect(wrapKey(dbKey, '', { kind: 'user', userId: 'user-a' }, kdf)).rejects.toMatchObject({ code: 'validation' });
    await expect(wrapKey(dbKey, 'ABCD-EFGH', { kind: 'recovery' }, kdf)).rejects.toMatchObject({ code: 'validation' });
    await expect(wrapKey(Buffer.alloc(16), 'password', { kind: 'user', userId: 'user-a' }, kdf)).rejects.toMatchObject({ code: 'internal' });
  });

  it('finds, replaces and removes slots by owner without changing the keyring it was given', async () => {
    const dbKey = createDatabaseKey();
    const keyring = await sampleKeyring(dbKey);
    const original = structuredClone(keyring);
    const newSlot = await wrapKey(dbKey, 'second password', { kind: 'user', userId: 'user-a' }, kdf);
    const replaced = setSlot(keyring, newSlot);
    expect(keyring).toEqual(original);
    expect(replaced.slots).toHaveLength(2);
    expect(findSlot(replaced, { kind: 'user', userId: 'user-a' })).toBe(newSlot);
    expect(findSlot(replaced, { kind: 'recovery' })?.kind).toBe('recovery');

    const added = setSlot(replaced, await wrapKey(dbKey, 'other', { kind: 'user', userId: 'user-b' }, kdf));
    expect(added.slots).toHaveLength(3);
    const removed = removeUserSlot({ ...added, usernames: { amina: 'user-a', karim: 'user-b' } }, 'user-a');
    expect(findSlot(removed, { kind: 'user', userId: 'user-a' })).toBeUndefined();
    expect(findSlot(removed, { kind: 'user', userId: 'user-b' })).toBeDefined();
    expect(removed.usernames).toEqual({ karim: 'user-b' });
    expect(added.slots).toHaveLength(3);
  });
});

describe('keyring file', () => {
  it('lives beside the database and reads back what was written, owner-only, without temp files', async () => {
    const path = keyringPath(dir);
    expect(path).toBe(join(dir, 'keyring.json'));
    const keyring = await sampleKeyring();
    await writeKeyring(path, keyring);
    expect(await readKeyring(path)).toEqual(keyring);
    await writeKeyring(path, setSlot(keyring, await wrapKey(createDatabaseKey(), 'x', { kind: 'user', userId: 'user-b' }, kdf)));
    expect((await readKeyring(path)).slots).toHaveLength(3);
    expect(await readdir(dir)).toEqual(['keyring.json']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('says the key file is missing when there is none', async () => {
    const error = await failure(readKeyring(keyringPath(dir)));
    expect(error).toMatchObject({ code: 'not-found', reason: 'keyring-missing' });
  });

  it('finds nothing under a username that is also an object property name', async () => {
    await writeKeyring(keyringPath(dir), await sampleKeyring());
    const keyring = await readKeyring(keyringPath(dir));
    expect(keyring.usernames?.['constructor']).toBeUndefined();
    expect(keyring.usernames?.['amina']).toBe('user-a');
  });

  it.each<[string, (valid: string) => string]>([
    ['truncated', (valid) => valid.slice(0, Math.floor(valid.length / 2))],
    ['garbage', () => '\u0000\u00ff not json at all'],
    ['empty', () => ''],
    ['null', () => 'null'],
    ['of a newer version', (valid) => valid.replace('"version":1', '"version":2')],
    ['with an unknown field', (valid) => valid.replace('"version":1', '"version":1,"extra":true')],
    ['with a slot without a user', (valid) => valid.replace('"userId":"user-a"', '"userId":null')],
    ['with a short nonce', (valid) => valid.replace(/"nonce":"[^"]+"/, '"nonce":"AAAA"')],
    ['with two slots for one owner', (valid) => valid.replace('"userId":null', '"userId":"user-a"').replace('"kind":"recovery"', '"kind":"user"')],
    ['with absurd Argon2 settings', (valid) => valid.replace('"memoryKiB":1024', '"memoryKiB":99999999999')],
  ])('reports a %s file as damaged and leaves it as it was', async (_name, damage) => {
    const path = keyringPath(dir);
    await writeKeyring(path, await sampleKeyring());
    const damaged = damage(await readFile(path, 'utf8'));
    await writeFile(path, damaged);
    const error = await failure(readKeyring(path));
    expect(error).toMatchObject({ code: 'locked', reason: 'keyring-damaged' });
    expect(error.message).toBe('The key file of this device is damaged; restore a backup or use the recovery code.');
    expect(toErrorShape(error)).toEqual({ code: 'locked', reason: 'keyring-damaged', message: error.message });
    expect(await readFile(path, 'utf8')).toBe(damaged);
  });

  it('refuses to save a malformed keyring or one without slots', async () => {
    const path = keyringPath(dir);
    await expect(writeKeyring(path, { version: 1, slots: [] })).rejects.toMatchObject({ code: 'internal' });
    const keyring = await sampleKeyring();
    await expect(writeKeyring(path, { ...keyring, slots: [...keyring.slots, keyring.slots[0]!] })).rejects.toMatchObject({ code: 'internal' });
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('sealed keyring file', () => {
  it('reads back a sealed file with its seal, and shows no slot or username in the file', async () => {
    const path = keyringPath(dir);
    const seal = randomBytes(32);
    const keyring = await sampleKeyring();
    await writeKeyring(path, keyring, seal);
    const onDisk = await readFile(path, 'utf8');
    expect(JSON.parse(onDisk)).toMatchObject({ sealed: 1 });
    expect(onDisk).not.toContain('amina');
    expect(onDisk).not.toContain(keyring.slots[0]!.ciphertext);
    expect(await readKeyring(path, seal)).toEqual(keyring);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('says the file is sealed when no seal is at hand', async () => {
    const path = keyringPath(dir);
    await writeKeyring(path, await sampleKeyring(), randomBytes(32));
    const error = await failure(readKeyring(path));
    expect(error).toMatchObject({ code: 'locked', reason: 'keyring-sealed' });
  });

  it.each<[string, (envelope: Record<string, string | number>) => void]>([
    ['an edited ciphertext', (envelope) => {
      const bytes = Buffer.from(String(envelope.ciphertext), 'base64');
      bytes[5] = (bytes[5] ?? 0) ^ 1;
      envelope.ciphertext = bytes.toString('base64');
    }],
    ['an edited tag', (envelope) => {
      envelope.tag = randomBytes(16).toString('base64');
    }],
    ['a missing nonce', (envelope) => {
      delete envelope.nonce;
    }],
  ])('reports a sealed file with %s as damaged and leaves it as it was', async (_name, edit) => {
    const path = keyringPath(dir);
    const seal = randomBytes(32);
    await writeKeyring(path, await sampleKeyring(), seal);
    const envelope = JSON.parse(await readFile(path, 'utf8')) as Record<string, string | number>;
    edit(envelope);
    const damaged = JSON.stringify(envelope);
    await writeFile(path, damaged);
    expect(await failure(readKeyring(path, seal))).toMatchObject({ code: 'locked', reason: 'keyring-damaged' });
    expect(await readFile(path, 'utf8')).toBe(damaged);
  });

  it('does not open with another seal', async () => {
    const path = keyringPath(dir);
    await writeKeyring(path, await sampleKeyring(), randomBytes(32));
    expect(await failure(readKeyring(path, randomBytes(32)))).toMatchObject({ code: 'locked', reason: 'keyring-damaged' });
  });

  it('reads an unsealed file with a seal given, and seals it on the next write', async () => {
    const path = keyringPath(dir);
    const seal = randomBytes(32);
    const keyring = await sampleKeyring();
    await writeKeyring(path, keyring);
    const migrated = await readKeyring(path, seal);
    expect(migrated).toEqual(keyring);
    await writeKeyring(path, migrated, seal);
    expect(JSON.parse(await readFile(path, 'utf8'))).toHaveProperty('sealed', 1);
    expect(await readKeyring(path, seal)).toEqual(keyring);
  });
});

describe('the device slot of a joined store', () => {
  it('wraps the key under the server’s 32-byte device secret, and keeps the server beside the slots', async () => {
    const key = createDatabaseKey();
    const secret = randomBytes(32).toString('base64');
    const slot = await wrapKey(key, secret, { kind: 'device' }, kdf);
    expect(slot).toMatchObject({ kind: 'device', userId: null });
    expect(await unwrapKey(slot, secret)).toEqual(key);
    expect(await unwrapKey(slot, randomBytes(32).toString('base64'))).toBeNull();
    await expect(wrapKey(key, 'a password, not a device secret', { kind: 'device' }, kdf)).rejects.toMatchObject({ code: 'internal' });

    const path = keyringPath(dir);
    const keyring: Keyring = {
      ...(await sampleKeyring()),
      sync: { server: 'https://zagora.example', deviceId: '0190f0e6-8a4e-7d6a-9a0e-3f6f2a1b2c3d', deviceName: 'Laptop' },
    };
    await writeKeyring(path, setSlot(keyring, slot));
    const read = await readKeyring(path);
    expect(read.sync).toEqual(keyring.sync);
    expect(findSlot(read, { kind: 'device' })?.id).toBe(slot.id);
    // One device slot only: a second replaces the first.
    const again = setSlot(read, await wrapKey(key, secret, { kind: 'device' }, kdf));
    expect(again.slots.filter((candidate) => candidate.kind === 'device')).toHaveLength(1);
  });
});
