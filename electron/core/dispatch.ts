import { fail, isMainChannelName, ok, parseInput, type ChannelName, type Result } from '../../shared/contract/index.ts';
import type { CoreContext } from './context.ts';
import { toErrorShape } from './errors.ts';
import type { Handler, HandlerMap } from './handlers.ts';

export type Dispatch = (channel: unknown, input: unknown) => Promise<Result<unknown>>;

/** Validates a call against the contract, runs its handler and wraps any failure; never throws. */
export const createDispatch = (handlerMap: HandlerMap, ctx: CoreContext): Dispatch => async (channel, input) => {
  const parsed = parseInput(channel, input);
  if (!parsed.ok) return parsed;
  // The updater's channels are answered by Electron main; the core has no handler for them.
  if (isMainChannelName(parsed.value.channel)) return fail('not-found', 'This channel is not served by the case store.');
  const handler = handlerMap[parsed.value.channel] as Handler<ChannelName>;
  try {
    return ok(await handler(parsed.value.input as never, ctx));
  } catch (error) {
    const shape = toErrorShape(error);
    if (shape.code === 'internal') logUnexpected(parsed.value.channel, error);
    return { ok: false, error: shape };
  }
};

// Only the error class and stack frames go to the log: messages from lower layers may quote
// data, and a multi-line message spills into the lines after the first of `stack`.
const logUnexpected = (channel: string, error: unknown) => {
  const frames = error instanceof Error ? (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line)) : [];
  const stack = frames.slice(0, 5).join('\n');
  const kind = error instanceof Error ? error.name : typeof error;
  console.error(`[core] ${channel} failed: ${kind}\n${stack}`);
};
