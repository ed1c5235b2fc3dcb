// Encryption is required: plain IMAP must upgrade with STARTTLS, so a server (or a proxy that
// strips STARTTLS) that does not offer it never sees the password; imaps:// to a plain port says
// which URL to use instead of blaming the certificate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { requireImap } from '../../src/config/accounts.ts';
import { parseConfig } from '../../src/config/load.ts';
import { connectImap } from '../../src/imap/connect.ts';
import { createLogger } from '../../src/log.ts';
import { type DovecotServer, startDovecot } from '../harness/dovecot.ts';
import { LOOPBACK } from '../harness/freePort.ts';
import { type Recorder, recordingRelay } from '../harness/recordingRelay.ts';

const log = createLogger({ level: 'silent' });
let dovecot: DovecotServer;
let proxy: Recorder;

beforeAll(async () => {
  // ssl = no: this Dovecot offers no STARTTLS, as a stripping proxy would make it look.
  dovecot = await startDovecot();
  proxy = await recordingRelay(dovecot.port);
});
afterAll(async () => {
  await proxy?.close();
  await dovecot?.stop();
});

function settings(imap: Record<string, unknown>) {
  const yaml = stringify({
    imap: { host: LOOPBACK, user: 'tls-user', password: dovecot.password, ...imap },
    rules: { actions: { 'no-context': 'none', pitch: 'none' } },
  });
  return requireImap(parseConfig(yaml, 'test.yaml', {}), {});
}

describe('IMAP without TLS from the first byte', () => {
  it('refuses a server that offers no STARTTLS, in one line, before sending the password', async () => {
    const error = await connectImap(settings({ port: proxy.port, secure: false }), log).then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toMatchObject({ code: 'TLS_REQUIRED', kind: 'blocked' });
    const { message, fix } = error as { message: string; fix: string };
    expect(message).toBe(
      `IMAP server ${LOOPBACK}:${proxy.port} does not offer STARTTLS: refusing to log in without encryption`,
    );
    expect(fix).toMatch(/imap\.allowPlaintext: true/);
    // It read the greeting's capabilities (the message says so) and stopped: no LOGIN, no
    // AUTHENTICATE, no password.
    expect(proxy.sent).not.toMatch(/LOGIN|AUTHENTICATE/i);
    expect(proxy.sent).not.toContain(dovecot.password);
  });

  it('logs in over plain IMAP only with imap.allowPlaintext: true', async () => {
    const client = await connectImap(
      settings({ port: dovecot.port, secure: false, allowPlaintext: true }),
      log,
    );
    expect(client.authenticated).toBeTruthy();
    await client.logout();
  });

  it('says "this port does not speak TLS" for imaps:// to a plain IMAP port', async () => {
    await expect(
      connectImap(settings({ port: dovecot.port, secure: true }), log),
    ).rejects.toMatchObject({
      code: 'TLS_REQUIRED',
      message: expect.stringContaining('this port does not speak TLS: use imap:// or port 993'),
    });
  });
});
