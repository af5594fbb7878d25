import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { CliFailure } from './output.ts';

export interface SecretSource {
  env: NodeJS.ProcessEnv;
  /** Asks on the terminal without echo; absent when there is no terminal. */
  prompt?: (question: string) => Promise<string>;
}

/** Reads a line from the terminal with echo off. */
export const promptHidden = (question: string): Promise<string> =>
  new Promise((resolve) => {
    const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
    process.stderr.write(question);
    const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });

export const terminalSecrets = (): SecretSource =>
  process.stdin.isTTY ? { env: process.env, prompt: promptHidden } : { env: process.env };

/** A secret from an environment variable or a prompt; never from the command line. */
export const readSecret = async (source: SecretSource, variable: string, question: string): Promise<string> => {
  const fromEnv = source.env[variable];
  if (fromEnv) return fromEnv;
  if (!source.prompt) {
    throw new CliFailure({ code: 'validation', message: `set ${variable} or run in a terminal to be asked` });
  }
  return source.prompt(question);
};
