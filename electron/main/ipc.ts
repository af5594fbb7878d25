import {
  fail,
  ipcInvokeChannel,
  isMainChannelName,
  parseInput,
  type ChannelOutput,
  type MainChannelName,
  type ParsedInput,
  type Result,
} from '../../shared/contract/index.ts';
import type { SenderFrame } from './trusted-sender.ts';

/** The parts of Electron's ipcMain and IpcMainInvokeEvent this module uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: SenderFrame | null }, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Handlers for the channels main answers itself (the updater), given validated input. */
export type MainHandlers = {
  [C in MainChannelName]: (input: ParsedInput<C>) => Promise<Result<ChannelOutput<C>>>;
};

export interface IpcDeps {
  ipcMain: IpcMainLike;
  isTrustedSender(frame: SenderFrame | null): boolean;
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  mainHandlers: MainHandlers;
}

const runMainHandler = async (handlers: MainHandlers, channel: MainChannelName, input: unknown): Promise<Result<unknown>> => {
  const handler = handlers[channel] as (input: unknown) => Promise<Result<unknown>>;
  try {
    return await handler(input);
  } catch (error) {
    console.error(`[main] ${channel} failed: ${error instanceof Error ? error.name : typeof error}`);
    return fail('internal', 'Unexpected error in the app.');
  }
};

/**
 * Serves contract calls from the renderer: checks the sender and the input, then answers the
 * updater's channels here and relays every other one to the core.
 */
export const registerIpc = ({ ipcMain, isTrustedSender, invoke, mainHandlers }: IpcDeps): (() => void) => {
  ipcMain.handle(ipcInvokeChannel, async (event, channel, input) => {
    if (!isTrustedSender(event.senderFrame)) return fail('forbidden', 'Calls are accepted only from the app window.');
    const parsed = parseInput(channel, input);
    if (!parsed.ok) return parsed;
    if (isMainChannelName(parsed.value.channel)) return runMainHandler(mainHandlers, parsed.value.channel, parsed.value.input);
    return invoke(parsed.value.channel, parsed.value.input);
  });
  return () => ipcMain.removeHandler(ipcInvokeChannel);
};
