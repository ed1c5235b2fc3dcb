// A loopback TCP forwarder whose target can be switched: it stands for a name that moves (a
// managed Redis endpoint, a DNS name) in front of a primary. Switching sends new connections to
// the new target; `cutAll` drops the existing ones, as a real move does. It can also stall what
// passes through (both ways) until the connections are cut: a replication link that falls
// behind, whose unsent bytes die with the connection. Or stall only the connections opened from
// now on: a server that stops answering while a client is connecting.
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
  /** Connections opened from now on stall (until `false`), and stay stalled; open ones go on. */
  stallNew(stall: boolean): void;
  /** How many open connections are stalled. */
  readonly stalledConnections: number;
  /** Drops every open connection (RST), with whatever was held back. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startTcpForwarder(target: number): Promise<TcpForwarder> {
  const open = new Set<{ cut(): void; stall(): void; stalled: boolean }>();
  let stalled = false;
  let stallingNew = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(forwarder.target, LOOPBACK);
    const conn = {
      stalled: false,
      cut: () => {
        open.delete(conn);
        client.resetAndDestroy();
        upstream.destroy();
      },
      // Not read: the bytes wait in the kernel's buffers, and the sender's, until the cut.
      stall: () => {
        conn.stalled = true;
        client.unpipe(upstream);
        upstream.unpipe(client);
        client.pause();
        upstream.pause();
      },
    };
    open.add(conn);
    client.pipe(upstream);
    upstream.pipe(client);
    if (stalled || stallingNew) conn.stall();
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
    get stalledConnections() {
      return [...open].filter((conn) => conn.stalled).length;
    },
    stallNew: (stall) => {
      stallingNew = stall;
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
