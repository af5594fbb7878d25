import { hashRaw, type Algorithm, type Version } from '@node-rs/argon2';
import { CoreError } from '../errors.ts';

/** How a key slot's wrapping key is derived from its secret; stored in the slot so it can change. */
export interface KdfParams {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/**
 * Argon2id, 128 MiB, 8 passes: ≈ 0.35 s per derivation on the 2-core reference machine, cold or warm.
 * (64 MiB × 4 took only ≈ 0.08 s there; 256 MiB × 3 took 0.3 s warm but up to 1.1 s on a fresh process.)
 */
export const defaultKdfParams: KdfParams = Object.freeze({ algorithm: 'argon2id', memoryKiB: 131_072, iterations: 8, parallelism: 1 });

/** Far too weak for real keys; only so tests do not spend seconds per slot. */
export const fastTestKdfParams: KdfParams = Object.freeze({ algorithm: 'argon2id', memoryKiB: 1024, iterations: 1, parallelism: 1 });

// The package declares these as ambient const enums, which isolated modules cannot read; the types still check the values.
const argon2id: Algorithm = 2 satisfies Algorithm.Argon2id;
const version0x13: Version = 1 satisfies Version.V0x13;

export const keyBytes = 32;
export const minSaltBytes = 16;

/** Bounds a stored slot may ask for: below them Argon2 refuses, above them unlocking would hang or exhaust memory. */
export const kdfLimits = {
  memoryKiB: { min: 1024, max: 4_194_304 },
  iterations: { min: 1, max: 64 },
  parallelism: { min: 1, max: 16 },
} as const;

const withinLimits = (params: KdfParams): boolean =>
  params.algorithm === 'argon2id' &&
  (['memoryKiB', 'iterations', 'parallelism'] as const).every(
    (name) => Number.isSafeInteger(params[name]) && params[name] >= kdfLimits[name].min && params[name] <= kdfLimits[name].max,
  );

/** Derives a 32-byte key from a secret (NFC-normalised, so the same password typed on any keyboard matches). */
export const deriveKey = async (secret: string, salt: Buffer, params: KdfParams): Promise<Buffer> => {
  if (!withinLimits(params)) throw new CoreError('internal', 'The key derivation settings are out of range.');
  if (salt.length < minSaltBytes) throw new CoreError('internal', 'The key derivation salt is too short.');
  const key = await hashRaw(Buffer.from(secret.normalize('NFC'), 'utf8'), {
    algorithm: argon2id,
    version: version0x13,
    memoryCost: params.memoryKiB,
    timeCost: params.iterations,
    parallelism: params.parallelism,
    outputLen: keyBytes,
    salt,
  });
  return key;
};
