import {
  ok,
  type ChannelName,
  type ChannelOutput,
  type Device,
  type ErrorShape,
  type EventName,
  type EventPayload,
  type ParsedInput,
  type Result,
  type Role,
  type SyncConflict,
  type SyncReport,
  type SyncRun,
  type SyncStatus,
} from '../../../shared/contract/index.ts';
import type { FakeViewer } from './fake-households.ts';

type SyncRejection = ChannelOutput<'sync:history'>['rejections'][number];
type JoinAnswer = ChannelOutput<'sync:join'>;

export interface FakeSyncOptions {
  /** The status the core reports first. Default: a store set up without a server (`off`). */
  status?: Partial<SyncStatus>;
  runs?: SyncRun[];
  rejections?: SyncRejection[];
  devices?: Device[];
  conflicts?: SyncConflict[];
  /** The server cannot be reached: sync, devices, conflicts and join answer `offline`. */
  offline?: boolean;
  /** What a successful `sync:now` or `bundle:import` reports. */
  report?: Partial<SyncReport>;
  /** `sync:join` refuses with this error instead of joining. */
  joinError?: Pick<ErrorShape, 'code' | 'reason'>;
}

interface FakeSyncDeps {
  viewer(): FakeViewer | undefined;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
  /** Whether this is the signed-in user's password (for `sync:login`). */
  checkPassword(password: string): boolean;
  /** Signs the joining user in and creates her store, as the core would after the download. */
  join(input: ParsedInput<'sync:join'>): Result<JoinAnswer>;
}

type Handlers = { [C in ChannelName]?: (input: ParsedInput<C>) => Result<unknown> | Promise<Result<unknown>> };

const refuse = (code: ErrorShape['code'], message: string, reason?: string): Result<never> => ({
  ok: false,
  error: reason ? { code, message, reason } : { code, message },
});

const offStatus: SyncStatus = {
  state: 'off',
  server: null,
  deviceName: null,
  pending: 0,
  lastSyncAt: null,
  lastError: null,
  cursor: 0,
  openConflicts: null,
};

/** A conflict as the server lists it: by default two offline edits of a household's phone. */
export const fakeConflict = (id: string, fields: Partial<SyncConflict> = {}): SyncConflict => ({
  id,
  table: 'households',
  rowId: 'household-1',
  field: 'phone',
  householdId: 'household-1',
  kept: { value: '0661223344', userName: 'Youssef Ait Ali', deviceTime: '2025-03-03T09:12:00.000Z', serverTime: '2025-03-04T08:00:00.000Z' },
  lost: { value: '0677889900', userName: 'Amina El Idrissi', deviceTime: '2025-03-02T16:40:00.000Z', serverTime: '2025-03-04T07:55:00.000Z' },
  status: 'open',
  ...fields,
});

/** A device of the branch as `sync:devices` lists it. */
export const fakeDevice = (id: string, fields: Partial<Device> = {}): Device => ({
  id,
  name: `Laptop ${id}`,
  usernames: ['youssef'],
  lastSeenAt: '2025-03-04T08:00:00.000Z',
  revokedAt: null,
  current: false,
  ...fields,
});

