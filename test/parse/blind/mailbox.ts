// A blind generator of whole mailboxes that meet a LinkedIn redesign, written without reading the
// parser. One mailbox is one recipient (name, address, headline) and one interface language, in
// which LinkedIn writes all its mail to them; inviters write their notes in their own language.
// Each mailbox gets its own redesign of LinkedIn's frame, every line worded anew from pools of
// that language (mailboxWording.ts), while the structure stays: hidden preheader, the inviter's
// name linked to their profile, headline, location, the note, an accept link that carries the
// invitation's id, a view-profile link, and blocks LinkedIn adds (pending invitations, people you
// may know, the app). Invitations arrive among LinkedIn's other mail in the same new frame
// (profile views, search appearances, messages, job alerts, endorsements, posts, people you may
// know, accepted invitations), newsletters, and imitations of LinkedIn (look-alike domain, failed
// checks, a verdict forged by another server), in arrival order. The truth of an invitation is
// what was planted: no note, the default note, a "let's connect" note or a pitch (a draft is
// expected), a note that says where they met or a personal note (never a draft). Some inviters
// share a recruiter's script or a conference booth's greeting. Every mailbox is a function of
// (class, count, seed); bench/blind.bench.ts --set mailbox measures them.
import { chance, digits, mulberry32, pick, shuffled, token } from '../../faults/support/random.ts';
import { escapeHtml as esc } from './adversarial2.ts';
import {
  type BlindCase,
  bytes,
  message,
  type Part,
  type Person,
  type Planted,
  wantOf,
  word,
} from './generator.ts';
import {
  type FramePools,
  MAILBOX_WORDING,
  type MailboxLanguage,
  type Recipient,
  type Topic,
} from './mailboxWording.ts';

type Random = () => number;

/** What a mail in the mailbox is. */
export type MailKind = 'invitation' | 'linkedin' | 'newsletter' | 'imitation';
export interface MailboxCase extends BlindCase {
  mail: MailKind;
}

export interface MailboxClass {
  name: string;
  /** The recipient's LinkedIn interface language. */
  lang: string;
}

export const MAILBOX_CLASSES: MailboxClass[] = ['en', 'de', 'fr', 'es', 'pt', 'nl', 'sv'].map(
  (lang) => ({ name: `mailbox ${lang}`, lang }),
);

const TRUSTED = 'mx.example.net';
const CORP = '© 2026 LinkedIn Corporation, 1000 West Maude Avenue, Sunnyvale, CA 94085.';
const TRADEMARK = 'LinkedIn and the LinkedIn logo are registered trademarks of LinkedIn.';

const fill = (t: string, vars: Record<string, string | number>) =>
  t.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

// ---- The redesign: one phrase per slot, drawn once per mailbox.
type Frame = { [K in Exclude<keyof FramePools, 'what'>]: string } & { what: Record<Topic, string> };

function drawFrame(p: FramePools, r: Random): Frame {
  const out: Record<string, unknown> = { what: p.what };
  for (const [k, v] of Object.entries(p)) if (k !== 'what') out[k] = pick(r, v as string[]);
  return out as Frame;
}

type Structure = 'tables' | 'divs' | 'mixed';

/** What a mailbox's redesign does besides its words. */
interface Design {
  f: Frame;
  structures: Structure[];
  inviteTemplate: string;
  /** The accept link: the path form of 2018 on, or the query form of 2016. */
  acceptForm: 'path' | 'query';
  greeting: boolean;
  decline: boolean;
  noteBeforeCard: boolean;
  /** The recipient's own name, linked to their profile, beside the logo. */
  headerShowsMe: boolean;
  trademark: boolean;
  /** How often a mail has a text part besides its HTML. */
  textShare: number;
}

function drawDesign(w: MailboxLanguage, r: Random): Design {
  return {
    f: drawFrame(w.frame, r),
    structures: pick(r, [
      ['tables', 'tables', 'divs'],
      ['divs', 'divs', 'mixed'],
      ['mixed', 'tables'],
    ] as Structure[][]),
    inviteTemplate: pick(r, ['email_m2m_invite_single_01', 'email_m2m_invite_single_02']),
    acceptForm: chance(r, 0.75) ? 'path' : 'query',
    greeting: chance(r, 0.7),
    decline: chance(r, 0.5),
    noteBeforeCard: chance(r, 0.25),
    headerShowsMe: chance(r, 0.5),
    trademark: chance(r, 0.5),
    textShare: pick(r, [0.2, 0.5, 0.8]),
  };
}

// ---- People.
interface Inviter extends Person {
  /** The language they write their notes in. */
  lang: string;
}

const slug = (t: string) =>
  t
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-');

function person(r: Random, lang: string): Inviter {
  const p = (MAILBOX_WORDING[lang] as MailboxLanguage).people;
  const first = pick(r, p.firsts);
  const last = pick(r, p.lasts);
  return {
    name: `${first} ${last}`,
    first,
    headline: fill(pick(r, p.headlines), { company: pick(r, p.companies) }),
    location: chance(r, 0.85) ? pick(r, p.cities) : null,
    vanity: `${slug(first)}-${slug(last)}-${token(r, 6).toLowerCase().replace(/[-_]/g, 'x')}`,
    lang,
  };
}

