import type { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ParsedInput } from './channels.ts';
import { fail, ok, type ErrorIssue, type Result } from './result.ts';

const toIssues = (error: z.ZodError): ErrorIssue[] =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));

/** Checks that a channel exists and its input matches the contract; never throws. */
export const parseInput = (
  channel: unknown,
  input: unknown,
): Result<{ channel: ChannelName; input: ParsedInput<ChannelName> }> => {
  if (!isChannelName(channel)) {
    return fail('validation', 'Unknown channel.', [{ path: 'channel', message: 'Not a contract channel' }]);
  }
  const parsed = channels[channel].input.safeParse(input);
  if (!parsed.success) {
    return fail('validation', `Invalid input for ${channel}.`, toIssues(parsed.error));
  }
  return ok({ channel, input: parsed.data as ParsedInput<ChannelName> });
};
