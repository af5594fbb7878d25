import type { z } from 'zod';
import { httpErrorSchema, snapshotLineSchema, type HttpErrorCode, type SnapshotLine } from '../../../shared/sync/api.ts';
import { CoreError } from '../errors.ts';

/**
 * The one place the device talks HTTP to its branch server: timeouts, answers validated with the
 * shared schemas, and every failure mapped to a CoreError with a stable reason. Messages never
 * quote a request or an answer body.
 */

/** The part of `fetch` the client uses (tests pass a fake). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export interface HttpClientOptions {
  /** The server's base address (http or https). */
  server: string;
  fetch?: FetchLike;
  /** Per-request limit (default 20 s). */
  timeoutMs?: number;
  /** Aborts every request in flight (the sync stops on lock). */
  signal?: AbortSignal;
}

export interface RequestSpec<S extends z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  token?: string;
  schema: S;
  timeoutMs?: number;
}

/** Per-request limit of JSON calls. */
export const defaultTimeoutMs = 20_000;
/** Uploads get extra time as if the line carried at least this much (a slow rural line). */
const minUploadBytesPerSecond = 32 * 1024;
/** A snapshot stream fails when no byte arrives for this long (its total time is unbounded). */
export const snapshotIdleMs = 60_000;
/** A snapshot line holds at most one row; documents carry up to 10 MiB as base64. */
const maxSnapshotLineChars = 16 * 1024 * 1024;

const offline = (reason: string, retryAfterMs?: number) =>
  new CoreError('offline', 'The sync server could not be reached; changes wait on this device.', undefined, {
    reason,
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });

const badAnswer = () =>
  new CoreError('internal', 'The sync server sent an answer this app does not understand.', undefined, { reason: 'bad-answer' });

const messages: Partial<Record<HttpErrorCode, string>> = {
  unauthorized: 'The server did not accept the sign-in.',
  'device-revoked': 'This device was revoked by the branch administrator.',
  forbidden: 'The server does not allow this for your account.',
  'wrong-branch': 'The server does not allow this for your account.',
  'not-found': 'The server does not know this item.',
  conflict: 'The server refused this because it conflicts with its data.',
  outdated: 'The sync server needs a newer version of the app; changes wait on this device.',
  'bad-request': 'The server refused the request as invalid.',
  'payload-too-large': 'The server refused the request as too large.',
};

const codeFor: Record<HttpErrorCode, CoreError['code']> = {
  unauthorized: 'forbidden',
  'device-revoked': 'forbidden',
  forbidden: 'forbidden',
  'wrong-branch': 'forbidden',
  'not-found': 'not-found',
  conflict: 'conflict',
  outdated: 'outdated',
  'bad-request': 'validation',
  'payload-too-large': 'validation',
  'rate-limited': 'offline',
  internal: 'internal',
};

const fallbackCode = (status: number): HttpErrorCode => {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 413) return 'payload-too-large';
  if (status === 426) return 'outdated';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'internal';
  return 'bad-request';
};

