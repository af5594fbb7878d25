// Test helper run as a child process: writes committed rows in a loop and reports each commit on
// stdout, until it is killed. Usage: node write-loop.ts <db path> <key hex>
import { openStore } from '../store.ts';

const [path, keyHex] = process.argv.slice(2);
if (!path || !keyHex) throw new Error('usage: write-loop.ts <db> <key hex>');
const store = await openStore(path, Buffer.from(keyHex, 'hex'), { create: true });
const insert = store.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?)');
for (let i = 0; ; i += 1) {
  insert.run(`row-${i}`, 'x'.repeat(200));
  process.stdout.write(`row-${i}\n`);
  if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
}
