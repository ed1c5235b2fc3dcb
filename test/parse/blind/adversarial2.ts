// A second adversarial blind set, aimed at wrong drafts with attacks the first (adversarial.ts)
// did not make: notes shaped like the card's identity lines (a headline, a location, "12 mutual
// connections") or like footer and button lines, notes naming the recipient, notes with markup,
// quotes, capitals or only an emoji and a place, one context note from many inviters whose
// preheader is cut after 40 characters, other LinkedIn mail (messages, InMail, comments) that
// repeats an invitation's note, a context note beside LinkedIn's default note, reminders and
// second invitations whose note differs from the first, imitations of LinkedIn with no note, and
// notes that say where in languages without a pack (pl tr ja sv fi cs).
//
// Written without reading the parser. The invitations are the blind generators' (through the
// first set's layouts), with the note planted here; a family's `finish` then does to the built
// mail what a client or an imitator would. Every class is one mailbox with the generators' own
// invitations (no note, the default note, a bare greeting) mixed in; bench/blind.bench.ts
// --set adversarial2 measures them.
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import { digits, pick, token } from '../../faults/support/random.ts';
import {
  type AdversarialClass,
  defaultNotesOf,
  type Family,
  fixed,
  L,
  type Layout,
  type Note,
} from './adversarial.ts';
import { FRAMES } from './frames.ts';
import type { BlindCase, Plant } from './generator.ts';
import { SECOND_WORDING } from './secondWording.ts';

type Random = () => number;

// ---- Mail surgery: the built mail's headers and decoded text parts, edited and encoded again.
export type Header = [name: string, value: string];
interface Edit {
  headers?: (headers: Header[]) => Header[];
  /** A text part's text, by its media type (text/plain, text/html). */
  text?: (type: string, text: string) => string;
}

export function reshape(raw: Buffer, edit: Edit): Buffer {
  return Buffer.from(entity(raw.toString('latin1'), edit, true), 'latin1');
}

/** The header lines of an entity (folded lines joined to theirs) and its body. */
function split(entityText: string): { head: string[]; body: string } {
  const cut = entityText.indexOf('\r\n\r\n');
  const headText = cut < 0 ? entityText : entityText.slice(0, cut);
  const head: string[] = [];
  for (const line of headText.split('\r\n')) {
    if (/^[ \t]/.test(line) && head.length) head[head.length - 1] += `\r\n${line}`;
    else head.push(line);
  }
  return { head, body: cut < 0 ? '' : entityText.slice(cut + 4) };
}

const headerValue = (head: string[], name: string) =>
  head
    .find((line) => line.toLowerCase().startsWith(`${name}:`))
    ?.slice(name.length + 1)
    .trim();

const decodeQp = (body: string) =>
  Buffer.from(
    body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  );

function entity(text: string, edit: Edit, top: boolean): string {
  const { head: lines, body } = split(text);
  const head =
    top && edit.headers
      ? edit
          .headers(
            lines.map((line): Header => {
              const colon = line.indexOf(':');
              return [line.slice(0, colon), line.slice(colon + 1).trim()];
            }),
          )
          .map(([k, v]) => `${k}: ${v}`)
      : lines;
  const type = headerValue(head, 'content-type') ?? 'text/plain';
  const boundary = /boundary="?([^";\r\n]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const marker = `--${boundary}`;
    const parts = body.split(marker).map((chunk, k) => {
      if (k === 0 || chunk.startsWith('--')) return chunk;
      const lead = /^\r\n/.test(chunk) ? '\r\n' : '';
      const trail = /\r\n$/.test(chunk) ? '\r\n' : '';
      return `${lead}${entity(chunk.slice(lead.length, chunk.length - trail.length), edit, false)}${trail}`;
    });
    return `${head.join('\r\n')}\r\n\r\n${parts.join(marker)}`;
  }
  const media = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!media.startsWith('text/') || !edit.text) return `${head.join('\r\n')}\r\n\r\n${body}`;
  const cte = (headerValue(head, 'content-transfer-encoding') ?? '7bit').toLowerCase();
  const charset = /charset="?([^";\s]+)"?/i.exec(type)?.[1] ?? 'utf-8';
  const bytes =
    cte === 'base64'
      ? Buffer.from(body, 'base64')
      : cte === 'quoted-printable'
        ? decodeQp(body)
        : Buffer.from(body, 'latin1');
  const edited = Buffer.from(edit.text(media, new TextDecoder(charset).decode(bytes)), 'utf8');
  const encoded =
    cte === 'base64'
      ? edited.toString('base64').replace(/.{76}/g, '$&\r\n')
      : cte === 'quoted-printable'
        ? qpWrap(qpEncode(edited), 76)
        : edited.toString('latin1');
  const utf8Head = head.map((line) =>
    /^content-type:/i.test(line) ? line.replace(/charset="?[^";\s]+"?/i, 'charset="utf-8"') : line,
  );
  return `${utf8Head.join('\r\n')}\r\n\r\n${encoded}`;
}

