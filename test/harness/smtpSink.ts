// In-process SMTP server that accepts everything and records it, so tests can assert what would
// have been sent (and that nothing was sent: the app must never send on its own). It can also
// fail the way real servers do at the worst moment: refuse the message, take it and drop the
// connection before its reply reaches the client, or hold its reply to the end of the data.
import type { Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { freePort, LOOPBACK } from './freePort.ts';

export interface SinkMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

/**
 * What the sink does once a message's data is in (the client has sent the final "."):
 *   accept           record it and reply 250
 *   reject           reply 554, record nothing (the server did not take it)
 *   drop-after-data  record it (the server took it) and cut the connection before the 250
 *   hold-reply       record it and keep the 250 until releaseHeldReplies()
 */
export type SinkMode = 'accept' | 'reject' | 'drop-after-data' | 'hold-reply';

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  /** The user names that logged in (AUTH), in order. */
  logins: string[];
  messages: SinkMessage[];
  mode: SinkMode;
  /** Sends the replies that hold-reply kept back. */
  releaseHeldReplies(): void;
  stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let connections = 0;
  const messages: SinkMessage[] = [];
  const logins: string[] = [];
  const held: Array<() => void> = [];
  const sink = { mode: 'accept' as SinkMode };
  const server = new SMTPServer({
    authOptional: true,
    // Plain text only: accept AUTH without TLS and do not offer STARTTLS.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Do not hold stop() for 30 s when a client keeps a pooled connection open.
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
      logins.push(auth.username ?? '');
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onConnect(_session, callback) {
      connections++;
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        if (sink.mode === 'reject') {
          callback(Object.assign(new Error('Message refused'), { responseCode: 554 }));
          return;
        }
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          from: mailFrom ? mailFrom.address : '',
          to: rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        if (sink.mode === 'drop-after-data') socketOf(session.id)?.destroy();
        else if (sink.mode === 'hold-reply') held.push(() => callback());
        else callback();
      });
    },
  });
  // Client hiccups are reported here; a test sink must not crash the run over them.
  server.on('error', () => {});
  // smtp-server keeps its connections, each with its socket, by session id (not a public API).
  const socketOf = (id: string): Socket | undefined =>
    [...(server.connections as Set<{ id: string; _socket: Socket }>)].find((c) => c.id === id)
      ?._socket;

  const port = await listen(server);
  return {
    url: `smtp://${LOOPBACK}:${port}`,
    port,
    get connections() {
      return connections;
    },
    messages,
    logins,
    get mode() {
      return sink.mode;
    },
    set mode(mode: SinkMode) {
      sink.mode = mode;
    },
    releaseHeldReplies() {
      for (const reply of held.splice(0)) reply();
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function listen(server: SMTPServer): Promise<number> {
  // The free port can be taken between probing and binding; pick another one then.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      await new Promise<void>((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(port, LOOPBACK, () => {
          server.server.off('error', reject);
          resolve();
        });
      });
      return port;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt >= 3) throw err;
    }
  }
}
