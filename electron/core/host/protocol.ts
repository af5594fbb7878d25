import type { Result } from '../../../shared/contract/index.ts';
import type { CoreContextData } from '../context.ts';

/** What the host tells the worker when it starts it. */
export type CoreWorkerData = CoreContextData;

/** `close`: finish the calls under way, stop the sync and close the store, then answer `closed`. */
export type HostToWorker = { type: 'invoke'; id: number; channel: unknown; input: unknown } | { type: 'close' };

export type WorkerToHost =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown }
  | { type: 'closed' };
