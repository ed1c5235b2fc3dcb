// LinkedIn's "new message" notification read for who wrote and what: with the message text
// (a 2026-style fixture), without it (the real 2025 mail in the corpus), localised, and the mail
// that only looks like one.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isLinkedInMessage, readLinkedInMessage } from '../../src/answer/linkedInMessage.ts';
import { readMessage } from '../../src/parse/readMessage.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

function mail(headers: string[], body: string): Buffer {
  return Buffer.from(
    [...headers, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=UTF-8', '', body].join(
      '\r\n',
    ),
  );
}

describe('LinkedIn message notifications', () => {
  it('reads the sender, their profile link and the message from a notification that carries it', async () => {
    const m = await readMessage(fixture('other-linkedin/2026-member-message-with-text-en.eml'));
    expect(isLinkedInMessage(m)).toBe(true);
    const read = readLinkedInMessage(m);
    expect(read.sender.name).toBe('Anna Tester');
    // The header's avatar links to the recipient's own profile: never taken for the sender's.
    expect(read.sender.profileUrl).toMatch(
      /^https:\/\/www\.linkedin\.com\/comm\/in\/anna-tester-1\?/,
    );
    expect(read.text).toBe(
      'Hi Paul, we met at the Berlin Kubernetes meetup in March – you gave the talk on operators. Happy to connect!',
    );
  });

  it('reads the sender of a notification that only announces a message (real 2025 mail)', async () => {
    const m = await readMessage(fixture('corpus/langmail-1.eml'));
    expect(isLinkedInMessage(m)).toBe(true);
    expect(readLinkedInMessage(m)).toEqual({
      sender: { name: 'Max Mustermann', profileUrl: null },
      text: null,
    });
  });

  it('reads localised notifications', async () => {
    const m = await readMessage(
      mail(
        [
          'From: Jana Beispiel über LinkedIn <messages-noreply@linkedin.com>',
          'To: Paul Tester <paul@example.net>',
          'Subject: Jana hat Ihnen eine Nachricht gesendet',
          'Date: Mon, 07 Dec 2026 09:30:00 +0000',
          'Message-ID: <de-1@ltx1-app1.prod.linkedin.com>',
        ],
        'Sie haben 1 neue Nachricht\r\n\r\nJana Beispiel (Beraterin)\r\n\r\nWir haben uns auf der CeBIT getroffen.\r\n\r\nNachricht anzeigen: https://www.linkedin.com/comm/messaging/thread/1\r\n',
      ),
    );
    expect(isLinkedInMessage(m)).toBe(true);
    expect(readLinkedInMessage(m)).toEqual({
      sender: { name: 'Jana Beispiel', profileUrl: null },
      text: 'Wir haben uns auf der CeBIT getroffen.',
    });
  });

  it('is not taken in by a person writing a look-alike subject, nor by LinkedIn invitations', async () => {
    const person = await readMessage(
      mail(
        [
          'From: Anna Tester <anna.tester@mail.example.com>',
          'To: paul@example.net',
          'Subject: Anna just messaged you',
          'Date: Mon, 07 Dec 2026 09:30:00 +0000',
        ],
        'Hi, we met at the meetup.',
      ),
    );
    expect(isLinkedInMessage(person)).toBe(false);
    const invitation = await readMessage(fixture('corpus/imapdigester-1.eml'));
    expect(isLinkedInMessage(invitation)).toBe(false);
  });
});
