import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { CoreError } from '../errors.ts';
import { isErrnoCode, writeFileAtomic } from './atomic-file.ts';
import type { SealedDatabaseKey } from './database-key.ts';
import { defaultKdfParams, deriveKey, kdfLimits, keyBytes, type KdfParams } from './kdf.ts';
import { isRecoveryCodeShape, normalizeRecoveryCode } from './recovery-code.ts';

/** The database key wrapped under one secret (base64 fields); AES-256-GCM bound to its owner. */
export interface KeySlot {
  id: string;
  /** `device`: under the secret the sync server gives this device, for a new user's first online sign-in. */
  kind: 'user' | 'recovery' | 'device';
  userId: string | null;
  kdf: KdfParams;
  salt: string;
  nonce: string;
  ciphertext: string;
  tag: string;
}

/** Every slot of this device (one per user, at most one recovery slot) and what the session layer keeps beside them. */
export interface Keyring {
  version: 1;
  slots: KeySlot[];
  /** The database key sealed under the key the slots wrap (see database-key.ts). */
  databaseKey?: SealedDatabaseKey;
  /** Kept only while a rekey is under way, so an interrupted one can still open the store. */
  previousDatabaseKey?: SealedDatabaseKey;
  /** Username → user id, so an unlock finds its slot before the store is open. */
  usernames?: Record<string, string>;
  /** Set on a store that joined a branch server: readable while the store is locked. */
  sync?: KeyringSync;
}

/** The branch server a joined store syncs with, and this device's id and name there. */
export interface KeyringSync {
  server: string;
  deviceId: string;
  deviceName?: string;
}

export type SlotOwner = { kind: 'user'; userId: string } | { kind: 'recovery' } | { kind: 'device' };

const saltBytes = 16;
const nonceBytes = 12;
const tagBytes = 16;
const maxKeyringFileBytes = 1024 * 1024;

const isBase64Of = (value: string, bytes?: number): boolean => {
  const decoded = Buffer.from(value, 'base64');
  // Re-encoding rejects stray characters and padding that Buffer would silently skip.
  return decoded.toString('base64') === value && (bytes === undefined ? decoded.length > 0 : decoded.length === bytes);
};
const base64Of = (bytes?: number) => z.string().refine((value) => isBase64Of(value, bytes), 'not the expected base64 value');
const boundedInt = (limits: { min: number; max: number }) => z.int().min(limits.min).max(limits.max);

const kdfSchema = z
  .object({
    algorithm: z.literal('argon2id'),
    memoryKiB: boundedInt(kdfLimits.memoryKiB),
    iterations: boundedInt(kdfLimits.iterations),
    parallelism: boundedInt(kdfLimits.parallelism),
  })
  .strict();

const slotSchema: z.ZodType<KeySlot> = z
  .object({
    id: z.string().min(1).max(64),
    kind: z.enum(['user', 'recovery', 'device']),
    userId: z.string().min(1).max(200).nullable(),
    kdf: kdfSchema,
    salt: base64Of(saltBytes),
    nonce: base64Of(nonceBytes),
    ciphertext: base64Of(keyBytes),
    tag: base64Of(tagBytes),
  })
  .strict()
  .refine((slot) => (slot.kind === 'user') === (slot.userId !== null), 'a user slot needs a user id, other slots none');

const ownerKey = (slot: Pick<KeySlot, 'kind' | 'userId'>): string => (slot.kind === 'user' ? `user:${slot.userId ?? ''}` : slot.kind);

const sealedDatabaseKeySchema = z
  .object({ nonce: base64Of(nonceBytes), ciphertext: base64Of(keyBytes), tag: base64Of(tagBytes) })
  .strict();

const name = z.string().min(1).max(200);

const keyringSchema: z.ZodType<Keyring> = z
  .object({
    version: z.literal(1),
    slots: z.array(slotSchema).max(10_000),
    databaseKey: sealedDatabaseKeySchema.optional(),
    previousDatabaseKey: sealedDatabaseKeySchema.optional(),
    // Without a prototype, a lookup of a name like "constructor" finds nothing instead of a function.
    usernames: z
      .record(name, name)
      .transform((usernames): Record<string, string> => Object.assign(Object.create(null) as Record<string, string>, usernames))
      .optional(),
    sync: z.object({ server: z.string().min(1).max(300), deviceId: z.uuid(), deviceName: z.string().min(1).max(100).optional() }).strict().optional(),
  })
  .strict()
  .refine((keyring) => new Set(keyring.slots.map(ownerKey)).size === keyring.slots.length, 'two slots for one owner')
  .refine((keyring) => new Set(keyring.slots.map((slot) => slot.id)).size === keyring.slots.length, 'two slots with one id');

