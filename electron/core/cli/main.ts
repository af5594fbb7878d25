import { parseArgs } from 'node:util';
import pkg from '../../../package.json' with { type: 'json' };
import { defaultDataDir } from '../data-dir.ts';
import { startCoreHost } from '../host/host.ts';
import { sourceWorkerUrl } from '../host/source-worker.ts';
import { commands } from './commands.ts';
import { CliFailure, printValue, processIo, type CliIo } from './output.ts';

const usage = () =>
  [
    'Usage: npm run cli -- <command> [--data DIR] [--json]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(10)} ${command.summary}`),
    '',
    'Passwords come from MOWAKABA_PASSWORD or a prompt, never from arguments.',
  ].join('\n');

/** Runs one CLI command against the core worker; returns the process exit code. */
export const runCli = async (argv: string[], io: CliIo = processIo): Promise<number> => {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`error: validation: ${error instanceof Error ? error.message : 'bad arguments'}`);
    return 2;
  }
  const [name] = parsed.positionals;
  if (parsed.values.help || !name) {
    io.out(usage());
    return name || parsed.values.help ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.err(`error: validation: unknown command "${name}"; --help lists the commands`);
    return 2;
  }
  const json = parsed.values.json ?? false;
  const dataDir = parsed.values.data ?? defaultDataDir();
  const host = startCoreHost({
    workerUrl: sourceWorkerUrl,
    dataDir,
    appVersion: pkg.version,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
  });
  try {
    const value = await command.run(host, { json, dataDir, options: parsed.values });
    if (value !== undefined) printValue(io, value, json);
    return 0;
  } catch (error) {
    const failure = error instanceof CliFailure ? error : new CliFailure({ code: 'internal', message: 'Unexpected error.' });
    if (json) io.out(JSON.stringify({ ok: false, error: failure.error }));
    io.err(`error: ${failure.error.code}: ${failure.error.message}`);
    return failure.exitCode;
  } finally {
    await host.close();
  }
};

if (import.meta.main) {
  process.exitCode = await runCli(process.argv.slice(2));
}