const retryAfter = (response: Response): number | undefined => {
  const seconds = Number(response.headers.get('retry-after'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 3600) * 1000 : undefined;
};

/** Maps a refused request to a CoreError; the server's code becomes the reason, its message is dropped. */
export const failureOf = async (response: Response): Promise<CoreError> => {
  let code = fallbackCode(response.status);
  try {
    const parsed = httpErrorSchema.safeParse(await response.json());
    if (parsed.success) code = parsed.data.code;
  } catch {
    // A proxy's HTML page or an empty body: the status decides.
  }
  // A gateway in front of a server that is down is the same as no server.
  if (response.status === 502 || response.status === 503 || response.status === 504) return offline('server-unavailable');
  if (code === 'rate-limited') return offline('rate-limited', retryAfter(response));
  if (code === 'internal') return new CoreError('internal', 'The sync server failed to answer; try again later.', undefined, { reason: 'server-error' });
  return new CoreError(codeFor[code], messages[code] ?? 'The server refused the request.', undefined, { reason: code });
};

const isAbort = (error: unknown): boolean => error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');

/** Whether an error is one the server reported for a whole request, by its reason. */
export const hasReason = (error: unknown, reason: string): error is CoreError => error instanceof CoreError && error.reason === reason;

/** A client for one server address. */
export const createHttpClient = (options: HttpClientOptions) => {
  const base = new URL(options.server.endsWith('/') ? options.server : `${options.server}/`);
  const doFetch: FetchLike = options.fetch ?? ((input, init) => fetch(input, init));

  const urlOf = (path: string, query?: RequestSpec<z.ZodType>['query']): string => {
    const url = new URL(path.replace(/^\//, ''), base);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
    return url.toString();
  };

  const send = async (spec: Omit<RequestSpec<z.ZodType>, 'schema' | 'body'> & { body?: string }, signal: AbortSignal, accept: string): Promise<Response> => {
    const headers: Record<string, string> = { accept };
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.token) headers.authorization = `Bearer ${spec.token}`;
    let response: Response;
    try {
      response = await doFetch(urlOf(spec.path, spec.query), {
        method: spec.method,
        headers,
        ...(spec.body !== undefined ? { body: spec.body } : {}),
        signal,
        redirect: 'error',
      });
    } catch (error) {
      throw offline(isAbort(error) ? 'timeout' : 'network');
    }
    if (!response.ok) throw await failureOf(response);
    return response;
  };

  const signalFor = (timeoutMs: number, extra?: AbortSignal) =>
    AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : []), ...(extra ? [extra] : [])]);

  return {
    server: base.toString(),

    /** Sends one JSON request and validates the answer with `schema`. */
    async request<S extends z.ZodType>(spec: RequestSpec<S>): Promise<z.output<S>> {
      const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
      // A large push (documents) on a slow line needs longer than the usual limit.
      const uploadMs = body === undefined ? 0 : Math.floor((body.length / minUploadBytesPerSecond) * 1000);
      const signal = signalFor((spec.timeoutMs ?? options.timeoutMs ?? defaultTimeoutMs) + uploadMs);
      const { body: _unused, schema: _schema, ...rest } = spec;
      const response = await send({ ...rest, ...(body !== undefined ? { body } : {}) }, signal, 'application/json');
      let text: string;
      try {
        text = await response.text();
      } catch (error) {
        // The connection dropped or timed out in the middle of the answer.
        throw offline(isAbort(error) ? 'timeout' : 'network');
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw badAnswer();
      }
      const parsed = spec.schema.safeParse(json);
      if (!parsed.success) throw badAnswer();
      return parsed.data;
    },

    /**
     * Streams the NDJSON snapshot, one validated line at a time. A stream that stops for
     * `snapshotIdleMs`, is cut or lacks its end line fails with `offline` / `snapshot-cut`.
     */
    async *snapshot(spec: Omit<RequestSpec<z.ZodType>, 'schema' | 'method' | 'body'>): AsyncGenerator<SnapshotLine> {
      const idle = new AbortController();
      let timer = setTimeout(() => idle.abort(), spec.timeoutMs ?? snapshotIdleMs);
      const touch = () => {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), spec.timeoutMs ?? snapshotIdleMs);
      };
      try {
        const signal = AbortSignal.any([idle.signal, ...(options.signal ? [options.signal] : [])]);
        const response = await send({ ...spec, method: 'GET' }, signal, 'application/x-ndjson');
        if (!response.body) throw badAnswer();
        let rows = 0;
        let ended = false;
        for await (const line of readLines(response.body, touch)) {
          if (ended) throw badAnswer();
          let json: unknown;
          try {
            json = JSON.parse(line);
          } catch {
            throw cut();
          }
          const parsed = snapshotLineSchema.safeParse(json);
          if (!parsed.success) throw badAnswer();
          if (parsed.data.type === 'row') rows += 1;
          if (parsed.data.type === 'end') {
            if (parsed.data.rows !== rows) throw cut();
            ended = true;
          }
          yield parsed.data;
        }
        if (!ended) throw cut();
      } finally {
        clearTimeout(timer);
      }
    },
  };
};

export type HttpClient = ReturnType<typeof createHttpClient>;

const cut = () => new CoreError('offline', 'The download from the sync server was cut; try again.', undefined, { reason: 'snapshot-cut' });

/** Splits a byte stream into text lines as they arrive (never the whole body in memory). */
async function* readLines(body: ReadableStream<Uint8Array>, onChunk: () => void): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // The start of a line not ended yet, in pieces: only new text is searched for a newline.
  let pending: string[] = [];
  let pendingChars = 0;
  const reader = body.getReader();
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        throw isAbort(error) ? offline('timeout') : cut();
      }
      if (chunk.done) break;
      onChunk();
      let text: string;
      try {
        text = decoder.decode(chunk.value, { stream: true });
      } catch {
        throw badAnswer();
      }
      let start = 0;
      let newline = text.indexOf('\n');
      while (newline >= 0) {
        const line = (pending.join('') + text.slice(start, newline)).trim();
        pending = [];
        pendingChars = 0;
        if (line) yield line;
        start = newline + 1;
        newline = text.indexOf('\n', start);
      }
      if (start < text.length) {
        pending.push(text.slice(start));
        pendingChars += text.length - start;
      }
      if (pendingChars > maxSnapshotLineChars) throw badAnswer();
    }
    let tail: string;
    try {
      tail = decoder.decode();
    } catch {
      throw badAnswer();
    }
    const rest = (pending.join('') + tail).trim();
    if (rest) yield rest;
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
