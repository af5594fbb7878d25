import { Worker } from 'node:worker_threads';
import type { Result } from '../../../shared/contract/index.ts';
import type { CoreWorkerData, HostToWorker, WorkerToHost } from './protocol.ts';

export type EventListener = (name: string, payload: unknown) => void;

export interface CoreHost {
  /** Sends one call to the core; resolves with its result envelope, never rejects. */
  invoke(channel: unknown, input?: unknown): Promise<Result<unknown>>;
  /** Subscribes to every event the core emits. */
  onEvent(listener: EventListener): () => void;
  close(): Promise<void>;
}

export interface CoreHostOptions extends CoreWorkerData {
  /** The worker entry: the bundled file in Electron, the TypeScript source elsewhere. */
  workerUrl: URL;
  /** How long close() waits for the core to finish its calls and close the store (default 10 s). */
  closeTimeoutMs?: number;
}

const workerGone: Result<never> = {
  ok: false,
  error: { code: 'internal', message: 'The case store stopped unexpectedly; try again.' },
};

// postMessage throws synchronously on a value structured clone cannot copy (a function, say).
const notSendable: Result<never> = {
  ok: false,
  error: { code: 'validation', message: 'The input cannot be sent to the case store.' },
};

/** Starts the core in a worker thread; a crashed worker is started again on the next call. */
export const startCoreHost = (options: CoreHostOptions): CoreHost => {
  const { workerUrl, closeTimeoutMs = 10_000, ...workerData } = options;
  const pending = new Map<number, (result: Result<unknown>) => void>();
  const listeners = new Set<EventListener>();
  let nextId = 1;
  let worker: Worker | undefined;
  let closing = false;

  const settleAll = () => {
    for (const resolve of pending.values()) resolve(workerGone);
    pending.clear();
  };

  const spawn = (): Worker => {
    const started = new Worker(workerUrl, { workerData });
    started.on('message', (message: WorkerToHost) => {
      if (message.type === 'result') {
        pending.get(message.id)?.(message.result);
        pending.delete(message.id);
      } else if (message.type === 'event') {
        for (const listener of listeners) listener(message.name, message.payload);
      }
    });
    started.on('error', (error) => {
      if (!closing) console.error(`[core-host] worker error: ${error.name}`);
    });
    started.on('exit', () => {
      if (worker === started) worker = undefined;
      settleAll();
    });
    return started;
  };

  return {
    invoke(channel, input) {
      if (closing) return Promise.resolve(workerGone);
      try {
        worker ??= spawn();
      } catch {
        return Promise.resolve(workerGone);
      }
      const id = nextId++;
      const running = worker;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        try {
          running.postMessage({ type: 'invoke', id, channel, input } satisfies HostToWorker);
        } catch {
          pending.delete(id);
          resolve(notSendable);
        }
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Lets the core finish its calls and close the store, then ends the thread (at once after the timeout). */
    async close() {
      closing = true;
      const running = worker;
      worker = undefined;
      if (running) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, closeTimeoutMs);
          const done = () => {
            clearTimeout(timer);
            resolve();
          };
          running.on('message', (message: WorkerToHost) => {
            if (message.type === 'closed') done();
          });
          running.once('exit', done);
          try {
            running.postMessage({ type: 'close' } satisfies HostToWorker);
          } catch {
            done();
          }
        });
        await running.terminate();
      }
      settleAll();
    },
  };
};
