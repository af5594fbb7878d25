import { parseArgs } from 'node:util';
import pkg from '../../../package.json' with { type: 'json' };
import { defaultDataDir } from '../data-dir.ts';
import { startCoreHost } from '../host/host.ts';
import { sourceWorkerUrl } from '../host/source-worker.ts';
import type { KdfParams } from '../keys/kdf.ts';
import { commands } from './commands.ts';
import { CliFailure, printValue, processIo, type CliIo } from './output.ts';
import { terminalSecrets, type SecretSource } from './secrets.ts';

const usage = () =>
  [
    'Usage: npm run cli -- <command> [--data DIR] [--json]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`),
    '',
    ...Object.values(commands).flatMap((command) => (command.usage ? [`  ${command.usage}`] : [])),
    '',
    'Passwords come from MOWAKABA_PASSWORD or a prompt, never from arguments.',
  ].join('\n');

const globalOptions = {
  data: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface CliOptions {
  io?: CliIo;
  secrets?: SecretSource;
  /** Argon2id cost; tests pass a light one. */
  kdf?: KdfParams;
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

/** Runs one CLI command against the core worker; returns the process exit code. */
export const runCli = async (argv: string[], options: CliOptions = {}): Promise<number> => {
  const io = options.io ?? processIo;
  const name = argv.find((arg) => !arg.startsWith('-'));
  const command = name ? commands[name] : undefined;
  if (name && !command) {
    io.err(`error: validation: unknown command "${name}"; --help lists the commands`);
    return 2;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { ...globalOptions, ...command?.options } });
  } catch (error) {
    io.err(`error: validation: ${oneLine(error instanceof Error ? error.message : 'bad arguments')}`);
    return 2;
  }
  if (parsed.values.help || !name || !command) {
    io.out(usage());
    return name || parsed.values.help ? 0 : 2;
  }
  const json = parsed.values.json === true;
  const dataDir = typeof parsed.values.data === 'string' ? parsed.values.data : defaultDataDir();
  const host = startCoreHost({
    workerUrl: sourceWorkerUrl,
    dataDir,
    appVersion: pkg.version,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
    ...(options.kdf ? { kdf: options.kdf } : {}),
  });
  try {
    const value = await command.run(host, {
      json,
      dataDir,
      positionals: parsed.positionals,
      options: parsed.values as Record<string, string | boolean | undefined>,
      secrets: options.secrets ?? terminalSecrets(),
    });
    if (value !== undefined) printValue(io, value, json);
    return 0;
  } catch (error) {
    const failure = error instanceof CliFailure ? error : new CliFailure({ code: 'internal', message: 'Unexpected error.' });
    if (json) io.out(JSON.stringify({ ok: false, error: failure.error }));
    io.err(`error: ${failure.error.code}: ${oneLine(failure.error.message)}`);
    return failure.exitCode;
  } finally {
    await host.close();
  }
};

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