export const escapeHtml = (t: string) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const escapeRegExp = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// ---- Other LinkedIn mail that is not an invitation: what it says may repeat an invitation's note.
interface Sender {
  name: string;
  first: string;
  headline: string;
}
const SENDERS: Sender[] = [
  { name: 'Mara Lindholm', first: 'Mara', headline: 'Engineering Manager at Brightwave' },
  { name: 'Kwame Asante', first: 'Kwame', headline: 'Developer Advocate | Cloud Native' },
  { name: 'Yuki Tanabe', first: 'Yuki', headline: 'Product Designer at Kumo Labs' },
];

interface OtherKind {
  name: string;
  template: string;
  linkedInClass: string;
  from: (s: Sender) => string;
  subject: (s: Sender) => string;
  lead: (s: Sender) => string;
  action: string;
  receiving: string;
}
const MESSAGE: OtherKind = {
  name: 'message from a connection',
  template: 'email_member_message_v2',
  linkedInClass: 'EMAIL-DEFAULT',
  from: (s) => `"${s.name} via LinkedIn" <messages-noreply@linkedin.com>`,
  subject: (s) => `${s.first} just messaged you`,
  lead: () => 'You have 1 new message',
  action: 'View message',
  receiving: 'You are receiving Messages digest emails.',
};
const INMAIL: OtherKind = {
  name: 'InMail',
  template: 'email_inmail_01',
  linkedInClass: 'INMAIL',
  from: (s) => `"${s.name} via LinkedIn" <inmail-hit-reply@linkedin.com>`,
  subject: (s) => `${s.first} sent you an InMail`,
  lead: (s) => `${s.name} sent you an InMail`,
  action: 'Reply',
  receiving: 'You are receiving InMail emails.',
};
const COMMENT: OtherKind = {
  name: 'comment on a post',
  template: 'email_comment_on_your_update_01',
  linkedInClass: 'NOTIFICATIONS',
  from: () => 'LinkedIn <notifications-noreply@linkedin.com>',
  subject: (s) => `${s.first} commented on your post`,
  lead: (s) => `${s.name} commented on your post`,
  action: 'See comment',
  receiving: 'You are receiving Notifications emails.',
};

const OTHER_RECIPIENT = {
  name: 'Anna Lindqvist',
  first: 'Anna',
  address: 'anna.lindqvist@corp.example',
};
const OTHER_AUTHSERV = 'mx.example.net';

