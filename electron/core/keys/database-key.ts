import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';

/**
 * Two levels of keys: key slots wrap the device's master key (one per user, one for recovery);
 * the master key wraps the database key. Rekeying the database then changes only this blob,
 * and no user needs a new password.
 */
export const sealedDatabaseKeySchema = z
  .object({ nonce: z.string().min(1), ciphertext: z.string().min(1), tag: z.string().min(1) })
  .strict();
export type SealedDatabaseKey = z.infer<typeof sealedDatabaseKeySchema>;

const aad = Buffer.from('mowakaba:database-key:v1');

/** Encrypts the database key under the master key (AES-256-GCM). */
export const sealDatabaseKey = (masterKey: Buffer, databaseKey: Buffer): SealedDatabaseKey => {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', masterKey, nonce).setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(databaseKey), cipher.final()]);
  return { nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
};

/** Decrypts the database key; null when the blob was not sealed with this master key or was altered. */
export const openDatabaseKey = (masterKey: Buffer, sealed: SealedDatabaseKey): Buffer | null => {
  try {
    const decipher = createDecipheriv('aes-256-gcm', masterKey, Buffer.from(sealed.nonce, 'base64')).setAAD(aad);
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    const key = Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]);
    return key.length === 32 ? key : null;
  } catch {
    return null;
  }
};