/** Most of the recipient's network speaks their language; some does not. */
const networkPerson = (r: Random, lang: string) =>
  person(r, chance(r, 0.7) ? lang : pick(r, Object.keys(MAILBOX_WORDING)));

// ---- One mail: who sends it and where its links go.
interface Origin {
  label: string;
  fromDomain: string;
  /** Where its links lead. */
  base: string;
  /** The mailbox server's verdict, or null where the mail carries none of it. */
  results: (r: Random) => string;
}

const GENUINE: Origin = {
  label: 'genuine',
  fromDomain: 'linkedin.com',
  base: 'https://www.linkedin.com',
  results: (r) =>
    `${TRUSTED}; dkim=pass header.d=linkedin.com header.s=d2048-2 header.b=${token(r, 8)}; spf=pass (${TRUSTED}: domain of s-${token(r, 10)}@bounce.linkedin.com designates 108.174.3.12 as permitted sender) smtp.mailfrom=s-${token(r, 10)}@bounce.linkedin.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com`,
};

const IMITATIONS: Origin[] = [
  {
    label: 'look-alike domain, its own links',
    fromDomain: 'linkedin-mail.net',
    base: 'https://www.linkedin-mail.net',
    results: () =>
      `${TRUSTED}; dkim=pass header.d=linkedin-mail.net header.s=s1; spf=pass smtp.mailfrom=bounce@linkedin-mail.net; dmarc=pass header.from=linkedin-mail.net`,
  },
  {
    label: "look-alike domain, LinkedIn's links",
    fromDomain: 'linkedln.com',
    base: 'https://www.linkedin.com',
    results: () =>
      `${TRUSTED}; dkim=pass header.d=linkedln.com header.s=k1; spf=pass smtp.mailfrom=news@linkedln.com; dmarc=pass header.from=linkedln.com`,
  },
  {
    label: 'linkedin.com spoofed, checks fail',
    fromDomain: 'linkedin.com',
    base: 'https://lnkd-secure.example',
    results: () =>
      `${TRUSTED}; dkim=fail (body hash did not verify) header.d=linkedin.com; spf=softfail smtp.mailfrom=bounce@linkedin.com; dmarc=fail (p=REJECT) header.from=linkedin.com`,
  },
  {
    label: 'verdict forged by another server',
    fromDomain: 'linkedin.com',
    base: 'https://www.linkedin.com.invite-accept.example',
    results: () =>
      'mx.linkedin.com; dkim=pass header.d=linkedin.com; spf=pass smtp.mailfrom=bounce.linkedin.com; dmarc=pass header.from=linkedin.com',
  },
];

interface Box {
  r: Random;
  lang: string;
  w: MailboxLanguage;
  d: Design;
  me: Recipient;
  date: Date;
}

interface Mail {
  box: Box;
  origin: Origin;
  template: string;
  lipi: string;
}

function mailOf(box: Box, origin: Origin, template: string): Mail {
  return {
    box,
    origin,
    template,
    lipi: encodeURIComponent(`urn:li:page:email_${template};${token(box.r, 22)}==`),
  };
}

/** One of LinkedIn's links, with the tracking its mail carries. */
function link(m: Mail, path: string, slot: string): string {
  const r = m.box.r;
  const t = `eml-${m.template}-${slot.replace(/~/g, '%7E')}`;
  return `${m.origin.base}/comm/${path}${path.includes('?') ? '&' : '?'}midToken=AQ${token(r, 14)}&midSig=${token(r, 18)}&trk=${t}&trkEmail=${t}-null-${token(r, 6)}~${token(r, 8)}&lipi=${m.lipi}`;
}

// ---- Blocks: each is rendered once as HTML and once as text-part lines.
interface Block {
  html: string;
  text: string[];
}

const GREY = 'color:#5e6e7d;font-size:13px;margin:2px 0';
const p = (t: string, style = 'font-size:15px;margin:8px 0'): Block => ({
  html: `<p style="${style}">${esc(t)}</p>`,
  text: [t],
});
const a = (label: string, href: string, style = 'color:#0b63bd'): string =>
  `<a href="${esc(href)}" style="${style}">${esc(label)}</a>`;

function headingBlock(r: Random, t: string): Block {
  const tag = pick(r, ['h1', 'h2', 'p']);
  return {
    html: `<${tag} style="font-size:21px;font-weight:600;margin:10px 0">${esc(t)}</${tag}>`,
    text: [t],
  };
}

