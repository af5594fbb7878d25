import type { Handler } from '../handlers.ts';
import { addDistrict, addUser, listBranchDistricts, listBranchUsers, setUserPassword, updateUser } from './users.service.ts';

type UsersChannels = 'users:list' | 'users:add' | 'users:update' | 'users:set-password' | 'districts:list' | 'districts:add';

export const usersHandlers = {
  'users:list': (_input, ctx) => listBranchUsers(ctx.sessions),
  'users:add': (input, ctx) => addUser(ctx.sessions, input),
  'users:update': (input, ctx) => updateUser(ctx.sessions, input),
  'users:set-password': async (input, ctx) => {
    await setUserPassword(ctx.sessions, input.id, input.password);
    return null;
  },
  'districts:list': (_input, ctx) => listBranchDistricts(ctx.sessions),
  'districts:add': (input, ctx) => addDistrict(ctx.sessions, input),
} satisfies { [C in UsersChannels]: Handler<C> };
