import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/contract/index.ts';
import { storeFileName } from '../db/store.ts';
import { fastTestKdfParams } from '../keys/kdf.ts';
import { startCoreHost, type CoreHost, type CoreHostOptions } from './host.ts';
import { sourceWorkerUrl } from './source-worker.ts';

let dataDir: string;
let hosts: CoreHost[];

const start = (options: Partial<CoreHostOptions> = {}) => {
  const host = startCoreHost({ workerUrl: sourceWorkerUrl, dataDir, appVersion: '1.2.3', locale: 'ar-MA', ...options });
  hosts.push(host);
  return host;
};

const errorOf = (result: Result<unknown>) => {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
};

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mowakaba-host-'));
  hosts = [];
});

afterEach(async () => {
  await Promise.all(hosts.map((host) => host.close()));
  await rm(dataDir, { recursive: true, force: true });
});

describe('startCoreHost with the source worker', () => {
  it('answers app:info from the worker with the options it was started with', async () => {
    const result = await start().invoke('app:info');
    expect(result).toEqual({
      ok: true,
      value: { version: '1.2.3', schemaVersion: expect.any(Number), dataDir, locale: 'ar-MA' },
    });
  });

  it('saves settings and reads them back', async () => {
    const host = start();
    expect(await host.invoke('settings:set', { language: 'fr', idleLockMinutes: 5 })).toEqual({
      ok: true,
      value: { language: 'fr', numerals: 'latn', idleLockMinutes: 5 },
    });
    expect(await host.invoke('settings:get')).toEqual({ ok: true, value: { language: 'fr', numerals: 'latn', idleLockMinutes: 5 } });
  });

  it('keeps settings across a restart of the host', async () => {
    const first = start();
    await first.invoke('settings:set', { numerals: 'arab' });
    await first.close();
    expect(await start().invoke('settings:get')).toEqual({ ok: true, value: { language: 'ar', numerals: 'arab', idleLockMinutes: 10 } });
  });

  it('keeps both of two settings changes sent without waiting', async () => {
    const host = start();
    const results = await Promise.all([host.invoke('settings:set', { language: 'en' }), host.invoke('settings:set', { idleLockMinutes: 60 })]);
    expect(results.map((result) => result.ok)).toEqual([true, true]);
    expect(await host.invoke('settings:get')).toEqual({ ok: true, value: { language: 'en', numerals: 'latn', idleLockMinutes: 60 } });
  });

  it('passes settings:changed events to every listener until it unsubscribes', async () => {
    const host = start();
    const seen: { name: string; payload: unknown }[] = [];
    const others: string[] = [];
    host.onEvent((name, payload) => seen.push({ name, payload }));
    const unsubscribe = host.onEvent((name) => others.push(name));
    await host.invoke('settings:set', { language: 'en' });
    unsubscribe();
    await host.invoke('settings:set', { language: 'fr' });
    expect(seen).toEqual([
      { name: 'settings:changed', payload: { language: 'en', numerals: 'latn', idleLockMinutes: 10 } },
      { name: 'settings:changed', payload: { language: 'fr', numerals: 'latn', idleLockMinutes: 10 } },
    ]);
    expect(others).toEqual(['settings:changed']);
  });

  it('resolves bad calls with validation errors and writes nothing', async () => {
    const host = start();
    const unknown = errorOf(await host.invoke('households:wipe', {}));
    expect(unknown.code).toBe('validation');
    const badType = errorOf(await host.invoke('settings:set', { idleLockMinutes: 'never' }));
    expect(badType.code).toBe('validation');
    expect(badType.issues?.map((issue) => issue.path)).toEqual(['idleLockMinutes']);
    expect(errorOf(await host.invoke(42, undefined)).code).toBe('validation');
    expect(await readdir(dataDir)).toEqual([]);
    expect((await host.invoke('app:info')).ok).toBe(true);
  });

  it('resolves, never rejects, when the input cannot be sent to the worker', async () => {
    const host = start();
    const result = await host.invoke('settings:set', { language: () => 'fr' });
    expect(errorOf(result).code).toBe('validation');
    expect((await host.invoke('app:info')).ok).toBe(true);
  });

  it('answers calls made after close() with an internal error instead of throwing', async () => {
    const host = start();
    await host.invoke('app:info');
    await host.close();
    const error = errorOf(await host.invoke('app:info'));
    expect(error.code).toBe('internal');
  });

  it('lets a call still running when close() is called finish before the thread ends', async () => {
    const host = start();
    const running = host.invoke('settings:set', { language: 'en' });
    await host.close();
    expect(await running).toEqual({ ok: true, value: { language: 'en', numerals: 'latn', idleLockMinutes: 10 } });
    expect(await start().invoke('settings:get')).toMatchObject({ ok: true, value: { language: 'en' } });
  });

  it('closes the open store before the thread ends, so another host opens it at once', async () => {
    const host = start({ kdf: fastTestKdfParams });
    const setup = await host.invoke('session:setup', {
      branchName: 'Branche de Zagora',
      adminUsername: 'admin',
      adminDisplayName: 'Admin',
      password: 'a-long-password-1',
    });
    expect(setup.ok).toBe(true);
    await host.close();
    expect(await readdir(dataDir)).not.toContain(`${storeFileName}-wal`);
    const next = start({ kdf: fastTestKdfParams });
    expect(await next.invoke('session:unlock', { username: 'admin', password: 'a-long-password-1' })).toMatchObject({ ok: true });
  });

  it('ends a thread that does not answer close() after the timeout, settling its calls', async () => {
    const host = start({ workerUrl: new URL('./testing/deaf-worker.ts', import.meta.url), closeTimeoutMs: 50 });
    const running = host.invoke('app:info');
    await host.close();
    expect(errorOf(await running).code).toBe('internal');
  });

  it('can be closed before it ever started a worker, and twice', async () => {
    const host = start();
    await host.close();
    await host.close();
    expect(errorOf(await host.invoke('settings:get')).code).toBe('internal');
  });
});