function buttons(r: Random, list: [label: string, href: string][]): Block {
  const style = (k: number) =>
    `display:inline-block;padding:9px 18px;border-radius:20px;text-decoration:none;font-weight:600;${k === 0 ? 'background:#0b63bd;color:#ffffff' : 'border:1px solid #5e6e7d;color:#3a4652'}`;
  const html = chance(r, 0.5)
    ? `<table role="presentation" cellpadding="0" cellspacing="0"><tr>${list.map(([l, h], k) => `<td style="padding-right:8px">${a(l, h, style(k))}</td>`).join('')}</tr></table>`
    : `<div>${list.map(([l, h], k) => `<span style="margin-right:8px">${a(l, h, style(k))}</span>`).join('')}</div>`;
  return { html, text: list.map(([l, h]) => `${l}: ${h}`) };
}

/** A person's card: photo, name linked to the profile, and lines under it. */
function card(m: Mail, who: Person, nameHref: string, lines: string[], slot: string): Block {
  const r = m.box.r;
  const photo = `<a href="${esc(link(m, `in/${who.vanity}`, `${slot}-photo`))}"><img src="https://media.licdn.com/dms/image/v2/${token(r, 16)}/profile-displayphoto-shrink_100_100/0/" alt="${esc(who.name)}" width="64" height="64" style="border-radius:50%"></a>`;
  const name = a(
    who.name,
    nameHref,
    'color:#1d2226;font-size:17px;font-weight:600;text-decoration:none',
  );
  const details = [
    chance(r, 0.5) ? `<p style="margin:0">${name}</p>` : `<div>${name}</div>`,
    ...lines.map((l) => `<p style="${GREY}">${esc(l)}</p>`),
  ].join('');
  const html = chance(r, 0.5)
    ? `<table role="presentation" cellpadding="0" cellspacing="0"><tr><td width="76" valign="top">${photo}</td><td valign="top">${details}</td></tr></table>`
    : `<div style="text-align:center">${photo}${details}</div>`;
  return { html, text: [who.name, ...lines] };
}

function logo(m: Mail): Block {
  const { me, d } = m.box;
  const home = `<a href="${esc(link(m, 'feed/', 'header-0-home'))}"><img src="https://static.licdn.com/aero-v1/sc/h/8fkga714vy9b2wk5auqo5reeb" alt="LinkedIn" width="84"></a>`;
  const mine = d.headerShowsMe
    ? ` ${a(me.name, link(m, `in/${me.vanity}`, 'header-1-me'), 'color:#1d2226;font-size:13px')}`
    : '';
  return { html: `<div>${home}${mine}</div>`, text: [] };
}

function footer(m: Mail, topic: Topic): Block {
  const { d, me } = m.box;
  const f = d.f;
  const intended = fill(f.intended, { me: me.name, headline: me.headline });
  const receiving = fill(f.receiving, { what: f.what[topic] });
  const why = link(m, 'help/linkedin/answer/4788', 'footer-0-why');
  const unsub = link(m, 'psettings/email-unsubscribe', 'footer-1-unsub');
  const help = link(m, 'help/linkedin', 'footer-2-help');
  const settings = link(m, 'psettings/communications', 'footer-3-settings');
  const small = 'font-size:12px;color:#5e6e7d;margin:4px 0';
  const html = [
    `<p style="${small}">${esc(intended)}</p>`,
    `<p style="${small}">${a(f.why, why)}</p>`,
    `<p style="${small}">${esc(receiving)}</p>`,
    `<p style="${small}">${a(f.unsubscribe, unsub)} · ${a(f.help, help)} · ${a(f.settings, settings)}</p>`,
    `<p style="${small}">${esc(CORP)}</p>`,
    ...(d.trademark ? [`<p style="${small}">${esc(TRADEMARK)}</p>`] : []),
  ].join('');
  return {
    html: `<div style="border-top:1px solid #e0dfdc;padding-top:12px">${html}</div>`,
    text: [
      '----------------------------------------',
      '',
      intended,
      `${f.why}: ${why}`,
      receiving,
      '',
      `${f.unsubscribe}: ${unsub}`,
      `${f.help}: ${help}`,
      `${f.settings}: ${settings}`,
      '',
      CORP,
      ...(d.trademark ? [TRADEMARK] : []),
    ],
  };
}

// ---- Rendering a mail.
function preheaderHtml(text: string): string {
  return `<div style="display:none;max-height:0;overflow:hidden;opacity:0">${esc(text)}${'\u034f\u200c&nbsp;'.repeat(40)}</div>`;
}

function bodyHtml(blocks: Block[], structure: Structure): string {
  const pad = 'padding:8px 24px';
  if (structure === 'tables')
    return `<table role="presentation" width="512" align="center" cellpadding="0" cellspacing="0" style="font-family:-apple-system,system-ui,sans-serif">${blocks.map((b) => `<tr><td style="${pad}">${b.html}</td></tr>`).join('\n')}</table>`;
  const divs = blocks.map((b) => `<div class="section" style="${pad}">${b.html}</div>`).join('\n');
  return structure === 'divs'
    ? `<div class="container" style="max-width:552px;margin:0 auto;font-family:-apple-system,system-ui,sans-serif">${divs}</div>`
    : `<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center"><div style="max-width:552px;text-align:left">${divs}</div></td></tr></table>`;
}

interface Rendered {
  raw: Buffer;
  variant: string;
}

