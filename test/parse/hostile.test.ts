// Messages built to stall or abuse the parser: tens of thousands of links, a 20,000-character
// display name, bidi overrides, a parse that runs out of time. Each is refused with a reason or
// comes out with values every consumer can use as they are.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import { ParseTooSlowError, UnparseableMessageError } from '../../src/errors.ts';
import { MAX_LINKS, MAX_TEXT_CHARS } from '../../src/parse/budget.ts';
import { parseNotification } from '../../src/parse/parseNotification.ts';

const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);
const ACCEPT =
  'https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7426897713564350931/sharedKey/I9e1BN2l/?trk=eml-email_m2m_invite_single_01-hero-2-accept%7Ecta';

function invitation(displayName: string, body: string): Buffer {
  const name = /^[\x20-\x7e]*$/.test(displayName)
    ? `"${displayName}"`
    : `=?UTF-8?B?${Buffer.from(displayName).toString('base64')}?=`;
  return Buffer.from(
    [
      `From: ${name} <invitations@linkedin.com>`,
      'To: Marcus Webb <marcus.webb@example.net>',
      'Subject: I want to connect',
      'Date: Tue, 10 Feb 2026 09:30:00 +0000',
      'Message-ID: <hostile@linkedin.com>',
      'X-LinkedIn-Template: email_m2m_invite_single_01',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      body,
    ].join('\r\n'),
  );
}

const identity = (name: string) =>
  `${name} wants to connect\r\n\r\n${name}\r\nEngineer at Example\r\n\r\nAccept: ${ACCEPT}\r\n`;

async function refusal(raw: Buffer): Promise<string> {
  const err = await parseNotification(raw).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnparseableMessageError);
  return (err as Error).message;
}

