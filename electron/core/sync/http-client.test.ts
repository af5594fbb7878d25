import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toErrorShape } from '../errors.ts';
import { createHttpClient, type FetchLike } from './http-client.ts';

const server = 'https://branch.example';
const schema = z.object({ ok: z.literal(true) });
const answer = (status: number, body: unknown, headers: Record<string, string> = {}): FetchLike => async () =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

const call = (fetch: FetchLike, timeoutMs?: number) =>
  createHttpClient({ server, fetch, ...(timeoutMs ? { timeoutMs } : {}) }).request({ method: 'GET', path: '/v1/thing', schema });

describe('the sync HTTP client', () => {
  it('returns a validated answer and sends the token, JSON body and query', async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const fetch: FetchLike = async (url, init) => {
      seen = { url, init };
      return new Response('{"ok":true}', { status: 200 });
    };
    const client = createHttpClient({ server: `${server}/`, fetch });
    await expect(client.request({ method: 'POST', path: '/v1/sync/push', query: { cursor: 3 }, body: { a: 1 }, token: 'T', schema })).resolves.toEqual({ ok: true });
    expect(seen?.url).toBe(`${server}/v1/sync/push?cursor=3`);
    expect(new Headers(seen?.init.headers).get('authorization')).toBe('Bearer T');
    expect(seen?.init.body).toBe('{"a":1}');
  });

  it.each([
    ['no network', (async () => {
      throw new TypeError('fetch failed');
    }) satisfies FetchLike, { code: 'offline', reason: 'network' }],
    ['a gateway with the server down', answer(503, '<html>down</html>'), { code: 'offline', reason: 'server-unavailable' }],
    ['rate limiting', answer(429, { code: 'rate-limited', message: 'slow down' }, { 'retry-after': '30' }), { code: 'offline', reason: 'rate-limited', retryAfterMs: 30_000 }],
    ['a server too new for the app', answer(426, { code: 'outdated', message: 'update' }), { code: 'outdated', reason: 'outdated' }],
    ['a refused role', answer(403, { code: 'forbidden', message: 'no' }), { code: 'forbidden', reason: 'forbidden' }],
    ['a revoked device', answer(401, { code: 'device-revoked', message: 'gone' }), { code: 'forbidden', reason: 'device-revoked' }],
    ['an expired token', answer(401, { code: 'unauthorized', message: 'again' }), { code: 'forbidden', reason: 'unauthorized' }],
    ['a conflict', answer(409, { code: 'conflict', message: 'taken' }), { code: 'conflict', reason: 'conflict' }],
    ['a bad request', answer(400, { code: 'bad-request', message: 'Invalid request: username.' }), { code: 'validation', reason: 'bad-request' }],
    ['a server crash', answer(500, { code: 'internal', message: 'boom' }), { code: 'internal', reason: 'server-error' }],
    ['an answer of the wrong shape', answer(200, { ok: 'yes' }), { code: 'internal', reason: 'bad-answer' }],
    ['an answer that is not JSON', answer(200, '<html>'), { code: 'internal', reason: 'bad-answer' }],
  ])('maps %s to a stable error', async (_label, fetch, expected) => {
    await expect(call(fetch)).rejects.toMatchObject(expected);
  });

  it('gives up after its timeout with `offline`', async () => {
    const hanging: FetchLike = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    await expect(call(hanging, 50)).rejects.toMatchObject({ code: 'offline', reason: 'timeout' });
  });

  it('never passes the server’s message or a body on to the user or the log', async () => {
    const error = await call(answer(404, { code: 'not-found', message: 'No household for Fatima Zahra, CIN AB123456' })).catch((caught: unknown) => caught);
    const shape = toErrorShape(error);
    expect(shape).toMatchObject({ code: 'not-found', reason: 'not-found' });
    expect(JSON.stringify(shape)).not.toMatch(/Fatima|AB123456/);
  });

  it('reads a snapshot line by line across chunks, and fails a cut stream with `offline`', async () => {
    const lines = [
      { type: 'header', cursor: 5, branch: { id: 'b', name: 'Zagora' }, user: { id: 'u', username: 'amina', display_name: 'Amina', role: 'admin', branch_id: 'b' } },
      { type: 'row', table: 'branches', row_id: 'b', seq: 1, fields: { name: 'Zagora' } },
      { type: 'end', rows: 1 },
    ];
    const text = lines.map((line) => JSON.stringify(line)).join('\n');
    const stream = (body: string, cut: boolean): FetchLike => async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            const bytes = new TextEncoder().encode(body);
            for (let i = 0; i < bytes.length; i += 5) controller.enqueue(bytes.slice(i, i + 5));
            if (cut) controller.error(new TypeError('terminated'));
            else controller.close();
          },
        }),
      );
    const read = async (fetch: FetchLike) => {
      const got = [];
      for await (const line of createHttpClient({ server, fetch }).snapshot({ path: '/v1/sync/snapshot', token: 'T' })) got.push(line.type);
      return got;
    };
    await expect(read(stream(text, false))).resolves.toEqual(['header', 'row', 'end']);
    await expect(read(stream(text.slice(0, text.lastIndexOf('\n')), true))).rejects.toMatchObject({ code: 'offline', reason: 'snapshot-cut' });
    // Ends cleanly but without its end line: cut as well.
    await expect(read(stream(text.slice(0, text.lastIndexOf('\n')), false))).rejects.toMatchObject({ code: 'offline', reason: 'snapshot-cut' });
  });
});
