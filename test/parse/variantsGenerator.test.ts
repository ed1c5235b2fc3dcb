// The layout-variant generator itself (test/parse/layouts/variants.ts): a measuring stick is only
// worth its marks. The same seed gives the same bytes; every transfer encoding decodes (through
// mailparser, as the service reads mail) to what was rendered; the truth planted is in the mail;
// each imitation carries its trap; and the layout axes do vary.
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { loose } from './layouts/measure.ts';
import { buildMime, type Encoding } from './layouts/mime.ts';
import { CLASSES, generate, type VariantClass } from './layouts/variants.ts';

const byName = (name: string) => CLASSES.find((c) => c.name === name) as VariantClass;

/** All a reader can see of a mail: its decoded text part and its HTML with tags and entities gone. */
async function visible(raw: Buffer): Promise<{ text: string; from: string; headers: string }> {
  const mail = await simpleParser(raw);
  const html = (typeof mail.html === 'string' ? mail.html : '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
  return {
    text: loose(`${mail.text ?? ''} ${html}`),
    from: mail.from?.value[0]?.address ?? '',
    headers: raw.toString('utf8', 0, raw.indexOf('\r\n\r\n')),
  };
}

describe('the layout-variant generator', () => {
  it('gives the same bytes for the same class and seed', async () => {
    for (const cls of CLASSES) {
      const [a, b] = await Promise.all([generate(cls, 3, 42), generate(cls, 3, 42)]);
      expect(a.map((c) => c.raw.toString('base64'))).toEqual(
        b?.map((c) => c.raw.toString('base64')),
      );
    }
  });

  it.each([
    ['base64', false],
    ['quoted-printable', false],
    ['8bit', false],
    ['base64', true],
    ['quoted-printable', true],
    ['8bit', true],
  ] as [Encoding, boolean][])(
    '%s (flowed: %s) decodes to what was rendered',
    async (encoding, flowed) => {
      const text = `Hi Elin,\n\n${'Wir haben uns auf der JavaLand getroffen – danke für den Vortrag über Kafka! 🙌 '.repeat(3).trim()}\n>quoted start\nFrom the start\n`;
      const html = `<html><body><p>${'Ελένη Παπαδοπούλου · 王 伟 · '.repeat(60)}</p><p>a&amp;b</p></body></html>`;
      const raw = buildMime(
        {
          from: { name: 'Ελένη Παπαδοπούλου', address: 'invitations@linkedin.com' },
          to: { name: 'Elin Sandberg', address: 'elin@example.org' },
          subject: 'Quero me conectar',
          date: new Date('2026-11-03T08:00:00Z'),
          messageId: '<1.2@example>',
          headers: [['X-LinkedIn-Template', 'email_m2m_invite_single_01']],
          text,
          html,
          encoding,
          flowed,
        },
        'b1',
      );
      const mail = await simpleParser(raw);
      expect(mail.text?.trimEnd()).toBe(text.trimEnd());
      // 8bit breaks long lines of HTML where a browser ignores the break: between tags, at spaces.
      expect(String(mail.html).replace(/\r?\n/g, '')).toBe(html);
      const longest = Math.max(
        ...raw
          .toString('binary')
          .split('\r\n')
          .map((l) => l.length),
      );
      expect(longest).toBeLessThanOrEqual(998);
      expect(mail.from?.value[0]?.name).toBe('Ελένη Παπαδοπούλου');
    },
  );

  it('puts every planted note in the mail it generates', async () => {
    for (const cls of CLASSES) {
      let planted = 0;
      for (const c of await generate(cls, 20, 7)) {
        if (c.truth.paragraphs === null) continue;
        planted++;
        const { text } = await visible(c.raw);
        for (const p of c.truth.paragraphs)
          expect(text, `${c.family} seed ${c.seed}`).toContain(loose(p));
      }
      if (!['redesign: other LinkedIn mail', 'imitations'].includes(cls.name))
        expect(planted, cls.name).toBeGreaterThan(0);
    }
  });

  it('gives every imitation its trap, and no genuine mail one', async () => {
    const trapped = async (raw: Buffer) => {
      const { from, headers } = await visible(raw);
      const body = raw.toString('utf8');
      return (
        !from.endsWith('@linkedin.com') ||
        /dkim=fail/.test(headers) ||
        /linkedin\.invite-secure\.top/.test(
          (await simpleParser(raw)).html || (await simpleParser(raw)).text || body,
        )
      );
    };
    for (const c of await generate(byName('imitations'), 30, 3))
      expect(await trapped(c.raw), `${c.family} seed ${c.seed}`).toBe(true);
    for (const c of await generate(byName('invite-2026 (7 languages)'), 30, 3))
      expect(await trapped(c.raw), `${c.family} seed ${c.seed}`).toBe(false);
  });

  it('varies every layout axis', async () => {
    const cases = await generate(byName('invite-2026 (7 languages)'), 150, 11);
    const seen = new Map<string, Set<string>>();
    for (const c of cases)
      for (const [axis, value] of Object.entries({
        ...c.axes,
        lang: c.lang,
        planted: c.truth.planted,
      })) {
        const values = seen.get(axis) ?? new Set();
        values.add(String(value));
        seen.set(axis, values);
      }
    expect(Object.fromEntries([...seen].map(([axis, values]) => [axis, values.size]))).toEqual({
      nest: 4,
      buttons: 3,
      parts: 3,
      encoding: 6,
      preheader: 4,
      pymk: 2,
      promo: 2,
      pending: 2,
      footer: 4,
      noteParagraphs: 2,
      lang: 7,
      planted: 6,
    });
  });
});
