import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastTestKdfParams } from '../keys/kdf.ts';
import { createFakeServer, type FakeServer } from '../sync/testing/fake-server.ts';
import { runCli } from './main.ts';
import type { CliIo } from './output.ts';

let dataDir: string;
let fake: FakeServer;
let http: Server;
let url: string;

const cli = async (args: string[], env: Record<string, string> = {}) => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (text) => void out.push(text), err: (text) => void err.push(text) };
  const code = await runCli([...args, '--data', dataDir], { io, secrets: { env }, kdf: fastTestKdfParams });
  return { code, out: out.join('\n'), err: err.join('\n') };
};

// The core runs in a worker thread, out of reach of an injected fetch: the fake server is put
// behind a real HTTP listener on loopback.
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mowakaba-cli-sync-'));
  fake = createFakeServer();
  http = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = chunks.length > 0 ? Buffer.concat(chunks).toString('utf8') : undefined;
      void fake
        .fetch(`${fake.url}${request.url ?? '/'}`, { method: request.method ?? 'GET', headers: request.headers as Record<string, string>, ...(body ? { body } : {}) })
        .then(async (answer) => {
          response.writeHead(answer.status, Object.fromEntries(answer.headers));
          if (answer.body) Readable.fromWeb(answer.body as never).pipe(response);
          else response.end();
        });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => http.close(resolve));
  await rm(dataDir, { recursive: true, force: true });
});

const admin = { MOWAKABA_PASSWORD: 'admin-password-1', MOWAKABA_USER: 'admin' };

describe('sync commands', () => {
  it('join creates the store from the server and prints the recovery code once; a second join fails', async () => {
    const missing = await cli(['join', '--server', url, '--user', 'admin']);
    expect(missing.code).not.toBe(0);
    expect(missing.err).toMatch(/MOWAKABA_PASSWORD/);
    const joined = await cli(['join', '--server', url, '--user', 'admin', '--device-name', 'Office PC'], admin);
    expect(joined.code).toBe(0);
    expect(joined.out).toMatch(/Recovery code .*: [0-9A-Z]{4}(-[0-9A-Z]{4})+/);
    const again = await cli(['join', '--server', url, '--user', 'admin'], admin);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/^error: conflict: /);
  });

  it('sync pushes and pulls, as MOWAKABA_USER, and prints its report', async () => {
    fake.record('districts', 'district-mhamid', { name: 'Mhamid', province: null, created_at: '2026-11-23T09:00:00.000Z' }, fake.admin.id);
    const synced = await cli(['sync', '--json'], admin);
    expect(synced.code).toBe(0);
    expect(JSON.parse(synced.out)).toMatchObject({ pushed: 0, rejected: 0, cursor: fake.ops.length });
    const text = await cli(['sync'], admin);
    expect(text.out).toMatch(/^pushed: +0$/m);
    expect(text.out).toMatch(new RegExp(`^cursor: +${fake.ops.length}$`, 'm'));
  });

  it('bundle export writes a private file; importing that same file back is refused as going the wrong way', async () => {
    const file = join(dataDir, 'to-branch.bundle');
    const exported = await cli(['bundle', 'export', '--file', file, '--json'], admin);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.out)).toMatchObject({ file, changes: 0 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const imported = await cli(['bundle', 'import', '--file', file], admin);
    expect(imported.code).toBe(1);
    expect(imported.err).toBe('error: validation: This is the bundle to take to the branch server, not its answer.');
    const unknown = await cli(['bundle', 'send', '--file', file], admin);
    expect(unknown.err).toMatch(/^error: validation: expected one of: export, import/);
  });
});
