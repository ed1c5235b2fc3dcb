// In-process SMTP server that accepts everything and records it, so tests can assert what would
// have been sent (and that nothing was sent: the app must never send on its own).
import { SMTPServer } from 'smtp-server';
import { freePort, LOOPBACK } from './freePort.ts';

export interface SinkMessage {
  from: string;
  to: string[];
  raw: Buffer;
}

export interface SmtpSink {
  /** smtp://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Connections accepted so far. */
  readonly connections: number;
  messages: SinkMessage[];
  stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let connections = 0;
  const messages: SinkMessage[] = [];
  const server = new SMTPServer({
    authOptional: true,
    // Plain text only: accept AUTH without TLS and do not offer STARTTLS.
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // Do not hold stop() for 30 s when a client keeps a pooled connection open.
    closeTimeout: 500,
    onAuth(auth, _session, callback) {
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
        const { mailFrom, rcptTo } = session.envelope;
        messages.push({
          from: mailFrom ? mailFrom.address : '',
          to: rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
  });
  // Client hiccups are reported here; a test sink must not crash the run over them.
  server.on('error', () => {});

  const port = await listen(server);
  return {
    url: `smtp://${LOOPBACK}:${port}`,
    port,
    get connections() {
      return connections;
    },
    messages,
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
