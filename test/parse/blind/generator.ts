// A blind generator of LinkedIn invitation mail, independent of the layout-variant generator
// (test/parse/layouts/): its own markup, its own wording (frames.ts) and what happens to mail on
// its way to the user, which that generator does not model: links rewritten by Microsoft Safe
// Links or Proofpoint, banners and disclaimers a corporate gateway adds, parts dropped or
// re-encoded, forwards (inline by Gmail and Outlook, or as an attachment), languages without a
// pack, very short notes, notes with emoji or in right-to-left scripts, notes that say where in
// three words, deeply nested tables and a mobile layout. The truth of each case is what was
// planted: no note, the default note or a bare greeting (a draft is expected), a note that says
// where or a personal note (a draft must never be written). Every case is a function of
// (class, seed); bench/blind.bench.ts measures them.
import { encode as qpEncode, wrap as qpWrap } from 'nodemailer/lib/qp';
import { chance, digits, mulberry32, pick, token } from '../../faults/support/random.ts';
import {
  type BlindFrame,
  FRAMES,
  LANGUAGES_WITH_PACK,
  PERSONAL_NOTES,
  WHERE_ANY,
} from './frames.ts';

type Random = () => number;

/** `draft`: a stranger with no note, the default note or a bare greeting; `no-draft`: a note. */
export type Want = 'draft' | 'no-draft';
/** `pitch` (a draft from not-now is expected) and `other mail` are planted by the mailbox set only. */
export type Planted = 'none' | 'default' | 'bare' | 'where' | 'personal' | 'pitch' | 'other mail';

export interface BlindCase {
  cls: string;
  lang: string;
  planted: Planted;
  want: Want;
  /** The note as the inviter wrote it, when there is one. */
  note: string | null;
  /** Which variant of the class: the gateway, the forward, the layout. */
  variant: string;
  /** The mailbox's server as `run` knows it (parse option trustedAuthservId). */
  trustedAuthservId: string;
  raw: Buffer;
}

/** What a planted note wants: a draft for no note, the default, a greeting or a pitch (not-now). */
export const wantOf = (planted: Planted): Want =>
  ['none', 'default', 'bare', 'pitch'].includes(planted) ? 'draft' : 'no-draft';

/** What a blind case plants, and how often: each entry is one draw in nine. */
export const PLANTED_MIX: readonly Planted[] = [
  'none',
  'none',
  'default',
  'default',
  'bare',
  'where',
  'where',
  'where',
  'personal',
];

export interface Person {
  name: string;
  first: string;
  headline: string;
  location: string | null;
  vanity: string;
}

const INVITERS: Person[] = [
  {
    name: 'Priya Raghunathan',
    first: 'Priya',
    headline: 'Staff SRE at Fenwick Cloud | Kubernetes, eBPF',
    location: 'Bengaluru, Karnataka, India',
    vanity: 'priya-raghunathan-sre',
  },
  {
    name: 'Mehmet Yılmaz',
    first: 'Mehmet',
    headline: 'Kıdemli Yazılım Mühendisi - Papara',
    location: 'İstanbul, Türkiye',
    vanity: 'mehmet-yilmaz-4b1c9',
  },
  {
    name: '佐藤 美咲',
    first: '美咲',
    headline: 'プロダクトマネージャー（決済）',
    location: '東京都 日本',
    vanity: 'misaki-sato-pm',
  },
  {
    name: 'Noa Ben-David',
    first: 'Noa',
    headline: 'Threat Intelligence Analyst',
    location: 'Tel Aviv District, Israel',
    vanity: 'noa-ben-david',
  },
  {
    name: 'Łukasz Zieliński',
    first: 'Łukasz',
    headline: 'Backend Developer (Java, Spring) @ Allegro',
    location: 'Poznań, Wielkopolskie, Polska',
    vanity: 'lukasz-zielinski-dev',
  },
  {
    name: 'Ana Souza 🌻',
    first: 'Ana',
    headline: 'Recrutadora Tech | People & Culture',
    location: 'São Paulo, Brasil',
    vanity: 'anasouza-tech',
  },
  {
    name: 'Hamid Al-Mansouri',
    first: 'Hamid',
    headline: 'Director of Partnerships – MENA',
    location: null,
    vanity: 'hamid-almansouri',
  },
  {
    name: 'Sjoerd de Graaf',
    first: 'Sjoerd',
    headline: 'Lead Data Engineer bij Coolblue',
    location: 'Rotterdam, Zuid-Holland, Nederland',
    vanity: 'sjoerddegraaf',
  },
];

