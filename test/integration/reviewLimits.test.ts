// The sign-in page's body limit against the real listening server (@hono/node-server, as `serve`
// runs it): a client streams a chunked body of hundreds of megabytes to /login. The probe of issue
// 19 saw `serve` read such a body whole (280 MB held for 64 MB sent). Now the server must answer
// 413 after a few KB and cut the connection, while this process's memory stays flat.
import net from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_BODY_BYTES, reviewApp } from '../../src/review/app.ts';
import { LOOPBACK } from '../harness/freePort.ts';

const MB = 1024 * 1024;
/** What the client offers to send: far more than any limit, and than the server may keep. */
const OFFERED = 512 * MB;
const CHUNK = Buffer.alloc(64 * 1024, 'x');

let server: ServerType;
let port: number;

beforeAll(async () => {
  const refuse = async (): Promise<never> => {
    throw new Error('not used by this test');
  };
  const { app } = reviewApp({
    token: 'an-access-token-for-this-test',
    sessionMs: 3600_000,
    allowedHosts: [],
    secure: false,
    approveUnavailable: null,
    templates: [],
    list: refuse,
    history: refuse,
    approve: refuse,
    discard: refuse,
    edit: refuse,
    replied: refuse,
    ignore: refuse,
    undo: refuse,
    requestDraft: refuse,
    placeUnsure: refuse,
  });
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, hostname: LOOPBACK, port: 0 }, (info) => {
      port = info.port;
      resolve();
    });
  });
});
afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

interface Outcome {
  status: number;
  /** Bytes of body the client got onto the socket before the server answered and cut it. */
  sent: number;
  /** The highest heap + ArrayBuffer use of this process while it lasted, above the start. */
  peakGrowth: number;
}

/** Streams `headers` and then body chunks (chunked framing or raw) until the server cuts it. */
function stream(headers: string[], chunked: boolean): Promise<Outcome> {
  const used = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  };
  const start = used();
  let peak = start;
  const sampler = setInterval(() => {
    peak = Math.max(peak, used());
  }, 10);
  return new Promise<Outcome>((resolve, reject) => {
    const socket = net.connect(port, LOOPBACK);
    let sent = 0;
    let reply = '';
    let stopped = false;
    const frame = chunked
      ? Buffer.concat([Buffer.from(`${CHUNK.length.toString(16)}\r\n`), CHUNK, Buffer.from('\r\n')])
      : CHUNK;
    const pump = () => {
      while (!stopped && sent < OFFERED) {
        sent += CHUNK.length;
        if (!socket.write(frame)) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(`${headers.join('\r\n')}\r\n\r\n`);
      pump();
    });
    socket.on('data', (d: Buffer) => {
      reply += d.toString('latin1');
    });
    // A reset while we write is how a server cuts a client that keeps sending.
    socket.on('error', () => {});
    socket.on('close', () => {
      stopped = true;
      clearInterval(sampler);
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(reply)?.[1] ?? 0);
      if (status === 0) reject(new Error(`no reply; sent ${sent} bytes`));
      else resolve({ status, sent, peakGrowth: peak - start });
    });
  });
}

const base = () => [
  'POST /login HTTP/1.1',
  `Host: ${LOOPBACK}:${port}`,
  `Origin: http://${LOOPBACK}:${port}`,
  'Content-Type: application/x-www-form-urlencoded',
];

describe('the review page against a client that sends hundreds of megabytes', () => {
  it('answers a chunked body with 413 and cuts it early, holding no more than a few MB', {
    timeout: 60_000,
  }, async () => {
    const outcome = await stream([...base(), 'Transfer-Encoding: chunked'], true);
    expect(outcome.status).toBe(413);
    // @hono/node-server discards at most 64 MB (or 0.5 s) of what is on its way, then closes.
    expect(outcome.sent).toBeLessThan(OFFERED / 4);
    expect(outcome.peakGrowth).toBeLessThan(32 * MB);
    expect(LOGIN_BODY_BYTES).toBeLessThanOrEqual(8 * 1024);
    console.log(
      `FIGURES chunkedLogin ${JSON.stringify({ offeredMB: OFFERED / MB, sentMB: +(outcome.sent / MB).toFixed(1), peakGrowthMB: +(outcome.peakGrowth / MB).toFixed(1) })}`,
    );
  });

  it('answers a declared length past the limit with 413 before reading it', {
    timeout: 60_000,
  }, async () => {
    const outcome = await stream([...base(), `Content-Length: ${OFFERED}`], false);
    expect(outcome.status).toBe(413);
    expect(outcome.sent).toBeLessThan(OFFERED / 4);
    expect(outcome.peakGrowth).toBeLessThan(32 * MB);
  });
});