/** The mail's preheader as the sender writes it: whole, cut short with "…", or missing. */
function preheaderOf(r: Random, text: string): { html: string; variant: string } {
  const roll = r();
  if (roll < 0.2) return { html: '', variant: 'no preheader' };
  if (roll < 0.4 && text.length > 30) {
    const cut = text.slice(0, 20 + Math.floor(r() * 10)).trimEnd();
    return { html: preheaderHtml(`${cut}…`), variant: 'preheader cut' };
  }
  return { html: preheaderHtml(text), variant: 'preheader' };
}

function render(
  m: Mail,
  head: { display: string; local: string; subject: string; klass: string },
  blocks: Block[],
  preheader: string,
): Rendered {
  const { r, lang, me, d, date } = m.box;
  const structure = pick(r, d.structures);
  const pre = preheaderOf(r, preheader);
  const html = `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body style="margin:0;background:#f4f2ee">${pre.html}${bodyHtml(blocks, structure)}</body></html>`;
  const withText = chance(r, d.textShare);
  const cte = chance(r, 0.8) ? 'quoted-printable' : 'base64';
  const parts: Part[] = [
    ...(withText
      ? [
          {
            type: 'text/plain',
            content: bytes(
              blocks
                .map((b) => b.text.join('\n'))
                .filter(Boolean)
                .join('\n\n'),
            ),
            cte,
          } as Part,
        ]
      : []),
    { type: 'text/html', content: bytes(html), cte },
  ];
  const o = m.origin;
  const headers: [string, string][] = [
    ['Authentication-Results', o.results(r)],
    [
      'DKIM-Signature',
      `v=1; a=rsa-sha256; d=${o.fromDomain}; s=d2048-2; c=relaxed/relaxed; h=from:to:subject:date; bh=${token(r, 43)}=; b=${token(r, 80)}`,
    ],
    ['From', `${word(head.display)} <${head.local}@${o.fromDomain}>`],
    ['To', `${word(me.name)} <${me.address}>`],
    ['Subject', word(head.subject)],
    ['Date', date.toUTCString().replace('GMT', '+0000')],
    [
      'Message-ID',
      `<${digits(r, 10)}.${digits(r, 7)}.${digits(r, 13)}@ltx1-app${digits(r, 4)}.prod.${o.fromDomain}>`,
    ],
    ['X-LinkedIn-Class', head.klass],
    ['X-LinkedIn-Template', m.template],
    ['X-LinkedIn-fbl', `m2-${token(r, 40)}`],
    ['List-Unsubscribe', `<${link(m, 'psettings/email-unsubscribe', 'list-unsub')}>`],
    ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
  ];
  return {
    raw: message(headers, parts, 'alternative', r),
    variant: `${structure}, ${withText ? 'text+html' : 'html only'}, ${pre.variant}`,
  };
}

// ---- Invitations.
interface Invitation {
  inviter: Inviter;
  note: string | null;
  planted: Planted;
  /** A script several inviters share, or a note's language other than the mailbox's. */
  label: string;
}

function acceptHref(m: Mail, id: string, key: string): string {
  return m.box.d.acceptForm === 'path'
    ? link(m, `mynetwork/invite-accept/invitationId/${id}/sharedKey/${key}/`, 'hero-3-accept~cta')
    : link(
        m,
        `people/invite-accept?mboxid=I${id}_500&sharedKey=${key}&fr=false&invitationId=${id}&fe=true`,
        'hero-3-accept~cta',
      );
}

function extras(m: Mail): Block[] {
  const { r, d, lang } = m.box;
  const f = d.f;
  const out: Block[] = [];
  if (chance(r, 0.4)) {
    const n = 2 + Math.floor(r() * 9);
    out.push({
      html: `<p style="font-size:14px">${esc(fill(f.pending, { n }))} ${a(f.pendingLink, link(m, 'mynetwork/invitation-manager/', 'pending-0-cta'))}</p>`,
      text: [
        fill(f.pending, { n }),
        `${f.pendingLink}: ${link(m, 'mynetwork/invitation-manager/', 'pending-0-cta')}`,
      ],
    });
  }
  if (chance(r, 0.35)) {
    const people = Array.from({ length: 2 + Math.floor(r() * 2) }, () => networkPerson(r, lang));
    out.push(headingBlock(r, f.pymk));
    people.forEach((who, k) => {
      const href = link(m, `in/${who.vanity}`, `pymk-${k}-prof~name`);
      out.push(card(m, who, href, [who.headline], `pymk-${k}`));
      out.push(buttons(r, [[f.pymkButton, link(m, `in/${who.vanity}`, `pymk-${k}-connect~cta`)]]));
    });
  }
  if (chance(r, 0.3))
    out.push({
      html: `<p style="${GREY}">${a(f.app, link(m, 'mobile/', 'app-0-cta'))}</p>`,
      text: [`${f.app}: ${link(m, 'mobile/', 'app-0-cta')}`],
    });
  return out;
}

