// A loopback TCP forwarder whose target can be switched: it stands for a name that moves (a
// managed Redis endpoint, a DNS name) in front of a primary. Switching sends new connections to
// the new target; `cutAll` drops the existing ones, as a real move does. It can also stall what
// passes through (both ways) until the connections are cut: a replication link that falls
// behind, whose unsent bytes die with the connection.
import net from 'node:net';
import { LOOPBACK } from './freePort.ts';

export interface TcpForwarder {
  port: number;
  /** Where new connections go now. */
  readonly target: number;
  /** New connections go to `port` from now on; open ones stay until cut. */
  switchTo(port: number): void;
  /** Nothing more passes through open or new connections; what is in flight stays unsent. */
  stall(): void;
  /** Drops every open connection (RST), with whatever was held back. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startTcpForwarder(target: number): Promise<TcpForwarder> {
  const open = new Set<{ cut(): void; stall(): void }>();
  let stalled = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(forwarder.target, LOOPBACK);
    const conn = {
      cut: () => {
        open.delete(conn);
        client.resetAndDestroy();
        upstream.destroy();
      },
      // Not read: the bytes wait in the kernel's buffers, and the sender's, until the cut.
      stall: () => {
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      },
    };
    open.add(conn);
    client.pipe(upstream);
    upstream.pipe(client);
    if (stalled) conn.stall();
    for (const socket of [client, upstream]) {
      socket.on('error', conn.cut);
      socket.on('close', conn.cut);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const address = server.address();
  let current = target;
  const forwarder: TcpForwarder = {
    port: typeof address === 'object' && address ? address.port : 0,
    get target() {
      return current;
    },
    switchTo: (port) => {
      current = port;
    },
    stall: () => {
      stalled = true;
      for (const conn of open) conn.stall();
    },
    cutAll: () => {
      for (const conn of [...open]) conn.cut();
    },
    close: async () => {
      forwarder.cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return forwarder;
}
