import type { ChannelName, ChannelOutput, MainChannelName, ParsedInput } from '../../shared/contract/index.ts';
import type { CoreContext } from './context.ts';
import { appHandlers } from './app/app.handlers.ts';
import { householdsHandlers } from './households/households.handlers.ts';
import { searchImportHandlers } from './import/import.handlers.ts';
import { plansHandlers } from './plans/plans.handlers.ts';
import { sessionHandlers } from './session/session.handlers.ts';
import { settingsHandlers } from './settings/settings.handlers.ts';
import { storeHandlers } from './store/store.handlers.ts';
import { syncHandlers } from './sync/sync.handlers.ts';
import { usersHandlers } from './users/users.handlers.ts';

export type Handler<C extends ChannelName> = (
  input: ParsedInput<C>,
  ctx: CoreContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

/** Channels the core serves: all but those Electron main answers itself (the updater). */
export type CoreChannelName = Exclude<ChannelName, MainChannelName>;

export type HandlerMap = { [C in CoreChannelName]: Handler<C> };

/** All handlers, one per contract channel; the type fails to compile when one is missing. */
export const handlers = {
  ...appHandlers,
  ...settingsHandlers,
  ...sessionHandlers,
  ...usersHandlers,
  ...storeHandlers,
  ...householdsHandlers,
  ...searchImportHandlers,
  ...plansHandlers,
  ...syncHandlers,
} satisfies HandlerMap;
