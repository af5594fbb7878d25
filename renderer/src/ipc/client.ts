import type {
  ChannelInput,
  ChannelName,
  ChannelOutput,
  ErrorCode,
  ErrorIssue,
  EventName,
  EventPayload,
  WindowApi,
} from '../../../shared/contract/index.ts';

declare global {
  interface Window {
    api?: WindowApi;
  }
}

/** A failed call, with the contract's stable code for the UI to translate. */
export class IpcError extends Error {
  readonly code: ErrorCode;
  readonly issues: ErrorIssue[];

  constructor(code: ErrorCode, message: string, issues: ErrorIssue[] = []) {
    super(message);
    this.name = 'IpcError';
    this.code = code;
    this.issues = issues;
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
  if (!result.ok) throw new IpcError(result.error.code, result.error.message, result.error.issues);
  return result.value as ChannelOutput<C>;
};

/** Subscribes to a core event; returns the unsubscribe function. */
export const onEvent = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): (() => void) =>
  bridge().on(event, (payload) => listener(payload as EventPayload<E>));
