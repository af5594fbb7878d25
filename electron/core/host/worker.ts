import { parentPort, workerData } from 'node:worker_threads';
import type { CoreContext } from '../context.ts';
import { createDispatch } from '../dispatch.ts';
import { handlers } from '../handlers.ts';
import type { CoreWorkerData, HostToWorker, WorkerToHost } from './protocol.ts';

// Entry of the core worker thread: serves the handler map to whichever host started it.
const port = parentPort;
if (!port) throw new Error('The core worker must run in a worker thread.');

const data = workerData as CoreWorkerData;
const post = (message: WorkerToHost) => port.postMessage(message);

const ctx: CoreContext = {
  dataDir: data.dataDir,
  appVersion: data.appVersion,
  locale: data.locale,
  emit: (name, payload) => post({ type: 'event', name, payload }),
};

const dispatch = createDispatch(handlers, ctx);

port.on('message', (message: HostToWorker) => {
  if (message.type !== 'invoke') return;
  void dispatch(message.channel, message.input).then((result) => post({ type: 'result', id: message.id, result }));
});