function invitationMail(m: Mail, inv: Invitation): Rendered {
  const { r, d, me } = m.box;
  const f = d.f;
  const who = inv.inviter;
  const id = digits(r, 19);
  const key = token(r, 8);
  const heading = fill(f.heading, { name: who.name });
  const mutual = chance(r, 0.6) ? [fill(f.mutual, { n: 1 + Math.floor(r() * 40) })] : [];
  const profile = link(m, `in/${who.vanity}`, 'hero-1-prof~name');
  const cardBlock = card(
    m,
    who,
    profile,
    [who.headline, ...(who.location ? [who.location] : []), ...mutual],
    'hero-0',
  );
  const note =
    inv.note === null
      ? []
      : [
          {
            html: `<div dir="auto" style="background:#f1f4f7;border-left:3px solid #0b63bd;padding:10px 12px;font-size:15px">${esc(inv.note).replace(/\n/g, '<br>')}</div>`,
            text: [inv.note],
          },
        ];
  const blocks = [
    logo(m),
    ...(d.greeting ? [p(fill(f.greeting, { me: me.first }))] : []),
    headingBlock(r, heading),
    ...(d.noteBeforeCard ? [...note, cardBlock] : [cardBlock, ...note]),
    buttons(r, [
      [f.accept, acceptHref(m, id, key)],
      [f.view, link(m, `in/${who.vanity}`, 'hero-4-prof~cta')],
      ...(d.decline
        ? [
            [f.decline, link(m, 'mynetwork/invitation-manager/', 'hero-5-ignore~cta')] as [
              string,
              string,
            ],
          ]
        : []),
    ]),
    ...extras(m),
    footer(m, 'invitations'),
  ];
  const preheader = inv.note !== null && chance(r, 0.85) ? inv.note : heading;
  return render(
    m,
    {
      display: who.name,
      local: 'invitations',
      subject: fill(f.subject, { first: who.first }),
      klass: 'INVITE',
    },
    blocks,
    preheader,
  );
}

// ---- LinkedIn's other mail, in the same frame.
type OtherKind = Exclude<Topic, 'invitations'>;

interface Other {
  template: string;
  klass: string;
  local: string;
  build: (m: Mail) => { from?: string; heading: string; blocks: Block[]; preheader?: string };
}

/** Something a person wrote: a message or a post, in their language, as any note might read. */
function personsText(r: Random, who: Inviter, me: Recipient): string {
  const n = (MAILBOX_WORDING[who.lang] as MailboxLanguage).notes;
  return fill(pick(r, [...n.context, ...n.personal, ...n.pitch, ...n.generic]), { me: me.first });
}

