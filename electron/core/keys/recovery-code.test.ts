import { describe, expect, it } from 'vitest';
import { generateRecoveryCode, isRecoveryCodeShape, normalizeRecoveryCode } from './recovery-code.ts';

describe('recovery codes', () => {
  it('are six groups of four Crockford base32 characters (120 bits), fresh each time', () => {
    const codes = new Set(Array.from({ length: 200 }, generateRecoveryCode));
    expect(codes.size).toBe(200);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){5}$/);
      expect(isRecoveryCodeShape(normalizeRecoveryCode(code))).toBe(true);
    }
  });

  it('uses the whole alphabet, so no bits are lost to a biased encoding', () => {
    const seen = new Set(Array.from({ length: 200 }, generateRecoveryCode).join('').replaceAll('-', ''));
    expect(seen.size).toBe(32);
  });

  it('normalises what people type: case, spaces, dashes and lookalike letters', () => {
    expect(normalizeRecoveryCode('abcd-efgh')).toBe('ABCDEFGH');
    expect(normalizeRecoveryCode(' 0o1i -lL 9z ')).toBe('0011119Z');
    expect(normalizeRecoveryCode('AB\u2013CD\u00a0EF')).toBe('ABCDEF');
    expect(normalizeRecoveryCode('\u0661\u0662\u06f3\u06f4')).toBe('1234');
    expect(normalizeRecoveryCode('\uff21\uff22')).toBe('AB');
  });

  it('gives the same normalised form for a code typed in a sloppy way', () => {
    const code = generateRecoveryCode();
    const sloppy = code.toLowerCase().replaceAll('-', ' ').replaceAll('0', 'o').replaceAll('1', 'l');
    expect(normalizeRecoveryCode(sloppy)).toBe(normalizeRecoveryCode(code));
  });
});
