import type { Result } from '../../../shared/contract/index.ts';

/** What the host tells the worker when it starts it. */
export interface CoreWorkerData {
  dataDir: string;
  appVersion: string;
  locale: string;
}

export type HostToWorker = { type: 'invoke'; id: number; channel: unknown; input: unknown };

export type WorkerToHost =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; name: string; payload: unknown };
