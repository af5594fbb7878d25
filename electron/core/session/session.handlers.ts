import { populateDemo } from '../demo/demo.service.ts';
import type { Handler } from '../handlers.ts';

type SessionChannels =
  | 'session:status'
  | 'session:setup'
  | 'session:unlock'
  | 'session:lock'
  | 'session:touch'
  | 'session:change-password'
  | 'session:recover'
  | 'demo:populate';

export const sessionHandlers = {
  'session:status': (_input, ctx) => ctx.sessions.status(),
  'session:setup': (input, ctx) => ctx.sessions.setup(input),
  'session:unlock': (input, ctx) => ctx.sessions.unlock(input.username, input.password),
  'session:lock': async (_input, ctx) => {
    await ctx.sessions.lock('user');
    return null;
  },
  'session:touch': (_input, ctx) => {
    ctx.sessions.touch();
    return null;
  },
  'session:change-password': async (input, ctx) => {
    await ctx.sessions.changePassword(input.currentPassword, input.newPassword);
    return null;
  },
  'demo:populate': (input, ctx) => populateDemo(ctx.sessions, input.households),
  'session:recover': async (input, ctx) => {
    await ctx.sessions.recover(input.username, input.recoveryCode, input.newPassword);
    return null;
  },
} satisfies { [C in SessionChannels]: Handler<C> };
