import type { CoreHost } from '../host/host.ts';
import { CliFailure } from './output.ts';

export interface CommandArgs {
  json: boolean;
  dataDir: string;
  options: Record<string, string | boolean | undefined>;
}

export interface Command {
  summary: string;
  run(host: CoreHost, args: CommandArgs): Promise<unknown>;
}

/** Calls the core and turns an error envelope into a CLI failure. */
export const call = async (host: CoreHost, channel: string, input?: unknown): Promise<unknown> => {
  const result = await host.invoke(channel, input);
  if (!result.ok) throw new CliFailure(result.error);
  return result.value;
};

export const commands: Record<string, Command> = {
  info: {
    summary: 'Show the app version, store schema version, data folder and locale.',
    run: (host) => call(host, 'app:info'),
  },
};
