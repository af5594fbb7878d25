import { parentPort } from 'node:worker_threads';

// A core worker that never answers (host tests of the close timeout); the listener keeps it alive.
parentPort?.on('message', () => undefined);