const OTHERS: Record<OtherKind, Other> = {
  views: {
    template: 'email_wvmp_01',
    klass: 'NOTIFICATION',
    local: 'notifications-noreply',
    build: (m) => {
      const { r, d, lang } = m.box;
      const heading = fill(d.f.viewsHeading, { n: 2 + Math.floor(r() * 30) });
      const viewer = networkPerson(r, lang);
      const shown = chance(r, 0.5)
        ? [
            card(
              m,
              viewer,
              link(m, `in/${viewer.vanity}`, 'viewer-0-prof~name'),
              [viewer.headline],
              'viewer-0',
            ),
          ]
        : [p(viewer.headline, GREY)];
      return {
        heading,
        blocks: [
          headingBlock(r, heading),
          ...shown,
          buttons(r, [[d.f.viewsButton, link(m, 'me/profile-views/', 'cta-0')]]),
        ],
      };
    },
  },
  searches: {
    template: 'email_search_appearances_01',
    klass: 'NOTIFICATION',
    local: 'notifications-noreply',
    build: (m) => {
      const { r, d, w } = m.box;
      const heading = fill(d.f.searchHeading, { n: 3 + Math.floor(r() * 60) });
      const companies = [pick(r, w.people.companies), pick(r, w.people.companies)].join(' · ');
      return {
        heading,
        blocks: [
          headingBlock(r, heading),
          p(companies, GREY),
          buttons(r, [[d.f.searchButton, link(m, 'me/search-appearances/', 'cta-0')]]),
        ],
      };
    },
  },
  messages: {
    template: 'email_member_message_v2',
    klass: 'EMAIL-DEFAULT',
    local: 'messages-noreply',
    build: (m) => {
      const { r, d, lang, me } = m.box;
      const who = networkPerson(r, lang);
      const heading = fill(d.f.messageHeading, { name: who.name });
      const said = personsText(r, who, me);
      return {
        from: `${who.name} via LinkedIn`,
        heading,
        preheader: said,
        blocks: [
          headingBlock(r, heading),
          card(
            m,
            who,
            link(m, `in/${who.vanity}`, 'sender-0-prof~name'),
            [who.headline],
            'sender-0',
          ),
          p(said),
          buttons(r, [
            [d.f.messageButton, link(m, `messaging/thread/2-${token(r, 24)}/`, 'reply-0-cta')],
          ]),
        ],
      };
    },
  },
  jobs: {
    template: 'email_job_alert_digest_01',
    klass: 'JOB-ALERT',
    local: 'jobalerts-noreply',
    build: (m) => {
      const { r, d, w } = m.box;
      const query = pick(r, w.people.queries);
      const heading = fill(d.f.jobsHeading, { n: 3 + Math.floor(r() * 20), query });
      const jobs = Array.from({ length: 3 }, (_, k): Block => {
        const href = link(m, `jobs/view/${digits(r, 10)}/`, `job-${k}-title`);
        const where = `${pick(r, w.people.companies)} · ${pick(r, w.people.cities)}`;
        return {
          html: `<p style="margin:10px 0 0">${a(query, href, 'font-weight:600')}</p><p style="${GREY}">${esc(where)}</p>`,
          text: [query, where, href],
        };
      });
      return {
        from: 'LinkedIn Job Alerts',
        heading,
        blocks: [
          headingBlock(r, heading),
          ...jobs,
          buttons(r, [[d.f.jobsButton, link(m, 'jobs/search/', 'cta-0')]]),
        ],
      };
    },
  },
  endorsements: {
    template: 'email_endorsements_received_01',
    klass: 'NOTIFICATION',
    local: 'notifications-noreply',
    build: (m) => {
      const { r, d, lang, w, me } = m.box;
      const who = networkPerson(r, lang);
      const heading = fill(d.f.endorseHeading, { name: who.name, skill: pick(r, w.people.skills) });
      return {
        heading,
        blocks: [
          headingBlock(r, heading),
          card(
            m,
            who,
            link(m, `in/${who.vanity}`, 'endorser-0-prof~name'),
            [who.headline],
            'endorser-0',
          ),
          buttons(r, [[d.f.endorseButton, link(m, `in/${me.vanity}/details/skills/`, 'cta-0')]]),
        ],
      };
    },
  },
  posts: {
    template: 'email_notification_single_post_01',
    klass: 'NOTIFICATION',
    local: 'notifications-noreply',
    build: (m) => {
      const { r, d, lang, me } = m.box;
      const who = networkPerson(r, lang);
      const heading = fill(d.f.postHeading, { name: who.name });
      return {
        heading,
        blocks: [
          headingBlock(r, heading),
          card(
            m,
            who,
            link(m, `in/${who.vanity}`, 'author-0-prof~name'),
            [who.headline],
            'author-0',
          ),
          p(personsText(r, who, me)),
          buttons(r, [
            [d.f.postButton, link(m, `feed/update/urn:li:activity:${digits(r, 19)}/`, 'cta-0')],
          ]),
        ],
      };
    },
  },
  pymk: {
    template: 'email_pymk_02',
    klass: 'PYMK',
    local: 'messages-noreply',
    build: (m) => {
      const { r, d, lang, w } = m.box;
      const heading = fill(d.f.pymkMail, { company: pick(r, w.people.companies) });
      const cards = Array.from({ length: 3 }, (_, k) => {
        const who = networkPerson(r, lang);
        return [
          card(
            m,
            who,
            link(m, `in/${who.vanity}`, `pymk-${k}-prof~name`),
            [who.headline],
            `pymk-${k}`,
          ),
          buttons(r, [[d.f.pymkButton, link(m, `in/${who.vanity}`, `pymk-${k}-connect~cta`)]]),
        ];
      }).flat();
      return { heading, blocks: [headingBlock(r, heading), ...cards] };
    },
  },
  accepted: {
    template: 'accept_invite_04',
    klass: 'INVITE',
    local: 'invitations',
    build: (m) => {
      const { r, d, lang } = m.box;
      const who = networkPerson(r, lang);
      const heading = fill(d.f.acceptedHeading, { name: who.name });
      return {
        from: who.name,
        heading,
        blocks: [
          headingBlock(r, heading),
          card(
            m,
            who,
            link(m, `in/${who.vanity}`, 'hero-1-prof~name'),
            [who.headline, ...(who.location ? [who.location] : [])],
            'hero-0',
          ),
          buttons(r, [
            [
              d.f.acceptedButton,
              link(m, `messaging/compose/?recipient=${who.vanity}`, 'hero-2-msg~cta'),
            ],
          ]),
        ],
      };
    },
  },
};

function otherMail(box: Box, kind: OtherKind, origin: Origin = GENUINE): Rendered {
  const o = OTHERS[kind];
  const m = mailOf(box, origin, o.template);
  const built = o.build(m);
  const blocks = [
    logo(m),
    ...(box.d.greeting ? [p(fill(box.d.f.greeting, { me: box.me.first }))] : []),
    ...built.blocks,
    footer(m, kind),
  ];
  const rendered = render(
    m,
    { display: built.from ?? 'LinkedIn', local: o.local, subject: built.heading, klass: o.klass },
    blocks,
    built.preheader ?? built.heading,
  );
  return { ...rendered, variant: `${kind}, ${rendered.variant}` };
}

// ---- Newsletters and other senders: not LinkedIn, some of them linking to LinkedIn profiles.
interface Newsletter {
  name: string;
  from: string;
  domain: string;
  subject: string;
  html: (r: Random) => string;
}

