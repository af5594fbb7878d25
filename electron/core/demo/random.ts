/**
 * A small seeded pseudo-random generator for demo and benchmark data: the same seed gives the
 * same sequence on every machine. It is sfc32 (Chris Doty-Humphrey's "small fast counting"
 * generator, 128-bit state), fast and statistically decent, and NOT cryptographic: never use it
 * for keys, salts, passwords, recovery codes or anything secret (use node:crypto for those).
 */

export interface Random {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T;
  /** One value, chosen with probability proportional to its weight (weights ≥ 0, not all 0). */
  weighted<T>(pairs: readonly (readonly [T, number])[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A normally distributed number (Box–Muller), optionally clipped to [min, max]. */
  normal(mean: number, sd: number, min?: number, max?: number): number;
  /** A Poisson-distributed count with mean `lambda` (Knuth's method: for small means only). */
  poisson(lambda: number): number;
  /** A copy of `items` in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
}

/** Mixes a number into a well-spread 32-bit value (splitmix32 finaliser). */
export const hash32 = (value: number): number => {
  let z = (value + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
};

/** A seed for an independent stream derived from `seed` (e.g. one stream for rows, one for activity). */
export const deriveSeed = (seed: number, stream: number): number => hash32(hash32(seed) ^ Math.imul(stream + 1, 0x85ebca6b));

/** A seeded generator; `seed` is any number (its integer part is used). */
export const createRandom = (seed: number): Random => {
  const base = Math.trunc(seed);
  let a = hash32(base);
  let b = hash32(a ^ 0x6a09e667);
  let c = hash32(b ^ 0xbb67ae85);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Drops the first outputs, which still echo the seed.
  for (let i = 0; i < 12; i += 1) next();

  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new RangeError('pick() needs a non-empty array.');
    return items[Math.floor(next() * items.length)] as T;
  };
  const weighted = <T>(pairs: readonly (readonly [T, number])[]): T => {
    let total = 0;
    for (const [, weight] of pairs) total += weight;
    if (!(total > 0)) throw new RangeError('weighted() needs at least one positive weight.');
    let roll = next() * total;
    for (const [value, weight] of pairs) {
      roll -= weight;
      if (roll < 0) return value;
    }
    // Rounding left a sliver: the last positive weight takes it.
    for (let index = pairs.length - 1; index >= 0; index -= 1) {
      const pair = pairs[index];
      if (pair && pair[1] > 0) return pair[0];
    }
    throw new RangeError('unreachable');
  };
  const chance = (p: number): boolean => next() < p;
  const normal = (mean: number, sd: number, min = -Infinity, max = Infinity): number => {
    const u = 1 - next(); // (0, 1]: log(0) is not a number
    const v = next();
    const value = mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return Math.min(max, Math.max(min, value));
  };
  const poisson = (lambda: number): number => {
    if (!(lambda > 0)) return 0;
    const limit = Math.exp(-lambda);
    let count = 0;
    let product = next();
    while (product > limit) {
      count += 1;
      product *= next();
    }
    return count;
  };
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let index = copy.length - 1; index > 0; index -= 1) {
      const other = Math.floor(next() * (index + 1));
      [copy[index], copy[other]] = [copy[other] as T, copy[index] as T];
    }
    return copy;
  };
  return { next, int, pick, weighted, chance, normal, poisson, shuffle };
};
