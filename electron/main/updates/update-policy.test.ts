import { describe, expect, it } from 'vitest';
import type { SyncStatus, UpdateStatus } from '../../../shared/contract/index.ts';
import { createFakeUpdater, flush, syncStatus } from './fake-updater.ts';
import { createUpdatePolicy, defaultCheckIntervalMs, outdatedRecheckMs } from './update-policy.ts';

const hour = 3600_000;

const setup = () => {
  const fake = createFakeUpdater();
  let clock = Date.parse('2026-03-01T08:00:00.000Z');
  const changes: UpdateStatus[] = [];
  const policy = createUpdatePolicy({ updater: fake.updater, currentVersion: '0.1.0', now: () => clock, onChange: (status) => void changes.push(status) });
  policy.setFeedAvailable(true);
  let syncs = 0;
  /** A sync that just succeeded (a new lastSyncAt). */
  const synced = (patch: Partial<SyncStatus> = {}) => policy.onSync(syncStatus({ lastSyncAt: new Date(clock + ++syncs).toISOString(), ...patch }));
  const advance = (ms: number) => void (clock += ms);
  /** Runs a check that finds `version` and finishes its download. */
  const downloadVersion = async (version: string) => {
    fake.answerCheck(version, 'Faster search.');
    await flush();
    fake.finishDownload();
    await flush();
  };
  return { fake, policy, changes, synced, advance, downloadVersion };
};

