// Test helper run as a child process: unlocks a store and imports a file, printing each batch
// written, until it is killed. Usage: node import-child.ts <data dir> <file>
import { fastTestKdfParams } from '../../keys/kdf.ts';
import { createSessionManager } from '../../session/session.service.ts';
import { importRegistry } from '../import.service.ts';

const [dataDir, file] = process.argv.slice(2);
if (!dataDir || !file) throw new Error('usage: import-child.ts <data dir> <file>');
const sessions = createSessionManager({ dataDir, kdf: fastTestKdfParams, emit: () => undefined });
await sessions.unlock('admin', process.env.MOWAKABA_PASSWORD ?? '');
await importRegistry(
  sessions,
  { source: { kind: 'path', path: file }, dryRun: false },
  { onProgress: (progress) => progress.phase === 'writing' && process.stdout.write(`written ${progress.done}\n`) },
);
process.stdout.write('done\n');
