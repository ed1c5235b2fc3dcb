/**
 * What the benchmarks that run the compiled CLI on a generated mailbox share: where the CLI is,
 * the owner of the Maildir files, a config of the shipped one with changes, and an IMAP client
 * of a benchmark user.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ImapFlow } from 'imapflow';
import { parseDocument } from 'yaml';
import type { DovecotServer } from '../test/harness/dovecot.ts';
import { type Corpus, linkMailbox } from './mailbox.ts';

export const root = fileURLToPath(new URL('../', import.meta.url));
export const BIN = path.join(root, 'bin/wherewemet');
// Dovecot as root keeps mail as nobody (src/servers/dovecotServer.ts).
export const MAIL_UID = process.getuid?.() === 0 ? 65534 : (process.getuid?.() ?? 0);
export const MAIL_GID = process.getuid?.() === 0 ? 65534 : (process.getgid?.() ?? 0);

const configDirs: string[] = [];
// Removed when the bench ends, as it ends: a bench run left its configs in the temp folder.
process.on('exit', () => {
  for (const dir of configDirs) rmSync(dir, { recursive: true, force: true });
});

/** The shipped config with `changes`, in a temporary directory removed when the bench ends. */
export function writeConfig(changes: Record<string, unknown>): string {
  const doc = parseDocument(readFileSync(path.join(root, 'config/wherewemet.yaml'), 'utf8'));
  for (const [key, value] of Object.entries(changes)) doc.setIn(key.split('.'), value);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wwm-bench-config-'));
  configDirs.push(dir);
  const file = path.join(dir, 'wherewemet.yaml');
  writeFileSync(file, doc.toString());
  return file;
}

export function imap(dovecot: DovecotServer, user: string): ImapFlow {
  return new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user, pass: dovecot.password },
    logger: false,
  });
}

/** A fresh user holding the whole mailbox, indexed by Dovecot (a first SELECT) before it is used. */
export async function prepareUser(
  dovecot: DovecotServer,
  corpus: Corpus,
  user: string,
): Promise<void> {
  linkMailbox(corpus, path.join(dovecot.dir, 'home', user), MAIL_UID, MAIL_GID);
  const client = imap(dovecot, user);
  await client.connect();
  const box = await client.mailboxOpen('INBOX');
  if (box.exists !== corpus.files.length)
    throw new Error(`${user}: INBOX has ${box.exists} messages, not ${corpus.files.length}`);
  await client.logout();
}
