import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from './csp.ts';

const directives = new Map(
  contentSecurityPolicy.split(';').map((part) => {
    const [name = '', ...sources] = part.trim().split(/\s+/);
    return [name, sources] as const;
  }),
);

describe('contentSecurityPolicy', () => {
  it('denies everything by default', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
  });

  it('runs only our own scripts, never inline or eval', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('blocks plugins, framing, base changes and form posts', () => {
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
  });

  it('names no remote host or wildcard in any directive', () => {
    const allowed = new Set(["'none'", "'self'", "'unsafe-inline'", 'data:', 'blob:']);
    for (const [name, sources] of directives) {
      for (const source of sources) expect(allowed.has(source), `${name} ${source}`).toBe(true);
    }
    expect(contentSecurityPolicy).not.toMatch(/https?:|\*|wss?:/);
  });

  it('lets the renderer talk only to itself', () => {
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });
});
