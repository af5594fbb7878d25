import { z } from 'zod';
import {
  adminUserSchema,
  conflictSchema,
  deviceInfoSchema,
  loginResponseSchema,
  maxPullLimit,
  pullResponseSchema,
  pushResponseSchema,
  refreshResponseSchema,
  syncSchemaVersion,
  type AdminUser,
  type Conflict,
  type DeviceInfo,
  type LoginRequest,
  type LoginResponse,
  type PullResponse,
  type PushRequest,
  type PushResponse,
  type SnapshotLine,
} from '../../../shared/sync/api.ts';
import type { HttpClient } from './http-client.ts';

/** The branch server's endpoints (API v1), each answer checked against the shared schemas. */

/** A list answer: a bare array, or an object holding it under `key`. */
const listOf = <S extends z.ZodType>(key: string, item: S) =>
  z.union([z.array(item), z.object({ [key]: z.array(item) }).transform((body) => body[key] as z.output<S>[])]);

const anything = z.unknown();

/** Signs in (no token needed): tokens, the user, the device secret and the bundle key. */
export const login = (http: HttpClient, body: LoginRequest): Promise<LoginResponse> =>
  http.request({ method: 'POST', path: '/v1/auth/login', body, schema: loginResponseSchema });

/** Trades a refresh token for new tokens (the refresh token rotates). */
export const refresh = (http: HttpClient, body: { refresh_token: string; device_id: string }) =>
  http.request({ method: 'POST', path: '/v1/auth/refresh', body, schema: refreshResponseSchema });

/** Sends one batch of local changes. */
export const push = (http: HttpClient, token: string, body: PushRequest): Promise<PushResponse> =>
  http.request({ method: 'POST', path: '/v1/sync/push', body, token, schema: pushResponseSchema });

/** Changes asked for per pulled page. */
export const pullPageSize = Math.min(500, maxPullLimit);

const pullTimeoutMs = 120_000;

/** One page of the server's changes after `cursor`. */
export const pull = (http: HttpClient, token: string, query: { cursor: number; deviceId: string }): Promise<PullResponse> =>
  http.request({
    method: 'GET',
    path: '/v1/sync/pull',
    query: { cursor: query.cursor, limit: pullPageSize, device_id: query.deviceId, schema_version: syncSchemaVersion },
    token,
    schema: pullResponseSchema,
    // A page may carry whole households entering the scope, with their documents.
    timeoutMs: pullTimeoutMs,
  });

/** The user's scope as it is now, streamed line by line. */
export const snapshot = (http: HttpClient, token: string, deviceId: string): AsyncGenerator<SnapshotLine> =>
  http.snapshot({ path: '/v1/sync/snapshot', query: { device_id: deviceId, schema_version: syncSchemaVersion }, token });

/** The branch's accounts (admin). */
export const listAdminUsers = (http: HttpClient, token: string): Promise<AdminUser[]> =>
  http.request({ method: 'GET', path: '/v1/admin/users', token, schema: listOf('users', adminUserSchema) });

/** Creates an account on the server (admin). */
export const createAdminUser = (http: HttpClient, token: string, body: unknown): Promise<AdminUser> =>
  http.request({ method: 'POST', path: '/v1/admin/users', body, token, schema: adminUserSchema });

/** Edits an account on the server (admin). */
export const updateAdminUser = (http: HttpClient, token: string, id: string, body: unknown): Promise<AdminUser> =>
  http.request({ method: 'PATCH', path: `/v1/admin/users/${encodeURIComponent(id)}`, body, token, schema: adminUserSchema });

/** The branch's devices (admin). */
export const listDevices = (http: HttpClient, token: string): Promise<DeviceInfo[]> =>
  http.request({ method: 'GET', path: '/v1/admin/devices', token, schema: listOf('devices', deviceInfoSchema) });

/** Revokes a device (admin). */
export const revokeDevice = async (http: HttpClient, token: string, id: string): Promise<void> => {
  await http.request({ method: 'POST', path: `/v1/admin/devices/${encodeURIComponent(id)}/revoke`, body: {}, token, schema: anything });
};

/** The branch's conflicts (managers). */
export const listConflicts = (http: HttpClient, token: string, status: 'open' | 'all'): Promise<Conflict[]> =>
  http.request({ method: 'GET', path: '/v1/conflicts', query: { status }, token, schema: listOf('conflicts', conflictSchema) });

/** Confirms the kept value or restores the lost one (managers). */
export const resolveConflict = async (http: HttpClient, token: string, id: string, keep: 'kept' | 'lost'): Promise<void> => {
  await http.request({ method: 'POST', path: `/v1/conflicts/${encodeURIComponent(id)}/resolve`, body: { keep }, token, schema: anything });
};
