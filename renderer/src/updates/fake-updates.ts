import { ok, parseInput, type Result, type UpdateStatus, type WindowApi } from '../../../shared/contract/index.ts';

export const idleUpdateStatus: UpdateStatus = {
  currentVersion: '0.1.0',
  state: 'idle',
  availableVersion: null,
  releaseNotes: null,
  progressPercent: null,
  pendingChanges: 0,
  serverOutdated: false,
  installOnQuit: false,
  lastCheckAt: '2026-03-01T08:00:00.000Z',
  error: null,
};

/**
 * Adds the updater's channels (answered by Electron main, not the core) to a fake window.api,
 * with the same rules: install refused while changes wait unless keeping them is accepted.
 */
export const withFakeUpdates = (base: WindowApi, initial: Partial<UpdateStatus> = {}) => {
  let status: UpdateStatus = { ...idleUpdateStatus, ...initial };
  const listeners = new Set<(payload: unknown) => void>();
  const installs: boolean[] = [];
  let checks = 0;
  let nextCheck: Partial<UpdateStatus> = {};

  const answer = (channel: string, input: unknown): Result<unknown> => {
    const parsed = parseInput(channel, input);
    if (!parsed.ok) return parsed;
    if (channel === 'updates:check') {
      checks += 1;
      status = { ...status, ...nextCheck };
      return ok(status);
    }
    if (channel === 'updates:install') {
      const { keepLocalChanges } = parsed.value.input as { keepLocalChanges: boolean };
      if (status.state !== 'ready') return { ok: false, error: { code: 'not-found', message: 'No update.', reason: 'no-update-ready' } };
      if (status.pendingChanges > 0 && !keepLocalChanges && !status.installOnQuit) {
        return { ok: false, error: { code: 'conflict', message: 'Unsynced changes.', reason: 'unsynced-changes' } };
      }
      installs.push(keepLocalChanges);
      status = { ...status, installOnQuit: true };
      return ok(status);
    }
    return ok(status);
  };

  const api: WindowApi = {
    invoke: async (channel, input) => (channel.startsWith('updates:') ? answer(channel, input) : base.invoke(channel, input)),
    on: (event, listener) => {
      if (event !== 'updates:status') return base.on(event, listener);
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  return {
    api,
    installs,
    checks: () => checks,
    /** What the next `updates:check` finds. */
    onCheck: (patch: Partial<UpdateStatus>) => void (nextCheck = patch),
    /** Main announces a new state. */
    push: (patch: Partial<UpdateStatus>) => {
      status = { ...status, ...patch };
      for (const listener of listeners) listener(status);
    },
  };
};
