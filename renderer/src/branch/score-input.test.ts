import { describe, expect, it } from 'vitest';
import { parseScore } from './score-input.ts';

describe('parseScore', () => {
  it('reads an empty field as any score', () => {
    expect(parseScore('  ')).toBeNull();
  });

  it('takes a point, a comma or the Arabic separator, and Arabic-Indic digits', () => {
    expect(parseScore('9.32')).toBe(9.32);
    expect(parseScore('9,32')).toBe(9.32);
    expect(parseScore('٩٫٣٢')).toBe(9.32);
    expect(parseScore('۱۰')).toBe(10);
  });

  it('refuses what is not a plain decimal number', () => {
    for (const text of ['abc', '9.3.2', '-1', '1e3', '9.']) expect(parseScore(text)).toBeUndefined();
  });
});
