import { randomUUID } from 'node:crypto';
import { syncSchemaVersion, type PullResponse, type PushChange, type PushResponse } from '../shared/sync/api.ts';
import type { TestServer } from './testing.ts';

/**
 * HTTP helpers for tests: real requests with fetch against a test server, the way a device
 * talks to it. Test-only.
 */

export interface Answer<T = unknown> {
  status: number;
  body: T;
}

/** Sends one JSON request (or raw bytes) and reads the JSON answer when there is one. */
export const call = async <T = unknown>(url: string, method: string, path: string, options: { token?: string; body?: unknown; raw?: Uint8Array } = {}): Promise<Answer<T>> => {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Uint8Array<ArrayBuffer> | undefined;
  if (options.raw) {
    headers['content-type'] = 'application/octet-stream';
    body = new Uint8Array(options.raw);
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(`${url}${path}`, { method, headers, body });
  const type = response.headers.get('content-type') ?? '';
  const parsed = type.includes('application/json') ? await response.json() : new Uint8Array(await response.arrayBuffer());
  return { status: response.status, body: parsed as T };
};

export interface Session {
  url: string;
  token: string;
  refreshToken: string;
  deviceId: string;
  userId: string;
  branchId: string;
  bundleKey: Uint8Array<ArrayBuffer>;
  push(changes: PushChange[], overrides?: Record<string, unknown>): Promise<Answer<PushResponse>>;
  pull(cursor: number, limit?: number): Promise<Answer<PullResponse>>;
  get<T = unknown>(path: string): Promise<Answer<T>>;
  post<T = unknown>(path: string, body?: unknown): Promise<Answer<T>>;
  patch<T = unknown>(path: string, body: unknown): Promise<Answer<T>>;
}

interface LoginBody {
  access_token: string;
  refresh_token: string;
  user: { id: string; branch_id: string };
  bundle_key: string;
}

/** Signs in on a device (a new one unless `deviceId` is given). */
export const signIn = async (url: string, username: string, password: string, deviceId: string = randomUUID()): Promise<Session> => {
  const login = await call<LoginBody>(url, 'POST', '/v1/auth/login', { body: { username, password, device_id: deviceId, device_name: 'Test laptop' } });
  if (login.status !== 200) throw new Error(`login failed with ${login.status}: ${JSON.stringify(login.body)}`);
  const session: Session = {
    url,
    token: login.body.access_token,
    refreshToken: login.body.refresh_token,
    deviceId,
    userId: login.body.user.id,
    branchId: login.body.user.branch_id,
    bundleKey: new Uint8Array(Buffer.from(login.body.bundle_key, 'base64')),
    push: (changes, overrides = {}) =>
      call(url, 'POST', '/v1/sync/push', {
        token: session.token,
        body: { schema_version: syncSchemaVersion, device_id: deviceId, branch_id: session.branchId, changes, ...overrides },
      }),
    pull: (cursor, limit = 500) => call(url, 'GET', `/v1/sync/pull?cursor=${cursor}&limit=${limit}&device_id=${deviceId}&schema_version=${syncSchemaVersion}`, { token: session.token }),
    get: (path) => call(url, 'GET', path, { token: session.token }),
    post: (path, body) => call(url, 'POST', path, { token: session.token, body: body ?? {} }),
    patch: (path, body) => call(url, 'PATCH', path, { token: session.token, body }),
  };
  return session;
};

let opCounter = 0;

/** One change per field of a row, as a device would push them. */
export const changesFor = (
  table: string,
  rowId: string,
  fields: Record<string, unknown>,
  options: { baseSeq?: number; deviceTime?: string; userId?: string } = {},
): PushChange[] =>
  Object.entries(fields).map(([field, value]) => ({
    op_id: `op-${++opCounter}-${randomUUID()}`,
    table,
    row_id: rowId,
    field,
    value,
    base_seq: options.baseSeq ?? 0,
    device_time: options.deviceTime ?? new Date().toISOString(),
    ...(options.userId && { user_id: options.userId }),
  }));

const stamp = '2026-11-01T09:00:00.000Z';

/** Required fields of a new household in a district. */
export const householdFields = (districtId: string, extra: Record<string, unknown> = {}) => ({ district_id: districtId, status: 'active', created_at: stamp, updated_at: stamp, ...extra });

/** Required fields of a new member of a household. */
export const memberFields = (householdId: string, firstName = 'Amina') => ({
  household_id: householdId,
  first_name_ar: firstName,
  last_name_ar: 'Benali',
  sex: 'F',
  birth_date: '1990-04-02',
  relation: 'head',
  source: 'worker',
  created_at: stamp,
  updated_at: stamp,
});

/** Required fields of a new plan of a household. */
export const planFields = (householdId: string, createdBy: string) => ({
  household_id: householdId,
  domain: 'employment',
  goals: 'Find work',
  status: 'active',
  created_by: createdBy,
  created_at: stamp,
  updated_at: stamp,
});

export interface BranchFixture {
  admin: Session;
  manager: Session;
  worker: Session;
  otherWorker: Session;
  districtA: string;
  districtB: string;
  passwords: Record<'manager' | 'worker' | 'otherWorker', { username: string; password: string }>;
}

/** A branch with two districts, a manager, a worker in district A and one in district B. */
export const branchFixture = async (test: TestServer): Promise<BranchFixture> => {
  const admin = await signIn(test.url, test.admin.username, test.admin.password);
  const districtA = randomUUID();
  const districtB = randomUUID();
  await admin.push([...changesFor('districts', districtA, { name: 'Tagounite', created_at: stamp }), ...changesFor('districts', districtB, { name: 'Mhamid', created_at: stamp })]);
  const suffix = randomUUID().slice(0, 8);
  const account = async (name: string, role: string, districts: string[]) => {
    const credentials = { username: `${name}${suffix}`, password: `${name}-password-1` };
    const created = await admin.post('/v1/admin/users', { ...credentials, display_name: name, role, district_ids: districts });
    if (created.status !== 201) throw new Error(`could not create ${name}: ${JSON.stringify(created.body)}`);
    return credentials;
  };
  const passwords = {
    manager: await account('manager', 'manager', []),
    worker: await account('worker', 'worker', [districtA]),
    otherWorker: await account('other', 'worker', [districtB]),
  };
  return {
    admin,
    manager: await signIn(test.url, passwords.manager.username, passwords.manager.password),
    worker: await signIn(test.url, passwords.worker.username, passwords.worker.password),
    otherWorker: await signIn(test.url, passwords.otherWorker.username, passwords.otherWorker.password),
    districtA,
    districtB,
    passwords,
  };
};

/** Every page from `cursor` until `more` is false, merged. */
export const pullAll = async (session: Session, cursor: number, limit = 500): Promise<PullResponse> => {
  const merged: PullResponse = { enter: [], leave: [], changes: [], cursor, more: false };
  for (;;) {
    const page = await session.pull(merged.cursor, limit);
    if (page.status !== 200) throw new Error(`pull failed with ${page.status}`);
    merged.enter.push(...page.body.enter);
    merged.leave.push(...page.body.leave);
    merged.changes.push(...page.body.changes);
    merged.cursor = page.body.cursor;
    merged.open_conflicts = page.body.open_conflicts;
    if (!page.body.more) return merged;
  }
};
