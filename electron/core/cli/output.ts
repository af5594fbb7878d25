import type { ErrorShape } from '../../../shared/contract/index.ts';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
};

/** Thrown by commands for a failure that ends the run with one line on stderr. */
export class CliFailure extends Error {
  readonly error: ErrorShape;
  readonly exitCode: number;

  constructor(error: ErrorShape, exitCode = 1) {
    super(error.message);
    this.error = error;
    this.exitCode = exitCode;
  }
}

/** Prints a value as JSON or as aligned `key: value` lines. */
export const printValue = (io: CliIo, value: unknown, json: boolean) => {
  if (json) {
    io.out(JSON.stringify(value));
    return;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value);
    const width = Math.max(...entries.map(([key]) => key.length));
    for (const [key, item] of entries) io.out(`${key.padEnd(width)}  ${typeof item === 'string' ? item : JSON.stringify(item)}`);
    return;
  }
  io.out(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
};
