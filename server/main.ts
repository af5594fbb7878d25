// `npm run server -- [--data DIR] [--port N] [--host H] [--updates DIR]` serves the sync API;
// `npm run server -- init --branch NAME --admin USER [--display-name N]` creates a branch and its first admin.
// PostgreSQL when DATABASE_URL is set, else embedded PGlite in --data (default ./server-data).
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { passwordSchema } from '../shared/contract/session.contract.ts';
import { createSyncServer, initBranch, type SyncServerOptions } from './app.ts';

const usage = `Usage:
  npm run server -- [--data DIR] [--port N] [--host 127.0.0.1] [--updates DIR]
  npm run server -- init --branch NAME --admin USER [--display-name NAME] [--data DIR]

PostgreSQL when DATABASE_URL is set; otherwise embedded PGlite in --data (default ./server-data).
The admin's password comes from MOWAKABA_PASSWORD or a prompt, never from arguments.`;

let pipedLines: AsyncIterator<string> | null = null;

/** Reads a line from the terminal without echoing it (or the next line when stdin is not a terminal). */
const promptHidden = async (question: string): Promise<string> => {
  const input = process.stdin;
  process.stderr.write(question);
  if (!input.isTTY) {
    pipedLines ??= createInterface({ input, terminal: false })[Symbol.asyncIterator]();
    const next = await pipedLines.next();
    process.stderr.write('\n');
    if (next.done) throw new Error('no password given');
    return next.value;
  }
  return new Promise((resolvePassword, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolvePassword(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new Error('cancelled'));
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
};

const adminPassword = async (): Promise<string> => {
  const fromEnv = process.env.MOWAKABA_PASSWORD;
  if (fromEnv) return passwordSchema.parse(fromEnv);
  const first = await promptHidden('Password for the new admin: ');
  const checked = passwordSchema.safeParse(first);
  if (!checked.success) throw new Error(checked.error.issues[0]?.message ?? 'password: not accepted');
  if ((await promptHidden('Type it again: ')) !== first) throw new Error('The two passwords differ.');
  return first;
};

const storage = (data: string | undefined): Pick<SyncServerOptions, 'databaseUrl' | 'dataDir'> => {
  const databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) return { databaseUrl };
  const dataDir = resolve(data ?? 'server-data');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  return { dataDir };
};

const run = async (): Promise<void> => {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      updates: { type: 'string' },
      branch: { type: 'string' },
      admin: { type: 'string' },
      'display-name': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help || !['serve', 'init'].includes(command) || positionals.length > 1) {
    console.log(usage);
    if (!values.help) process.exitCode = 2;
    return;
  }

  if (command === 'init') {
    if (!values.branch || !values.admin) throw new Error('init needs --branch NAME and --admin USER');
    const password = await adminPassword();
    const server = await createSyncServer(storage(values.data));
    try {
      const created = await initBranch(server, { branchName: values.branch, adminUsername: values.admin, adminPassword: password, adminDisplayName: values['display-name'] });
      console.log(`Created branch ${values.branch} (${created.branchId}) with admin ${values.admin}.`);
    } finally {
      await server.close();
    }
    return;
  }

  const port = Number(values.port ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('--port must be a port number');
  const server = await createSyncServer({ ...storage(values.data), updatesDir: values.updates && resolve(values.updates), logger: true });
  const url = await server.listen(port, values.host ?? '127.0.0.1');
  console.log(`Mowakaba sync server listening on ${url}`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

run().catch((error: unknown) => {
  // One line, no stack: messages here are ours or zod's, never household data.
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  console.error(`mowakaba server: ${message}`);
  process.exitCode = 1;
});