const NEWSLETTERS: Newsletter[] = [
  {
    name: 'substack newsletter',
    from: 'The Pragmatic Engineer',
    domain: 'substack.com',
    subject: 'The scaling of on-call: what we learned',
    html: () =>
      '<div style="max-width:600px"><h1>The scaling of on-call</h1><p>Last week I asked readers how their teams handle on-call. Here is what 400 of you said.</p><p>If you enjoyed this, connect with me on <a href="https://www.linkedin.com/in/gergelyorosz">LinkedIn</a>.</p><p><a href="https://newsletter.pragmaticengineer.com/action/disable_email">Unsubscribe</a></p></div>',
  },
  {
    name: 'github notification',
    from: 'GitHub',
    domain: 'github.com',
    subject: '[brightwave/api] Fix flaky retry test (PR #4821)',
    html: (r) =>
      `<div><p><b>@jdoe</b> requested your review on #${digits(r, 4)}.</p><p>We met the flaky test again on CI this morning; this pins the clock.</p><p><a href="https://github.com/brightwave/api/pull/4821">View it on GitHub</a></p></div>`,
  },
  {
    name: 'meetup with speakers on LinkedIn',
    from: 'Kafka Meetup Europe',
    domain: 'meetup.com',
    subject: 'New event: Streaming at scale, Thursday 19:00',
    html: () =>
      '<table width="600"><tr><td><h2>Streaming at scale</h2><p>Our speakers this month:</p><p><a href="https://www.linkedin.com/in/anna-schmidt-kafka">Anna Schmidt</a><br>Staff Engineer at Confluent</p><p><a href="https://www.linkedin.com/in/jonas-berg-streams">Jonas Berg</a><br>Data Platform Lead</p><p>Pizza and drinks from 18:30. <a href="https://www.meetup.com/kafka-europe/events/301">RSVP</a></p></td></tr></table>',
  },
  {
    name: 'bank statement notice',
    from: 'N26',
    domain: 'n26.com',
    subject: 'Your monthly statement is ready',
    html: () =>
      '<div><p>Hello,</p><p>your statement for last month is ready in the app.</p><p><a href="https://app.n26.com/statements">Open statements</a></p><p>N26 Bank AG, Voltairestraße 8, 10179 Berlin</p></div>',
  },
];

