import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fail, isMainChannelName, parseInput, type Result } from '../../shared/contract/index.ts';
import { startCoreHost, type CoreHost } from '../../electron/core/host/host.ts';
import { sourceWorkerUrl } from '../../electron/core/host/source-worker.ts';
import { createDisabledUpdates } from '../../electron/main/updates/updater.ts';

export interface Bridge {
  url: string;
  host: CoreHost;
  close(): Promise<void>;
}

export interface BridgeOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  dataDir: string;
  appVersion?: string;
  locale?: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

const maxBody = 16 * 1024 * 1024;

const readBody = async (request: IncomingMessage): Promise<string> => {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBody) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const sendJson = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
};

/**
 * Serves the built renderer and relays `window.api` calls to the real core worker, so the e2e
 * tests drive the same code path as Electron main: POST /rpc {channel, input}, GET /events (SSE).
 * Test-only; listens on loopback.
 */
export const startBridge = async ({ rendererDir, dataDir, appVersion = '0.0.0-e2e', locale = 'ar-MA' }: BridgeOptions): Promise<Bridge> => {
  const host = startCoreHost({ workerUrl: sourceWorkerUrl, dataDir, appVersion, locale });
  // Electron main answers the updater's channels; the browser has no updater, so they say `disabled`.
  const updates = createDisabledUpdates(appVersion);
  const answer = async (channel: unknown, input: unknown): Promise<Result<unknown>> => {
    if (!isMainChannelName(channel)) return host.invoke(channel, input);
    const parsed = parseInput(channel, input);
    if (!parsed.ok) return parsed;
    const handler = updates.handlers[channel] as (input: unknown) => Promise<Result<unknown>>;
    return handler(parsed.value.input);
  };
  const streams = new Set<ServerResponse>();
  host.onEvent((name, payload) => {
    for (const stream of streams) stream.write(`data: ${JSON.stringify({ name, payload })}\n\n`);
  });

  const serveRpc = async (request: IncomingMessage, response: ServerResponse) => {
    let call: unknown;
    try {
      call = JSON.parse(await readBody(request));
    } catch {
      return sendJson(response, 400, fail('validation', 'The request body is not JSON.'));
    }
    const { channel, input } = (call && typeof call === 'object' ? call : {}) as { channel?: unknown; input?: unknown };
    return sendJson(response, 200, await answer(channel, input));
  };

  const serveEvents = (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    response.write(': connected\n\n');
    streams.add(response);
    request.on('close', () => streams.delete(response));
  };

  const serveFile = async (pathname: string, response: ServerResponse) => {
    const relative = normalize(decodeURIComponent(pathname === '/' ? '/index.html' : pathname)).replace(/^([/\\])+/, '');
    const file = join(rendererDir, relative);
    if (!file.startsWith(rendererDir + sep)) return sendJson(response, 403, fail('forbidden', 'Outside the renderer.'));
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      sendJson(response, 404, fail('not-found', 'No such file.'));
    }
  };

  const server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (pathname === '/rpc' && request.method === 'POST') return void serveRpc(request, response);
    if (pathname === '/events' && request.method === 'GET') return serveEvents(request, response);
    if (request.method === 'GET') return void serveFile(pathname, response);
    sendJson(response, 405, fail('validation', 'Method not allowed.'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    host,
    async close() {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await host.close();
    },
  };
};
