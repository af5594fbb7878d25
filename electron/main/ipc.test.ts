import { describe, expect, it } from 'vitest';
import { ipcInvokeChannel, ok, type Result } from '../../shared/contract/index.ts';
import { registerIpc, type IpcMainLike } from './ipc.ts';
import type { SenderFrame } from './trusted-sender.ts';

type Listener = Parameters<IpcMainLike['handle']>[1];

const appFrame: SenderFrame = { url: 'file:///app/index.html', parent: null };
const strangerFrame: SenderFrame = { url: 'https://evil.example/', parent: null };

const setup = () => {
  const listeners = new Map<string, Listener>();
  const removed: string[] = [];
  const calls: { channel: string; input: unknown }[] = [];
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
  });
  const call = async (frame: SenderFrame | null, ...args: unknown[]): Promise<Result<unknown>> => {
    const listener = listeners.get(ipcInvokeChannel);
    if (!listener) throw new Error('no handler registered');
    return (await listener({ senderFrame: frame }, ...args)) as Result<unknown>;
  };
  return { listeners, removed, calls, dispose, call };
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

  it('removes its handler when disposed', () => {
    const { dispose, removed, listeners } = setup();
    dispose();
    expect(removed).toEqual([ipcInvokeChannel]);
    expect(listeners.size).toBe(0);
  });
});
