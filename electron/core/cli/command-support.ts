import type { ParseArgsConfig } from 'node:util';
import type { CoreHost } from '../host/host.ts';
import { CliFailure } from './output.ts';
import { readSecret, type SecretSource } from './secrets.ts';

/** What every command gets, and the helpers they share. */

/** The parsed command line a command runs with. */
export interface CommandArgs {
  json: boolean;
  dataDir: string;
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
  secrets: SecretSource;
}

/** One CLI command: its help and what it runs against the core. */
export interface Command {
  summary: string;
  usage?: string;
  options?: NonNullable<ParseArgsConfig['options']>;
  run(host: CoreHost, args: CommandArgs): Promise<unknown>;
}

/** Calls the core and turns an error envelope into a CLI failure. */
export const call = async (host: CoreHost, channel: string, input?: unknown): Promise<unknown> => {
  const result = await host.invoke(channel, input);
  if (!result.ok) throw new CliFailure(result.error);
  return result.value;
};

/** A string option the command cannot go without. */
export const required = (args: CommandArgs, name: string): string => {
  const value = args.options[name];
  if (typeof value !== 'string' || value === '') throw new CliFailure({ code: 'validation', message: `--${name} is required` });
  return value;
};

/** The user's password: MOWAKABA_PASSWORD or a prompt. */
export const password = (args: CommandArgs) => readSecret(args.secrets, 'MOWAKABA_PASSWORD', 'Password: ');
/** A new password: MOWAKABA_NEW_PASSWORD or a prompt. */
export const newPassword = (args: CommandArgs) => readSecret(args.secrets, 'MOWAKABA_NEW_PASSWORD', 'New password: ');

/** The account a command acts as: `--user`, else MOWAKABA_USER. */
export const userName = (args: CommandArgs): string => {
  const value = typeof args.options.user === 'string' && args.options.user !== '' ? args.options.user : args.secrets.env.MOWAKABA_USER;
  if (!value) throw new CliFailure({ code: 'validation', message: '--user (or MOWAKABA_USER) is required' });
  return value;
};

/** Unlocks the store as `--user` with MOWAKABA_PASSWORD (or a prompt) before a command runs. */
export const unlock = async (host: CoreHost, args: CommandArgs) => call(host, 'session:unlock', { username: userName(args), password: await password(args) });

/** The `--user` option of commands that unlock the store. */
export const userOption = { user: { type: 'string' } } as const;
