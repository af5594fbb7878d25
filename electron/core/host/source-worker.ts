/** The worker entry as TypeScript source, for Node 24 hosts (CLI, tests, e2e bridge). */
export const sourceWorkerUrl = new URL('./worker.ts', import.meta.url);
