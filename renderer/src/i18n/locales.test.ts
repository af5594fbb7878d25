import { describe, expect, it } from 'vitest';
import { messages } from './index.ts';

const { ar, fr, en } = messages;

const keysOf = (value: unknown, prefix = ''): string[] =>
  value && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, item]) => keysOf(item, prefix ? `${prefix}.${key}` : key))
    : [prefix];

describe('locales', () => {
  it('have the same keys in Arabic, French and English', () => {
    const arabic = keysOf(ar).sort();
    expect(keysOf(fr).sort()).toEqual(arabic);
    expect(keysOf(en).sort()).toEqual(arabic);
  });

  it('translate every error code of the contract', async () => {
    const { errorCodes } = await import('../../../shared/contract/index.ts');
    for (const locale of [ar, fr, en]) {
      for (const code of errorCodes) expect(locale.errors[code]).toBeTruthy();
    }
  });

  it('leave no Arabic string empty or in Latin script only', () => {
    const values = keysOf(ar).map((key) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], ar));
    for (const value of values) expect(value).toMatch(/[\u0600-\u06FF]/);
  });
});
