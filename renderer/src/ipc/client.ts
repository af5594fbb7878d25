import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  ErrorCode,
  ErrorIssue,
  ErrorShape,
  EventName,
  EventPayload,
  WindowApi,
} from '../../../shared/contract/index.ts';

declare global {
  interface Window {
    api?: WindowApi;
  }
}

/** A failed call, with the contract's stable code (and finer reason) for the UI to translate. */
export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[];
  readonly reason: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(code: ErrorCode, message: string, issues: ErrorIssue[] = [], extra: Pick<ErrorShape, 'reason' | 'retryAfterMs'> = {}) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.issues = issues;
    this.reason = extra.reason;
    this.retryAfterMs = extra.retryAfterMs;
  }
}

const bridge = (): WindowApi => {
  if (!window.api) throw new IpcError('internal', 'The app bridge is missing.');
  return window.api;
};

type InputArgs<C extends ChannelName> = undefined extends ChannelInput<C> ? [input?: ChannelInput<C>] : [input: ChannelInput<C>];

/** Calls the core through the contract; resolves with the value or throws an IpcError. */
export const invoke = async <C extends ChannelName>(channel: C, ...[input]: InputArgs<C>): Promise<ChannelOutput<C>> => {
  const result = await bridge().invoke(channel, input);
  if (!result.ok) {
    const { code, message, issues, reason, retryAfterMs } = result.error;
    throw new IpcError(code, message, issues, { reason, retryAfterMs });
  }
  return result.value as ChannelOutput<C>;
};

/** Subscribes to a core event; returns the unsubscribe function. */
export const onEvent = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) =>
  bridge().on(event, (payload) => listener(payload as EventPayload<E>));
