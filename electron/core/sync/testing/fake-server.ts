import { randomBytes, randomUUID } from 'node:crypto';
import type { AdminUser, PulledChange, PushChange, PushResult, SnapshotLine, SyncRow } from '../../../../shared/sync/api.ts';
import type { FetchLike } from '../http-client.ts';

/**
 * A branch server in memory, answering the shared API's schemas, for the client's tests: enough
 * of login, refresh, push, pull, snapshot and admin to drive the sync service, with switches to
 * go offline, revoke the device, expire tokens or cut a snapshot.
 */

interface Account {
  id: string;
  username: string;
  password: string;
  display_name: string;
  role: 'worker' | 'manager' | 'admin';
  disabled: boolean;
  districts: string[];
  created_at: string;
}

const at = '2026-11-23T09:00:00.000Z';
const b64 = (bytes: Buffer) => bytes.toString('base64');

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const refuse = (status: number, code: string, message = 'Refused.') => json(status, { code, message });

/** A new fake branch server with its admin account (`admin` / `admin-password-1`). */
export const createFakeServer = (options: { url?: string } = {}) => {
  const url = options.url ?? 'https://branch.example';
  const branch = { id: randomUUID(), name: 'Zagora' };
  const accounts = new Map<string, Account>();
  const devices = new Map<string, { name: string; deviceKey: Buffer; bundleKey: Buffer; revoked: boolean; users: Set<string> }>();
  const access = new Map<string, { userId: string; deviceId: string }>();
  const refresh = new Map<string, { userId: string; deviceId: string; used: boolean }>();
  const ops: PulledChange[] = [];
  const rows = new Map<string, SyncRow>();
  const pushed: PushChange[] = [];
  const calls: string[] = [];
  const knobs = { offline: false, outdated: false, cutSnapshotAfterRows: null as number | null, failStatus: null as number | null };

  const record = (table: string, rowId: string, fields: Record<string, unknown>, userId: string | null) => {
    for (const [field, value] of Object.entries(fields)) {
      const seq = ops.length + 1;
      ops.push({ seq, table, row_id: rowId, field, value, user_id: userId, device_time: null, server_time: at });
      const key = `${table}:${rowId}`;
      const row = rows.get(key) ?? { table, row_id: rowId, seq, fields: {} };
      rows.set(key, { ...row, seq, fields: { ...row.fields, [field]: value } });
    }
  };
  const userFields = (account: Account) => ({
    username: account.username,
    display_name: account.display_name,
    role: account.role,
    disabled: account.disabled ? 1 : 0,
    districts: account.districts,
    created_at: account.created_at,
    updated_at: at,
  });

  /** Adds an account, as an admin would through the admin API. */
  const addAccount = (input: Pick<Account, 'username' | 'password' | 'role'> & Partial<Account>): Account => {
    const account: Account = { id: randomUUID(), display_name: input.username, disabled: false, districts: [], created_at: at, ...input };
    accounts.set(account.username, account);
    record('users', account.id, userFields(account), null);
    return account;
  };

  record('branches', branch.id, { name: branch.name, created_at: at }, null);
  const admin = addAccount({ username: 'admin', password: 'admin-password-1', role: 'admin', display_name: 'Admin' });

  const tokensFor = (userId: string, deviceId: string) => {
    const accessToken = `access-${randomUUID()}`;
    const refreshToken = `refresh-${randomUUID()}`;
    access.set(accessToken, { userId, deviceId });
    refresh.set(refreshToken, { userId, deviceId, used: false });
    return { access_token: accessToken, access_expires_at: '2099-01-01T00:00:00.000Z', refresh_token: refreshToken };
  };
  const userInfo = (account: Account) => ({ id: account.id, username: account.username, display_name: account.display_name, role: account.role, branch_id: branch.id });
  const adminUser = (account: Account): AdminUser => ({ ...userInfo(account), disabled: account.disabled, district_ids: account.districts, created_at: account.created_at });
  const byId = (id: string) => [...accounts.values()].find((account) => account.id === id);

  const authed = (request: Request) => {
    const token = request.headers.get('authorization')?.replace(/^Bearer /, '') ?? '';
    const found = access.get(token);
    if (!found) return refuse(401, 'unauthorized');
    if (devices.get(found.deviceId)?.revoked) return refuse(401, 'device-revoked');
    return found;
  };

  const snapshotBody = (cursor: number, account: Account): ReadableStream<Uint8Array> => {
    const lines: SnapshotLine[] = [
      { type: 'header', cursor, branch, user: userInfo(account) },
      ...[...rows.values()].map((row) => ({ type: 'row' as const, ...row })),
      { type: 'end', rows: rows.size },
    ];
    const cut = knobs.cutSnapshotAfterRows;
    const encoder = new TextEncoder();
    let index = 0;
    return new ReadableStream({
      pull(controller) {
        if (cut !== null && index > cut) {
          controller.error(new TypeError('terminated'));
          return;
        }
        const line = lines[index];
        index += 1;
        if (!line) controller.close();
        // Split each line in two chunks, as a network would.
        else {
          const text = `${JSON.stringify(line)}\n`;
          controller.enqueue(encoder.encode(text.slice(0, 7)));
          controller.enqueue(encoder.encode(text.slice(7)));
        }
      },
    });
  };

  const handle = async (request: Request): Promise<Response> => {
    const { pathname, searchParams } = new URL(request.url);
    const route = `${request.method} ${pathname}`;
    calls.push(route);
    if (knobs.failStatus) return refuse(knobs.failStatus, knobs.failStatus === 426 ? 'outdated' : 'internal');
    if (route === 'POST /v1/auth/login') {
      const body = (await request.json()) as { username: string; password: string; device_id: string; device_name: string };
      const account = accounts.get(body.username);
      if (!account || account.disabled || account.password !== body.password) return refuse(401, 'unauthorized', `Wrong password for ${body.username}`);
      const device = devices.get(body.device_id) ?? { name: body.device_name, deviceKey: randomBytes(32), bundleKey: randomBytes(32), revoked: false, users: new Set<string>() };
      if (device.revoked) return refuse(401, 'device-revoked');
      device.users.add(account.id);
      devices.set(body.device_id, device);
      return json(200, {
        ...tokensFor(account.id, body.device_id),
        user: userInfo(account),
        branch,
        device_key: b64(device.deviceKey),
        bundle_key: b64(device.bundleKey),
        min_schema_version: knobs.outdated ? 99 : 1,
      });
    }
    if (route === 'POST /v1/auth/refresh') {
      const body = (await request.json()) as { refresh_token: string; device_id: string };
      const found = refresh.get(body.refresh_token);
      if (!found || found.used || found.deviceId !== body.device_id) return refuse(401, 'unauthorized');
      if (devices.get(found.deviceId)?.revoked) return refuse(401, 'device-revoked');
      found.used = true;
      return json(200, tokensFor(found.userId, found.deviceId));
    }
    const auth = authed(request);
    if (auth instanceof Response) return auth;
    if (route === 'POST /v1/sync/push') {
      const body = (await request.json()) as { changes: PushChange[] };
      const results: PushResult[] = body.changes.map((change) => {
        pushed.push(change);
        if (change.table === 'users') return { op_id: change.op_id, status: 'rejected', code: 'server-managed' };
        record(change.table, change.row_id, { [change.field]: change.value }, auth.userId);
        return { op_id: change.op_id, status: 'accepted', seq: ops.length };
      });
      return json(200, { results });
    }
    if (route === 'GET /v1/sync/pull') {
      const cursor = Number(searchParams.get('cursor'));
      const limit = Number(searchParams.get('limit') ?? 500);
      const changes = ops.filter((op) => op.seq > cursor).slice(0, limit);
      const next = changes.at(-1)?.seq ?? Math.max(cursor, ops.length);
      return json(200, { enter: [], leave: [], changes, cursor: next, more: next < ops.length, open_conflicts: 0 });
    }
    if (route === 'GET /v1/sync/snapshot') {
      const account = byId(auth.userId);
      if (!account) return refuse(401, 'unauthorized');
      return new Response(snapshotBody(ops.length, account), { status: 200, headers: { 'content-type': 'application/x-ndjson' } });
    }
    if (route === 'GET /v1/admin/users') return json(200, [...accounts.values()].map(adminUser));
    if (route === 'POST /v1/admin/users') {
      const body = (await request.json()) as { username: string; password: string; role: Account['role']; display_name: string; district_ids: string[] };
      const account = addAccount({ username: body.username, password: body.password, role: body.role, display_name: body.display_name, districts: body.district_ids });
      return json(201, adminUser(account));
    }
    const patch = /^PATCH \/v1\/admin\/users\/(.+)$/.exec(route);
    if (patch) {
      const account = byId(decodeURIComponent(patch[1] ?? ''));
      if (!account) return refuse(404, 'not-found');
      const body = (await request.json()) as { disabled?: boolean; password?: string; display_name?: string };
      if (body.disabled !== undefined) account.disabled = body.disabled;
      if (body.password !== undefined) account.password = body.password;
      if (body.display_name !== undefined) account.display_name = body.display_name;
      record('users', account.id, { disabled: account.disabled ? 1 : 0, display_name: account.display_name, updated_at: at }, null);
      return json(200, adminUser(account));
    }
    if (route === 'GET /v1/admin/devices') {
      return json(
        200,
        [...devices.entries()].map(([id, device]) => ({
          id,
          name: device.name,
          users: [...device.users].map((userId) => ({ id: userId, username: byId(userId)?.username ?? '?' })),
          last_seen_at: at,
          revoked_at: device.revoked ? at : null,
          created_at: at,
        })),
      );
    }
    return refuse(404, 'not-found');
  };

  const fetch: FetchLike = async (input, init) => {
    if (knobs.offline) throw new TypeError('fetch failed');
    if (!input.startsWith(url)) throw new TypeError('fetch failed');
    return handle(new Request(input, init));
  };

  return {
    url,
    fetch,
    branch,
    admin,
    accounts,
    devices,
    ops,
    pushed,
    calls,
    knobs,
    addAccount,
    /** A change made by someone else on the server. */
    record,
    /** Every access token stops working (they expired). */
    expireAccessTokens: () => access.clear(),
    /** Every refresh token stops working (the user must sign in again). */
    expireRefreshTokens: () => refresh.clear(),
    revoke: (deviceId: string) => {
      const device = devices.get(deviceId);
      if (device) device.revoked = true;
    },
    bundleKeyOf: (deviceId: string) => devices.get(deviceId)?.bundleKey,
  };
};

export type FakeServer = ReturnType<typeof createFakeServer>;
