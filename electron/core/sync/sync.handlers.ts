import type { Handler } from '../handlers.ts';
import { branchConflicts, branchDevices, resolveBranchConflict, revokeBranchDevice } from './admin.ts';
import { exportBundle, importBundle } from './bundles.ts';
import { listRejections, listRuns } from './engine/index.ts';

type SyncChannels =
  | 'sync:status'
  | 'sync:now'
  | 'sync:join'
  | 'sync:login'
  | 'sync:history'
  | 'sync:devices'
  | 'sync:revoke-device'
  | 'sync:conflicts'
  | 'sync:resolve-conflict'
  | 'bundle:export'
  | 'bundle:import';

/** Handlers of the sync and bundle channels; role checks are here, in the core. */
export const syncHandlers = {
  'sync:status': (_input, ctx) => ctx.sync.status(),
  'sync:now': (_input, ctx) => {
    ctx.sessions.require();
    return ctx.sync.syncNow();
  },
  'sync:join': (input, ctx) => ctx.sync.join(input),
  'sync:login': (input, ctx) => ctx.sync.login(input.password),
  'sync:history': (_input, ctx) => {
    const { store } = ctx.sessions.require();
    return { runs: listRuns(store), rejections: listRejections(store) };
  },
  'sync:devices': (_input, ctx) => {
    ctx.sessions.require(['admin']);
    return branchDevices(ctx.sync);
  },
  'sync:revoke-device': async (input, ctx) => {
    ctx.sessions.require(['admin']);
    await revokeBranchDevice(ctx.sync, input.deviceId);
    return null;
  },
  'sync:conflicts': (input, ctx) => {
    ctx.sessions.require(['manager', 'admin']);
    return branchConflicts(ctx.sync, input.status);
  },
  'sync:resolve-conflict': async (input, ctx) => {
    ctx.sessions.require(['manager', 'admin']);
    await resolveBranchConflict(ctx.sync, input.id, input.keep);
    return null;
  },
  'bundle:export': (input, ctx) => exportBundle(ctx.sessions, input),
  'bundle:import': (input, ctx) => importBundle(ctx.sessions, ctx.sync, input),
} satisfies { [C in SyncChannels]: Handler<C> };
