import { fail, ipcInvokeChannel, parseInput, type Result } from '../../shared/contract/index.ts';
import type { SenderFrame } from './trusted-sender.ts';

/** The parts of Electron's ipcMain and IpcMainInvokeEvent this module uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface IpcDeps {
  ipcMain: IpcMainLike;
  isTrustedSender(frame: SenderFrame | null): boolean;
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
}

/** Serves contract calls from the renderer: checks the sender and the input, then relays to the core. */
export const registerIpc = ({ ipcMain, isTrustedSender, invoke }: IpcDeps): (() => void) => {
  ipcMain.handle(ipcInvokeChannel, async (event, channel, input) => {
    if (!isTrustedSender(event.senderFrame)) return fail('forbidden', 'Calls are accepted only from the app window.');
    const parsed = parseInput(channel, input);
    if (!parsed.ok) return parsed;
    return invoke(parsed.value.channel, parsed.value.input);
  });
  return () => ipcMain.removeHandler(ipcInvokeChannel);
};
