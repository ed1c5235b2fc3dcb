// A TCP relay in front of a test server that keeps every byte the client sent, so a test can
// assert what went over the wire in clear (a password, a login command) and what did not.
import net from 'node:net';
import { LOOPBACK } from './freePort.ts';

/** A TCP relay to a server on this machine that keeps everything the client sent. */
export interface Recorder {
  port: number;
  sent: string;
  close(): Promise<void>;
}

export async function recordingRelay(target: number): Promise<Recorder> {
  const sockets = new Set<net.Socket>();
  const recorder = { port: 0, sent: '', close: async () => {} };
  const server = net.createServer((client) => {
    const upstream = net.connect(target, LOOPBACK);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => {});
      s.on('close', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => {
      recorder.sent += chunk.toString('latin1');
      upstream.write(chunk);
    });
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  recorder.port = (server.address() as net.AddressInfo).port;
  recorder.close = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
  return recorder;
}
