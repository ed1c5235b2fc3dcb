import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { composeDraft, type DraftRequest } from '../../src/draft/composeDraft.ts';
import { parseNotification } from '../../src/parse/parseNotification.ts';
import { invitation } from '../support/notifications.ts';

const template = {
  subject: 'Your invitation, {{firstName}}',
  body: 'Hi {{firstName}},\n\nWhere did we meet? You wrote: {{note}}\n\n{{myName}}\n',
  languages: {
    de: {
      subject: 'Ihre Einladung',
      body: 'Hallo {{firstName}},\n\nwo haben wir uns getroffen?\n',
    },
  },
};

const request = (overrides: Partial<DraftRequest> = {}): DraftRequest => ({
  notification: invitation(),
  invitationKey: 'id-7000000000000000001',
  template,
  me: { name: 'Paul Tester', address: 'paul@example.net', signature: null },
  now: new Date('2026-11-22T08:00:00Z'),
  ...overrides,
});

describe('composeDraft', () => {
  it('writes a threaded reply from the user, greeting the inviter by first name', async () => {
    const draft = await composeDraft(request());
    const mail = await simpleParser(draft.raw);
    expect(mail.from?.value).toEqual([{ name: 'Paul Tester', address: 'paul@example.net' }]);
    expect(mail.inReplyTo).toBe('<1.2.3.JavaMail.app@ltx1-app1.prod.linkedin.com>');
    expect(mail.references).toBe('<1.2.3.JavaMail.app@ltx1-app1.prod.linkedin.com>');
    expect(mail.subject).toBe('Your invitation, Jane');
    expect(mail.headers.get('x-wherewemet-invitation')).toBe('id-7000000000000000001');
    expect(mail.text).toContain('Hi Jane,\n\nWhere did we meet?');
    expect(mail.text).toContain('Paul Tester');
  });

  it('leaves To empty without the inviter address and says where to reply instead', async () => {
    const mail = await simpleParser((await composeDraft(request())).raw);
    expect(mail.to).toBeUndefined();
    expect(mail.text).toMatch(
      /^\[No email address for Jane Doe: reply on LinkedIn at https:\/\/www\.linkedin\.com\/in\/jane-doe-42 /,
    );
  });

  it("addresses the inviter when the email, proven to be LinkedIn's, gives their own address", async () => {
    const notification = invitation({
      inviter: { email: 'jane@example.org' },
      authenticity: 'verified',
    });
    const draft = await composeDraft(request({ notification }));
    const mail = await simpleParser(draft.raw);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : null).toEqual([
      { name: 'Jane Doe', address: 'jane@example.org' },
    ]);
    expect(mail.text).not.toContain('No email address');
    expect(draft.to).toBe('jane@example.org');
  });

  it("never addresses a draft to the address of mail not proven to be LinkedIn's", async () => {
    // The Reply-To of a forged invitation: the draft says why it has no To, and where to reply.
    const notification = invitation({
      inviter: { email: 'collect@phisher.example' },
      authenticity: 'unverified',
    });
    const draft = await composeDraft(request({ notification }));
    const mail = await simpleParser(draft.raw);
    expect(mail.to).toBeUndefined();
    expect(draft.to).toBeNull();
    expect(draft.raw.toString()).not.toContain('phisher');
    expect(mail.text).toMatch(
      /^\[The address in this invitation is left out: nothing proves that LinkedIn sent it\. Reply to Jane Doe on LinkedIn at https:\/\/www\.linkedin\.com\/in\/jane-doe-42 /,
    );
  });

  it('uses the variant in the language of the invitation', async () => {
    const mail = await simpleParser(
      (await composeDraft(request({ notification: invitation({ language: 'de' }) }))).raw,
    );
    expect(mail.subject).toBe('Ihre Einladung');
    expect(mail.text).toContain('Hallo Jane,');
  });

  it('keeps header injection out of the headers and template syntax out of the text', async () => {
    const notification = invitation({
      inviter: {
        name: 'Eve\r\nBcc: all@example.com',
        firstName: 'Eve\r\nBcc: all@example.com',
        email: 'eve@example.org',
      },
      note: '{{myName}} <script>alert(1)</script> & more',
      noteKind: 'personal',
    });
    const draft = await composeDraft(request({ notification }));
    const head = draft.raw.toString('utf8').split(/\r\n\r\n/)[0] ?? '';
    expect(head).not.toMatch(/^Bcc:/im);
    const mail = await simpleParser(draft.raw);
    expect(mail.bcc).toBeUndefined();
    expect(mail.subject).toBe('Your invitation, Eve Bcc: all@example.com');
    expect(mail.text).toContain('You wrote: {{myName}} <script>alert(1)</script> & more');
  });

  it('adds the signature, and an HTML part whose values are escaped', async () => {
    const notification = invitation({ inviter: { firstName: '<b>Jane</b>' } });
    const html = { ...template, html: '<p>Hi {{firstName}},</p><p>where did we meet?</p>' };
    const me = { name: 'Paul', address: 'paul@example.net', signature: 'Paul Tester\nexample.net' };
    const mail = await simpleParser(
      (await composeDraft(request({ notification, template: html, me }))).raw,
    );
    expect(mail.text).toMatch(/\n-- \nPaul Tester\nexample\.net\n$/);
    expect(mail.html).toContain('<p>Hi &#60;b&#62;Jane&#60;/b&#62;,</p>');
    expect(mail.html).not.toContain('<b>Jane</b>');
    expect(mail.html).toContain('<p>-- <br>Paul Tester<br>example.net</p>');
  });

  it('greets by greetingName: the full name for a name written family name first', async () => {
    const withGreeting = { ...template, body: 'Hi {{greetingName}},\n' };
    const notification = invitation({
      inviter: { name: '佐藤 美咲', firstName: '佐藤 美咲', greetingName: '佐藤 美咲' },
    });
    const mail = await simpleParser(
      (await composeDraft(request({ notification, template: withGreeting }))).raw,
    );
    expect(mail.text).toContain('Hi 佐藤 美咲,');
  });

  it('keeps every header line within 998 octets and without bidi controls, whatever the record holds', async () => {
    // A record written before the parser cut names: 20,000 characters, one word, and a bidi override.
    const name = `\u202e${'A'.repeat(20_000)}`;
    const notification = invitation({
      inviter: { name, firstName: name, greetingName: name, email: 'jane@example.org' },
      authenticity: 'verified',
      messageId: `<${'x'.repeat(2000)}@linkedin.com>`,
    });
    const long = { ...template, subject: '{{greetingName}}, {{fullName}}: where did we meet?' };
    const draft = await composeDraft(request({ notification, template: long }));
    const head = draft.raw.toString('utf8').split('\r\n\r\n')[0] ?? '';
    for (const line of head.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(998);
    const mail = await simpleParser(draft.raw);
    expect(`${mail.subject} ${mail.to && !Array.isArray(mail.to) ? mail.to.text : ''}`).not.toMatch(
      /[\u202a-\u202e\u2066-\u2069]/,
    );
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : null).toBe(
      'jane@example.org',
    );
  });

  it('never writes a javascript: profile link, from the parser or from a record stored before it checked', async () => {
    const withLink = {
      ...template,
      body: 'Hi {{firstName}}, your profile: {{profileUrl}}\n',
      html: '<p>Hi {{firstName}}, <a href="{{profileUrl}}">your profile</a></p>',
    };
    const hostile = 'javascript://www.linkedin.com/comm/in/eve%0Aalert(document.cookie)//?trk=x';
    const parsed = await parseNotification(
      readFileSync(new URL('../fixtures/ugly/javascript-profile-link.eml', import.meta.url)),
    );
    for (const notification of [
      parsed,
      invitation({ inviter: { profileUrl: hostile }, invitationUrl: hostile }),
    ]) {
      const draft = await composeDraft(request({ notification, template: withLink }));
      const mail = await simpleParser(draft.raw);
      expect(`${mail.text}${mail.html}`).not.toMatch(/javascript/i);
      expect(mail.html).toContain('<a href="">your profile</a>');
    }
  });

  it('gives the same invitation the same Message-ID, so a second draft would be recognisable', async () => {
    const a = await composeDraft(request());
    const b = await composeDraft(request({ now: new Date('2026-11-23T08:00:00Z') }));
    expect(a.messageId).toBe(b.messageId);
    expect(a.messageId).toMatch(/^<wherewemet-[0-9a-f]{32}@example\.net>$/);
  });
});
