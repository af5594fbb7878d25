import { describe, expect, it } from 'vitest';
import { ok, type Result, type UpdateStatus } from '../../../shared/contract/index.ts';
import { createFakeUpdater, flush, syncStatus } from './fake-updater.ts';
import { createDisabledUpdates, createUpdates } from './updater.ts';

const setup = ({ packaged = true, core }: { packaged?: boolean; core?: () => Promise<Result<unknown>> } = {}) => {
  const fake = createFakeUpdater();
  const emitted: UpdateStatus[] = [];
  const updates = createUpdates({
    updater: fake.updater,
    currentVersion: '0.1.0',
    packaged,
    now: () => Date.parse('2026-03-01T09:00:00.000Z'),
    emit: (status) => void emitted.push(status),
    ...(core ? { readSyncStatus: core } : {}),
  });
  return { fake, updates, emitted };
};

const valueOf = <T>(result: Result<T>): T => {
  if (!result.ok) throw new Error(`expected a value, got ${result.error.code}`);
  return result.value;
};

describe('the updater glue', () => {
  it('points electron-updater at the configured branch server’s /updates/ folder at run time', () => {
    const { fake, updates, emitted } = setup();
    updates.onCoreEvent('sync:status', syncStatus());
    expect(fake.feeds).toEqual([{ provider: 'generic', url: 'https://branch.example/updates/', useMultipleRangeRequest: false }]);
    expect(fake.checksWaiting()).toBe(1);
    expect(emitted.at(-1)).toMatchObject({ state: 'checking', currentVersion: '0.1.0' });

    updates.onCoreEvent('sync:status', syncStatus({ server: 'https://other-branch.example', lastSyncAt: '2026-03-01T08:30:00.000Z' }));
    expect(fake.feeds.at(-1)).toEqual({ provider: 'generic', url: 'https://other-branch.example/updates/', useMultipleRangeRequest: false });
  });

  it('stays disabled without a server, in a development build, and ignores other events and malformed payloads', () => {
    const noServer = setup();
    noServer.updates.onCoreEvent('sync:status', syncStatus({ state: 'off', server: null }));
    noServer.updates.onCoreEvent('sync:status', { state: 'idle', server: 42 });
    noServer.updates.onCoreEvent('settings:changed', syncStatus());
    expect(noServer.fake.feeds).toEqual([]);
    expect(noServer.updates.status().state).toBe('disabled');

    const dev = setup({ packaged: false });
    dev.updates.onCoreEvent('sync:status', syncStatus());
    expect(dev.fake.feeds).toEqual([]);
    expect(dev.fake.checksWaiting()).toBe(0);
    expect(dev.updates.status().state).toBe('disabled');
  });

  it('refuses to install with unsynced changes until the user keeps them, with stable codes', async () => {
    const { fake, updates } = setup();
    updates.onCoreEvent('sync:status', syncStatus({ pending: 2 }));
    expect(await updates.handlers['updates:install']({ keepLocalChanges: true })).toMatchObject({
      ok: false,
      error: { code: 'not-found', reason: 'no-update-ready' },
    });
    fake.answerCheck('0.2.0');
    await flush();
    fake.finishDownload();
    await flush();

    expect(await updates.handlers['updates:install']({ keepLocalChanges: false })).toMatchObject({
      ok: false,
      error: { code: 'conflict', reason: 'unsynced-changes' },
    });
    expect(updates.onQuit()).toBe(false);
    const accepted = valueOf(await updates.handlers['updates:install']({ keepLocalChanges: true }));
    expect(accepted).toMatchObject({ state: 'ready', installOnQuit: true, pendingChanges: 2 });
    expect(updates.onQuit()).toBe(true);
    expect(fake.installs).toEqual([[true, false]]);
  });

  it('reads the sync status from the core when asked, and checks on demand', async () => {
    const { fake, updates } = setup({ core: async () => ok(syncStatus({ state: 'needs-login' })) });
    expect(valueOf(await updates.handlers['updates:status'](undefined))).toMatchObject({ state: 'idle', pendingChanges: 0 });
    expect(fake.feeds).toHaveLength(1);
    const checking = updates.handlers['updates:check'](undefined);
    await flush();
    fake.answerCheck(null);
    expect(valueOf(await checking)).toMatchObject({ state: 'idle', lastCheckAt: '2026-03-01T09:00:00.000Z' });
  });

  it('answers disabled where there is no updater', async () => {
    const updates = createDisabledUpdates('1.0.0');
    expect(valueOf(await updates.handlers['updates:check'](undefined))).toMatchObject({ state: 'disabled', currentVersion: '1.0.0' });
    expect(await updates.handlers['updates:install']({ keepLocalChanges: true })).toMatchObject({
      ok: false,
      error: { code: 'not-found', reason: 'updates-disabled' },
    });
    expect(updates.onQuit()).toBe(false);
  });
});