function otherMail(kind: OtherKind, r: Random, plant: Plant): BlindCase {
  const sender = SENDERS[
    (plant.inviter ?? Math.floor(r() * SENDERS.length)) % SENDERS.length
  ] as Sender;
  const note = plant.note
    ? plant.note({
        inviterName: sender.name,
        inviterFirst: sender.first,
        recipientFirst: OTHER_RECIPIENT.first,
      })
    : '';
  const lipi = `lipi=urn%3Ali%3Apage%3Aemail_${kind.template}%3B${token(r, 22)}%3D%3D`;
  const link = (path: string, slot: string) =>
    `https://www.linkedin.com/comm/${path}?midToken=AQ${token(r, 12)}&trk=eml-${kind.template}-${slot}&${lipi}`;
  const action = link(`messaging/thread/2-${token(r, 40)}/`, 'hero-0-cta');
  const why = link('help/linkedin/answer/4788', 'footer-1-why');
  const unsubscribe = link('psettings/email-unsubscribe', 'footer-2-unsub');
  const help = link('help/linkedin/answer/67', 'footer-3-help');
  const footer = [
    `This email was intended for ${OTHER_RECIPIENT.name} (Platform Engineer at Corp)`,
    `Learn why we included this: ${why}`,
    kind.receiving,
    '',
    `Unsubscribe: ${unsubscribe}`,
    `Help: ${help}`,
    '',
    '© 2026 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085.',
    'LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.',
  ];
  const text = [
    kind.lead(sender),
    '',
    '.....................................',
    '',
    `${sender.name} (${sender.headline})`,
    note,
    '',
    `${kind.action}: ${action}`,
    '',
    '----------------------------------------',
    '',
    ...footer,
  ].join('\r\n');
  const p = (t: string, style = 'margin:0 0 8px') => `<p style="${style}">${t}</p>`;
  const html = `<!DOCTYPE html><html lang="en"><body style="margin:0;background:#f3f2f0"><div style="display:none;max-height:0;overflow:hidden">${escapeHtml(note)}${'\u034f\u200c&nbsp;'.repeat(40)}</div><table role="presentation" width="512" align="center" style="background:#fff;font-family:system-ui,sans-serif"><tr><td style="padding:24px"><img src="https://static.licdn.com/aero-v1/sc/h/logo.png" alt="LinkedIn" width="84">${p(escapeHtml(kind.lead(sender)), 'font-size:18px;margin:16px 0')}${p(`<b>${escapeHtml(sender.name)}</b>`)}${p(escapeHtml(sender.headline), 'color:#666;margin:0 0 12px')}${note
    .split('\n')
    .map((line) => p(escapeHtml(line)))
    .join(
      '',
    )}<a href="${escapeHtml(action)}" style="display:inline-block;padding:8px 20px;border-radius:24px;background:#0a66c2;color:#fff;text-decoration:none">${escapeHtml(kind.action)}</a></td></tr><tr><td style="padding:24px;font-size:12px;color:#666">${p(escapeHtml(footer[0] as string))}${p(`<a href="${escapeHtml(why)}">Learn why we included this.</a>`)}${p(escapeHtml(kind.receiving))}${p(`<a href="${escapeHtml(unsubscribe)}">Unsubscribe</a> · <a href="${escapeHtml(help)}">Help</a>`)}${p(escapeHtml(footer[7] as string))}</td></tr></table></body></html>`;
  const date = new Date(Date.UTC(2026, 10, 1 + Math.floor(r() * 28), Math.floor(r() * 24), 12, 0));
  const boundary = `----=_Part_${digits(r, 7)}_${digits(r, 10)}`;
  const leaf = (type: string, body: string) =>
    `--${boundary}\r\nContent-Type: ${type}; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${qpWrap(qpEncode(Buffer.from(body, 'utf8')), 76)}`;
  const headers: Header[] = [
    [
      'Authentication-Results',
      `${OTHER_AUTHSERV}; dkim=pass header.d=linkedin.com header.s=d2048-2 header.b=${token(r, 8)}; spf=pass smtp.mailfrom=s-${token(r, 10)}@bounce.linkedin.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com`,
    ],
    [
      'DKIM-Signature',
      `v=1; a=rsa-sha256; d=linkedin.com; s=d2048-2; c=relaxed/relaxed; h=from:to:subject; bh=${token(r, 43)}=; b=${token(r, 80)}`,
    ],
    ['From', kind.from(sender)],
    ['To', `${OTHER_RECIPIENT.name} <${OTHER_RECIPIENT.address}>`],
    ['Subject', kind.subject(sender)],
    ['Date', date.toUTCString().replace('GMT', '+0000')],
    [
      'Message-ID',
      `<${digits(r, 10)}.${digits(r, 5)}.${digits(r, 13)}@ltx1-app${digits(r, 4)}.prod.linkedin.com>`,
    ],
    ['X-LinkedIn-Class', kind.linkedInClass],
    ['X-LinkedIn-Template', kind.template],
    ['List-Unsubscribe', `<${unsubscribe}>`],
    ['MIME-Version', '1.0'],
    ['Content-Type', `multipart/alternative; boundary="${boundary}"`],
  ];
  const raw = `${headers.map(([k, v]) => `${k}: ${v}`).join('\r\n')}\r\n\r\n${leaf('text/plain', text)}\r\n${leaf('text/html', html)}\r\n--${boundary}--\r\n`;
  return {
    cls: '',
    lang: 'en',
    planted: plant.planted,
    // Not an invitation: nothing to draft to, whatever it says.
    want: 'no-draft',
    note,
    variant: kind.name,
    trustedAuthservId: OTHER_AUTHSERV,
    raw: Buffer.from(raw, 'latin1'),
  };
}

