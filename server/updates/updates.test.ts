import Fastify, { type FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { registerCompression } from '../compression.ts';
import { registerUpdates } from './updates.ts';

let base: string;
let dir: string;
let app: FastifyInstance;
let url: string;
const installer = randomBytes(64 * 1024);
const latestYml = 'version: 0.2.0\nfiles:\n  - url: Mowakaba-Setup-0.2.0.exe\n    sha512: abc\n    size: 65536\npath: Mowakaba-Setup-0.2.0.exe\nstagingPercentage: 20\n';

const start = async (folder: string) => {
  app = Fastify({ logger: false });
  // As the sync server sets it up: compression exists, for the routes that ask for it.
  await registerCompression(app);
  await registerUpdates(app, folder);
  url = await app.listen({ port: 0, host: '127.0.0.1' });
};

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'mowakaba-updates-'));
  dir = join(base, 'updates');
  await mkdir(join(dir, 'nested'), { recursive: true });
  await writeFile(join(dir, 'latest.yml'), latestYml);
  await writeFile(join(dir, 'Mowakaba-Setup-0.2.0.exe'), installer);
  await writeFile(join(dir, 'Mowakaba-Setup-0.2.0.exe.blockmap'), randomBytes(100));
  await writeFile(join(dir, 'Mowakaba-0.2.0.AppImage'), randomBytes(10));
  await writeFile(join(dir, 'mowakaba_0.2.0_amd64.deb'), randomBytes(10));
  await writeFile(join(dir, '.env'), 'SECRET=1');
  await writeFile(join(base, 'secret.txt'), 'outside the updates folder');
});
afterEach(async () => {
  await app?.close();
  await rm(base, { recursive: true, force: true });
});

/** A raw request, so paths like `/updates/../x` reach the server as written (fetch would normalise them). */
const get = (path: string, headers: Record<string, string> = {}) =>
  new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const { port } = new URL(url);
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });

describe('the /updates/ folder', () => {
  it('serves latest.yml as YAML, revalidated on every request', async () => {
    await start(dir);
    const response = await get('/updates/latest.yml', { 'accept-encoding': 'gzip' });
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-type']).toBe('text/yaml; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['accept-ranges']).toBe('bytes');
    expect(response.body.toString()).toBe(latestYml);
  });

  it('answers a byte range of an installer with 206 and exactly those bytes', async () => {
    await start(dir);
    const response = await get('/updates/Mowakaba-Setup-0.2.0.exe', { range: 'bytes=1000-1999', 'accept-encoding': 'gzip' });
    expect(response.status).toBe(206);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.headers['content-range']).toBe(`bytes 1000-1999/${installer.length}`);
    expect(response.headers['content-length']).toBe('1000');
    expect(response.headers['content-type']).toBe('application/vnd.microsoft.portable-executable');
    expect(response.body.equals(installer.subarray(1000, 2000))).toBe(true);

    const tail = await get('/updates/Mowakaba-Setup-0.2.0.exe', { range: `bytes=${installer.length - 10}-` });
    expect(tail.status).toBe(206);
    expect(tail.body.equals(installer.subarray(installer.length - 10))).toBe(true);

    const beyond = await get('/updates/Mowakaba-Setup-0.2.0.exe', { range: `bytes=${installer.length + 5}-` });
    expect(beyond.status).toBe(416);
  });

  it('gives each artifact its content type', async () => {
    await start(dir);
    expect((await get('/updates/Mowakaba-Setup-0.2.0.exe.blockmap')).headers['content-type']).toBe('application/octet-stream');
    expect((await get('/updates/Mowakaba-0.2.0.AppImage')).headers['content-type']).toBe('application/octet-stream');
    expect((await get('/updates/mowakaba_0.2.0_amd64.deb')).headers['content-type']).toBe('application/vnd.debian.binary-package');
  });

  it.each([
    '/updates/../secret.txt',
    '/updates/%2e%2e/secret.txt',
    '/updates/%2E%2E%2Fsecret.txt',
    '/updates/nested/..%2f..%2fsecret.txt',
    '/updates/..%5csecret.txt',
  ])('refuses %s, outside the folder', async (path) => {
    await start(dir);
    const response = await get(path);
    expect([403, 404]).toContain(response.status);
    expect(response.body.toString()).not.toContain('outside the updates folder');
  });

  it('lists no folder and serves no dotfile', async () => {
    await start(dir);
    for (const path of ['/updates/', '/updates', '/updates/nested/', '/updates/.env']) {
      const response = await get(path);
      expect([403, 404], path).toContain(response.status);
      expect(response.body.toString()).not.toMatch(/latest\.yml|SECRET/);
    }
  });

  it('answers 404 while the folder does not exist, and serves it once created', async () => {
    const later = join(base, 'not-yet');
    await start(later);
    expect((await get('/updates/latest.yml')).status).toBe(404);
    await mkdir(later);
    await writeFile(join(later, 'latest.yml'), latestYml);
    expect((await get('/updates/latest.yml')).status).toBe(200);
  });

  it('refuses a path that is a file, not a folder', async () => {
    await expect(registerUpdates(Fastify(), join(base, 'secret.txt'))).rejects.toThrow(/not a folder/);
  });
});
