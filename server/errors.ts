import type { FastifyError, FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { HttpErrorCode } from '../shared/sync/api.ts';

const statusOf: Record<HttpErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  'device-revoked': 401,
  forbidden: 403,
  'wrong-branch': 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  outdated: 426,
  'rate-limited': 429,
  internal: 500,
};

/** A request refused on purpose: answered as `{ code, message }` with the code's status. */
export interface HttpFailure extends Error {
  httpCode: HttpErrorCode;
}

const isHttpFailure = (error: unknown): error is HttpFailure => error instanceof Error && 'httpCode' in error;

/** Throws the refusal `code`; `message` is shown to users, so it never holds their data. */
export const fail = (code: HttpErrorCode, message: string): never => {
  throw Object.assign(new Error(message), { httpCode: code }) satisfies HttpFailure;
};

/** Parses `input` with `schema`, or refuses the request as `bad-request` naming the fields at fault. */
export const parseInput = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join('.') || 'body'))].slice(0, 5);
  return fail('bad-request', `Invalid request: ${fields.join(', ')}.`);
};

const fastifyCode = (error: FastifyError): HttpErrorCode => {
  if (error.statusCode === 413) return 'payload-too-large';
  if (error.statusCode === 429) return 'rate-limited';
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) return 'bad-request';
  return 'internal';
};

const fastifyMessages: Partial<Record<HttpErrorCode, string>> = {
  'payload-too-large': 'The request is too large.',
  'rate-limited': 'Too many attempts; wait a moment and try again.',
  'bad-request': 'The request could not be read.',
};

/** Installs the `{ code, message }` answers for refusals, Fastify's own errors, unknown routes and crashes. */
export const installErrorHandling = (app: FastifyInstance): void => {
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ code: 'not-found', message: 'No such endpoint.' }));
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (isHttpFailure(error)) return reply.code(statusOf[error.httpCode]).send({ code: error.httpCode, message: error.message });
    const code = fastifyCode(error);
    if (code === 'internal') {
      // Name and SQL state only: messages and details of database errors can quote values.
      request.log.error({ err: { name: error.name, code: error.code, stack: error.stack?.split('\n').slice(1, 6).join('\n') } }, 'request failed');
      return reply.code(500).send({ code, message: 'The server could not complete this request.' });
    }
    return reply.code(statusOf[code]).send({ code, message: fastifyMessages[code] ?? 'The request could not be read.' });
  });
};
