import { describe, expect, it } from 'vitest';
import { createTrustedSenderCheck } from './trusted-sender.ts';

const top = (url: string) => ({ url, parent: null });

describe('createTrustedSenderCheck for the packaged renderer', () => {
  const isTrusted = createTrustedSenderCheck('file:///opt/Mowakaba/resources/app.asar/out/renderer/index.html');

  it('accepts the top frame of our own index.html', () => {
    expect(isTrusted(top('file:///opt/Mowakaba/resources/app.asar/out/renderer/index.html'))).toBe(true);
  });

  it('accepts our index.html with a hash route', () => {
    expect(isTrusted(top('file:///opt/Mowakaba/resources/app.asar/out/renderer/index.html#/settings'))).toBe(true);
  });

  it('refuses another local file', () => {
    expect(isTrusted(top('file:///tmp/evil.html'))).toBe(false);
    expect(isTrusted(top('file:///opt/Mowakaba/resources/app.asar/out/renderer/other.html'))).toBe(false);
  });

  it('refuses the same path on a remote file host (a UNC share on Windows)', () => {
    expect(isTrusted(top('file://files.example/opt/Mowakaba/resources/app.asar/out/renderer/index.html'))).toBe(false);
  });

  it('refuses a subframe even at our own address', () => {
    const parent = top('file:///opt/Mowakaba/resources/app.asar/out/renderer/index.html');
    expect(isTrusted({ url: parent.url, parent })).toBe(false);
  });

  it('refuses web origins', () => {
    expect(isTrusted(top('http://localhost:5173/'))).toBe(false);
    expect(isTrusted(top('https://example.org/opt/Mowakaba/resources/app.asar/out/renderer/index.html'))).toBe(false);
  });

  it('refuses unparsable URLs, an empty URL and a missing frame', () => {
    expect(isTrusted(top('not a url'))).toBe(false);
    expect(isTrusted(top(''))).toBe(false);
    expect(isTrusted(null)).toBe(false);
    expect(isTrusted(undefined)).toBe(false);
  });
});

describe('createTrustedSenderCheck for the dev server', () => {
  const isTrusted = createTrustedSenderCheck('http://localhost:5173/');

  it('accepts any page of the dev server origin', () => {
    expect(isTrusted(top('http://localhost:5173/'))).toBe(true);
    expect(isTrusted(top('http://localhost:5173/index.html#/households'))).toBe(true);
  });

  it('refuses other ports, hosts, schemes and local files', () => {
    expect(isTrusted(top('http://localhost:5174/'))).toBe(false);
    expect(isTrusted(top('http://127.0.0.1:5173/'))).toBe(false);
    expect(isTrusted(top('https://localhost:5173/'))).toBe(false);
    expect(isTrusted(top('http://localhost:5173.evil.example/'))).toBe(false);
    expect(isTrusted(top('file:///index.html'))).toBe(false);
  });

  it('refuses a subframe of the dev server', () => {
    expect(isTrusted({ url: 'http://localhost:5173/', parent: top('http://localhost:5173/') })).toBe(false);
  });
});
