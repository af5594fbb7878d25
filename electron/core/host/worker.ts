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
ctx.sessions.startIdleTimer();

const dispatch = createDispatch(handlers, ctx);

port.on('message', (message: HostToWorker) => {
  if (message.type !== 'invoke') return;
  void dispatch(message.channel, message.input).then((result) => post({ type: 'result', id: message.id, result }));
});
