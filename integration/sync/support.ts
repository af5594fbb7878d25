import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { SyncServer } from '../../server/app.ts';
import type { ChannelInput, ChannelName, ChannelOutput } from '../../shared/contract/index.ts';
import { createCoreContext, type CoreContext } from '../../electron/core/context.ts';
import { createDispatch } from '../../electron/core/dispatch.ts';
import { handlers } from '../../electron/core/handlers.ts';
import { fastTestKdfParams, type KdfParams } from '../../electron/core/keys/kdf.ts';
import type { FetchLike } from '../../electron/core/sync/http-client.ts';

export const registrySample = new URL('../../../shared/fixtures/registry-sample.csv', import.meta.url).pathname;

/** A failed call, with the contract's error fields. */
export class CallError extends Error {
  readonly code: string;
  readonly reason: string | undefined;
  constructor(code: string, reason: string | undefined, message: string) {
    super(`${code}${reason ? `/${reason}` : ''}: ${message}`);
    this.code = code;
    this.reason = reason;
  }
}

export interface Device {
  dataDir: string;
  ctx: CoreContext;
  /** Cuts (or restores) this device's network: every request fails as with no connection. */
  setOffline(offline: boolean): void;
  call<C extends ChannelName>(channel: C, ...input: undefined extends ChannelInput<C> ? [ChannelInput<C>?] : [ChannelInput<C>]): Promise<ChannelOutput<C>>;
  close(): Promise<void>;
}

/**
 * A device as the app runs it (the core's handlers behind the contract), with no background timer
 * (a sync starts when the store opens, then only when asked). `kdf` and `fetch` default to the
 * tests' light Argon2 settings and the real network.
 */
export const createDevice = async ({ kdf = fastTestKdfParams, fetch: network = fetch }: { kdf?: KdfParams; fetch?: FetchLike } = {}): Promise<Device> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'mowakaba-device-'));
  let offline = false;
  const reach: FetchLike = (url, init) => (offline ? Promise.reject(new TypeError('fetch failed')) : network(url, init));
  const day = 24 * 3_600_000;
  const ctx = createCoreContext({ dataDir, appVersion: '0.1.0', locale: 'en', kdf, syncIntervalMs: day, syncDebounceMs: day, fetch: reach }, () => undefined);
  const dispatch = createDispatch(handlers, ctx);
  return {
    dataDir,
    ctx,
    setOffline(value) {
      offline = value;
    },
    async call(channel, ...input) {
      const result = await dispatch(channel, input[0]);
      if (!result.ok) throw new CallError(result.error.code, result.error.reason, result.error.message);
      return result.value as never;
    },
    async close() {
      await ctx.sync.stop();
      await ctx.sessions.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** A new device that joins the branch server as this user. */
export const joinDevice = async (server: string, username: string, password: string, deviceName = 'Laptop'): Promise<Device> => {
  const device = await createDevice();
  await device.call('sync:join', { server, username, password, deviceName });
  return device;
};

/** Every household this device holds, by registry reference, with what a user sees of it. */
export const householdView = async (device: Device) => {
  const page = await device.call('households:list', { limit: 500 });
  return new Map(page.rows.map((row) => [row.registryRef ?? row.id, row]));
};

/** How many changes the server has recorded (each accepted change once). */
export const countOps = async (server: SyncServer): Promise<number> => {
  const result = await sql<{ count: string | number }>`SELECT count(*) AS count FROM ops`.execute(server.db);
  return Number(result.rows[0]?.count ?? 0);
};

/**
 * What a manager at the branch office does with a USB stick: signs in, posts the device's bundle
 * to the server and saves the answer bundle for the stick.
 */
export const exchangeBundle = async (url: string, deviceFile: string, answerFile: string, who: { username: string; password: string }): Promise<void> => {
  const login = await fetch(`${url}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: who.username, password: who.password, device_id: randomUUID(), device_name: 'Branch office PC' }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status}`);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const answer = await fetch(`${url}/v1/sync/bundle`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body: await readFile(deviceFile),
  });
  if (!answer.ok) throw new Error(`bundle refused: ${answer.status} ${await answer.text()}`);
  await writeFile(answerFile, Buffer.from(await answer.arrayBuffer()));
};