const sealedSchema = z
  .object({ sealed: z.literal(1), nonce: base64Of(nonceBytes), ciphertext: base64Of(), tag: base64Of(tagBytes) })
  .strict();

const damaged = (): CoreError =>
  new CoreError('locked', 'The key file of this device is damaged; restore a backup or use the recovery code.', undefined, {
    reason: 'keyring-damaged',
  });

/** 32 fresh random bytes: the database key is never derived from a password. */
export const createDatabaseKey = (): Buffer => randomBytes(keyBytes);

// Binds the ciphertext to its owner and KDF settings, so a slot moved to another user or edited fails to open.
const slotAad = (slot: Pick<KeySlot, 'kind' | 'userId' | 'kdf'>): Buffer =>
  Buffer.from(
    JSON.stringify(['mowakaba:key-slot:v1', slot.kind, slot.userId, slot.kdf.algorithm, slot.kdf.memoryKiB, slot.kdf.iterations, slot.kdf.parallelism]),
  );

const secretFor = (kind: KeySlot['kind'], secret: string): string => (kind === 'recovery' ? normalizeRecoveryCode(secret) : secret);

/** A device secret is the server's 32 random bytes as base64. */
const isDeviceSecret = (secret: string): boolean => isBase64Of(secret, keyBytes);

/** Wraps the database key under a password (user slot), a recovery code (normalised first) or a device secret. */
export const wrapKey = async (dbKey: Buffer, secret: string, owner: SlotOwner, params: KdfParams = defaultKdfParams): Promise<KeySlot> => {
  if (dbKey.length !== keyBytes) throw new CoreError('internal', 'A database key must be 32 bytes.');
  if (owner.kind === 'user' && owner.userId.length === 0) throw new CoreError('internal', 'A user slot needs a user id.');
  const material = secretFor(owner.kind, secret);
  if (owner.kind === 'user' && material.length === 0) throw new CoreError('validation', 'A password is required.');
  if (owner.kind === 'recovery' && !isRecoveryCodeShape(material)) {
    throw new CoreError('validation', 'The recovery code is not in the expected form.');
  }
  if (owner.kind === 'device' && !isDeviceSecret(material)) throw new CoreError('internal', 'A device secret must be 32 bytes.');
  const header = { id: uuidv7(), kind: owner.kind, userId: owner.kind === 'user' ? owner.userId : null, kdf: { ...params } };
  const salt = randomBytes(saltBytes);
  const nonce = randomBytes(nonceBytes);
  const wrappingKey = await deriveKey(material, salt, header.kdf);
  try {
    const cipher = createCipheriv('aes-256-gcm', wrappingKey, nonce).setAAD(slotAad(header));
    const ciphertext = Buffer.concat([cipher.update(dbKey), cipher.final()]);
    return {
      ...header,
      salt: salt.toString('base64'),
      nonce: nonce.toString('base64'),
      ciphertext: ciphertext.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
    };
  } finally {
    wrappingKey.fill(0);
  }
};

/** The database key from a slot, or null when the secret is wrong (or the slot was moved or edited). */
export const unwrapKey = async (slot: KeySlot, secret: string): Promise<Buffer | null> => {
  if (!slotSchema.safeParse(slot).success) throw damaged();
  const material = secretFor(slot.kind, secret);
  if (material.length === 0) return null;
  const wrappingKey = await deriveKey(material, Buffer.from(slot.salt, 'base64'), slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey, Buffer.from(slot.nonce, 'base64'), { authTagLength: tagBytes });
    decipher.setAAD(slotAad(slot)).setAuthTag(Buffer.from(slot.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(slot.ciphertext, 'base64')), decipher.final()]);
  } catch {
    return null;
  } finally {
    wrappingKey.fill(0);
  }
};

const ownerOf = (owner: SlotOwner): Pick<KeySlot, 'kind' | 'userId'> =>
  owner.kind === 'user' ? { kind: 'user', userId: owner.userId } : { kind: owner.kind, userId: null };