describe('the update policy', () => {
  it('takes download and install decisions away from electron-updater, but leaves its staged rollout alone', () => {
    const { fake } = setup();
    expect(fake.updater.autoDownload).toBe(false);
    expect(fake.updater.autoInstallOnAppQuit).toBe(false);
    // electron-updater decides `stagingPercentage` through isUserWithinRollout: never replaced.
    expect(Object.keys(fake.updater).sort()).toEqual(['autoDownload', 'autoInstallOnAppQuit', 'checkForUpdates', 'downloadUpdate', 'on', 'quitAndInstall', 'setFeedURL']);
  });

  it('checks after a successful sync, then not again before the interval has passed', async () => {
    const { fake, policy, synced, advance } = setup();
    policy.onSync(syncStatus({ state: 'syncing' }));
    expect(fake.checksWaiting()).toBe(0);
    synced();
    expect(fake.checksWaiting()).toBe(1);
    fake.answerCheck(null);
    await flush();
    expect(policy.status()).toMatchObject({ state: 'idle', availableVersion: null, lastCheckAt: '2026-03-01T08:00:00.000Z' });

    advance(defaultCheckIntervalMs - 1);
    synced();
    expect(fake.checksWaiting()).toBe(0);
    advance(1);
    synced();
    expect(fake.checksWaiting()).toBe(1);
  });

  it('does not count the same sync twice', () => {
    const { fake, policy } = setup();
    policy.onSync(syncStatus({ pending: 1 }));
    fake.answerCheck(null);
    policy.onSync(syncStatus({ pending: 2 }));
    expect(fake.checksWaiting()).toBe(0);
  });

  it('never checks while offline, even when asked', async () => {
    const { fake, policy, synced } = setup();
    synced({ state: 'offline' });
    expect(fake.checksWaiting()).toBe(0);
    await policy.checkNow();
    expect(fake.checksWaiting()).toBe(0);
    expect(policy.status()).toMatchObject({ state: 'error', error: 'offline' });
  });

  it('handles an unreachable server (error event and rejected check) and checks again at the next sync', async () => {
    const { fake, policy, synced } = setup();
    synced();
    fake.failCheck(new Error('net::ERR_INTERNET_DISCONNECTED'));
    await flush();
    expect(policy.status()).toMatchObject({ state: 'error', error: 'offline', lastCheckAt: null });
    synced();
    expect(fake.checksWaiting()).toBe(1);
  });

  it('downloads in the background with progress and installs on quit once changes are pushed', async () => {
    const { fake, policy, changes, synced } = setup();
    synced();
    fake.answerCheck('0.2.0', '<p>Faster <b>search</b></p>');
    await flush();
    expect(policy.status()).toMatchObject({ state: 'downloading', availableVersion: '0.2.0', releaseNotes: 'Faster search', progressPercent: 0 });
    fake.emit('download-progress', { percent: 41.7, bytesPerSecond: 1, total: 100, transferred: 41 });
    expect(changes.at(-1)).toMatchObject({ state: 'downloading', progressPercent: 41 });
    fake.finishDownload();
    await flush();
    expect(policy.status()).toMatchObject({ state: 'ready', progressPercent: 100, installOnQuit: true });

    expect(policy.onQuit()).toBe(true);
    expect(policy.onQuit()).toBe(false);
    expect(fake.installs).toEqual([[true, false]]);
  });

  it('does not install while changes wait to be synced unless keeping them was accepted', async () => {
    const { fake, policy, synced, downloadVersion } = setup();
    synced({ pending: 3 });
    await downloadVersion('0.2.0');
    expect(policy.status()).toMatchObject({ state: 'ready', pendingChanges: 3, installOnQuit: false });
    expect(policy.onQuit()).toBe(false);
    expect(policy.install(false)).toBe('unsynced-changes');
    expect(fake.installs).toEqual([]);

    expect(policy.install(true)).toBe('scheduled');
    expect(policy.status().installOnQuit).toBe(true);
    synced({ pending: 4 });
    expect(policy.onQuit()).toBe(true);
    expect(fake.installs).toEqual([[true, false]]);
  });

  it('stops installing on quit when new changes appear after the download, until they are pushed', async () => {
    const { fake, policy, synced, downloadVersion } = setup();
    synced();
    await downloadVersion('0.2.0');
    expect(policy.status().installOnQuit).toBe(true);
    synced({ pending: 1 });
    expect(policy.status().installOnQuit).toBe(false);
    expect(policy.onQuit()).toBe(false);
    synced({ pending: 0 });
    expect(policy.onQuit()).toBe(true);
    expect(fake.installs).toHaveLength(1);
  });

  it('discards a corrupted download with a clear code and retries at the next allowed check', async () => {
    const { fake, policy, synced, advance } = setup();
    synced();
    fake.answerCheck('0.2.0');
    await flush();
    fake.failDownload(Object.assign(new Error('sha512 checksum mismatch, expected abc, got def'), { code: 'ERR_CHECKSUM_MISMATCH' }));
    await flush();
    expect(policy.status()).toMatchObject({ state: 'error', error: 'corrupt-download', availableVersion: null, installOnQuit: false });
    expect(policy.install(true)).toBe('not-ready');
    expect(policy.onQuit()).toBe(false);

    synced();
    expect(fake.checksWaiting()).toBe(0);
    advance(defaultCheckIntervalMs);
    synced();
    expect(fake.checksWaiting()).toBe(1);
    fake.answerCheck('0.2.0');
    await flush();
    expect(fake.downloadsWaiting()).toBe(1);
    expect(policy.status()).toMatchObject({ state: 'downloading', error: null });
  });

  it('reports a failed download (not a corrupt one) as download-failed', async () => {
    const { fake, policy, synced } = setup();
    synced();
    fake.answerCheck('0.2.0');
    await flush();
    fake.failDownload(new Error('Cannot download "https://branch.example/updates/x.exe", status 500'));
    await flush();
    expect(policy.status()).toMatchObject({ state: 'error', error: 'download-failed' });
  });

  it('checks at once when the server says outdated, offers the update and keeps the changes', async () => {
    const { fake, policy, synced, advance, downloadVersion } = setup();
    synced();
    fake.answerCheck(null);
    await flush();
    advance(hour / 60);
    policy.onSync(syncStatus({ state: 'outdated', pending: 5 }));
    expect(fake.checksWaiting()).toBe(1);
    await downloadVersion('0.3.0');
    expect(policy.status()).toMatchObject({ state: 'ready', availableVersion: '0.3.0', serverOutdated: true, pendingChanges: 5, installOnQuit: false });
    expect(policy.install(false)).toBe('unsynced-changes');
    expect(policy.install(true)).toBe('scheduled');
    expect(policy.status()).toMatchObject({ pendingChanges: 5, installOnQuit: true });
  });

  it('does not ask again on every outdated answer, only every few minutes', async () => {
    const { fake, policy, advance } = setup();
    policy.onSync(syncStatus({ state: 'outdated' }));
    fake.answerCheck(null);
    await flush();
    policy.onSync(syncStatus({ state: 'syncing' }));
    policy.onSync(syncStatus({ state: 'outdated', pending: 1 }));
    expect(fake.checksWaiting()).toBe(0);
    advance(outdatedRecheckMs);
    policy.onSync(syncStatus({ state: 'outdated', pending: 1 }));
    expect(fake.checksWaiting()).toBe(1);
  });

  it('runs one check at a time and refuses a check result it cannot read', async () => {
    const { fake, policy } = setup();
    void policy.checkNow();
    void policy.checkNow();
    expect(fake.checksWaiting()).toBe(1);
    fake.answerCheck('not a version');
    await flush();
    expect(policy.status()).toMatchObject({ state: 'error', error: 'check-failed', availableVersion: null });
  });

  it('stays disabled without a feed', async () => {
    const { fake, policy, synced } = setup();
    policy.setFeedAvailable(false);
    synced();
    await policy.checkNow();
    expect(fake.checksWaiting()).toBe(0);
    expect(policy.status().state).toBe('disabled');
    expect(policy.install(true)).toBe('disabled');
  });
});
