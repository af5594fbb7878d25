import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { openBundle, readBundleHeader, sealBundle } from './bundle.ts';

const key = () => crypto.getRandomValues(new Uint8Array(32));
const header = {
  direction: 'to-server' as const,
  device_id: '0190f0e6-8a4e-7d6a-9a0e-3f6f2a1b2c3d',
  branch_id: 'b1',
  created_at: '2026-11-23T10:00:00.000Z',
};
const schema = z.object({ changes: z.array(z.number()) });

describe('USB bundles', () => {
  it('opens with the key that sealed it and names its device in clear', async () => {
    const k = key();
    const file = await sealBundle(header, { changes: [1, 2, 3] }, k);
    expect(readBundleHeader(file).header.device_id).toBe(header.device_id);
    const opened = await openBundle(file, k, schema);
    expect(opened.payload.changes).toEqual([1, 2, 3]);
    expect(new TextDecoder().decode(file)).not.toContain('changes');
  });

  it('refuses another key, an altered header, altered bytes and a file that is not a bundle', async () => {
    const k = key();
    const file = await sealBundle(header, { changes: [1] }, k);
    await expect(openBundle(file, key(), schema)).rejects.toMatchObject({ reason: 'wrong-key' });
    const altered = file.slice();
    altered[altered.length - 1] = (altered.at(-1) ?? 0) ^ 1;
    await expect(openBundle(altered, k, schema)).rejects.toMatchObject({ reason: 'wrong-key' });
    const text = new TextDecoder().decode(file.subarray(0, readBundleHeader(file).headerLength)).replace('to-server', 'to-device');
    const renamed = new Uint8Array([...new TextEncoder().encode(text), ...file.subarray(readBundleHeader(file).headerLength)]);
    await expect(openBundle(renamed, k, schema)).rejects.toMatchObject({ reason: 'wrong-key' });
    expect(() => readBundleHeader(new TextEncoder().encode('hello\nworld'))).toThrow(/not a Mowakaba bundle/);
  });

  it('refuses a payload that does not match the expected shape', async () => {
    const k = key();
    const file = await sealBundle(header, { changes: ['x'] }, k);
    await expect(openBundle(file, k, schema)).rejects.toMatchObject({ reason: 'invalid-payload' });
  });
});