const otherLayout = (kind: OtherKind): Layout => ({
  name: `LinkedIn ${kind.name}`,
  languages: ['en'],
  build: (r, _lang, plant) => otherMail(kind, r, plant),
});

// ---- Finishes: what is done to the built invitation.
/** Markup written into a note as markers (the generators escape HTML), made markup in HTML. */
const MARKUP: [marker: string, html: string, text: string][] = [
  ['⟦b⟧', '<b>', ''],
  ['⟦/b⟧', '</b>', ''],
  ['⟦i⟧', '<em>', ''],
  ['⟦/i⟧', '</em>', ''],
  ['⟦a⟧', '<a href="https://fosdem.org/2025/" style="color:#0a66c2">', ''],
  ['⟦/a⟧', '</a>', ''],
  ['⟦br⟧', '<br>', '\n'],
];
/** Word's windows-1252 HTML writes the markers' brackets as character references. */
const bracketsOf = (t: string) =>
  t.replace(/&#(10214|10215);/g, (_, cp: string) => String.fromCodePoint(Number(cp)));
const unmarked = (t: string, as: 'html' | 'text') =>
  MARKUP.reduce(
    (acc, [m, html, text]) => acc.split(m).join(as === 'html' ? html : text),
    as === 'html' ? bracketsOf(t) : t,
  );

const withMarkup = (c: BlindCase): BlindCase => ({
  ...c,
  note: c.note === null ? null : unmarked(c.note, 'text'),
  raw: reshape(c.raw, {
    text: (type, t) =>
      type === 'text/html' ? unmarked(t, 'html') : unmarked(t, 'text').replace(/\r?\n/g, '\r\n'),
  }),
});

/** The hidden preheader, which repeats the note, cut after 40 characters as some senders do. */
function preheaderCut(c: BlindCase): BlindCase {
  const note = c.note;
  if (note === null || note.length <= 40) return c;
  const whole = new RegExp(escapeHtml(note).split(/\s+/).map(escapeRegExp).join('\\s+'));
  const cut = `${escapeHtml(note.slice(0, 40))}…`;
  return {
    ...c,
    variant: `${c.variant}, preheader cut at 40`,
    raw: reshape(c.raw, {
      text: (type, t) => {
        if (type !== 'text/html') return t;
        const hidden = t.indexOf('display:none', Math.max(0, t.indexOf('<body')));
        if (hidden < 0) return t;
        return t.slice(0, hidden) + t.slice(hidden).replace(whole, cut);
      },
    }),
  };
}

const LOOKALIKE = 'linkedln.com';
const ELSEWHERE = [
  'https://www.linkedin.com.invite-accept.example/',
  'https://lnkd-secure.example/',
];

type Imitation = 'signature fails' | 'look-alike domain' | "LinkedIn's headers, links elsewhere";

/** The verdict of the user's server on the mail (`id` ''=Exchange Online, which names none). */
function verdict(id: string, dkim: string, dmarc: string, domain: string): string {
  return id
    ? `${id}; dkim=${dkim} header.d=${domain} header.s=d2048-2; spf=${dkim === 'pass' ? 'pass' : 'softfail'} smtp.mailfrom=bounce@${domain}; dmarc=${dmarc} header.from=${domain}`
    : `spf=${dkim === 'pass' ? 'pass' : 'fail'} (sender IP is 185.220.101.7) smtp.mailfrom=${domain}; dkim=${dkim} header.d=${domain};dmarc=${dmarc} action=${dmarc === 'pass' ? 'none' : 'quarantine'} header.from=${domain};compauth=${dmarc === 'pass' ? 'pass reason=100' : 'fail reason=000'}`;
}

const withoutVerdict = (h: Header[]) =>
  h.filter(([k]) => k.toLowerCase() !== 'authentication-results');

function imitated(how: Imitation, c: BlindCase, r: Random): BlindCase {
  const id = c.trustedAuthservId;
  let headers: (h: Header[]) => Header[];
  let links: string | null = null;
  let tag: string = how;
  if (how === 'signature fails') {
    headers = (h) => [
      [
        'Authentication-Results',
        verdict(id, 'fail (body hash did not verify)', 'fail (p=REJECT)', 'linkedin.com'),
      ],
      ...withoutVerdict(h),
    ];
  } else if (how === 'look-alike domain') {
    headers = (h) => [
      ['Authentication-Results', verdict(id, 'pass', 'pass', LOOKALIKE)],
      ...withoutVerdict(h).map(([k, v]): Header => [k, v.replace(/linkedin\.com/g, LOOKALIKE)]),
    ];
    if (r() < 0.5) {
      links = `https://www.${LOOKALIKE}/`;
      tag += ', links to it';
    } else tag += ", LinkedIn's links copied";
  } else {
    // Headers copied from a genuine mail; the verdict is forged by another server, or absent.
    const forged = r() < 0.5;
    headers = (h) =>
      forged
        ? [
            ['Authentication-Results', verdict('mx.linkedin.com', 'pass', 'pass', 'linkedin.com')],
            ...withoutVerdict(h),
          ]
        : withoutVerdict(h);
    links = pick(r, ELSEWHERE);
    tag += forged ? ', forged verdict' : ', no verdict';
  }
  const to = links;
  return {
    ...c,
    want: 'no-draft',
    variant: `${c.variant}; imitation: ${tag}`,
    raw: reshape(c.raw, {
      headers,
      ...(to
        ? { text: (_type: string, t: string) => t.split('https://www.linkedin.com/').join(to) }
        : {}),
    }),
  };
}

// ---- The notes, by family. Context in the packs' languages, as a sentence of the mail's own.
const CONTEXT: Record<string, string> = {
  en: 'We met at the Kafka Summit speakers dinner.',
  de: 'Wir saßen beim Barcamp Köln am selben Tisch.',
  fr: "On s'est croisés au Devoxx, à la pause café.",
  es: 'Coincidimos en la Codemotion Madrid.',
  pt: 'Sentamos juntos no TDC São Paulo.',
  it: 'Eravamo allo stesso tavolo al WeMakeFuture.',
  nl: 'We zaten samen aan tafel op Devoxx Antwerpen.',
  id: 'Kita satu meja di GDG DevFest Bandung.',
};
const contextOf = (lang: string) => CONTEXT[lang] ?? (CONTEXT.en as string);
const lowerFirst = (t: string) => t.charAt(0).toLowerCase() + t.slice(1);

const identityShaped: Family = {
  name: 'shaped like an identity line (headline, location, mutual connections)',
  planted: 'where',
  notes: (lang) => [
    fixed('Staff Engineer · met you at GopherCon'),
    fixed('Staff SRE at Fenwick Cloud | we met at KubeCon Paris'),
    fixed('Product Designer at Kumo Labs — sat next to you at Config'),
    fixed('Engineering Manager @ Brightwave | ex-teammate at Zalando'),
    fixed('Lisbon, Portugal — Web Summit 2025'),
    fixed('Berlin, Germany · JSConf EU'),
    fixed('Greater Amsterdam Area · the Appsterdam meetup'),
    fixed('12 mutual connections, and we met at the Lisbon offsite'),
    fixed('3 connections in common — all from the Fjordline offsite'),
    fixed('Staff Engineer at Acme\nBerlin, Germany\nWe met at GopherCon'),
    fixed(
      `${FRAMES[lang]?.mutual(12) ?? SECOND_WORDING[lang]?.mutual(12) ?? '12 mutual connections'}. ${contextOf(lang)}`,
    ),
  ],
};

const footerShaped: Family = {
  name: 'shaped like a footer, button or card line',
  planted: 'where',
  notes: (lang) => [
    fixed('You are receiving this because we met at KubeCon'),
    fixed('Learn why: we sat together at the PyData keynote'),
    fixed('View profile — we worked together at Acme'),
    fixed('Accept, we met at the Lisbon offsite 🙂'),
    fixed('Unsubscribe from nothing: we shared a taxi after RSA'),
    fixed('Help! You promised me the slides from your ReactConf talk'),
    fixed('This invitation is from your desk neighbour at Zalando'),
    fixed('© 2019 Zalando checkout squad, forever'),
    (w) => `This email was intended for ${w.recipientFirst}: we met at KubeCon!`,
    fixed(`${FRAMES[lang]?.receiving ?? SECOND_WORDING[lang]?.receiving ?? ''} ${contextOf(lang)}`),
    fixed(
      `${FRAMES[lang]?.view ?? SECOND_WORDING[lang]?.view ?? 'View profile'}: ${lowerFirst(contextOf(lang))}`,
    ),
  ],
};

const namesRecipient: Family = {
  name: 'names the recipient, their company or headline',
  planted: 'where',
  notes: () => [
    (w) => `${w.recipientFirst} from Fjordline! We met at the offsite`,
    (w) =>
      `${w.recipientFirst}, Platform Engineer at Fjordline — we sat together at the Bergen offsite`,
    fixed('Platform Engineer at Fjordline, right? I was on your team in 2022'),
    (w) => `Hi ${w.recipientFirst} 👋 ${w.recipientFirst} from the offsite, right?`,
    (w) => `${w.recipientFirst}!\n\nFjordline offsite, Bergen`,
    (w) => `Dear ${w.recipientFirst}, your colleague from corp.example, 3rd floor`,
    (w) => `Hi ${w.recipientFirst}, it's me from your Fjordline onboarding group`,
    (w) => `${w.recipientFirst} ${w.recipientFirst}! Finally found you 😄`,
    fixed('Fjordline offsite, Bergen — the platform team dinner'),
  ],
};

const formatted: Family = {
  name: 'markup, quotes, capitals, an emoji and a place',
  planted: 'where',
  notes: () =>
    [
      'We met at ⟦b⟧KubeCon⟦/b⟧ in Paris',
      '⟦i⟧Table 7⟦/i⟧ at the speakers dinner',
      'From the ⟦a⟧FOSDEM⟦/a⟧ Rust devroom',
      'Hi!⟦br⟧We sat together at the PyData keynote',
      '⟦b⟧HELLO!⟦/b⟧⟦br⟧⟦i⟧we met at FOSDEM⟦/i⟧',
      '"We met at KubeCon"',
      '“Table 7, Tuesday night”',
      "'ex-Zalando, checkout squad'",
      'WE MET AT KUBECON!!',
      'HI! FROM THE BERLIN JS MEETUP',
      'GREAT TALK AT REACTCONF',
      '📍 Web Summit',
      '🎤 KubeCon',
      '🍣 Tokyo',
      '✈️ LH 432',
    ].map(fixed),
  finish: withMarkup,
};

const cutPreheader: Family = {
  name: 'long context note, preheader cut at 40 characters',
  planted: 'where',
  notes: () =>
    [
      'Great meeting you at the Fjordline offsite in Bergen, Ingrid introduced us over dinner.',
      'Tomas Herrera said I should reach out: we met at his DevOpsDays Lisbon talk on canaries.',
      "I'd like to add you to my professional network on LinkedIn, we met at ReactConf Paris.",
      "Hi! I'd like to add you to my network: we sat together at the Kafka Summit keynote.",
    ].map(fixed),
  finish: preheaderCut,
};

const repeatedElsewhere: Family = {
  name: 'context note also in other LinkedIn mail',
  planted: 'where',
  notes: () =>
    [
      'Great chatting at KubeCon Paris yesterday!',
      'Table 7 at the PyData speakers dinner 🙂',
      'Thanks for the ride back from the Web Summit afterparty',
      'We met at the Kafka Summit speakers dinner.',
    ].map(fixed),
};

/** A context note beside LinkedIn's default note, in ways the first set did not put them. */
const besideDefault: Family = {
  name: "context beside LinkedIn's default note",
  planted: 'where',
  notes: (lang) => {
    const ctx = contextOf(lang);
    const english = "I'd like to add you to my professional network on LinkedIn.";
    return defaultNotesOf(lang).flatMap((dn): Note[] => [
      fixed(`${ctx}\n\n${dn}`),
      fixed(`${ctx}\n${dn}`),
      (w) => `Hi ${w.recipientFirst},\n\n${ctx}\n\n${dn}`,
      fixed(`${dn}\n\n\n\n${ctx}`),
      (w) => `${dn}\n\n${ctx}\n\n${w.inviterFirst}`,
      fixed(`${ctx} / ${dn}`),
      fixed(`${dn}\n\nP.S. ${ctx}`),
      fixed(`(${ctx}) ${dn}`),
      ...(lang === 'en' ? [] : [fixed(`${english}\n\n${ctx}`), fixed(`${ctx}\n\n${english}`)]),
    ]);
  },
};

const defaultOnly: Family = {
  name: "LinkedIn's default note",
  planted: 'default',
  notes: (lang) => (SECOND_WORDING[lang]?.defaultNotes ?? []).map(fixed),
};

const whereLater: Family = {
  name: 'where, in a reminder or a second invitation',
  planted: 'where',
  notes: () =>
    [
      'Sorry, forgot to say: we met at the Kafka Summit speakers dinner.',
      'It was me at table 7 on Tuesday!',
      'Former teammate from the Brightwave payments squad',
      'PS: from the Lisbon offsite 🙂',
    ].map(fixed),
};

const imitation = (how: Imitation, planted: 'none' | 'default' | 'bare'): Family => ({
  name: `imitation (${how}), ${planted === 'none' ? 'no note' : `${planted} note`}`,
  planted,
  notes: () => [],
  finish: (c, r) => imitated(how, c, r),
});

const NO_PACK: Record<string, string[]> = {
  pl: [
    'Siedzieliśmy obok siebie w pociągu do Gdańska',
    'Poznaliśmy się na weselu Kasi i Tomka',
    'Razem chodziliśmy na kurs tańca w Krakowie',
  ],
  tr: [
    "Ankara'daki düğünde aynı masadaydık",
    'Boğaz turunda yan yana oturmuştuk',
    "Kadıköy'deki kahve kursundan tanışıyoruz",
  ],
  ja: [
    '先週の懇親会で名刺交換させていただきました',
    '大阪の勉強会で隣の席でした',
    '大学のゼミで一緒でした',
  ],
  sv: [
    'Vi träffades på fikat hos Klarna i Stockholm',
    'Vi satt bredvid varandra på tåget till Göteborg',
    'Vi gick samma kurs på KTH',
  ],
  fi: [
    'Tapasimme Slushissa Helsingissä',
    'Istuimme vierekkäin saunaillassa Tampereella',
    'Olimme samalla kurssilla Aalto-yliopistossa',
  ],
  cs: [
    'Potkali jsme se na školení v Brně',
    'Seděli jsme vedle sebe ve vlaku do Prahy',
    'Studovali jsme spolu na ČVUT',
  ],
};
const noPack: Family = {
  name: 'where, in a language without a pack',
  planted: 'where',
  notes: (lang) =>
    (NO_PACK[lang] ?? [...(NO_PACK.sv ?? []), ...(NO_PACK.fi ?? []), ...(NO_PACK.cs ?? [])]).map(
      fixed,
    ),
};

// ---- The classes: each is one mailbox.
const GENUINE_HTML = [L.tables, L.mjml, L.outlook, L.reworded];

export const ADVERSARIAL2_CLASSES: AdversarialClass[] = [
  {
    name: 'notes shaped like identity lines (headline, location, mutual connections)',
    layouts: [...GENUINE_HTML, L.textWrapped, L.deep],
    languages: ['en', 'en', 'en', 'de', 'fr', 'es'],
    families: [identityShaped],
    campaign: { notes: 2, inviters: 7 },
  },
  {
    name: 'notes shaped like footer, button or card lines',
    layouts: [...GENUINE_HTML, L.textWrapped, L.banner],
    languages: ['en', 'en', 'en', 'de', 'es', 'pt'],
    families: [footerShaped],
    campaign: { notes: 2, inviters: 7 },
  },
  {
    name: 'notes naming the recipient, their company or headline',
    layouts: [L.mjml, L.outlook, L.reworded, L.textWrapped, L.tables],
    languages: ['en'],
    families: [namesRecipient],
    campaign: { notes: 1, inviters: 8 },
  },
  {
    name: 'markup in the note, quotes, capitals, an emoji and a place',
    layouts: [L.tables, L.mjml, L.outlook, L.reworded, L.textWrapped, L.deep],
    languages: ['en'],
    families: [formatted],
    campaign: { notes: 2, inviters: 7 },
  },
  {
    name: 'one long context note from many inviters, preheader cut at 40 characters',
    layouts: [L.tables, L.mjmlPreheader, L.outlook, L.reworded],
    languages: ['en'],
    families: [cutPreheader],
    campaign: {
      notes: 3,
      inviters: 8,
      layouts: [L.tables, L.mjmlPreheader, L.outlook, L.reworded, L.reminders, L.textWrapped],
    },
  },
  {
    name: 'context note repeated by other LinkedIn mail (messages, InMail, comments)',
    layouts: [L.tables, L.mjml, L.outlook, L.textWrapped],
    languages: ['en'],
    families: [repeatedElsewhere],
    campaign: {
      notes: 3,
      inviters: 8,
      layouts: [
        otherLayout(MESSAGE),
        otherLayout(INMAIL),
        L.tables,
        otherLayout(COMMENT),
        otherLayout(MESSAGE),
        L.mjml,
        otherLayout(INMAIL),
        L.textWrapped,
      ],
    },
  },
  {
    name: "context beside LinkedIn's default note (paragraphs, one line, two languages)",
    layouts: [L.tables, L.mjml, L.outlook, L.textWrapped, L.reworded, L.deep],
    languages: ['en', 'en', 'de', 'fr', 'es', 'pt', 'it', 'id', 'nl'],
    families: [besideDefault],
    campaign: { notes: 1, inviters: 8 },
  },
  {
    name: 'reminders and second invitations whose note differs from the first',
    layouts: [L.mjml, L.reminders, L.outlook, L.textWrapped],
    languages: ['en', 'en', 'es', 'fr', 'de'],
    // The campaign's inviters each send the default note, then a note that says where.
    families: [defaultOnly, whereLater],
    campaign: { notes: 2, inviters: 8, layouts: [L.mjml, L.reminders, L.outlook, L.textWrapped] },
  },
  {
    name: 'imitations of LinkedIn with no note (signature fails, look-alike domain, links elsewhere)',
    layouts: [L.tables, L.mjml, L.outlook, L.textWrapped, L.reworded],
    languages: ['en', 'en', 'de', 'es'],
    families: [
      imitation('signature fails', 'none'),
      imitation('signature fails', 'default'),
      imitation('look-alike domain', 'none'),
      imitation('look-alike domain', 'bare'),
      imitation("LinkedIn's headers, links elsewhere", 'none'),
      imitation("LinkedIn's headers, links elsewhere", 'default'),
    ],
    campaign: { notes: 0, inviters: 0 },
  },
  {
    name: 'where in a language without a pack (pl tr ja, and sv fi cs in any frame)',
    layouts: [L.tables, L.deep, L.mjml, L.outlook, L.textWrapped],
    languages: ['pl', 'tr', 'ja', 'en', 'en', 'de', 'es'],
    families: [noPack],
    campaign: { notes: 1, inviters: 7 },
  },
];
