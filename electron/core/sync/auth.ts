import { CoreError } from '../errors.ts';
import { hasReason, type HttpClient } from './http-client.ts';
import { refresh } from './server-api.ts';

/** Where the signed-in user's refresh token is kept (the encrypted store's meta table). */
export interface RefreshTokenStore {
  read(): string | null;
  write(token: string | null): Promise<void>;
}

/** The server no longer takes this user's saved sign-in: she signs in online again. */
export const needsLogin = () =>
  new CoreError('forbidden', 'Sign in to the sync server again to keep syncing.', undefined, { reason: 'needs-login' });

// An access token this close to its end is refreshed first instead of failing mid-request.
const expiryMarginMs = 30_000;

/**
 * Access tokens for one signed-in user: kept in memory only, refreshed with the stored refresh
 * token when missing, expiring or refused (once per call); the rotated refresh token is saved
 * before the new access token is used.
 */
export const createAuth = (input: { http: HttpClient; deviceId: string; tokens: RefreshTokenStore; now: () => number }) => {
  let access: { token: string; expiresAt: number } | null = null;
  let refreshing: Promise<string> | null = null;

  const renew = async (): Promise<string> => {
    const saved = input.tokens.read();
    if (!saved) throw needsLogin();
    try {
      const tokens = await refresh(input.http, { refresh_token: saved, device_id: input.deviceId });
      await input.tokens.write(tokens.refresh_token);
      access = { token: tokens.access_token, expiresAt: Date.parse(tokens.access_expires_at) };
      return tokens.access_token;
    } catch (error) {
      if (hasReason(error, 'unauthorized') || hasReason(error, 'not-found') || hasReason(error, 'bad-request')) throw needsLogin();
      throw error;
    }
  };

  const renewOnce = (): Promise<string> => {
    refreshing ??= renew().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const current = (): Promise<string> =>
    access && access.expiresAt - expiryMarginMs > input.now() ? Promise.resolve(access.token) : renewOnce();

  return {
    /** Keeps the tokens of a fresh sign-in. */
    async signedIn(tokens: { access_token: string; access_expires_at: string; refresh_token: string }) {
      await input.tokens.write(tokens.refresh_token);
      access = { token: tokens.access_token, expiresAt: Date.parse(tokens.access_expires_at) };
    },

    /** Runs an authorised call; a refused token is refreshed once and the call retried. */
    async call<T>(request: (token: string) => Promise<T>): Promise<T> {
      const token = await current();
      try {
        return await request(token);
      } catch (error) {
        if (!hasReason(error, 'unauthorized')) throw error;
        if (access?.token === token) access = null;
      }
      try {
        return await request(await renewOnce());
      } catch (error) {
        if (hasReason(error, 'unauthorized')) throw needsLogin();
        throw error;
      }
    },

    /** Uses an access token got at sign-in whose refresh token is already saved (join, first sign-in). */
    useAccess(tokens: { access_token: string; access_expires_at: string }) {
      access = { token: tokens.access_token, expiresAt: Date.parse(tokens.access_expires_at) };
    },

    /** Forgets the access token (lock). */
    forget() {
      access = null;
    },
  };
};

export type Auth = ReturnType<typeof createAuth>;
