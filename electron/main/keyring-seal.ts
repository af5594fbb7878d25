import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createFileAtomic, isErrnoCode } from '../core/keys/atomic-file.ts';

/** The part of Electron's `safeStorage` used here, so tests can pass a fake. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

export const sealFileName = 'keyring-seal.bin';
// keyringPath() in core/keys/keyring.ts names the same file; importing it would load Argon2 into the main process.
const keyringFileName = 'keyring.json';

// On Linux these backends keep the secret in clear text (or cannot say): no protection, so no seal.
const unprotectedLinuxBackends = new Set(['basic_text', 'unknown']);

const damagedSeal = (): Error =>
  new Error(
    `The key-file seal (${sealFileName}) of this device cannot be read; the system key store may have changed. Restore a backup or use the recovery code.`,
  );

const openSeal = (safeStorage: SafeStorageLike, encrypted: Buffer): Buffer => {
  let hex: string;
  try {
    hex = safeStorage.decryptString(encrypted);
  } catch {
    throw damagedSeal();
  }
  if (!/^[0-9a-f]{64}$/.test(hex)) throw damagedSeal();
  return Buffer.from(hex, 'hex');
};

const readIfPresent = async (path: string): Promise<Buffer | undefined> => {
  try {
    return await readFile(path);
  } catch (error) {
    if (isErrnoCode(error, 'ENOENT')) return undefined;
    throw damagedSeal();
  }
};

const isSealedKeyring = async (path: string): Promise<boolean> => {
  const bytes = await readIfPresent(path).catch(() => undefined);
  if (!bytes) return false;
  try {
    const parsed: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && 'sealed' in parsed;
  } catch {
    return false;
  }
};

/**
 * The 32-byte seal for the keyring, kept encrypted by the OS key store (created on first use);
 * undefined where the OS offers no real protection. Never overwrites an existing seal file.
 */
export const loadKeyringSeal = async (
  safeStorage: SafeStorageLike,
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<Buffer | undefined> => {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (platform === 'linux' && unprotectedLinuxBackends.has(safeStorage.getSelectedStorageBackend?.() ?? 'unknown')) return undefined;
  const path = join(dataDir, sealFileName);
  const existing = await readIfPresent(path);
  if (existing) return openSeal(safeStorage, existing);
  // A sealed keyring without its seal is not a first start: a new seal could never open it.
  if (await isSealedKeyring(join(dataDir, keyringFileName))) throw damagedSeal();
  const seal = randomBytes(32);
  const created = await createFileAtomic(path, safeStorage.encryptString(seal.toString('hex')));
  if (created) return seal;
  seal.fill(0);
  // Another start of the app created it first: its seal is the one in use.
  return openSeal(safeStorage, await readFile(path));
};
