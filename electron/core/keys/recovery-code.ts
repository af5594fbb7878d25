import { randomBytes } from 'node:crypto';

// Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand has fewer lookalikes.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const codeBytes = 15; // 120 bits, exactly 24 characters
const groupSize = 4;

/** A fresh recovery code: 120 random bits as six groups of four Crockford base32 characters. */
export const generateRecoveryCode = (): string => {
  const bytes = randomBytes(codeBytes);
  let bits = 0;
  let value = 0;
  let chars = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      chars += alphabet[(value >>> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return chars.match(new RegExp(`.{1,${groupSize}}`, 'g'))?.join('-') ?? chars;
};

const arabicIndicZero = 0x0660;
const easternArabicIndicZero = 0x06f0;

/** The canonical form fed to the KDF: separators gone, upper case, lookalikes (O, I, L, Arabic-Indic digits) mapped. */
export const normalizeRecoveryCode = (input: string): string =>
  input
    .normalize('NFKC')
    .replace(/[\s\-\u2010-\u2015\u2212_.]/gu, '')
    .replace(/[\u0660-\u0669\u06f0-\u06f9]/gu, (digit) => {
      const code = digit.codePointAt(0) ?? 0;
      return String(code >= easternArabicIndicZero ? code - easternArabicIndicZero : code - arabicIndicZero);
    })
    .toUpperCase()
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');

/** Whether a normalised code has the shape of one this app generates (so a typo is not wrapped as a key). */
export const isRecoveryCodeShape = (normalized: string): boolean => new RegExp(`^[${alphabet}]{24}$`).test(normalized);
