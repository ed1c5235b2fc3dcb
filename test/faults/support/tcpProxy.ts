// A TCP proxy between the worker and Dovecot that a test can cut: all connections at once, one
// when the client sends a given command (mid-FETCH, mid-IDLE), each one a fixed time after it
// opened (a server that drops us right after login), or each one after a silence (a server or
// NAT that closes idle connections). It can also hold a command back until the test releases it
// (a worker frozen right as it sends APPEND). It counts connection attempts for reconnect rates.
import net from 'node:net';
import { LOOPBACK } from '../../harness/freePort.ts';

export interface ProxiedConnection {
  openedAt: number;
  /** Everything the client sent, latin1, for matching commands. */
  sent: string;
  cut(): void;
}

export interface TcpProxy {
  port: number;
  /** When each connection was accepted (ms since epoch), in order. */
  readonly accepted: number[];
  readonly open: Set<ProxiedConnection>;
  /** Cut a connection halfway through the server's reply to a command that matches; once. */
  cutWhenClientSends(pattern: RegExp): Promise<void>;
  /**
   * Hold back what the client sends from the command that matches on (once), until `release`;
   * resolves when the command has been held.
   */
  holdWhenClientSends(pattern: RegExp): Promise<{ release(): void }>;
  /** Cut every connection this long after it opened; null turns it off. */
  dropAfterMs: number | null;
  /** Cut a connection after this long without a byte either way; null turns it off. */
  idleTimeoutMs: number | null;
  cutAll(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const open = new Set<ProxiedConnection>();
  const accepted: number[] = [];
  const rules: Array<{ pattern: RegExp; done: () => void }> = [];
  const holds: Array<{ pattern: RegExp; held: (release: () => void) => void }> = [];

  const server = net.createServer((client) => {
    accepted.push(Date.now());
    const upstream = net.connect(targetPort, LOOPBACK);
    const timers: NodeJS.Timeout[] = [];
    let idleTimer: NodeJS.Timeout | undefined;
    const conn: ProxiedConnection = {
      openedAt: Date.now(),
      sent: '',
      cut: () => {
        for (const t of timers) clearTimeout(t);
        clearTimeout(idleTimer);
        open.delete(conn);
        // RST, as a dropped network does, rather than a polite FIN.
        client.resetAndDestroy();
        upstream.destroy();
      },
    };
    open.add(conn);
    const touch = () => {
      clearTimeout(idleTimer);
      if (proxy.idleTimeoutMs !== null) idleTimer = setTimeout(conn.cut, proxy.idleTimeoutMs);
    };
    touch();
    if (proxy.dropAfterMs !== null) timers.push(setTimeout(conn.cut, proxy.dropAfterMs));
    let heldBack: Buffer[] | null = null;
    client.on('data', (chunk: Buffer) => {
      conn.sent += chunk.toString('latin1');
      touch();
      if (heldBack) {
        heldBack.push(chunk);
        return;
      }
      const hold = holds.findIndex((h) => h.pattern.test(conn.sent));
      if (hold >= 0) {
        const [rule] = holds.splice(hold, 1);
        const queue: Buffer[] = [chunk];
        heldBack = queue;
        rule?.held(() => {
          heldBack = null;
          for (const c of queue) upstream.write(c);
        });
        return;
      }
      const hit = rules.findIndex((r) => r.pattern.test(conn.sent));
      if (hit >= 0) {
        // Let the command through and cut in the middle of the server's answer.
        const [rule] = rules.splice(hit, 1);
        cutMidReply = rule?.done ?? null;
      }
      upstream.write(chunk);
    });
    let cutMidReply: (() => void) | null = null;
    upstream.on('data', (chunk: Buffer) => {
      touch();
      if (cutMidReply) {
        client.write(chunk.subarray(0, Math.floor(chunk.length / 2)));
        conn.cut();
        cutMidReply();
        return;
      }
      client.write(chunk);
    });
    const end = () => conn.cut();
    client.on('error', end);
    upstream.on('error', end);
    client.on('close', end);
    upstream.on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const proxy: TcpProxy = {
    port,
    accepted,
    open,
    dropAfterMs: null,
    idleTimeoutMs: null,
    cutWhenClientSends: (pattern) =>
      new Promise<void>((resolve) => {
        rules.push({ pattern, done: resolve });
      }),
    holdWhenClientSends: (pattern) =>
      new Promise((resolve) => {
        holds.push({ pattern, held: (release) => resolve({ release }) });
      }),
    cutAll: () => {
      for (const conn of [...open]) conn.cut();
    },
    close: async () => {
      proxy.cutAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return proxy;
}