const RECIPIENTS = [
  {
    name: 'Anna Lindqvist',
    first: 'Anna',
    address: 'anna.lindqvist@corp.example',
    vanity: 'annalindqvist',
  },
  { name: 'Jonas Weber', first: 'Jonas', address: 'jweber@mail.example', vanity: 'jonas-weber-84' },
];
type Recipient = (typeof RECIPIENTS)[number];

const TEMPLATE = 'email_m2m_invite_single_01';

interface Scene {
  r: Random;
  lang: string;
  f: BlindFrame;
  inviter: Person;
  recipient: Recipient;
  note: string | null;
  planted: Planted;
  invitationId: string;
  sharedKey: string;
  lipi: string;
  mutual: number | null;
  date: Date;
}

/**
 * A note chosen by the caller instead of the scene's own (test/parse/blind/adversarial.ts): its
 * kind, its text (absent: the generator writes one of that kind) and which inviter sends it.
 */
export interface Plant {
  planted: Planted;
  note?: (who: { inviterName: string; inviterFirst: string; recipientFirst: string }) => string;
  /** An index into the generator's inviters (taken modulo their number); absent: drawn. */
  inviter?: number;
}

function scene(r: Random, lang: string, plant?: Plant): Scene {
  const f = FRAMES[lang] as BlindFrame;
  const recipient = pick(r, RECIPIENTS);
  const planted = plant?.planted ?? pick(r, PLANTED_MIX);
  const ownNote = plant?.note
    ? null
    : planted === 'none'
      ? null
      : planted === 'default'
        ? f.defaultNote
        : planted === 'bare'
          ? pick(r, f.bare)(recipient.first)
          : planted === 'where'
            ? pick(r, chance(r, 0.8) ? f.where : WHERE_ANY)
            : pick(r, PERSONAL_NOTES);
  const inviter =
    plant?.inviter === undefined
      ? pick(r, INVITERS)
      : (INVITERS[plant.inviter % INVITERS.length] as Person);
  const note = plant?.note
    ? plant.note({
        inviterName: inviter.name,
        inviterFirst: inviter.first,
        recipientFirst: recipient.first,
      })
    : ownNote;
  return {
    r,
    lang,
    f,
    inviter,
    recipient,
    note,
    planted,
    invitationId: digits(r, 19),
    sharedKey: token(r, 12),
    lipi: encodeURIComponent(`urn:li:page:email_${TEMPLATE};${token(r, 22)}==`),
    mutual: chance(r, 0.6) ? 1 + Math.floor(r() * 40) : null,
    date: new Date(Date.UTC(2026, 10, 1 + Math.floor(r() * 28), Math.floor(r() * 24), 7, 0)),
  };
}

// LinkedIn's links, with the tracking of the 2024-2026 invitation.
function tracking(s: Scene, slot: string): string {
  return `midToken=AQ${token(s.r, 14)}&midSig=${token(s.r, 18)}&trk=eml-${TEMPLATE}-${slot}&trkEmail=eml-${TEMPLATE}-${slot}-null-${token(s.r, 6)}~${token(s.r, 8)}&lipi=${s.lipi}`;
}
const links = (s: Scene) => ({
  home: `https://www.linkedin.com/comm/feed/?${tracking(s, 'header-0-home_glimmer')}`,
  name: `https://www.linkedin.com/comm/in/${s.inviter.vanity}?${tracking(s, 'hero-1-prof%7Ename')}`,
  photo: `https://www.linkedin.com/comm/in/${s.inviter.vanity}?${tracking(s, 'hero-0-prof%7Ephoto')}`,
  accept: `https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/${s.invitationId}/sharedKey/${s.sharedKey}/?${tracking(s, 'hero-3-accept%7Ecta')}`,
  view: `https://www.linkedin.com/comm/in/${s.inviter.vanity}?${tracking(s, 'hero-4-prof%7Ecta')}`,
  unsubscribe: `https://www.linkedin.com/comm/psettings/email-unsubscribe?${tracking(s, 'footer-0-unsub')}`,
  help: `https://www.linkedin.com/help/linkedin/answer/67?lang=${s.lang}&${tracking(s, 'footer-1-help')}`,
  photoSrc: `https://media.licdn.com/dms/image/v2/${token(s.r, 16)}/profile-displayphoto-shrink_100_100/0/`,
});
type Links = ReturnType<typeof links>;

