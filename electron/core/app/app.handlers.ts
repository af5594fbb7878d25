import type { Handler } from '../handlers.ts';
import { schemaVersion } from '../db/schema-version.ts';

export const appHandlers = {
  'app:info': (_input, ctx) => ({
    version: ctx.appVersion,
    schemaVersion: schemaVersion(),
    dataDir: ctx.dataDir,
    locale: ctx.locale,
  }),
} satisfies { 'app:info': Handler<'app:info'> };
