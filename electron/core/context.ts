import type { EventName, EventPayload } from '../../shared/contract/index.ts';

/** What every handler may use: where the data lives and how to tell the renderer. */
export interface CoreContext {
  dataDir: string;
  appVersion: string;
  locale: string;
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}
