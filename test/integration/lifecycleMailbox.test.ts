// Drafts listed twice on one connection: a draft another client deleted in between is gone from
// the second listing (the server tells of it only when asked, with NOOP).
import { ImapFlow } from 'imapflow';
import { describe, expect, inject, it } from 'vitest';
import { summarizeDrafts } from '../../src/imap/lifecycleMailbox.ts';
import { appendRaw, uniqueUser, withImap } from '../harness/context.ts';

const draft = (n: number) =>
  `From: me@example.net\r\nTo: you@example.org\r\nSubject: draft ${n}\r\nMessage-ID: <draft-${n}@example.net>\r\n\r\nHello ${n}\r\n`;

describe('summarizeDrafts', () => {
  it('does not list a draft deleted by another client since the last listing', async () => {
    const user = uniqueUser('drafts-listing');
    for (const n of [1, 2]) await appendRaw(user, 'Drafts', draft(n), ['\\Draft']);
    const client = new ImapFlow({
      host: inject('dovecotHost'),
      port: inject('dovecotPort'),
      secure: false,
      auth: { user, pass: inject('dovecotPassword') },
      logger: false,
    });
    await client.connect();
    try {
      const before = await summarizeDrafts(client, 'Drafts');
      expect(before.map((d) => d.messageId)).toEqual([
        '<draft-1@example.net>',
        '<draft-2@example.net>',
      ]);
      await withImap(user, async (other) => {
        await other.mailboxOpen('Drafts');
        await other.messageDelete(String(before[0]?.uid), { uid: true });
      });
      const after = await summarizeDrafts(client, 'Drafts');
      expect(after.map((d) => d.messageId)).toEqual(['<draft-2@example.net>']);
    } finally {
      await client.logout();
    }
  });
});
