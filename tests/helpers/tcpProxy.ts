import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface TcpProxy {
  /** `http://127.0.0.1:<port>`: its own origin, so its own service worker, IndexedDB and storage. */
  readonly url: string;
  readonly port: number;
  /** Socket pairs open right now. */
  readonly openConnections: number;
  /** True between `cut()` and `restore()`. */
  readonly isCut: boolean;
  /**
   * A network loss: every open connection (HTTP keep-alive and websockets) is destroyed at
   * once, and new connections are destroyed as soon as they arrive, until `restore()`.
   */
  cut(): void;
  /** Forwards new connections again. */
  restore(): void;
  /** Destroys every connection and stops listening. */
  close(): Promise<void>;
}

/**
 * A TCP proxy on 127.0.0.1, port 0, forwarding to `targetPort`: it gives one browser context a
 * real network loss (Playwright's `context.setOffline` does not reliably drop open websockets).
 * Its origin is not the server's: start it first, with the port as a function read on each
 * connection, and give the server `allowedOrigins: [proxy.url]`.
 */
export async function startTcpProxy(targetPort: number | (() => number), targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let isCut = false;

  const server = createServer((inbound) => {
    if (isCut) {
      inbound.destroy();
      return;
    }
    const outbound = connect({ port: typeof targetPort === 'number' ? targetPort : targetPort(), host: targetHost });
    const pair: [Socket, Socket] = [inbound, outbound];
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      inbound.destroy();
      outbound.destroy();
    };
    inbound.on('error', end).on('close', end);
    outbound.on('error', end).on('close', end);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  const destroyAll = (): void => {
    for (const [inbound, outbound] of pairs) {
      inbound.destroy();
      outbound.destroy();
    }
    pairs.clear();
  };

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    get openConnections() {
      return pairs.size;
    },
    get isCut() {
      return isCut;
    },
    cut() {
      isCut = true;
      destroyAll();
    },
    restore() {
      isCut = false;
    },
    async close() {
      isCut = true;
      destroyAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