describe('parseNotification on hostile input', () => {
  it('refuses a text part with 100,000 LinkedIn links on one line, saying why', async () => {
    const links = Array.from(
      { length: 100_000 },
      (_, i) => `https://www.linkedin.com/comm/in/x${i}`,
    );
    const raw = invitation('Jane Doe', `${identity('Jane Doe')}${links.join(' ')}\r\n`);
    expect(await refusal(raw)).toMatch(new RegExp(`more than ${MAX_LINKS} links`));
  });

  it('refuses a body with more text than any LinkedIn notification', async () => {
    const raw = invitation(
      'Jane Doe',
      `${identity('Jane Doe')}${'word '.repeat(MAX_TEXT_CHARS / 4)}\r\n`,
    );
    expect(await refusal(raw)).toMatch(/more than 200000 characters of text/);
  });

  it('refuses a message whose parse runs out of CPU time, and says so (retryable)', async () => {
    // A CPU clock that jumps a second at every reading: the budget is spent by the first check.
    let cpu = 0;
    const err = await parseNotification(invitation('Jane Doe', identity('Jane Doe')), {
      timeBudgetMs: 500,
      cpuClock: () => (cpu += 1000),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ParseTooSlowError);
    expect((err as ParseTooSlowError).code).toBe('PARSE_TOO_SLOW');
    expect((err as ParseTooSlowError).kind).toBe('retryable');
    expect((err as Error).message).toMatch(/took longer than the 500 ms parse budget \(CPU time/);
  });

  it('parses within the default budget when the clock is honest', async () => {
    const n = await parseNotification(invitation('Jane Doe', identity('Jane Doe')));
    expect(n.inviter.name).toBe('Jane Doe');
  });

  it('cuts a 20,000-character display name to 200 characters, and drafts nothing for it', async () => {
    const name = `Jane ${'A'.repeat(20_000)}`;
    const n = await parseNotification(invitation(name, identity(name)));
    expect([...(n.inviter.name ?? '')].length).toBe(200);
    expect(n.inviter.name?.startsWith('Jane AAAA')).toBe(true);
    // A name too long to be one is not recognised in the body: its lines are kept as the note.
    expect(n.noteKind).toBe('personal');
    expect(classify(n, rules).action).toBe('none');
  });

  it('strips bidi controls from the name and headline', async () => {
    const name = 'Jane \u202eeoD\u202c';
    const body = `${name}\r\nHead of \u2066Growth\u2069 at Example\r\n\r\nAccept: ${ACCEPT}\r\n`;
    const n = await parseNotification(invitation(name, body));
    expect(n.inviter.name).toBe('Jane eoD');
    expect(n.inviter.firstName).toBe('Jane');
    expect(n.inviter.headline).toBe('Head of Growth at Example');
  });

  it('reads a card line of one long word after a count within the budget', async () => {
    // The mutual connections in any wording ("NUM + a few words"): a pattern whose words could
    // share out one long word took minutes (a review of the day's changes).
    const line = `1 ${'a'.repeat(1_400)}!`;
    const body = identity('Jane Doe').replace(
      'Engineer at Example\r\n',
      `Engineer at Example\r\n${line}\r\n`,
    );
    const n = await parseNotification(invitation('Jane Doe', body));
    expect(n.note).toBe(line);
  });

  it("reads a text part that repeats the inviter's name on every line within the budget", async () => {
    // Where the name stands alone on several lines, the text part's card is the one over the
    // headline the HTML read: looked up line by line, once, not from each name line to the end.
    const profile =
      'https://www.linkedin.com/comm/in/jane-doe-42?trk=eml-email_m2m_invite_single_01-hero-4-prof%7Ecta';
    const lines = Math.floor(MAX_TEXT_CHARS / 12);
    const text = `${'Jane Doe\r\n\r\n'.repeat(lines)}${identity('Jane Doe')}`;
    const html = `<p>Jane Doe wants to connect</p><p><a href="${profile}">Jane Doe</a></p><p>Engineer at Example</p><p><a href="${ACCEPT}">Accept</a></p>`;
    const raw = Buffer.from(
      [
        'From: Jane Doe <invitations@linkedin.com>',
        'To: Marcus Webb <marcus.webb@example.net>',
        'Subject: I want to connect',
        'X-LinkedIn-Template: email_m2m_invite_single_01',
        'MIME-Version: 1.0',
        'Content-Type: multipart/alternative; boundary="b"',
        '',
        '--b',
        'Content-Type: text/plain; charset=utf-8',
        '',
        text,
        '--b',
        'Content-Type: text/html; charset=utf-8',
        '',
        html,
        '--b--',
      ].join('\r\n'),
    );
    const n = await parseNotification(raw);
    expect(n.inviter).toMatchObject({ name: 'Jane Doe', headline: 'Engineer at Example' });
  });

  it("reads a forward's quoted sender line of 100,000 characters of 'a@' in no time", async () => {
    // "From: <a@a@a@…" made the address pattern backtrack: 13 s, then out of time.
    const forward = (sender: string) =>
      Buffer.from(
        [
          'From: Marcus Webb <marcus.webb@example.org>',
          'To: Marcus Webb <marcus.webb@example.net>',
          'Subject: Fwd: I want to connect',
          'Date: Tue, 10 Feb 2026 10:30:00 +0000',
          'Content-Type: text/plain; charset=utf-8',
          '',
          '---------- Forwarded message ---------',
          `From: ${sender}`,
          'Subject: I want to connect',
          'To: Marcus Webb <marcus.webb@example.net>',
          '',
          identity('Jane Doe'),
        ].join('\r\n'),
      );
    for (const sender of [`LinkedIn <${'a@'.repeat(490)}x`, `LinkedIn <${'a@'.repeat(50_000)}x`]) {
      const n = await parseNotification(forward(sender));
      // The quoted From names LinkedIn but no address: read, and judged by what it says.
      expect(n.kind).toBe(sender.length < 998 ? 'invitation' : 'not-linkedin');
    }
  });

  it('keeps a CJK name whole, family name first, for first name and greeting', async () => {
    const n = await parseNotification(invitation('佐藤 美咲', identity('佐藤 美咲')));
    expect(n.inviter).toMatchObject({
      name: '佐藤 美咲',
      firstName: '佐藤 美咲',
      greetingName: '佐藤 美咲',
    });
  });
});
