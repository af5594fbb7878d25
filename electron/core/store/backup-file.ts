import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { CoreError } from '../errors.ts';

/**
 * One backup file: a magic line, a JSON header line, then the keyring bytes and the encrypted
 * database bytes. Both parts are already encrypted; the file adds nothing readable.
 */
const magic = 'MOWAKABA-BACKUP\n';
const headerSchema = z
  .object({
    version: z.literal(1),
    createdAt: z.string(),
    schemaVersion: z.number().int().nonnegative(),
    keyringBytes: z.number().int().positive(),
    databaseBytes: z.number().int().positive(),
  })
  .strict();
export type BackupHeader = z.infer<typeof headerSchema>;

const damaged = () => new CoreError('validation', 'This file is not a Mowakaba backup, or it is damaged.', undefined, { reason: 'backup-damaged' });

/** Writes keyring + database snapshot into `target` (0600). */
export const writeBackupFile = async (
  target: string,
  parts: { keyring: Buffer; databaseFile: string; schemaVersion: number },
): Promise<number> => {
  const databaseBytes = (await stat(parts.databaseFile)).size;
  const header: BackupHeader = {
    version: 1,
    createdAt: new Date().toISOString(),
    schemaVersion: parts.schemaVersion,
    keyringBytes: parts.keyring.length,
    databaseBytes,
  };
  const out = createWriteStream(target, { mode: 0o600 });
  out.write(magic + JSON.stringify(header) + '\n');
  out.write(parts.keyring);
  await pipeline(createReadStream(parts.databaseFile), out);
  const handle = await open(target, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return (await stat(target)).size;
};

/** Reads a backup's header and keyring, and copies its database part to `databaseTarget`. */
export const readBackupFile = async (file: string, databaseTarget: string): Promise<{ header: BackupHeader; keyring: Buffer }> => {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch {
    throw new CoreError('not-found', 'The backup file cannot be read.', undefined, { reason: 'backup-missing' });
  }
  let header: BackupHeader;
  let bodyStart: number;
  let keyring: Buffer;
  try {
    const head = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const text = head.subarray(0, bytesRead).toString('utf8');
    if (!text.startsWith(magic)) throw damaged();
    const end = text.indexOf('\n', magic.length);
    if (end < 0) throw damaged();
    const parsed = headerSchema.safeParse(JSON.parse(text.slice(magic.length, end)));
    if (!parsed.success) throw damaged();
    header = parsed.data;
    bodyStart = Buffer.byteLength(text.slice(0, end + 1));
    const { size } = await handle.stat();
    if (size !== bodyStart + header.keyringBytes + header.databaseBytes) throw damaged();
    keyring = Buffer.alloc(header.keyringBytes);
    await handle.read(keyring, 0, header.keyringBytes, bodyStart);
  } catch (error) {
    throw error instanceof CoreError ? error : damaged();
  } finally {
    await handle.close();
  }
  const databaseStart = bodyStart + header.keyringBytes;
  await pipeline(
    createReadStream(file, { start: databaseStart, end: databaseStart + header.databaseBytes - 1 }),
    createWriteStream(databaseTarget, { mode: 0o600 }),
  );
  return { header, keyring };
};
