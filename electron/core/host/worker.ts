import { parentPort, workerData } from 'node:worker_threads';
import { createCoreContext } from '../context.ts';
import { createDispatch } from '../dispatch.ts';
import { handlers } from '../handlers.ts';
import type { CoreWorkerData, HostToWorker, WorkerToHost } from './protocol.ts';

// Entry of the core worker thread: serves the handler map to whichever host started it.
const port = parentPort;
if (!port) throw new Error('The core worker must run in a worker thread.');

const post = (message: WorkerToHost) => port.postMessage(message);
const ctx = createCoreContext(workerData as CoreWorkerData, (name, payload) => post({ type: 'event', name, payload }));
const stopIdleTimer = ctx.sessions.startIdleTimer();

const dispatch = createDispatch(handlers, ctx);
const running = new Set<Promise<void>>();
let closing: Promise<void> | undefined;

// The store and the sync are closed by the core itself before the host ends the thread: ending it
// with a query, a hash or a request still under way is what native modules do not survive.
const close = async () => {
  stopIdleTimer();
  await Promise.allSettled([...running]);
  await ctx.sessions.close().catch(() => undefined);
  await ctx.sync.stop().catch(() => undefined);
};

port.on('message', (message: HostToWorker) => {
  if (message.type === 'close') {
    closing ??= close().then(() => post({ type: 'closed' }));
    return;
  }
  if (closing) return;
  const call = dispatch(message.channel, message.input).then((result) => post({ type: 'result', id: message.id, result }));
  running.add(call);
  void call.finally(() => running.delete(call));
});
