import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { statSync } from 'node:fs';
import { extname, resolve } from 'node:path';

/** Content types of what electron-builder publishes; anything else goes out as bytes. */
const contentTypes: Record<string, string> = {
  '.yml': 'text/yaml; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.blockmap': 'application/octet-stream',
  '.exe': 'application/vnd.microsoft.portable-executable',
  '.appimage': 'application/octet-stream',
  '.deb': 'application/vnd.debian.binary-package',
  '.zip': 'application/zip',
  '.7z': 'application/x-7z-compressed',
};

export const contentTypeOf = (file: string): string => contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * Serves the admins' update folder (latest.yml, installers, .blockmap files) at `/updates/` as
 * static files for electron-updater's generic provider: single byte ranges (206 + Content-Range)
 * for differential downloads, no directory listing, no dotfiles, nothing outside the folder.
 * A folder that does not exist (yet) answers 404 until it is created.
 */
export const registerUpdates = async (app: FastifyInstance, dir: string): Promise<void> => {
  const root = resolve(dir);
  const kind = (() => {
    try {
      return statSync(root).isDirectory() ? 'folder' : 'other';
    } catch {
      return 'missing';
    }
  })();
  if (kind === 'other') throw new Error('The updates path is not a folder.');
  await app.register(async (scope) => {
    await scope.register(fastifyStatic, {
      root,
      prefix: '/updates/',
      decorateReply: false,
      index: false,
      redirect: false,
      dotfiles: 'ignore',
      serveDotFiles: false,
      acceptRanges: true,
      etag: true,
      lastModified: true,
      // latest.yml changes in place when admins publish: clients revalidate every time.
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('content-type', contentTypeOf(path));
        reply.header('cache-control', 'no-cache');
        reply.header('x-content-type-options', 'nosniff');
      },
    });
  });
};
