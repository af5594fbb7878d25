import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, refreshRequestSchema } from '../../shared/sync/api.ts';
import type { ServerContext } from '../context.ts';
import { parseInput } from '../errors.ts';
import { login, refresh } from './login.ts';

/** `/v1/auth/*`: login and refresh, rate-limited per client address. */
export const registerAuthRoutes = async (app: FastifyInstance, ctx: ServerContext, limit: { max: number; timeWindowMs: number }): Promise<void> => {
  await app.register(async (scope) => {
    await scope.register(rateLimit, {
      max: limit.max,
      timeWindow: limit.timeWindowMs,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: 'rate-limited',
        message: `Too many attempts; try again in ${context.after}.`,
      }),
    });
    scope.post('/v1/auth/login', async (request) => login(ctx, parseInput(loginRequestSchema, request.body)));
    scope.post('/v1/auth/refresh', async (request) => refresh(ctx, parseInput(refreshRequestSchema, request.body)));
  });
};
