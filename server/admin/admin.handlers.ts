import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createUserRequestSchema, updateUserRequestSchema } from '../../shared/sync/api.ts';
import { requireAuth, requireRole } from '../auth/authenticate.ts';
import type { ServerContext } from '../context.ts';
import { parseInput } from '../errors.ts';
import { createAccount, listAccounts, updateAccount } from './accounts.service.ts';
import { listDevices, revokeDevice } from './devices.service.ts';

const userParams = z.object({ id: z.string().min(1).max(64) });
const deviceParams = z.object({ id: z.uuid() });

/** `/v1/admin/*`: accounts and devices of the admin's branch (admins only). */
export const registerAdminRoutes = (app: FastifyInstance, ctx: ServerContext): void => {
  const admin = async (request: Parameters<typeof requireAuth>[1]) => {
    const auth = await requireAuth(ctx, request);
    requireRole(auth, 'admin');
    return auth;
  };

  app.get('/v1/admin/users', async (request) => listAccounts(ctx, await admin(request)));

  app.post('/v1/admin/users', async (request, reply) => {
    const auth = await admin(request);
    const user = await createAccount(ctx, auth, parseInput(createUserRequestSchema, request.body));
    return reply.code(201).send(user);
  });

  app.patch('/v1/admin/users/:id', async (request) => {
    const auth = await admin(request);
    const { id } = parseInput(userParams, request.params);
    return updateAccount(ctx, auth, id, parseInput(updateUserRequestSchema, request.body));
  });

  app.get('/v1/admin/devices', async (request) => listDevices(ctx, await admin(request)));

  app.post('/v1/admin/devices/:id/revoke', async (request) => {
    const auth = await admin(request);
    return revokeDevice(ctx, auth, parseInput(deviceParams, request.params).id);
  });
};