function newsletterMail(box: Box): Rendered & { name: string } {
  const { r, me, date } = box;
  const n = pick(r, NEWSLETTERS);
  const headers: [string, string][] = [
    [
      'Authentication-Results',
      `${TRUSTED}; dkim=pass header.d=${n.domain} header.s=s1; spf=pass smtp.mailfrom=bounce@${n.domain}; dmarc=pass header.from=${n.domain}`,
    ],
    ['From', `${word(n.from)} <news@${n.domain}>`],
    ['To', `${word(me.name)} <${me.address}>`],
    ['Subject', word(n.subject)],
    ['Date', date.toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<${token(r, 24)}@${n.domain}>`],
    ['List-Unsubscribe', `<https://${n.domain}/unsubscribe/${token(r, 16)}>`],
  ];
  const raw = message(
    headers,
    [{ type: 'text/html', content: bytes(`<html><body>${n.html(r)}</body></html>`) }],
    'alternative',
    r,
  );
  return { raw, variant: `newsletter: ${n.name}`, name: n.name };
}

// ---- The mailbox over time.
const INVITATION_MIX: Planted[] = [
  'none',
  'none',
  'none',
  'default',
  'default',
  'bare',
  'pitch',
  'where',
  'where',
  'personal',
];
const OTHER_MIX: OtherKind[] = [
  'views',
  'searches',
  'messages',
  'messages',
  'jobs',
  'jobs',
  'endorsements',
  'posts',
  'posts',
  'pymk',
  'accepted',
];

function noteFor(r: Random, box: Box, inviter: Inviter, planted: Planted): string | null {
  const own = (MAILBOX_WORDING[inviter.lang] as MailboxLanguage).notes;
  const me = { me: box.me.first };
  if (planted === 'none') return null;
  if (planted === 'default') return pick(r, box.w.notes.defaults);
  if (planted === 'bare') return fill(pick(r, own.generic), me);
  if (planted === 'pitch') return fill(pick(r, own.pitch), me);
  if (planted === 'where') return fill(pick(r, own.context), me);
  return fill(pick(r, own.personal), me);
}

/** The invitations' truths in arrival order: drawn, then some given to a shared script. */
function invitationPlan(r: Random, box: Box, count: number): Invitation[] {
  const plan = Array.from({ length: count }, (): Invitation => {
    const inviter = networkPerson(r, box.lang);
    const planted = pick(r, INVITATION_MIX);
    const note = noteFor(r, box, inviter, planted);
    const foreign = note !== null && planted !== 'default' && inviter.lang !== box.lang;
    return { inviter, note, planted, label: foreign ? `note in ${inviter.lang}` : '' };
  });
  const scripted = (planted: Planted, script: string, label: string, at: number[]) => {
    for (const k of at) {
      const inviter = person(r, box.lang);
      plan[k] = { inviter, note: fill(script, { me: box.me.first }), planted, label };
    }
  };
  // Three to five inviters each, so that a script reaches the learned frame's threshold of three
  // people, but never more than a third of a small mailbox's invitations.
  const share = Math.min(3 + Math.floor(r() * 3), Math.floor(count / 3));
  // The conference booth's people all write within a day or two: a burst in the middle.
  const burst = Math.floor(count / 4 + r() * (count / 4));
  scripted(
    'where',
    box.w.notes.conferenceScript,
    'conference script',
    Array.from({ length: share }, (_, k) => Math.min(count - 1, burst + k)),
  );
  // The agency's recruiters write whenever they like.
  const taken = new Set(Array.from({ length: share }, (_, k) => burst + k));
  const spread = Array.from({ length: count }, (_, k) => k).filter((k) => !taken.has(k));
  const recruiters = shuffled(spread, r).slice(0, share);
  scripted('pitch', box.w.notes.recruiterScript, 'recruiter script', recruiters);
  return plan;
}

function drawKinds(r: Random, count: number): MailKind[] {
  return Array.from({ length: count }, () => {
    const x = r();
    return x < 0.24 ? 'invitation' : x < 0.82 ? 'linkedin' : x < 0.93 ? 'newsletter' : 'imitation';
  });
}

function caseOf(
  box: Box,
  cls: MailboxClass,
  mail: MailKind,
  planted: Planted,
  note: string | null,
  built: Rendered,
): MailboxCase {
  return {
    cls: cls.name,
    lang: box.lang,
    planted,
    want: mail === 'invitation' ? wantOf(planted) : 'no-draft',
    note,
    variant: built.variant,
    trustedAuthservId: TRUSTED,
    raw: built.raw,
    mail,
  };
}

function imitationCase(box: Box, cls: MailboxClass): MailboxCase {
  const { r } = box;
  const origin = pick(r, IMITATIONS);
  if (chance(r, 0.2)) {
    const built = otherMail(box, pick(r, OTHER_MIX), origin);
    return caseOf(box, cls, 'imitation', 'other mail', null, {
      ...built,
      variant: `imitation (${origin.label}): ${built.variant}`,
    });
  }
  const inviter = person(r, box.lang);
  const planted = pick<Planted>(r, ['none', 'default', 'bare']);
  const inv: Invitation = { inviter, note: noteFor(r, box, inviter, planted), planted, label: '' };
  const built = invitationMail(mailOf(box, origin, box.d.inviteTemplate), inv);
  return caseOf(box, cls, 'imitation', planted, inv.note, {
    ...built,
    variant: `imitation (${origin.label}): invitation, ${built.variant}`,
  });
}

/** The mailbox of a class and seed before its first mail: its recipient and its redesign. */
function boxOf(cls: MailboxClass, seed: number): Box {
  const r = mulberry32(
    seed * 2_000_029 + [...cls.lang].reduce((h, c) => h * 31 + c.charCodeAt(0), 7),
  );
  const w = MAILBOX_WORDING[cls.lang] as MailboxLanguage;
  return {
    r,
    lang: cls.lang,
    w,
    d: drawDesign(w, r),
    me: w.recipient,
    date: new Date(Date.UTC(2026, 2, 2, 8)),
  };
}

/** One mailbox of `count` mails in arrival order. */
export function generateMailbox(cls: MailboxClass, count: number, seed: number): MailboxCase[] {
  const box = boxOf(cls, seed);
  const r = box.r;
  const kinds = drawKinds(r, count);
  const plan = invitationPlan(r, box, kinds.filter((k) => k === 'invitation').length);
  let next = 0;
  return kinds.map((kind) => {
    box.date = new Date(box.date.getTime() + (1 + Math.floor(r() * 20)) * 3_600_000);
    if (kind === 'invitation') {
      const inv = plan[next++] as Invitation;
      const built = invitationMail(mailOf(box, GENUINE, box.d.inviteTemplate), inv);
      const variant = [`invitation`, inv.label, built.variant].filter(Boolean).join(', ');
      return caseOf(box, cls, kind, inv.planted, inv.note, { ...built, variant });
    }
    if (kind === 'linkedin')
      return caseOf(box, cls, kind, 'other mail', null, otherMail(box, pick(r, OTHER_MIX)));
    if (kind === 'newsletter')
      return caseOf(box, cls, kind, 'other mail', null, newsletterMail(box));
    return imitationCase(box, cls);
  });
}

/** The redesign a mailbox of this class and seed got, in one line (for the bench). */
export function designOf(cls: MailboxClass, seed: number): string {
  const { d } = boxOf(cls, seed);
  return `${cls.name}: "${d.f.heading}" / "${d.f.accept}" / "${d.f.view}"; ${d.inviteTemplate}, accept link ${d.acceptForm}, ${d.structures.join('/')}, text part ${d.textShare * 100}%`;
}

/** Whether a case of any blind set is an invitation of a mailbox (not its other mail). */
export const isInvitation = (c: BlindCase): boolean => !('mail' in c) || c.mail === 'invitation';
