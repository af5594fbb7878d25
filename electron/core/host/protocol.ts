import type { Result } from '../../../shared/contract/index.ts';
import type { CoreContextData } from '../context.ts';

/** What the host tells the worker when it starts it. */
export type CoreWorkerData = CoreContextData;

export type HostToWorker = { type: 'invoke'; id: number; channel: unknown; input: unknown };

export type WorkerToHost =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown };
