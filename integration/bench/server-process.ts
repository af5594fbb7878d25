// The sync benchmark's server in a child process of its own: `node server-process.ts pglite|postgres`,
// driven over IPC by server-host.ts.
import type { ServerBackend } from '../../server/testing.ts';
import { analyzeEvery, serverStats, type FromServer, type ToServer } from './server-host.ts';

const send = (message: FromServer) => process.send?.(message);

const backend = (process.argv[2] ?? 'pglite') as ServerBackend;
const analyzeSeconds = Number(process.argv[3] ?? 0);
try {
  const { startTestServer } = await import('../../server/testing.ts');
  const server = await startTestServer(backend);
  const stopAnalyze = analyzeEvery(server.server.db, analyzeSeconds);
  process.on('message', (message: ToServer) => {
    if (message.type === 'stats') {
      serverStats(server.server.db).then(
        (stats) => send({ type: 'stats', stats }),
        (error: unknown) => send({ type: 'error', message: String(error) }),
      );
    } else if (message.type === 'close') {
      // Exits by itself once the IPC channel and the server are closed (a --cpu-prof run writes its profile then).
      void stopAnalyze()
        .then(() => server.close())
        .finally(() => process.disconnect());
    }
  });
  send({ type: 'ready', url: server.url, admin: server.admin });
} catch (error) {
  send({ type: 'error', message: String(error) });
  process.exitCode = 1;
  process.disconnect();
}
