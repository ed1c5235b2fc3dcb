// Throwaway Dovecot for integration tests (src/servers/dovecotServer.ts), cleaned up when the
// test process exits. Any username logs in with the password `secret` and gets its own empty
// Maildir, so tests isolate themselves by username.
import {
  type DovecotOptions,
  type DovecotServer,
  startDovecot as launchDovecot,
} from '../../src/servers/dovecotServer.ts';
import { trackForExit } from './freePort.ts';

export type { DovecotOptions, DovecotServer };

export async function startDovecot(options: DovecotOptions = {}): Promise<DovecotServer> {
  const server = await launchDovecot(options);
  trackForExit(server);
  return server;
}
