import { hash, verify, type Algorithm, type Options } from '@node-rs/argon2';

/** `test` is a light setting for test suites only; `default` follows OWASP's Argon2id advice. */
export type PasswordHashCost = 'default' | 'test';

// The package declares these as ambient const enums, which isolated modules cannot read; the type still checks the value.
const argon2id: Algorithm = 2 satisfies Algorithm.Argon2id;

const costs: Record<PasswordHashCost, Options> = {
  default: { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  test: { algorithm: argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
};

const normalise = (password: string): string => password.normalize('NFC');

/** Hashes a password with Argon2id (PHC string with its own salt and settings). */
export const hashPassword = (password: string, cost: PasswordHashCost): Promise<string> => hash(normalise(password), costs[cost]);

/** Whether `password` matches `stored`; false for a malformed hash rather than a crash. */
export const verifyPassword = (stored: string, password: string): Promise<boolean> => verify(stored, normalise(password)).catch(() => false);

const decoys = new Map<PasswordHashCost, Promise<string>>();

/** Spends the time of a real check when there is no account, so timing does not reveal which names exist. */
export const verifyDecoy = async (password: string, cost: PasswordHashCost): Promise<false> => {
  const decoy = decoys.get(cost) ?? hashPassword('decoy password never used', cost);
  decoys.set(cost, decoy);
  await verifyPassword(await decoy, password);
  return false;
};
