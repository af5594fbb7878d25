import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload, Result } from '../../shared/contract/index.ts';
import { createCoreContext, type CoreContext } from './context.ts';
import { fastTestKdfParams } from './keys/kdf.ts';
import { createDispatch } from './dispatch.ts';
import { CoreError } from './errors.ts';
import { handlers, type HandlerMap } from './handlers.ts';

let dataDir: string;
let emitted: { event: EventName; payload: unknown }[];
let ctx: CoreContext;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mowakaba-dispatch-'));
  emitted = [];
  ctx = createCoreContext(
    { dataDir, appVersion: '9.8.7', locale: 'fr-MA', kdf: fastTestKdfParams },
    <E extends EventName>(event: E, payload: EventPayload<E>) => void emitted.push({ event, payload }),
  );
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dataDir, { recursive: true, force: true });
});

const errorOf = (result: Result<unknown>) => {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
};

const throwingOn = (thrown: unknown): HandlerMap => ({
  ...handlers,
  'app:info': () => {
    throw thrown;
  },
});

describe('createDispatch with the real handlers', () => {
  it('runs a valid call and returns its value', async () => {
    const result = await createDispatch(handlers, ctx)('app:info', undefined);
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ version: '9.8.7', dataDir, locale: 'fr-MA' }) });
  });

  it('answers an unknown channel with a validation error', async () => {
    const error = errorOf(await createDispatch(handlers, ctx)('settings:drop', {}));
    expect(error.code).toBe('validation');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'channel' })]);
  });

  it.each([
    ['a language outside the list', { language: 'de' }, 'language'],
    ['an unknown key', { language: 'fr', theme: 'dark' }, ''],
    ['a string for idleLockMinutes', { idleLockMinutes: '10' }, 'idleLockMinutes'],
    ['a fractional idleLockMinutes', { idleLockMinutes: 2.5 }, 'idleLockMinutes'],
    ['an idleLockMinutes out of range', { idleLockMinutes: 0 }, 'idleLockMinutes'],
  ])('refuses settings:set with %s and writes nothing', async (_case, input, path) => {
    const error = errorOf(await createDispatch(handlers, ctx)('settings:set', input));
    expect(error.code).toBe('validation');
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
    expect(await readdir(dataDir)).toEqual([]);
    expect(emitted).toEqual([]);
  });

  it('saves valid settings and announces the change', async () => {
    const dispatch = createDispatch(handlers, ctx);
    const saved = await dispatch('settings:set', { language: 'en', idleLockMinutes: 30 });
    expect(saved).toEqual({ ok: true, value: { language: 'en', numerals: 'latn', idleLockMinutes: 30 } });
    expect(emitted).toEqual([{ event: 'settings:changed', payload: { language: 'en', numerals: 'latn', idleLockMinutes: 30 } }]);
    expect(await dispatch('settings:get', undefined)).toEqual(saved);
  });

  it('turns an unexpected error into a generic internal error that quotes nothing from it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const secret = 'household of Fatima Zahra, CIN AB123456';
    const error = errorOf(await createDispatch(throwingOn(new Error(secret)), ctx)('app:info', undefined));
    expect(error.code).toBe('internal');
    expect(error.message).not.toContain('Fatima');
    expect(error.message).not.toContain('AB123456');
    expect(error.issues).toBeUndefined();
    expect(log).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(log.mock.calls)).not.toContain('AB123456');
  });

  it('keeps every line of a multi-line error message out of the log', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const thrown = new Error('constraint failed\nrow: Fatima Zahra\nCIN AB123456');
    const error = errorOf(await createDispatch(throwingOn(thrown), ctx)('app:info', undefined));
    expect(error.code).toBe('internal');
    const logged = JSON.stringify(log.mock.calls);
    expect(logged).not.toContain('Fatima');
    expect(logged).not.toContain('AB123456');
    expect(logged).toContain('app:info');
  });

  it('turns a thrown non-Error value into an internal error', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const error = errorOf(await createDispatch(throwingOn('AB123456'), ctx)('app:info', undefined));
    expect(error).toEqual({ code: 'internal', message: expect.not.stringContaining('AB123456') });
  });

  it('passes a CoreError through with its code, message and issues, without logging it', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const issues = [{ path: 'householdId', message: 'Unknown household' }];
    const dispatch = createDispatch(throwingOn(new CoreError('not-found', 'No such household.', issues)), ctx);
    expect(errorOf(await dispatch('app:info', undefined))).toEqual({ code: 'not-found', message: 'No such household.', issues });
    const locked = createDispatch(throwingOn(new CoreError('locked', 'The store is locked.')), ctx);
    expect(errorOf(await locked('app:info', undefined))).toEqual({ code: 'locked', message: 'The store is locked.' });
    expect(log).not.toHaveBeenCalled();
  });
});
