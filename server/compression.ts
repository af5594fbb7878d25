import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Route option for answers made of JSON or JSON lines. Pages and snapshots repeat the same keys
 * over and over: gzip makes them about ten times smaller (a 100,000-household snapshot is
 * hundreds of MB), which is what a join over a district's slow link waits for. Devices ask for it
 * (fetch sends `Accept-Encoding: gzip` and inflates the answer).
 */
export const gzipResponse = { customTypes: /^application\/(json|x-ndjson)(;|$)/ };

/**
 * Registers compression for the routes that ask for it (`compress: gzipResponse`) and for them
 * only: never update files, whose differential downloads use byte ranges, nor encrypted bundles.
 * Request bodies are not inflated.
 */
export const registerCompression = (app: FastifyInstance) =>
  app.register(fastifyCompress, { global: false, globalDecompression: false, encodings: ['gzip'], zlibOptions: { level: 4 } });