/** The slot of one user, the recovery slot or the device slot. */
export const findSlot = (keyring: Keyring, owner: SlotOwner): KeySlot | undefined => {
  const wanted = ownerKey(ownerOf(owner));
  return keyring.slots.find((slot) => ownerKey(slot) === wanted);
};

/** A new keyring with this slot in place of the one with the same owner (or added). */
export const setSlot = (keyring: Keyring, slot: KeySlot): Keyring => {
  const owner = ownerKey(slot);
  const replaced = keyring.slots.some((existing) => ownerKey(existing) === owner);
  return {
    ...keyring,
    slots: replaced ? keyring.slots.map((existing) => (ownerKey(existing) === owner ? slot : existing)) : [...keyring.slots, slot],
  };
};

/** A new keyring without this user's slot (nor the usernames that pointed at it). */
export const removeUserSlot = (keyring: Keyring, userId: string): Keyring => {
  const slots = keyring.slots.filter((slot) => !(slot.kind === 'user' && slot.userId === userId));
  if (!keyring.usernames) return { ...keyring, slots };
  const usernames = Object.fromEntries(Object.entries(keyring.usernames).filter(([, id]) => id !== userId));
  return { ...keyring, slots, usernames };
};

export const keyringPath = (dataDir: string): string => join(dataDir, 'keyring.json');

const sealAad = Buffer.from('mowakaba:keyring-seal:v1');

const checkSeal = (seal: Buffer): void => {
  if (seal.length !== keyBytes) throw new CoreError('internal', 'The keyring seal must be 32 bytes.');
};

const utf8 = new TextDecoder('utf-8', { fatal: true });

const parseJson = (bytes: Uint8Array): unknown => {
  try {
    return JSON.parse(utf8.decode(bytes));
  } catch {
    throw damaged();
  }
};

const toKeyring = (value: unknown): Keyring => {
  const parsed = keyringSchema.safeParse(value);
  if (!parsed.success) throw damaged();
  return parsed.data;
};

const unseal = (envelope: z.infer<typeof sealedSchema>, seal: Buffer): Buffer => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', seal, Buffer.from(envelope.nonce, 'base64'), { authTagLength: tagBytes });
    decipher.setAAD(sealAad).setAuthTag(Buffer.from(envelope.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(envelope.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw damaged();
  }
};

/**
 * Reads and strictly checks the key file; never repairs or rewrites it. An unsealed file is
 * accepted even when a seal is given, so the next write can seal it.
 */
export const readKeyring = async (path: string, seal?: Buffer): Promise<Keyring> => {
  if (seal) checkSeal(seal);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) {
      throw new CoreError('not-found', 'This device has no key file yet.', undefined, { reason: 'keyring-missing' });
    }
    throw new CoreError('internal', 'The key file of this device cannot be read.', undefined, { reason: 'keyring-unreadable' });
  }
  if (bytes.length > maxKeyringFileBytes) throw damaged();
  const outer = parseJson(bytes);
  if (typeof outer !== 'object' || outer === null || !('sealed' in outer)) return toKeyring(outer);
  const envelope = sealedSchema.safeParse(outer);
  if (!envelope.success) throw damaged();
  if (!seal) {
    throw new CoreError('locked', "The key file of this device is sealed by the system's key store, which is not available now.", undefined, {
      reason: 'keyring-sealed',
    });
  }
  return toKeyring(parseJson(unseal(envelope.data, seal)));
};

/** Saves the key file atomically (0600), sealed with AES-256-GCM when a seal is given. */
export const writeKeyring = async (path: string, keyring: Keyring, seal?: Buffer): Promise<void> => {
  if (seal) checkSeal(seal);
  const checked = keyringSchema.safeParse(keyring);
  if (!checked.success) throw new CoreError('internal', 'Refusing to save a malformed key file.');
  // A key file without slots would make the case store unopenable for good.
  if (checked.data.slots.length === 0) throw new CoreError('internal', 'Refusing to save a key file without key slots.');
  const json = JSON.stringify(checked.data);
  if (!seal) return writeFileAtomic(path, `${json}\n`);
  const nonce = randomBytes(nonceBytes);
  const cipher = createCipheriv('aes-256-gcm', seal, nonce).setAAD(sealAad);
  const ciphertext = Buffer.concat([cipher.update(json, 'utf8'), cipher.final()]);
  const envelope = { sealed: 1, nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
  return writeFileAtomic(path, `${JSON.stringify(envelope)}\n`);
};
