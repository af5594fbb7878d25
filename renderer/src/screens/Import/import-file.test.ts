import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './import-file.ts';

const oneShot = (bytes: Uint8Array) => btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));

describe('bytesToBase64', () => {
  it('encodes across chunk boundaries exactly as in one piece', () => {
    const bytes = Uint8Array.from({ length: 3 * 8192 * 2 + 7 }, (_, index) => (index * 31) % 256);
    expect(bytesToBase64(bytes)).toBe(oneShot(bytes));
    expect(bytesToBase64(new Uint8Array())).toBe('');
    const arabic = new TextEncoder().encode('فاطمة');
    expect(new TextDecoder().decode(Uint8Array.from(atob(bytesToBase64(arabic)), (char) => char.charCodeAt(0)))).toBe('فاطمة');
  });
});
