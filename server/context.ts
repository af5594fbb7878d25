import type { PasswordHashCost } from './auth/passwords.ts';
import type { ServerDb } from './db/database.ts';

/** What every handler and service needs from the running server. */
export interface ServerContext {
  db: ServerDb;
  now: () => Date;
  minSchemaVersion: number;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  passwordHashCost: PasswordHashCost;
}

/** ISO text of a database time or a Date. */
export const iso = (time: Date | string): string => (typeof time === 'string' ? new Date(time).toISOString() : time.toISOString());

/** ISO text of a nullable database time. */
export const isoOrNull = (time: Date | string | null): string | null => (time === null ? null : iso(time));
