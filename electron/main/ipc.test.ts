import { describe, expect, it, vi } from 'vitest';
import { ipcInvokeChannel, ok, type Result, type UpdateStatus } from '../../shared/contract/index.ts';
import { registerIpc, type IpcMainLike, type MainHandlers } from './ipc.ts';
import type { SenderFrame } from './trusted-sender.ts';

type Listener = Parameters<IpcMainLike['handle']>[1];

const appFrame: SenderFrame = { url: 'file:///app/index.html', parent: null };
const strangerFrame: SenderFrame = { url: 'https://evil.example/', parent: null };

const updateStatus: UpdateStatus = {
  currentVersion: '0.1.0',
  state: 'idle',
  availableVersion: null,
  releaseNotes: null,
  progressPercent: null,
  pendingChanges: 0,
  serverOutdated: false,
  installOnQuit: false,
  lastCheckAt: null,
  error: null,
};

const setup = () => {
  const listeners = new Map<string, Listener>();
  const removed: string[] = [];
  const calls: { channel: string; input: unknown }[] = [];
  const mainCalls: { channel: string; input: unknown }[] = [];
  const mainHandlers: MainHandlers = {
    'updates:status': async (input) => {
      mainCalls.push({ channel: 'updates:status', input });
      return ok(updateStatus);
    },
    'updates:check': async () => {
      throw new Error('updater exploded with /home/amina/secret');
    },
    'updates:install': async (input) => {
      mainCalls.push({ channel: 'updates:install', input });
      return ok(updateStatus);
    },
  };
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => {
      removed.push(channel);
      listeners.delete(channel);
    },
  };
  const dispose = registerIpc({
    ipcMain,
    isTrustedSender: (frame) => frame === appFrame,
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return ok({ relayed: channel });
    },
    mainHandlers,
  });
  const call = async (frame: SenderFrame | null, ...args: unknown[]): Promise<Result<unknown>> => {
    const listener = listeners.get(ipcInvokeChannel);
    if (!listener) throw new Error('no handler registered');
    return (await listener({ senderFrame: frame }, ...args)) as Result<unknown>;
  };
  return { listeners, removed, calls, mainCalls, dispose, call };
};

const errorOf = (result: Result<unknown>) => {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.value)}`);
  return result.error;
};

describe('registerIpc', () => {
  it('registers one handler on the contract invoke channel', () => {
    const { listeners } = setup();
    expect([...listeners.keys()]).toEqual([ipcInvokeChannel]);
  });

  it('refuses calls from a frame that is not the app window', async () => {
    const { call, calls } = setup();
    expect(errorOf(await call(strangerFrame, 'app:info', undefined)).code).toBe('forbidden');
    expect(errorOf(await call(null, 'app:info', undefined)).code).toBe('forbidden');
    expect(calls).toEqual([]);
  });

  it('answers an unknown channel with a validation error without calling the core', async () => {
    const { call, calls } = setup();
    const error = errorOf(await call(appFrame, 'households:drop', undefined));
    expect(error.code).toBe('validation');
    expect(error.issues).toEqual([expect.objectContaining({ path: 'channel' })]);
    expect(calls).toEqual([]);
  });

  it('answers a missing channel with a validation error without calling the core', async () => {
    const { call, calls } = setup();
    const error = errorOf(await call(appFrame));
    expect(error.code).toBe('validation');
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(calls).toEqual([]);
  });

  it('answers a wrongly typed field with a validation error naming the field', async () => {
    const { call, calls } = setup();
    const error = errorOf(await call(appFrame, 'settings:set', { idleLockMinutes: 'ten' }));
    expect(error.code).toBe('validation');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['idleLockMinutes']);
    expect(calls).toEqual([]);
  });

  it('answers a missing input object with a validation error', async () => {
    const { call, calls } = setup();
    const error = errorOf(await call(appFrame, 'settings:set'));
    expect(error.code).toBe('validation');
    expect(error.issues?.length).toBeGreaterThan(0);
    expect(calls).toEqual([]);
  });

  it('relays a valid call to the core and returns its result', async () => {
    const { call, calls } = setup();
    const result = await call(appFrame, 'settings:set', { language: 'fr' });
    expect(result).toEqual({ ok: true, value: { relayed: 'settings:set' } });
    expect(calls).toEqual([{ channel: 'settings:set', input: { language: 'fr' } }]);
  });

  it('answers the updater’s channels in main, never in the core', async () => {
    const { call, calls, mainCalls } = setup();
    expect(await call(appFrame, 'updates:status', undefined)).toEqual({ ok: true, value: updateStatus });
    expect(await call(appFrame, 'updates:install', { keepLocalChanges: true })).toEqual({ ok: true, value: updateStatus });
    expect(mainCalls).toEqual([
      { channel: 'updates:status', input: undefined },
      { channel: 'updates:install', input: { keepLocalChanges: true } },
    ]);
    expect(calls).toEqual([]);
  });

  it('checks the sender and the input of the updater’s channels too', async () => {
    const { call, mainCalls } = setup();
    expect(errorOf(await call(strangerFrame, 'updates:install', { keepLocalChanges: true })).code).toBe('forbidden');
    const error = errorOf(await call(appFrame, 'updates:install', { keepLocalChanges: 'yes' }));
    expect(error.code).toBe('validation');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['keepLocalChanges']);
    expect(errorOf(await call(appFrame, 'updates:install', {})).code).toBe('validation');
    expect(mainCalls).toEqual([]);
  });

  it('turns a failing main handler into a generic internal error', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { call } = setup();
    const error = errorOf(await call(appFrame, 'updates:check', undefined));
    expect(error).toEqual({ code: 'internal', message: 'Unexpected error in the app.' });
    expect(log.mock.calls.flat().join(' ')).not.toContain('amina');
    log.mockRestore();
  });

  it('removes its handler when disposed', () => {
    const { dispose, removed, listeners } = setup();
    dispose();
    expect(removed).toEqual([ipcInvokeChannel]);
    expect(listeners.size).toBe(0);
  });
});