/** The sync side of the core behind `createFakeApi`: status and its event, sync now, history, devices, conflicts, bundles, join. */
export const createFakeSync = (options: FakeSyncOptions, deps: FakeSyncDeps) => {
  let status: SyncStatus = { ...offStatus, ...options.status };
  let offline = options.offline ?? false;
  const runs = [...(options.runs ?? [])];
  const rejections = options.rejections ?? [];
  let devices = options.devices ?? [];
  let conflicts = options.conflicts ?? [];
  const resolved: ParsedInput<'sync:resolve-conflict'>[] = [];
  const holds: { sync: Promise<void> | null; join: Promise<void> | null } = { sync: null, join: null };
  /** Keeps the next call of that kind running until the returned function is called. */
  const holdNext = (kind: keyof typeof holds) => {
    let release = () => undefined as void;
    holds[kind] = new Promise<void>((resolve) => {
      release = () => {
        holds[kind] = null;
        resolve();
      };
    });
    return () => release();
  };

  const setStatus = (patch: Partial<SyncStatus>) => {
    status = { ...status, ...patch };
    deps.emit('sync:status', status);
  };
  const viewerOrRefusal = (...roles: Role[]): FakeViewer | Result<never> => {
    const viewer = deps.viewer();
    if (!viewer) return refuse('locked', 'The store is locked.');
    if (roles.length && !roles.includes(viewer.role)) return refuse('forbidden', 'Not allowed for this role.');
    return viewer;
  };
  const isRefusal = (value: FakeViewer | Result<never>): value is Result<never> => 'ok' in value;
  /** The refusal for a call that needs the server, if it cannot be made now. */
  const online = (...roles: Role[]): Result<never> | undefined => {
    const viewer = viewerOrRefusal(...roles);
    if (isRefusal(viewer)) return viewer;
    if (status.state === 'off') return refuse('conflict', 'This store has no server.', 'no-server');
    if (offline) return refuse('offline', 'The server cannot be reached.');
    return undefined;
  };
  const report = (): SyncReport => ({ pushed: status.pending, pulled: 4, conflicts: 0, rejected: 0, cursor: status.cursor + 4, ...options.report });
  const record = (via: SyncRun['via'], done: SyncReport) => {
    const at = new Date().toISOString();
    runs.unshift({ ...done, id: `run-${runs.length + 1}`, startedAt: at, finishedAt: at, via, error: null });
    setStatus({ state: 'idle', pending: 0, cursor: done.cursor, lastSyncAt: at, lastError: null });
  };

  const handlers: Handlers = {
    'sync:status': () => {
      const viewer = viewerOrRefusal();
      return isRefusal(viewer) ? viewer : ok(status);
    },
    'sync:now': async () => {
      const refusal = online();
      if (refusal) {
        if (offline) setStatus({ state: 'offline', lastError: { code: 'offline', message: 'The server cannot be reached.' } });
        return refusal;
      }
      setStatus({ state: 'syncing' });
      if (holds.sync) await holds.sync;
      const done = report();
      record('network', done);
      return ok(done);
    },
    'sync:login': ({ password }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      if (offline) return refuse('offline', 'The server cannot be reached.');
      if (!deps.checkPassword(password)) return refuse('locked', 'Wrong password.', 'wrong-password');
      setStatus({ state: 'idle', lastError: null });
      return ok(status);
    },
    'sync:history': () => {
      const viewer = viewerOrRefusal();
      return isRefusal(viewer) ? viewer : ok({ runs, rejections });
    },
    'sync:devices': () => online('admin') ?? ok(devices),
    'sync:revoke-device': ({ deviceId }) => {
      const refusal = online('admin');
      if (refusal) return refusal;
      const device = devices.find((candidate) => candidate.id === deviceId);
      if (!device) return refuse('not-found', 'No such device.');
      devices = devices.map((candidate) => (candidate.id === deviceId ? { ...candidate, revokedAt: new Date().toISOString() } : candidate));
      return ok(null);
    },
    'sync:conflicts': ({ status: filter }) =>
      online('manager', 'admin') ?? ok(filter === 'open' ? conflicts.filter((conflict) => conflict.status === 'open') : conflicts),
    'sync:resolve-conflict': (input) => {
      const refusal = online('manager', 'admin');
      if (refusal) return refusal;
      if (!conflicts.some((conflict) => conflict.id === input.id && conflict.status === 'open')) return refuse('not-found', 'No such open conflict.');
      resolved.push(input);
      conflicts = conflicts.map((conflict) =>
        conflict.id === input.id ? { ...conflict, status: input.keep === 'kept' ? 'confirmed' : 'restored' } : conflict,
      );
      setStatus({ openConflicts: conflicts.filter((conflict) => conflict.status === 'open').length });
      return ok(null);
    },
    'bundle:export': ({ file }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      if (status.state === 'off') return refuse('conflict', 'This store has no server.', 'no-server');
      if (file.startsWith('/missing/')) return refuse('not-found', 'No such folder.', 'folder-missing');
      return ok({ file, changes: status.pending });
    },
    'bundle:import': ({ file }) => {
      const viewer = viewerOrRefusal();
      if (isRefusal(viewer)) return viewer;
      if (file.startsWith('/missing/')) return refuse('not-found', 'No such file.');
      if (file.endsWith('.txt')) return refuse('validation', 'Not a bundle for this device.', 'bundle-unreadable');
      const done = report();
      record('bundle', done);
      return ok(done);
    },
    'sync:join': async (input) => {
      if (holds.join) await holds.join;
      if (options.joinError) return refuse(options.joinError.code, 'Join refused.', options.joinError.reason);
      if (offline) return refuse('offline', 'The server cannot be reached.');
      const answer = deps.join(input);
      if (answer.ok) {
        status = { ...offStatus, state: 'idle', server: input.server, deviceName: input.deviceName, lastSyncAt: new Date().toISOString(), cursor: 12 };
      }
      return answer;
    },
  };

  return {
    /** Answers a sync channel, or undefined when the channel is not one of these. */
    handle: (channel: ChannelName, input: unknown): Result<unknown> | Promise<Result<unknown>> | undefined =>
      (handlers[channel] as ((input: unknown) => Result<unknown> | Promise<Result<unknown>>) | undefined)?.(input),
    controls: {
      status: () => status,
      /** The core changing state on its own (background sync, going offline), with its event. */
      setStatus,
      setOffline: (value: boolean) => {
        offline = value;
      },
      /** Keeps the next `sync:now` running until the returned function is called. */
      holdSync: () => holdNext('sync'),
      /** Keeps the next `sync:join` (the download) running until the returned function is called. */
      holdJoin: () => holdNext('join'),
      /** A `sync:progress` event, as the core sends while a held join writes the caseload. */
      progress: (payload: EventPayload<'sync:progress'>) => deps.emit('sync:progress', payload),
      resolved: () => resolved,
      devices: () => devices,
      conflicts: () => conflicts,
    },
  };
};