const esc = (t: string) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** What a gateway does to every link before the user sees it. */
export type Rewrite = (href: string) => string;
const asIs: Rewrite = (href) => href;

/** Microsoft Defender Safe Links. */
export const safeLinks: Rewrite = (href) =>
  `https://eur03.safelinks.protection.outlook.com/?url=${encodeURIComponent(href)}&data=05%7C02%7Canna.lindqvist%40corp.example%7C5f1c${href.length}%7C72f988bf86f141af91ab2d7cd011db47%7C1%7C0%7C638${href.length}%7CUnknown%7CTWFpbGZsb3d8eyJWIjoiMC4wLjAwMDAifQ%3D%3D%7C0%7C%7C%7C&sdata=Xk9${href.length}qZ%2BvW%3D&reserved=0`;

/** Proofpoint URL Defense v3: `%` and `&` are replaced by `*` and listed, base64, after `__;`. */
export const urlDefenseV3: Rewrite = (href) => {
  const replaced: string[] = [];
  const body = href.replace(/[%&]/g, (c) => {
    replaced.push(c);
    return '*';
  });
  const list = Buffer.from(replaced.join(''), 'utf8').toString('base64url').replace(/=+$/, '');
  return `https://urldefense.com/v3/__${body}__;${list}!!Dq0X2DkFhyF93HkjWTBQKhk!Gp7${href.length}xYz$`;
};

