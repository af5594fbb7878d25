import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../../db/store.ts';
import { CoreError } from '../../errors.ts';

/**
 * Sync writes run as synchronous better-sqlite3 transactions on the connection Kysely shares.
 * Should a Kysely transaction be open (between two awaits of a service write), better-sqlite3
 * would nest ours inside it as a savepoint: refuse instead.
 */
export const assertIdle = (store: Pick<Store, 'sqlite'>): void => {
  if (store.sqlite.inTransaction) throw new CoreError('conflict', 'The case store is busy; try again.', undefined, { reason: 'store-busy' });
};

/**
 * Waits until no transaction is open on the store, then runs `work` at once: being synchronous,
 * nothing can begin another transaction before it returns.
 */
export const whenIdle = async <T>(store: Pick<Store, 'sqlite'>, work: () => T, timeoutMs = 30_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  while (store.sqlite.inTransaction) {
    if (Date.now() > deadline) assertIdle(store);
    await sleep(5);
  }
  return work();
};
