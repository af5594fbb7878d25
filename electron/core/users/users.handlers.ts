import type { Handler } from '../handlers.ts';
import { addServerUser, listServerUsers, setServerUserPassword, updateServerUser } from '../sync/accounts.ts';
import { addDistrict, addUser, listBranchDistricts, listBranchUsers, setUserPassword, updateUser } from './users.service.ts';

type UsersChannels = 'users:list' | 'users:add' | 'users:update' | 'users:set-password' | 'districts:list' | 'districts:add';

// On a store joined to a server, accounts are the server's: they go through its admin API.
export const usersHandlers = {
  'users:list': (_input, ctx) => (ctx.sync.isJoined() ? listServerUsers(ctx.sessions, ctx.sync) : listBranchUsers(ctx.sessions)),
  'users:add': (input, ctx) => (ctx.sync.isJoined() ? addServerUser(ctx.sessions, ctx.sync, input) : addUser(ctx.sessions, input)),
  'users:update': (input, ctx) => (ctx.sync.isJoined() ? updateServerUser(ctx.sessions, ctx.sync, input) : updateUser(ctx.sessions, input)),
  'users:set-password': async (input, ctx) => {
    if (ctx.sync.isJoined()) await setServerUserPassword(ctx.sessions, ctx.sync, input.id, input.password);
    else await setUserPassword(ctx.sessions, input.id, input.password);
    return null;
  },
  'districts:list': (_input, ctx) => listBranchDistricts(ctx.sessions),
  'districts:add': (input, ctx) => addDistrict(ctx.sessions, input),
} satisfies { [C in UsersChannels]: Handler<C> };