/** Proofpoint URL Defense v2: `-XX` for every character but letters, digits, `.` and `/`; `_` for `/`. */
export const urlDefenseV2: Rewrite = (href) => {
  const encoded = href
    .replace(
      /[^A-Za-z0-9./]/g,
      (c) => `-${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .replace(/\//g, '_');
  return `https://urldefense.proofpoint.com/v2/url?u=${encoded}&d=DwMFaQ&c=euGZstcaTDllvimEN8b7jXrwqOf-v5A_CdpgnVfiiMM&r=${href.length}abc&m=Qx1&s=Zz9&e=`;
};

type HtmlLayout = 'tables' | 'deep' | 'mobile';

interface Rendering {
  layout: HtmlLayout;
  rewrite: Rewrite;
  /** Gateway banner above the body and disclaimer below it, when a gateway adds them. */
  banner: string | null;
  disclaimer: string | null;
  /** The note repeated, maybe cut, in the hidden preheader. */
  preheader: boolean;
}

function noteHtml(s: Scene, layout: HtmlLayout): string {
  if (s.note === null) return '';
  const text = esc(s.note).replace(/\n/g, '<br>');
  return layout === 'mobile'
    ? `<div dir="auto" style="margin:12px 0;padding:12px;background:#f3f2ef;border-radius:8px;font-size:15px">${text}</div>`
    : `<tr><td style="padding:16px 24px 0"><table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td dir="auto" style="background:#eef3f8;border-radius:4px;padding:12px;font-size:14px;color:#1d2226">${text}</td></tr></table></td></tr>`;
}

function card(s: Scene, l: Links, rw: Rewrite, layout: HtmlLayout): string {
  const i = s.inviter;
  const details = [
    `<a href="${esc(rw(l.name))}" style="color:#000;font-weight:600;font-size:18px;text-decoration:none">${esc(i.name)}</a>`,
    `<span style="color:#56687a;font-size:14px">${esc(i.headline)}</span>`,
    ...(i.location ? [`<span style="color:#56687a;font-size:12px">${esc(i.location)}</span>`] : []),
    ...(s.mutual
      ? [`<span style="color:#56687a;font-size:12px">${esc(s.f.mutual(s.mutual))}</span>`]
      : []),
  ];
  const photo = `<a href="${esc(rw(l.photo))}"><img src="${l.photoSrc}" alt="${esc(i.name)}" width="72" height="72" style="border-radius:50%"></a>`;
  if (layout === 'mobile')
    return `<div style="text-align:center">${photo}</div>${details.map((d) => `<div style="text-align:center">${d}</div>`).join('')}`;
  return `<tr><td style="padding:0 24px"><table role="presentation" cellpadding="0" cellspacing="0"><tr><td width="80" valign="top">${photo}</td><td valign="top">${details.map((d) => `<p style="margin:0">${d}</p>`).join('')}</td></tr></table></td></tr>`;
}

function buttons(s: Scene, l: Links, rw: Rewrite, layout: HtmlLayout): string {
  const a = (href: string, label: string, primary: boolean) =>
    `<a href="${esc(rw(href))}" style="display:inline-block;padding:8px 20px;border-radius:24px;${primary ? 'background:#0a66c2;color:#fff' : 'border:1px solid #0a66c2;color:#0a66c2'};text-decoration:none;font-weight:600">${esc(label)}</a>`;
  if (layout === 'mobile')
    return `<div style="margin:16px 0">${a(l.accept, s.f.accept, true)}</div><div>${a(l.view, s.f.view, false)}</div>`;
  return `<tr><td style="padding:24px"><table role="presentation" cellpadding="0" cellspacing="0"><tr><td>${a(l.accept, s.f.accept, true)}</td><td width="8">&nbsp;</td><td>${a(l.view, s.f.view, false)}</td></tr></table></td></tr>`;
}

function footerHtml(s: Scene, l: Links, rw: Rewrite): string {
  const f = s.f;
  return [
    `<p style="font-size:12px;color:#56687a">${esc(f.intended(s.recipient.name))}</p>`,
    `<p style="font-size:12px;color:#56687a">${esc(f.receiving)} <a href="${esc(rw(l.unsubscribe))}">${esc(f.unsubscribe)}</a> · <a href="${esc(rw(l.help))}">${esc(f.help)}</a></p>`,
    `<p style="font-size:12px;color:#56687a">${esc(f.copyright)}</p>`,
  ].join('');
}

/** Every block wrapped in `depth` more tables and a `<center>` or `<font>`, as old builders do. */
function nest(html: string, depth: number, r: Random): string {
  let out = html;
  for (let k = 0; k < depth; k++)
    out = chance(r, 0.2)
      ? `<center>${out}</center>`
      : `<table role="presentation" width="100%" border="0" cellspacing="0" cellpadding="0" align="center"><tbody><tr><td align="center" valign="top">${out}</td></tr></tbody></table>`;
  return out;
}

function preheaderHtml(s: Scene): string {
  const text = s.note ?? s.f.heading(s.inviter.name);
  const cut = text.length > 40 && chance(s.r, 0.4) ? `${text.slice(0, 40)}…` : text;
  return `<div style="display:none;max-height:0;overflow:hidden">${esc(cut)}${'\u034f\u200c&nbsp;'.repeat(60)}</div>`;
}

function html(s: Scene, l: Links, o: Rendering): string {
  const { rewrite: rw, layout } = o;
  const header = `<a href="${esc(rw(l.home))}"><img src="https://static.licdn.com/aero-v1/sc/h/logo.png" alt="LinkedIn" width="84"></a>`;
  const greet = `<p style="font-size:16px">${esc(s.f.hi(s.recipient.first))}</p>`;
  const heading = `<h2 style="font-size:20px;margin:8px 0">${esc(s.f.heading(s.inviter.name))}</h2>`;
  let body: string;
  if (layout === 'mobile') {
    body = `<div style="max-width:100%;padding:16px;font-family:-apple-system,system-ui,sans-serif">${header}${greet}${heading}${card(s, l, rw, layout)}${noteHtml(s, layout)}${buttons(s, l, rw, layout)}<hr>${footerHtml(s, l, rw)}</div>`;
  } else {
    const rows = [
      `<tr><td style="padding:24px">${header}</td></tr>`,
      `<tr><td style="padding:0 24px">${greet}${heading}</td></tr>`,
      card(s, l, rw, layout),
      noteHtml(s, layout),
      buttons(s, l, rw, layout),
      `<tr><td style="padding:24px;border-top:1px solid #e0dfdc">${footerHtml(s, l, rw)}</td></tr>`,
    ];
    const depth = layout === 'deep' ? 4 + Math.floor(s.r() * 6) : 0;
    const inner = rows
      .filter(Boolean)
      .map((row) =>
        depth
          ? `<tr><td>${nest(`<table role="presentation" width="100%">${row}</table>`, depth, s.r)}</td></tr>`
          : row,
      )
      .join('\n');
    body = `<table role="presentation" width="512" align="center" cellpadding="0" cellspacing="0" style="font-family:-apple-system,system-ui,sans-serif">${inner}</table>`;
  }
  const banner = o.banner
    ? `<table width="100%" style="background:#ffeb9c;border:1px solid #9c6500"><tr><td style="font-size:12px;color:#9c6500">${esc(o.banner)}</td></tr></table>`
    : '';
  const disclaimer = o.disclaimer
    ? `<p style="font-size:10px;color:#888">${esc(o.disclaimer)}</p>`
    : '';
  return `<!DOCTYPE html><html lang="${s.lang}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"></head><body style="margin:0">${banner}${o.preheader ? preheaderHtml(s) : ''}${body}${disclaimer}</body></html>`;
}

/** The text part. `converted`: the gateway wrote it from the HTML ("Label <url>"); `stripped`: no URLs. */
type TextStyle = 'linkedin' | 'converted' | 'stripped';

function text(
  s: Scene,
  l: Links,
  rw: Rewrite,
  style: TextStyle,
  o: Pick<Rendering, 'banner' | 'disclaimer'>,
): string {
  const i = s.inviter;
  const link = (label: string, href: string) =>
    style === 'stripped'
      ? label
      : style === 'converted'
        ? `${label}<${rw(href)}>`
        : `${label}: ${rw(href)}`;
  return [
    ...(o.banner ? [o.banner, ''] : []),
    s.f.hi(s.recipient.first),
    '',
    s.f.heading(i.name),
    '',
    ...(s.note ? [s.note, ''] : []),
    style === 'converted' ? link(i.name, l.name) : i.name,
    i.headline,
    ...(i.location ? [i.location] : []),
    ...(s.mutual ? [s.f.mutual(s.mutual)] : []),
    '',
    link(s.f.accept, l.accept),
    '',
    link(s.f.view, l.view),
    '',
    '-----',
    s.f.intended(s.recipient.name),
    s.f.receiving,
    link(s.f.unsubscribe, l.unsubscribe),
    link(s.f.help, l.help),
    s.f.copyright,
    ...(o.disclaimer ? ['', o.disclaimer] : []),
  ].join('\n');
}

// MIME of our own: the charset and each part's transfer encoding are chosen per case.
export type Cte = 'base64' | 'quoted-printable' | '8bit';
export interface Part {
  type: string;
  /** The body's bytes in its charset (or the attached message). */
  content: Buffer;
  cte?: Cte;
  charset?: string;
}

/** The body as the message's bytes, read as latin1 (as `message` writes them). */
function encodeBody(bytes: Buffer, cte: Cte): string {
  if (cte === 'base64') return bytes.toString('base64').replace(/.{76}/g, '$&\r\n');
  if (cte === 'quoted-printable') return qpWrap(qpEncode(bytes), 76);
  return bytes.toString('latin1');
}

function partText(p: Part): string {
  if (p.type === 'message/rfc822')
    return `Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="invitation.eml"\r\n\r\n${p.content.toString('latin1')}`;
  const charset = p.charset ?? 'utf-8';
  const cte = p.cte ?? 'quoted-printable';
  return `Content-Type: ${p.type}; charset="${charset}"\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n${encodeBody(p.content, cte)}`;
}

export function word(v: string): string {
  return /^[\x20-\x7e]*$/.test(v) ? v : `=?UTF-8?B?${Buffer.from(v).toString('base64')}?=`;
}

export function message(
  headers: [string, string][],
  parts: Part[],
  kind: 'alternative' | 'mixed',
  r: Random,
): Buffer {
  const head = headers.map(([k, v]) => `${k}: ${v}`).join('\r\n');
  if (parts.length === 1)
    return Buffer.from(
      `${head}\r\nMIME-Version: 1.0\r\n${partText(parts[0] as Part)}\r\n`,
      'latin1',
    );
  const b = `----=_Part_${digits(r, 6)}_${digits(r, 9)}.${digits(r, 13)}`;
  const body = parts.map((p) => `--${b}\r\n${partText(p)}`).join('\r\n');
  return Buffer.from(
    `${head}\r\nMIME-Version: 1.0\r\nContent-Type: multipart/${kind}; boundary="${b}"\r\n\r\n${body}\r\n--${b}--\r\n`,
    'latin1',
  );
}

/** A text body's bytes with CRLF line ends, in UTF-8 or (for a gateway that recodes) Latin-1. */
export const bytes = (t: string, charset = 'utf-8') =>
  Buffer.from(t.replace(/\r?\n/g, '\r\n'), charset === 'utf-8' ? 'utf8' : 'latin1');

const MX_RESULTS = (s: Scene) =>
  `mx.example.net; dkim=pass header.d=linkedin.com header.s=d2048-2 header.b=${token(s.r, 8)}; spf=pass (mx.example.net: domain of s-${token(s.r, 10)}@bounce.linkedin.com designates 108.174.3.12 as permitted sender) smtp.mailfrom=s-${token(s.r, 10)}@bounce.linkedin.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com`;
const EXCHANGE_RESULTS =
  'spf=pass (sender IP is 108.174.3.12) smtp.mailfrom=bounce.linkedin.com; dkim=pass (signature was verified) header.d=linkedin.com;dmarc=pass action=none header.from=linkedin.com;compauth=pass reason=100';

function linkedInHeaders(s: Scene, results: string): [string, string][] {
  return [
    ['Authentication-Results', results],
    [
      'DKIM-Signature',
      `v=1; a=rsa-sha256; d=linkedin.com; s=d2048-2; c=relaxed/relaxed; h=from:to:subject; bh=${token(s.r, 43)}=; b=${token(s.r, 80)}`,
    ],
    ['From', `${word(s.inviter.name)} <invitations@linkedin.com>`],
    ['To', `${word(s.recipient.name)} <${s.recipient.address}>`],
    ['Subject', word(s.f.subject(s.inviter.first))],
    ['Date', s.date.toUTCString().replace('GMT', '+0000')],
    [
      'Message-ID',
      `<${digits(s.r, 10)}.${digits(s.r, 5)}.${digits(s.r, 13)}@ltx1-app${digits(s.r, 4)}.prod.linkedin.com>`,
    ],
    ['X-LinkedIn-Class', 'INVITE'],
    ['X-LinkedIn-Template', TEMPLATE],
    ['X-LinkedIn-fbl', `m2-${token(s.r, 40)}`],
  ];
}

interface Built {
  variant: string;
  raw: Buffer;
  trustedAuthservId: string;
}

/** The invitation as LinkedIn sends it, through a gateway that may rewrite, add and drop. */
function invitation(
  s: Scene,
  o: Rendering & {
    textStyle: TextStyle | null;
    withHtml: boolean;
    cte: Cte;
    charset: string;
    results: string;
  },
): Buffer {
  const l = links(s);
  const parts: Part[] = [];
  const part = (type: string, body: string): Part => ({
    type,
    content: bytes(body, o.charset),
    cte: o.cte,
    charset: o.charset,
  });
  if (o.textStyle) parts.push(part('text/plain', text(s, l, o.rewrite, o.textStyle, o)));
  if (o.withHtml)
    parts.push(
      part('text/html', html(s, l, o).replace('charset="utf-8"', `charset="${o.charset}"`)),
    );
  return message(linkedInHeaders(s, o.results), parts, 'alternative', s.r);
}

const PLAIN: Omit<Rendering, 'layout'> = {
  rewrite: asIs,
  banner: null,
  disclaimer: null,
  preheader: true,
};
const BANNERS = [
  'CAUTION: This email originated from outside of the organization. Do not click links or open attachments unless you recognize the sender and know the content is safe.',
  '[EXTERNAL] This message came from an external sender. Be careful with links and attachments.',
  "You don't often get email from invitations@linkedin.com. Learn why this is important",
];
const DISCLAIMERS = [
  'This email has been scanned for viruses and malware by Mimecast Ltd.',
  'Scanned by the Corp.example mail gateway. Report suspicious mail to security@corp.example.',
];

function ordinary(
  s: Scene,
  layout: HtmlLayout,
  extra: Partial<Parameters<typeof invitation>[1]> = {},
): Buffer {
  return invitation(s, {
    ...PLAIN,
    layout,
    textStyle: 'linkedin',
    withHtml: true,
    cte: 'quoted-printable',
    charset: 'utf-8',
    results: MX_RESULTS(s),
    ...extra,
  });
}

// The classes: each builds one case of a scene.
type Builder = (s: Scene) => Built;

const gatewayRewrite: Builder = (s) => {
  const [name, rewrite, results, id] = pick(s.r, [
    ['safe links', safeLinks, EXCHANGE_RESULTS, ''],
    ['urldefense v3', urlDefenseV3, MX_RESULTS(s), 'mx.example.net'],
    ['urldefense v2', urlDefenseV2, MX_RESULTS(s), 'mx.example.net'],
  ] as const);
  const layout = pick<HtmlLayout>(s.r, ['tables', 'mobile']);
  return {
    variant: `${name}, ${layout}`,
    trustedAuthservId: id,
    raw: ordinary(s, layout, { rewrite, results }),
  };
};

const gatewayBanner: Builder = (s) => {
  const banner = chance(s.r, 0.8) ? pick(s.r, BANNERS) : null;
  const disclaimer = banner === null || chance(s.r, 0.5) ? pick(s.r, DISCLAIMERS) : null;
  const layout = pick<HtmlLayout>(s.r, ['tables', 'mobile']);
  const variant = `${banner ? 'banner' : ''}${banner && disclaimer ? '+' : ''}${disclaimer ? 'disclaimer' : ''}, ${layout}`;
  return {
    variant,
    trustedAuthservId: 'mx.example.net',
    raw: ordinary(s, layout, { banner, disclaimer }),
  };
};

const gatewayRecoded: Builder = (s) => {
  const v = pick(s.r, [
    'html only',
    'text only, converted',
    'text only',
    'links stripped',
    'latin-1',
    'broken html',
  ] as const);
  const cte = pick<Cte>(s.r, ['base64', 'quoted-printable']);
  const extra: Partial<Parameters<typeof invitation>[1]> = { cte };
  if (v === 'html only') extra.textStyle = null;
  if (v === 'text only, converted')
    Object.assign(extra, { withHtml: false, textStyle: 'converted' });
  if (v === 'text only') extra.withHtml = false;
  if (v === 'links stripped') Object.assign(extra, { textStyle: 'stripped', rewrite: () => '#' });
  if (
    v === 'latin-1' &&
    !/[^\x20-\xff]/.test(
      `${s.note ?? ''}${s.inviter.name}${s.inviter.headline}${s.inviter.location ?? ''}`,
    )
  )
    extra.charset = 'iso-8859-1';
  let raw = ordinary(s, 'tables', extra);
  if (v === 'broken html') {
    // A gateway that cut the HTML at its size limit and dropped every closing tag after the card.
    const text = raw.toString('latin1');
    raw = Buffer.from(
      text.replace(/<\/(?:td|tr|table|p)>/g, (m) => (chance(s.r, 0.5) ? '' : m)),
      'latin1',
    );
  }
  return { variant: `${v}, ${cte}`, trustedAuthservId: 'mx.example.net', raw };
};

/** The user forwards the invitation to themselves (or a colleague forwards it to the user). */
const forwarded: Builder = (s) => {
  const original = ordinary(s, 'tables');
  const how = pick(s.r, ['gmail', 'outlook', 'attached'] as const);
  const me = `${word(s.recipient.name)} <${s.recipient.address}>`;
  const headers: [string, string][] = [
    [
      'Authentication-Results',
      `mx.example.net; dkim=pass header.d=${s.recipient.address.split('@')[1]}; spf=pass smtp.mailfrom=${s.recipient.address}; dmarc=pass header.from=${s.recipient.address.split('@')[1]}`,
    ],
    ['From', me],
    ['To', me],
    ['Subject', word(`${how === 'gmail' ? 'Fwd' : 'FW'}: ${s.f.subject(s.inviter.first)}`)],
    ['Date', new Date(s.date.getTime() + 3_600_000).toUTCString().replace('GMT', '+0000')],
    ['Message-ID', `<CA+${token(s.r, 30)}@mail.gmail.com>`],
  ];
  if (how === 'attached')
    return {
      variant: how,
      trustedAuthservId: 'mx.example.net',
      raw: message(
        headers,
        [
          { type: 'text/plain', content: bytes('FYI, who is this?\n') },
          { type: 'message/rfc822', content: original },
        ],
        'mixed',
        s.r,
      ),
    };
  const l = links(s);
  const sender = `${s.inviter.name} <invitations@linkedin.com>`;
  const when = s.date.toUTCString();
  const subject = s.f.subject(s.inviter.first);
  const to = `${s.recipient.name} <${s.recipient.address}>`;
  const head =
    how === 'gmail'
      ? [
          '---------- Forwarded message ---------',
          `From: ${sender}`,
          `Date: ${when}`,
          `Subject: ${subject}`,
          `To: ${to}`,
        ]
      : [
          '________________________________',
          `From: ${sender}`,
          `Sent: ${when}`,
          `To: ${to}`,
          `Subject: ${subject}`,
        ];
  const textBody = `Do you know this person?\n\n${head.join('\n')}\n\n${text(s, l, asIs, 'linkedin', PLAIN)}`;
  const inner = html(s, l, { ...PLAIN, layout: 'tables' }).replace(
    /^[\s\S]*<body[^>]*>|<\/body>[\s\S]*$/g,
    '',
  );
  const htmlHead = head.map(esc).join('<br>');
  const htmlBody =
    how === 'gmail'
      ? `<div dir="ltr">Do you know this person?<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">${htmlHead}<br></div><br><br>${inner}</div></div>`
      : `<div>Do you know this person?</div><div id="divRplyFwdMsg" dir="ltr"><hr style="display:inline-block;width:98%">${htmlHead}<br><br></div>${inner}`;
  return {
    variant: how,
    trustedAuthservId: 'mx.example.net',
    raw: message(
      headers,
      [
        { type: 'text/plain', content: bytes(textBody) },
        { type: 'text/html', content: bytes(`<html><body>${htmlBody}</body></html>`) },
      ],
      'alternative',
      s.r,
    ),
  };
};

const layoutOnly =
  (layouts: HtmlLayout[]): Builder =>
  (s) => {
    const layout = pick(s.r, layouts);
    const textStyle = chance(s.r, 0.5) ? 'linkedin' : null;
    return {
      variant: `${layout}${textStyle ? ', with text part' : ''}`,
      trustedAuthservId: 'mx.example.net',
      raw: ordinary(s, layout, { textStyle }),
    };
  };

export interface BlindClass {
  name: string;
  languages: string[];
  build: Builder;
  /** Notes restricted to these kinds (the notes class), or any. */
  planted?: Planted[];
}

export const BLIND_CLASSES: BlindClass[] = [
  {
    name: 'gateway: links rewritten (Safe Links, Proofpoint)',
    languages: ['en', 'en', 'de', 'fr'],
    build: gatewayRewrite,
  },
  {
    name: 'gateway: banner and disclaimer added',
    languages: ['en', 'en', 'es', 'nl'],
    build: gatewayBanner,
  },
  {
    name: 'gateway: parts dropped or re-encoded',
    languages: ['en', 'de', 'fr', 'pt'],
    build: gatewayRecoded,
  },
  {
    name: 'forwarded (Gmail, Outlook, attached)',
    languages: ['en', 'en', 'de', 'es'],
    build: forwarded,
  },
  {
    name: 'languages with a pack (de fr es pt nl it)',
    languages: LANGUAGES_WITH_PACK.filter((l) => l !== 'en'),
    build: layoutOnly(['tables', 'mobile']),
  },
  {
    name: 'languages without a pack (ja tr pl)',
    languages: ['ja', 'tr', 'pl'],
    build: layoutOnly(['tables', 'mobile']),
  },
  {
    name: 'short, emoji and RTL notes',
    languages: ['en', 'en', 'de', 'fr', 'es'],
    build: layoutOnly(['tables', 'mobile']),
    planted: ['bare', 'where', 'personal'],
  },
  {
    name: 'deep tables and mobile layout',
    languages: ['en', 'en', 'it', 'pt'],
    build: layoutOnly(['deep', 'mobile']),
  },
];

function caseOf(cls: BlindClass, s: Scene): BlindCase {
  const built = cls.build(s);
  return {
    cls: cls.name,
    lang: s.lang,
    planted: s.planted,
    want: wantOf(s.planted),
    note: s.note,
    ...built,
  };
}

/** One case of a class's layout with the caller's note (`r` draws everything else). */
export function plantedBlindCase(
  cls: BlindClass,
  r: Random,
  lang: string,
  plant: Plant,
): BlindCase {
  return caseOf(cls, scene(r, lang, plant));
}

export function generateBlind(cls: BlindClass, count: number, seed: number): BlindCase[] {
  const out: BlindCase[] = [];
  for (let k = 0; out.length < count; k++) {
    const r = mulberry32(seed * 1_000_003 + k * 7919 + cls.name.length);
    const s = scene(r, pick(r, cls.languages));
    if (cls.planted && !cls.planted.includes(s.planted)) continue;
    out.push(caseOf(cls, s));
  }
  return out;
}
