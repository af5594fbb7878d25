import type { z } from 'zod';
import { bundleHeaderSchema, type BundleHeader } from './api.ts';

/**
 * Seals and opens USB bundle files with Web Crypto's AES-256-GCM (the same code on the device and
 * on the server; no hand-written crypto). Layout: header JSON line, `\n`, ciphertext with its tag.
 */

export class BundleError extends Error {
  // A plain field, not a parameter property: Node runs this file with type stripping only.
  readonly reason: 'malformed' | 'wrong-key' | 'invalid-payload';

  constructor(reason: BundleError['reason'], message: string) {
    super(message);
    this.reason = reason;
  }
}

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

const importKey = (key: Uint8Array<ArrayBuffer>): Promise<CryptoKey> => {
  if (key.byteLength !== 32) throw new BundleError('wrong-key', 'A bundle key is 32 bytes.');
  return crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt', 'decrypt']);
};

/** Seals `payload` for the device and direction named in `header`. */
export const sealBundle = async (
  header: Omit<BundleHeader, 'format' | 'version' | 'iv'>,
  payload: unknown,
  key: Uint8Array<ArrayBuffer>,
): Promise<Uint8Array<ArrayBuffer>> => {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const line = JSON.stringify(bundleHeaderSchema.parse({ format: 'mowakaba-bundle', version: 1, ...header, iv: toBase64(iv) }));
  const headerBytes = new TextEncoder().encode(`${line}\n`);
  const plain = new TextEncoder().encode(JSON.stringify(payload));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: headerBytes }, await importKey(key), plain),
  );
  const file = new Uint8Array(headerBytes.byteLength + sealed.byteLength);
  file.set(headerBytes, 0);
  file.set(sealed, headerBytes.byteLength);
  return file;
};

/** Reads the clear header (to find the device's key) without opening the payload. */
export const readBundleHeader = (file: Uint8Array): { header: BundleHeader; headerLength: number } => {
  const newline = file.indexOf(10);
  if (newline <= 0 || newline > 4096) throw new BundleError('malformed', 'This file is not a Mowakaba bundle.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(file.subarray(0, newline)));
  } catch {
    throw new BundleError('malformed', 'This file is not a Mowakaba bundle.');
  }
  const header = bundleHeaderSchema.safeParse(parsed);
  if (!header.success) throw new BundleError('malformed', 'This file is not a Mowakaba bundle.');
  return { header: header.data, headerLength: newline + 1 };
};

/** Opens a bundle with the device's key and validates its payload against `schema`. */
export const openBundle = async <S extends z.ZodType>(
  file: Uint8Array,
  key: Uint8Array<ArrayBuffer>,
  schema: S,
): Promise<{ header: BundleHeader; payload: z.output<S> }> => {
  const { header, headerLength } = readBundleHeader(file);
  let plain: ArrayBuffer;
  try {
    plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(header.iv), additionalData: file.slice(0, headerLength) },
      await importKey(key),
      file.slice(headerLength),
    );
  } catch (error) {
    if (error instanceof BundleError) throw error;
    throw new BundleError('wrong-key', 'This bundle was not sealed for this device, or it was altered.');
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(plain));
  } catch {
    throw new BundleError('invalid-payload', 'The bundle opened but its contents are not readable.');
  }
  const payload = schema.safeParse(json);
  if (!payload.success) throw new BundleError('invalid-payload', 'The bundle opened but its contents are not valid.');
  return { header, payload: payload.data };
};
