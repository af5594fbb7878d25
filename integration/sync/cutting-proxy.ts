import { createConnection, createServer, type Socket } from 'node:net';

/** How the next connection that carries data is cut. */
export type CutMode =
  /** The request reaches the server whole; the answer is cut after `afterBytes` bytes. */
  | { on: 'response'; afterBytes: number; path?: string }
  /** Only the first `afterBytes` bytes of the request reach the server. */
  | { on: 'request'; afterBytes: number; path?: string };

/**
 * A TCP proxy on loopback between a client and the sync server that can cut a connection in the
 * middle of a request or an answer, and be pointed at a restarted server.
 */
export const startCuttingProxy = async (target: string) => {
  let upstream = new URL(target);
  let armed: CutMode | null = null;
  let cuts = 0;
  const sockets = new Set<Socket>();

  const server = createServer((client) => {
    sockets.add(client);
    const remote = createConnection({ host: upstream.hostname, port: Number(upstream.port) });
    sockets.add(remote);
    let cut: CutMode | null = null;
    let sent = 0;
    const kill = () => {
      client.destroy();
      remote.destroy();
    };
    client.on('data', (chunk: Buffer) => {
      // A cut applies to the first request on a connection whose start line matches.
      if (!cut && armed && (!armed.path || chunk.toString('latin1', 0, 200).includes(armed.path))) {
        cut = armed;
        armed = null;
        cuts += 1;
      }
      if (cut?.on === 'request') {
        const room = cut.afterBytes - sent;
        if (room > 0) remote.write(chunk.subarray(0, room));
        sent += chunk.length;
        if (sent >= cut.afterBytes) setTimeout(kill, 50);
        return;
      }
      remote.write(chunk);
    });
    remote.on('data', (chunk: Buffer) => {
      if (cut?.on === 'response') {
        const room = cut.afterBytes - sent;
        if (room > 0) client.write(chunk.subarray(0, room));
        sent += chunk.length;
        if (sent >= cut.afterBytes) kill();
        return;
      }
      client.write(chunk);
    });
    const forget = () => {
      sockets.delete(client);
      sockets.delete(remote);
    };
    client.on('error', kill).on('close', () => (remote.destroy(), forget()));
    remote.on('error', kill).on('close', () => (client.destroy(), forget()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('The proxy has no port.');

  return {
    url: `http://127.0.0.1:${address.port}`,
    /** Cuts the next matching connection as `mode` says. */
    arm(mode: CutMode) {
      armed = mode;
    },
    /** How many connections were cut so far. */
    get cuts() {
      return cuts;
    },
    /** Points the proxy at another server address (a restarted server). */
    retarget(next: string) {
      upstream = new URL(next);
    },
    /** Drops every open connection (keep-alive ones too). */
    dropAll() {
      for (const socket of sockets) socket.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
};
