import type { FetchLike } from '../../electron/core/sync/http-client.ts';

/**
 * A `fetch` for the sync client that records every request it sends: when it started, how long
 * the device waited for the server (answer headers plus every wait for more bytes of the body)
 * and the bytes each way. Whatever a sync run spends outside those waits is the device's own
 * work (reading the outbox, applying pages, writing a snapshot).
 */

export interface RequestRecord {
  path: string;
  /** performance.now() when the request was sent. */
  start: number;
  /** Milliseconds the device spent waiting for the server: until the headers, then for each chunk. */
  waitMs: number;
  sentBytes: number;
  receivedBytes: number;
}

export interface PathSummary {
  requests: number;
  waitMs: number;
  sentBytes: number;
  receivedBytes: number;
}

export interface Window {
  /** Requests by path (`/v1/sync/push`, `/v1/sync/pull`, …). */
  byPath: Record<string, PathSummary>;
  /** From the start of the window to its first pull (the whole window when it has none). */
  pushPhaseMs: number;
  /** From the first pull to the end of the window. */
  pullPhaseMs: number;
}

export const pushPath = '/v1/sync/push';
export const pullPath = '/v1/sync/pull';
export const snapshotPath = '/v1/sync/snapshot';

export const createRecorder = (options: { progress?: (line: string) => void; progressEveryMs?: number } = {}) => {
  const records: RequestRecord[] = [];
  const everyMs = options.progressEveryMs ?? 15_000;
  let lastProgress = performance.now();
  let sinceMark = 0;

  const progress = () => {
    if (!options.progress || performance.now() - lastProgress < everyMs) return;
    lastProgress = performance.now();
    const recent = records.slice(sinceMark);
    const count = (path: string) => recent.filter((r) => r.path === path).length;
    options.progress(`  … ${count(pushPath)} pushes, ${count(pullPath)} pulls so far`);
  };

  const fetchLike: FetchLike = async (input, init) => {
    const record: RequestRecord = {
      path: new URL(input).pathname,
      start: performance.now(),
      waitMs: 0,
      sentBytes: typeof init.body === 'string' ? Buffer.byteLength(init.body) : 0,
      receivedBytes: 0,
    };
    records.push(record);
    progress();
    const response = await fetch(input, init);
    record.waitMs = performance.now() - record.start;
    if (!response.body) return response;
    const reader = response.body.getReader();
    // Pulled only when the device asks for more: a wait here is a wait for the server.
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          const started = performance.now();
          const chunk = await reader.read();
          record.waitMs += performance.now() - started;
          if (chunk.done) {
            controller.close();
            return;
          }
          record.receivedBytes += chunk.value.byteLength;
          controller.enqueue(chunk.value);
        },
        cancel: (reason) => reader.cancel(reason),
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  return {
    fetch: fetchLike,
    /** Where a window starts (pass to `since`). */
    mark(): number {
      sinceMark = records.length;
      return records.length;
    },
    /** The requests sent since `mark`, between `started` and `ended` (performance.now()). */
    since(mark: number, started: number, ended: number): Window {
      const recent = records.slice(mark);
      const byPath: Record<string, PathSummary> = {};
      for (const record of recent) {
        const summary = (byPath[record.path] ??= { requests: 0, waitMs: 0, sentBytes: 0, receivedBytes: 0 });
        summary.requests += 1;
        summary.waitMs += record.waitMs;
        summary.sentBytes += record.sentBytes;
        summary.receivedBytes += record.receivedBytes;
      }
      const firstPull = recent.find((record) => record.path === pullPath)?.start ?? ended;
      return { byPath, pushPhaseMs: firstPull - started, pullPhaseMs: ended - firstPull };
    },
  };
};

export type Recorder = ReturnType<typeof createRecorder>;
