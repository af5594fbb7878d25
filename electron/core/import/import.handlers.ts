import { CoreError } from '../errors.ts';
import type { Handler } from '../handlers.ts';
import { searchHouseholds } from '../search/search.service.ts';
import type { SessionManager } from '../session/session.service.ts';
import { importRegistry } from './import.service.ts';

// One import at a time per device; the cancel call reaches it through this.
const running = new WeakMap<SessionManager, AbortController>();

export const searchImportHandlers = {
  'search:query': (input, ctx) => searchHouseholds(ctx.sessions, input.query, input.limit),
  'import:run': async (input, ctx) => {
    if (running.has(ctx.sessions)) throw new CoreError('conflict', 'An import is already running.', undefined, { reason: 'import-running' });
    const controller = new AbortController();
    running.set(ctx.sessions, controller);
    try {
      return await importRegistry(ctx.sessions, input, {
        signal: controller.signal,
        onProgress: (progress) => ctx.emit('import:progress', progress),
      });
    } finally {
      running.delete(ctx.sessions);
    }
  },
  'import:cancel': (_input, ctx) => {
    running.get(ctx.sessions)?.abort();
    return null;
  },
} satisfies { [C in 'search:query' | 'import:run' | 'import:cancel']: Handler<C> };
