import type { Result } from './result.ts';

/** What the preload (or the e2e bridge) puts on `window.api`. */
export interface WindowApi {
  invoke(channel: string, input?: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

/** The single IPC channel names the preload and main use under the contract. */
export const ipcInvokeChannel = 'mowakaba:invoke';
export const ipcEventChannel = 'mowakaba:event';
