import { CoreError } from '../errors.ts';
import type { Handler } from '../handlers.ts';
import { backupStore, rekeyStore, restoreStore, verifyStoreAudit } from './store.service.ts';

type StoreChannels = 'audit:verify' | 'store:backup' | 'store:restore' | 'store:rekey';

export const storeHandlers = {
  'audit:verify': (_input, ctx) => verifyStoreAudit(ctx.sessions),
  'store:backup': (input, ctx) => backupStore(ctx.sessions, input.file),
  'store:restore': async (input, ctx) => {
    // Replacing a store someone has open would pull it from under them: lock first.
    const status = await ctx.sessions.status();
    if (status.state === 'unlocked') throw new CoreError('conflict', 'Lock the app before restoring a backup.', undefined, { reason: 'unlocked' });
    return restoreStore(ctx.sessions, input.username ? { file: input.file, secret: input.secret, username: input.username } : { file: input.file, secret: input.secret });
  },
  'store:rekey': async (input, ctx) => {
    await rekeyStore(ctx.sessions, input.password);
    return null;
  },
} satisfies { [C in StoreChannels]: Handler<C> };
