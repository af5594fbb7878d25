import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };
import { runCli } from './main.ts';
import type { CliIo } from './output.ts';

let dataDir: string;

const capture = () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => void out.push(text), err: (text) => void err.push(text) };
  return { io, out, err, stdout: () => out.join('\n'), stderr: () => err.join('\n') };
};

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mowakaba-cli-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('runCli', () => {
  it('prints app info as JSON for `info --json`', async () => {
    const { io, stdout, err } = capture();
    expect(await runCli(['info', '--json', '--data', dataDir], { io })).toBe(0);
    const info: unknown = JSON.parse(stdout());
    expect(info).toEqual({ version: pkg.version, schemaVersion: expect.any(Number), dataDir, locale: expect.any(String) });
    expect(err).toEqual([]);
  });

  it('prints app info as aligned lines without --json', async () => {
    const { io, out } = capture();
    expect(await runCli(['info', '--data', dataDir], { io })).toBe(0);
    expect(out).toContain(`version        ${pkg.version}`);
    expect(out).toContain(`dataDir        ${dataDir}`);
  });

  it('refuses an unknown command with exit code 2 and one line on stderr', async () => {
    const { io, err, out } = capture();
    expect(await runCli(['frobnicate', '--data', dataDir], { io })).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('\n');
    expect(err[0]).toMatch(/^error: validation: .*frobnicate/);
    expect(out).toEqual([]);
  });

  it('refuses an unknown flag with exit code 2 and one line on stderr', async () => {
    const { io, err, out } = capture();
    expect(await runCli(['info', '--frobnicate', '--data', dataDir], { io })).toBe(2);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toContain('\n');
    expect(err[0]).toMatch(/^error: validation: .*--frobnicate/);
    expect(out).toEqual([]);
  });

  it('refuses --data without a folder', async () => {
    const { io, err } = capture();
    expect(await runCli(['info', '--data'], { io })).toBe(2);
    expect(err[0]).toMatch(/^error: validation:/);
  });

  it('prints the usage with every command for --help, and exits 2 when no command is given', async () => {
    const help = capture();
    expect(await runCli(['--help'], { io: help.io })).toBe(0);
    expect(help.stdout()).toMatch(/^Usage: /);
    expect(help.stdout()).toMatch(/^ {2}info\s/m);
    const none = capture();
    expect(await runCli([], { io: none.io })).toBe(2);
    expect(none.stdout()).toMatch(/^Usage: /);
  });
});
