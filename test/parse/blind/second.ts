// A second blind generator of LinkedIn invitation mail, written without reading the parser and
// independent of the first blind generator (generator.ts): its own markup, people, notes and
// wording (secondWording.ts), and layouts neither generator modelled before: HTML re-rendered by
// Outlook/Word (MsoNormal, <o:p>, VML buttons), MJML-style builder output, text-only mail wrapped
// at 72-76 columns (format=flowed, hard wraps, reflowed paragraphs), quoted-printable soft breaks
// inside names and notes, every character as an HTML entity, reminders with and without the
// note, a heading and footer reworded as LinkedIn might tomorrow, Apple Mail and Thunderbird
// inline forwards in other languages with a phone's "Sent from" line, and an invitation sent to
// a mailing list (Mailman, Google Groups). Names carry titles, initials and suffixes; headlines
// are long, with emoji and pipes; notes run to several paragraphs.
//
// The truth of each case is what was planted: no note, LinkedIn's default note in the case's
// language or a bare greeting (a draft is expected); a note that says where they met or a
// personal note (a draft must never be written). Every case is a function of (class, seed);
// bench/blind.bench.ts --set second measures them.
import { chance, digits, mulberry32, pick, token } from '../../faults/support/random.ts';
import {
  type BlindCase,
  type Person,
  PLANTED_MIX,
  type Plant,
  type Planted,
  wantOf,
} from './generator.ts';
import {
  FORWARD_HEADS,
  OTHER_SENT_FROM,
  SECOND_WORDING,
  type SecondWording,
} from './secondWording.ts';

type Random = () => number;

const INVITERS: Person[] = [
  {
    name: 'Dr. Adaeze B. Okonkwo, PhD',
    first: 'Adaeze',
    headline:
      'Principal Scientist | Computational Biology | 🧬 Single-cell genomics | Mentor @ Women in Bio | Views are my own',
    location: 'Cambridge, England, United Kingdom',
    vanity: 'adaeze-okonkwo-phd',
  },
  {
    name: 'María José García-Ruiz',
    first: 'María José',
    headline:
      'Head of Growth 🚀 | B2B SaaS | Ex-Cabify | Ex-Glovo | Angel investor | Speaker 🎤 | Building in public ✍️',
    location: 'Madrid, Comunidad de Madrid, España',
    vanity: 'mariajosegarciaruiz',
  },
  {
    name: 'J. Robert Tanaka III',
    first: 'J. Robert',
    headline: 'VP Engineering at Northwind Robotics',
    location: 'Austin, Texas, United States',
    vanity: 'jrtanaka3',
  },
  {
    name: 'Prof. Dr. Katharina von Baer-Lindholm',
    first: 'Katharina',
    headline:
      'Professorin für Wirtschaftsinformatik | Digitale Transformation | KI in der Verwaltung',
    location: 'Münster, Nordrhein-Westfalen, Deutschland',
    vanity: 'katharina-von-baer-lindholm',
  },
  {
    name: 'Olusegun Adeyemi, MBA, PMP®',
    first: 'Olusegun',
    headline: 'Program Manager | Agile Coach | SAFe® 6 | ⚡ Energy transition | 🇳🇬 🇨🇦',
    location: 'Toronto, Ontario, Canada',
    vanity: 'olusegun-adeyemi-pmp',
  },
  {
    name: 'Chloé Lefèvre-Dubois',
    first: 'Chloé',
    headline: 'UX Researcher chez Doctolib · Accessibilité · Recherche utilisateur',
    location: 'Lyon, Auvergne-Rhône-Alpes, France',
    vanity: 'chloe-lefevre-dubois',
  },
  {
    name: 'Rizky Pratama, S.Kom.',
    first: 'Rizky',
    headline: 'Mobile Engineer (Flutter) | GDG Jakarta organizer 🎤',
    location: 'Jakarta Selatan, DKI Jakarta, Indonesia',
    vanity: 'rizkypratama-dev',
  },
  {
    name: 'Giulia Ferri ✨',
    first: 'Giulia',
    headline: 'Data Analyst | SQL · Python · Power BI | 📊 Turning data into stories | Milano 🇮🇹',
    location: null,
    vanity: 'giulia-ferri-data',
  },
  {
    name: 'Thiago "TJ" Nascimento',
    first: 'Thiago',
    headline: 'Staff Engineer @ Nubank | Clojure | Distributed systems | he/him',
    location: 'São Paulo, São Paulo, Brasil',
    vanity: 'thiagonascimento',
  },
  {
    name: 'Siobhán O’Sullivan-Murphy',
    first: 'Siobhán',
    headline: 'Talent Partner – EMEA | Hiring engineers across Dublin, Berlin & Lisbon 🌍',
    location: 'Dublin, County Dublin, Ireland',
    vanity: 'siobhan-osullivan-murphy',
  },
];

interface Recipient {
  name: string;
  first: string;
  address: string;
  /** The mailbox's server, which writes Authentication-Results for this user. */
  authservId: string;
}

const RECIPIENTS: Recipient[] = [
  {
    name: 'Tomás Herrera',
    first: 'Tomás',
    address: 'tomas.herrera@inbox.example.com',
    authservId: 'mx.inbox.example.com',
  },
  {
    name: 'Ingrid Solberg',
    first: 'Ingrid',
    address: 'ingrid@solberg.example.no',
    authservId: 'mail.solberg.example.no',
  },
];

const INVITE = 'email_m2m_invite_single_01';
const REMINDER = 'email_m2m_invite_reminder_02';

interface Scene {
  r: Random;
  lang: string;
  w: SecondWording;
  inviter: Person;
  recipient: Recipient;
  note: string | null;
  planted: Planted;
  template: string;
  invitationId: string;
  sharedKey: string;
  lipi: string;
  mutual: number | null;
  date: Date;
}

function scene(r: Random, lang: string, plant?: Plant): Scene {
  const w = SECOND_WORDING[lang] as SecondWording;
  const recipient = pick(r, RECIPIENTS);
  const inviter =
    plant?.inviter === undefined
      ? pick(r, INVITERS)
      : (INVITERS[plant.inviter % INVITERS.length] as Person);
  const planted = plant?.planted ?? pick(r, PLANTED_MIX);
  const note = plant?.note
    ? plant.note({
        inviterName: inviter.name,
        inviterFirst: inviter.first,
        recipientFirst: recipient.first,
      })
    : planted === 'none'
      ? null
      : planted === 'default'
        ? pick(r, w.defaultNotes)
        : planted === 'bare'
          ? pick(r, w.bare)(recipient.first)
          : planted === 'where'
            ? pick(r, w.where)(recipient.first, inviter.first)
            : pick(r, w.personal);
  return {
    r,
    lang,
    w,
    inviter,
    recipient,
    note,
    planted,
    template: INVITE,
    invitationId: `7${digits(r, 18)}`,
    sharedKey: token(r, 8),
    lipi: `urn%3Ali%3Apage%3Aemail_${INVITE}%3B${token(r, 22)}%3D%3D`,
    mutual: chance(r, 0.55) ? 1 + Math.floor(r() * 60) : null,
    date: new Date(Date.UTC(2026, 11, 1 + Math.floor(r() * 27), Math.floor(r() * 24), 41, 9)),
  };
}

// LinkedIn's links, with the tracking slots the corpus shows for 2018-2026.
function links(s: Scene) {
  const t = s.template;
  const lipi = s.lipi.replace(INVITE, t);
  const track = (slot: string) =>
    `midToken=AQ${token(s.r, 12)}&midSig=0${token(s.r, 20)}&trk=eml-${t}-${slot}&trkEmail=eml-${t}-${slot}-null-${token(s.r, 5)}~${token(s.r, 8)}~${token(s.r, 2)}-null-null&lipi=${lipi}`;
  return {
    home: `https://www.linkedin.com/comm/feed/?${track('header-0-profile_glimmer')}`,
    name: `https://www.linkedin.com/comm/in/${s.inviter.vanity}?${track('hero-3-prof%7Ename')}`,
    photo: `https://www.linkedin.com/comm/in/${s.inviter.vanity}?${track('hero-2-prof%7Ephoto')}`,
    accept: `https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/${s.invitationId}/sharedKey/${s.sharedKey}/?${track('null-0-accept%7Ecta')}`,
    view: `https://www.linkedin.com/comm/in/${s.inviter.vanity}?${track('hero-4-prof%7Ecta')}`,
    unsubscribe: `https://www.linkedin.com/comm/psettings/email-unsubscribe?${track('footer-1-unsubscribe')}`,
    help: `https://www.linkedin.com/help/linkedin/answer/67?lang=${s.lang}&${track('footer-2-help')}`,
    photoSrc: `https://media.licdn.com/dms/image/v2/D4E03AQ${token(s.r, 14)}/profile-displayphoto-shrink_200_200/0/${digits(s.r, 13)}?e=2147483647&v=beta&t=${token(s.r, 43)}`,
  };
}
type Links = ReturnType<typeof links>;

/** What one invitation says, before any rendering: the same for every layout. */
interface Doc {
  lang: string;
  preheader: string | null;
  greeting: string | null;
  heading: string;
  name: string;
  headline: string;
  location: string | null;
  mutual: string | null;
  note: string | null;
  /** The reminder's sentence, under the card. */
  reminderLine: string | null;
  accept: string;
  view: string;
  intended: string;
  receiving: string;
  unsubscribe: string;
  help: string;
  copyright: string;
  links: Links;
}

interface DocOptions {
  reminder?: boolean;
  reworded?: boolean;
}

/** LinkedIn cuts long headlines with an ellipsis on the card. */
const cardHeadline = (s: Scene) =>
  s.inviter.headline.length > 90 && chance(s.r, 0.5)
    ? `${[...s.inviter.headline].slice(0, 84).join('').trimEnd()}…`
    : s.inviter.headline;

function doc(s: Scene, o: DocOptions = {}): Doc {
  const { w, inviter: i } = s;
  const heading = o.reminder
    ? w.reminder.heading(i.name)
    : o.reworded
      ? pick(s.r, w.reworded.heading)(i.name)
      : w.heading(i.name);
  const when = new Date(s.date.getTime() - 9 * 86_400_000).toISOString().slice(0, 10);
  const withHeadline = s.lang === 'en' && chance(s.r, 0.5);
  return {
    lang: s.lang,
    preheader: s.note ?? heading,
    greeting: o.reworded && chance(s.r, 0.5) ? null : w.greet(s.recipient.first),
    heading,
    name: i.name,
    headline: cardHeadline(s),
    location: i.location,
    mutual: s.mutual ? w.mutual(s.mutual) : null,
    note: s.note,
    reminderLine: o.reminder ? w.reminder.line(i.name, when) : null,
    accept: o.reworded ? w.reworded.accept : w.accept,
    view: o.reworded ? w.reworded.view : w.view,
    intended: o.reworded
      ? w.reworded.intended(s.recipient.name)
      : withHeadline
        ? `${w.intended(s.recipient.name)} (Platform Engineer at Fjordline)`
        : w.intended(s.recipient.name),
    receiving: o.reworded ? w.reworded.receiving : w.receiving,
    unsubscribe: w.unsubscribe,
    help: w.help,
    copyright: w.copyright,
    links: links(s),
  };
}

// Escaping of text and attribute values: plain, or every character as a character reference.
type Esc = (t: string) => string;
const esc: Esc = (t) =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const entities =
  (r: Random): Esc =>
  (t) =>
    [...t]
      .map((c) => {
        const cp = c.codePointAt(0) as number;
        return chance(r, 0.5) ? `&#${cp};` : `&#x${cp.toString(16).toUpperCase()};`;
      })
      .join('');
interface Escapes {
  text: Esc;
  attr: Esc;
}
const PLAIN_ESC: Escapes = { text: esc, attr: esc };

/** A note's paragraphs (blank lines) and lines (single breaks). */
const paragraphs = (note: string) => note.split(/\n{2,}/).map((p) => p.split('\n'));

const PREHEADER_PAD = '\u034f\u200c\u00a0'.repeat(40);

// ---- Layout 1: a plain 512px table layout of our own (reminders, reworded, forwards, lists).
function tablesHtml(d: Doc, e: Escapes = PLAIN_ESC): string {
  const { text: t, attr: a } = e;
  const L = d.links;
  const row = (inner: string, style = 'padding:0 24px') =>
    `<tr><td style="${style}">${inner}</td></tr>`;
  const note = d.note
    ? row(
        `<div style="border-left:3px solid #0a66c2;padding:4px 12px;color:#191919">${paragraphs(
          d.note,
        )
          .map((p) => `<p style="margin:0 0 8px">${p.map(t).join('<br>')}</p>`)
          .join('')}</div>`,
        'padding:12px 24px',
      )
    : '';
  const card = `<table role="presentation" cellpadding="0" cellspacing="0"><tr><td width="64" valign="top"><a href="${a(L.photo)}"><img src="${a(L.photoSrc)}" width="56" height="56" alt="" style="border-radius:50%"></a></td><td valign="top"><a href="${a(L.name)}" style="font-size:17px;font-weight:700;color:#191919;text-decoration:none">${t(d.name)}</a><div style="font-size:14px;color:#666">${t(d.headline)}</div>${d.location ? `<div style="font-size:12px;color:#666">${t(d.location)}</div>` : ''}${d.mutual ? `<div style="font-size:12px;color:#666">${t(d.mutual)}</div>` : ''}</td></tr></table>`;
  const button = (href: string, label: string, filled: boolean) =>
    `<a href="${a(href)}" style="display:inline-block;padding:10px 24px;border-radius:24px;font-weight:700;text-decoration:none;${filled ? 'background:#0a66c2;color:#ffffff' : 'color:#0a66c2;border:1px solid #0a66c2'}">${t(label)}</a>`;
  const rows = [
    row(
      `<a href="${a(L.home)}"><img src="https://static.licdn.com/aero-v1/sc/h/8fkga714vy9b2wk5auqo5reeb" alt="LinkedIn" width="84" height="21"></a>`,
      'padding:20px 24px',
    ),
    d.greeting ? row(`<p style="margin:0 0 4px;font-size:16px">${t(d.greeting)}</p>`) : '',
    row(`<h1 style="margin:0 0 16px;font-size:20px;font-weight:600">${t(d.heading)}</h1>`),
    row(card),
    note,
    d.reminderLine ? row(`<p style="font-size:14px;color:#666">${t(d.reminderLine)}</p>`) : '',
    row(
      `${button(L.accept, d.accept, true)}&nbsp;&nbsp;${button(L.view, d.view, false)}`,
      'padding:16px 24px 28px',
    ),
    row(
      `<p style="margin:0">${t(d.intended)}</p><p style="margin:0">${t(d.receiving)}</p><p style="margin:8px 0"><a href="${a(L.unsubscribe)}" style="color:#666">${t(d.unsubscribe)}</a> · <a href="${a(L.help)}" style="color:#666">${t(d.help)}</a></p><p style="margin:0">${t(d.copyright)}</p>`,
      'padding:16px 24px;font-size:12px;color:#666;border-top:1px solid #e8e8e8',
    ),
  ].filter(Boolean);
  const preheader = d.preheader
    ? `<span style="display:none!important;visibility:hidden;opacity:0;max-height:0;overflow:hidden;mso-hide:all">${t(d.preheader)}${PREHEADER_PAD}</span>`
    : '';
  return `<!DOCTYPE html><html lang="${d.lang}"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title></title></head><body style="margin:0;padding:0;background:#f4f2ee">${preheader}<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f2ee"><tr><td align="center"><table role="presentation" width="512" cellpadding="0" cellspacing="0" style="background:#ffffff;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif">\n${rows.join('\n')}\n</table></td></tr></table></body></html>`;
}

// ---- Layout 2: what Outlook/Word makes of it (a message saved, journaled or re-sent by Exchange).
type VmlButtons = 'vml + downlevel link' | 'vml only';

/** Word's HTML source is wrapped at about 76 columns, at spaces, also inside text and tags. */
function wordWrap(html: string, width: number): string {
  const out: string[] = [];
  for (const line of html.split('\n')) {
    let rest = line;
    while (rest.length > width) {
      const cut = rest.lastIndexOf(' ', width);
      if (cut <= 0) break;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut + 1);
    }
    out.push(rest);
  }
  return out.join('\n');
}

function outlookHtml(d: Doc, buttons: VmlButtons, e: Escapes): string {
  const { text: t, attr: a } = e;
  const L = d.links;
  const span = (text: string, style: string) =>
    `<p class=MsoNormal><span style='${style}'>${text}<o:p></o:p></span></p>`;
  const empty = "<p class=MsoNormal><span style='font-size:11.0pt'><o:p>&nbsp;</o:p></span></p>";
  const font = 'font-family:"Segoe UI",sans-serif;color:#191919';
  const cell = (inner: string) =>
    `<tr style='mso-yfti-irow:0'><td style='padding:0cm 18.0pt 0cm 18.0pt'>${inner}</td></tr>`;
  const note = d.note
    ? cell(
        paragraphs(d.note)
          .map((p) => p.map((line) => span(t(line), `font-size:11.0pt;${font}`)).join(''))
          .join(empty),
      )
    : '';
  const vml = (href: string, label: string, fill: string, color: string) => {
    const shape = `<!--[if gte vml 1]><v:roundrect id="_x0000_s10${label.length}" href="${a(href)}" style='width:120pt;height:27pt;v-text-anchor:middle' arcsize="50%" fillcolor="${fill}" stroked="f"><v:textbox inset="0,0,0,0"><center style='color:${color};font-weight:bold'>${t(label)}</center></v:textbox></v:roundrect><![endif]-->`;
    const downlevel = `<![if !vml]><a href="${a(href)}"><b><span style='font-size:11.5pt;color:${color};background:${fill};text-decoration:none'>${t(label)}</span></b></a><![endif]>`;
    return `<p class=MsoNormal align=center style='text-align:center'>${shape}${buttons === 'vml only' ? '' : downlevel}<o:p></o:p></p>`;
  };
  const rows = [
    cell(
      `<p class=MsoNormal><a href="${a(L.home)}"><span style='text-decoration:none'><img border=0 width=84 height=21 style='width:.875in;height:.2187in' id="_x0000_i1025" src="cid:image001.png@01DB6A3C.5F1E2B40" alt=LinkedIn></span></a><o:p></o:p></p>`,
    ),
    cell(
      `${d.greeting ? span(t(d.greeting), `font-size:12.0pt;${font}`) : ''}<p class=MsoNormal><b><span style='font-size:15.0pt;${font}'>${t(d.heading)}<o:p></o:p></span></b></p>${empty}`,
    ),
    cell(
      `<p class=MsoNormal><a href="${a(L.name)}"><b><span style='font-size:13.0pt;color:black;text-decoration:none'>${t(d.name)}</span></b></a><o:p></o:p></p>${span(t(d.headline), 'font-size:10.5pt;color:#666666')}${d.location ? span(t(d.location), 'font-size:9.0pt;color:#666666') : ''}${d.mutual ? span(t(d.mutual), 'font-size:9.0pt;color:#666666') : ''}${empty}`,
    ),
    note,
    d.reminderLine ? cell(span(t(d.reminderLine), 'font-size:10.5pt;color:#666666')) : '',
    cell(
      `<table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0><tr><td style='padding:0cm'>${vml(L.accept, d.accept, '#0A66C2', 'white')}</td><td style='padding:0cm 0cm 0cm 6.0pt'>${vml(L.view, d.view, 'white', '#0A66C2')}</td></tr></table>${empty}`,
    ),
    cell(
      `${span(t(d.intended), 'font-size:9.0pt;color:#666666')}${span(t(d.receiving), 'font-size:9.0pt;color:#666666')}<p class=MsoNormal><a href="${a(L.unsubscribe)}"><span style='font-size:9.0pt;color:#666666'>${t(d.unsubscribe)}</span></a><span style='font-size:9.0pt;color:#666666'> · </span><a href="${a(L.help)}"><span style='font-size:9.0pt;color:#666666'>${t(d.help)}</span></a><o:p></o:p></p>${span(t(d.copyright), 'font-size:9.0pt;color:#666666')}`,
    ),
  ].filter(Boolean);
  const preheader = d.preheader
    ? `<div><p class=MsoNormal style='mso-line-height-alt:0pt'><span style='font-size:1.0pt;color:white;display:none;mso-hide:all'>${t(d.preheader)}<o:p></o:p></span></p></div>`
    : '';
  const head = `<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40"><head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><meta name=Generator content="Microsoft Word 15 (filtered medium)"><!--[if !mso]><style>v\\:* {behavior:url(#default#VML);} o\\:* {behavior:url(#default#VML);} w\\:* {behavior:url(#default#VML);} .shape {behavior:url(#default#VML);}</style><![endif]--><style><!--
/* Font Definitions */
@font-face {font-family:"Segoe UI"; panose-1:2 11 5 2 4 2 4 2 2 3;}
/* Style Definitions */
p.MsoNormal, li.MsoNormal, div.MsoNormal {margin:0cm; font-size:11.0pt; font-family:"Calibri",sans-serif;}
a:link, span.MsoHyperlink {mso-style-priority:99; color:blue; text-decoration:underline;}
.MsoChpDefault {mso-style-type:export-only; font-size:10.0pt;}
@page WordSection1 {size:612.0pt 792.0pt; margin:72.0pt 72.0pt 72.0pt 72.0pt;}
div.WordSection1 {page:WordSection1;}
--></style><!--[if gte mso 9]><xml>
<o:shapedefaults v:ext="edit" spidmax="1026" />
</xml><![endif]--><!--[if gte mso 9]><xml>
<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1" /></o:shapelayout></xml><![endif]--></head>`;
  const body = `<body lang=${d.lang.toUpperCase()} link=blue vlink=purple style='word-wrap:break-word'><div class=WordSection1>${preheader}<div align=center><table class=MsoNormalTable border=0 cellspacing=0 cellpadding=0 width=512 style='width:384.0pt;background:white;mso-cellspacing:0cm;mso-yfti-tbllook:1184;mso-padding-alt:0cm 0cm 0cm 0cm'>\n${rows.join('\n')}\n</table></div>${empty}</div></body></html>`;
  return `${head}\n${wordWrap(body, 76)}`;
}

// ---- Layout 3: an MJML-style builder: nested divs with inline styles, ghost tables for Outlook,
// buttons as tables.
function mjmlHtml(d: Doc, e: Escapes = PLAIN_ESC): string {
  const { text: t, attr: a } = e;
  const L = d.links;
  const ghostOpen = (width: number) =>
    `<!--[if mso | IE]><table align="center" border="0" cellpadding="0" cellspacing="0" class="" role="presentation" style="width:${width}px;" width="${width}" ><tr><td style="line-height:0px;font-size:0px;mso-line-height-rule:exactly;"><![endif]-->`;
  const ghostClose = '<!--[if mso | IE]></td></tr></table><![endif]-->';
  const column = (pct: number, blocks: string[]) =>
    `<!--[if mso | IE]><table role="presentation" border="0" cellpadding="0" cellspacing="0"><tr><td class="" style="vertical-align:top;width:${Math.round(5.6 * pct)}px;" ><![endif]--><div class="mj-column-per-${pct} mj-outlook-group-fix" style="font-size:0px;text-align:left;direction:ltr;display:inline-block;vertical-align:top;width:100%;"><table border="0" cellpadding="0" cellspacing="0" role="presentation" style="vertical-align:top;" width="100%"><tbody>${blocks.join('')}</tbody></table></div><!--[if mso | IE]></td></tr></table><![endif]-->`;
  const section = (columns: string[], bg = '#ffffff') =>
    `${ghostOpen(560)}<div style="background:${bg};background-color:${bg};margin:0px auto;max-width:560px;"><table align="center" border="0" cellpadding="0" cellspacing="0" role="presentation" style="background:${bg};background-color:${bg};width:100%;"><tbody><tr><td style="direction:ltr;font-size:0px;padding:8px 0;text-align:center;">${columns.join('')}</td></tr></tbody></table></div>${ghostClose}`;
  const mjText = (html: string, size = 15, color = '#191919') =>
    `<tr><td align="left" style="font-size:0px;padding:6px 20px;word-break:break-word;"><div style="font-family:Helvetica,Arial,sans-serif;font-size:${size}px;line-height:1.45;text-align:left;color:${color};">${html}</div></td></tr>`;
  const mjButton = (href: string, label: string, filled: boolean) =>
    `<tr><td align="left" vertical-align="middle" style="font-size:0px;padding:8px 20px;word-break:break-word;"><table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:separate;line-height:100%;"><tbody><tr><td align="center" bgcolor="${filled ? '#0a66c2' : '#ffffff'}" role="presentation" style="border:${filled ? 'none' : '1px solid #0a66c2'};border-radius:24px;cursor:auto;mso-padding-alt:10px 24px;background:${filled ? '#0a66c2' : '#ffffff'};" valign="middle"><a href="${a(href)}" style="display:inline-block;background:${filled ? '#0a66c2' : '#ffffff'};color:${filled ? '#ffffff' : '#0a66c2'};font-family:Helvetica,Arial,sans-serif;font-size:15px;font-weight:700;line-height:120%;margin:0;text-decoration:none;text-transform:none;padding:10px 24px;mso-padding-alt:0px;border-radius:24px;" target="_blank"> ${t(label)} </a></td></tr></tbody></table></td></tr>`;
  const mjImage = (href: string, src: string, alt: string, width: number) =>
    `<tr><td align="left" style="font-size:0px;padding:6px 20px;word-break:break-word;"><table border="0" cellpadding="0" cellspacing="0" role="presentation" style="border-collapse:collapse;border-spacing:0px;"><tbody><tr><td style="width:${width}px;"><a href="${a(href)}" target="_blank"><img alt="${a(alt)}" height="auto" src="${a(src)}" style="border:0;display:block;outline:none;text-decoration:none;height:auto;width:100%;font-size:13px;" width="${width}" /></a></td></tr></tbody></table></td></tr>`;
  const sections = [
    section([
      column(100, [
        mjImage(L.home, 'https://static.licdn.com/aero-v1/sc/h/logo-84.png', 'LinkedIn', 84),
      ]),
    ]),
    section([
      column(100, [
        ...(d.greeting ? [mjText(t(d.greeting), 16)] : []),
        mjText(`<strong>${t(d.heading)}</strong>`, 20),
      ]),
    ]),
    section([
      column(25, [mjImage(L.photo, L.photoSrc, '', 72)]),
      column(75, [
        mjText(
          `<a href="${a(L.name)}" style="color:#191919;text-decoration:none;font-weight:700">${t(d.name)}</a>`,
          17,
        ),
        mjText(t(d.headline), 14, '#666666'),
        ...(d.location ? [mjText(t(d.location), 12, '#666666')] : []),
        ...(d.mutual ? [mjText(t(d.mutual), 12, '#666666')] : []),
      ]),
    ]),
    ...(d.note
      ? [
          section(
            [
              column(
                100,
                paragraphs(d.note).map((p) => mjText(p.map(t).join('<br />'), 15)),
              ),
            ],
            '#eef3f8',
          ),
        ]
      : []),
    ...(d.reminderLine ? [section([column(100, [mjText(t(d.reminderLine), 14, '#666666')])])] : []),
    section([
      column(50, [mjButton(L.accept, d.accept, true)]),
      column(50, [mjButton(L.view, d.view, false)]),
    ]),
    section(
      [
        column(100, [
          mjText(t(d.intended), 12, '#666666'),
          mjText(t(d.receiving), 12, '#666666'),
          mjText(
            `<a href="${a(L.unsubscribe)}" style="color:#666666">${t(d.unsubscribe)}</a> &middot; <a href="${a(L.help)}" style="color:#666666">${t(d.help)}</a>`,
            12,
            '#666666',
          ),
          mjText(t(d.copyright), 12, '#666666'),
        ]),
      ],
      '#f4f2ee',
    ),
  ];
  const preheader = d.preheader
    ? `<div style="display:none;font-size:1px;color:#ffffff;line-height:1px;max-height:0px;max-width:0px;opacity:0;overflow:hidden;">${t(d.preheader)}${PREHEADER_PAD}</div>`
    : '';
  return `<!doctype html><html lang="${d.lang}" dir="auto" xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><head><title></title><!--[if !mso]><!--><meta http-equiv="X-UA-Compatible" content="IE=edge"><!--<![endif]--><meta http-equiv="Content-Type" content="text/html; charset=UTF-8"><meta name="viewport" content="width=device-width, initial-scale=1"><style type="text/css">#outlook a { padding:0; } body { margin:0;padding:0;-webkit-text-size-adjust:100%;-ms-text-size-adjust:100%; } table, td { border-collapse:collapse;mso-table-lspace:0pt;mso-table-rspace:0pt; }</style><!--[if mso]><noscript><xml><o:OfficeDocumentSettings><o:AllowPNG/><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript><![endif]--><!--[if lte mso 11]><style type="text/css">.mj-outlook-group-fix { width:100% !important; }</style><![endif]--><style type="text/css">@media only screen and (min-width:480px) { .mj-column-per-100 { width:100% !important; max-width: 100%; } .mj-column-per-75 { width:75% !important; max-width: 75%; } .mj-column-per-50 { width:50% !important; max-width: 50%; } .mj-column-per-25 { width:25% !important; max-width: 25%; } }</style></head><body style="word-spacing:normal;background-color:#f4f2ee;">${preheader}<div style="background-color:#f4f2ee;" lang="${d.lang}" dir="auto">\n${sections.join('\n')}\n</div></body></html>`;
}

// ---- Text parts.
/** colon: LinkedIn's own ("Accept: <url>"); angle: a client's conversion ("Accept<url>"). */
type LinkStyle = 'colon' | 'angle';

function textPart(d: Doc, style: LinkStyle): string {
  const L = d.links;
  const link = (label: string, href: string) =>
    style === 'colon' ? `${label}: ${href}` : `${label} <${href}>`;
  return [
    ...(d.greeting ? [d.greeting, ''] : []),
    d.heading,
    '',
    ...(d.note ? [d.note, ''] : []),
    d.name,
    d.headline,
    ...(d.location ? [d.location] : []),
    ...(d.mutual ? [d.mutual] : []),
    '',
    ...(d.reminderLine ? [d.reminderLine, ''] : []),
    link(d.accept, L.accept),
    '',
    link(d.view, L.view),
    '',
    '.....................................',
    '',
    d.intended,
    d.receiving,
    '',
    link(d.unsubscribe, L.unsubscribe),
    link(d.help, L.help),
    '',
    d.copyright,
  ].join('\n');
}

/**
 * A text gateway's wrapping. flowed: RFC 3676 (soft breaks end in a space, the reader joins
 * them); hard: long lines broken at the width, at a space or (a URL) anywhere; reflowed: every
 * paragraph joined into one and wrapped again, so the card's name runs into its headline.
 */
type Wrap = 'format=flowed' | 'hard' | 'reflowed';

function breakLine(line: string, width: number, flowed: boolean): string[] {
  const out: string[] = [];
  let rest = line;
  while ([...rest].length > width) {
    const head = [...rest].slice(0, width).join('');
    const space = head.lastIndexOf(' ');
    if (space > 0) {
      out.push(flowed ? head.slice(0, space + 1) : head.slice(0, space));
      rest = rest.slice(space + 1);
    } else if (flowed) {
      // A flowed line may not break a word: a long URL stays whole.
      const next = rest.indexOf(' ');
      if (next < 0) break;
      out.push(rest.slice(0, next + 1));
      rest = rest.slice(next + 1);
    } else {
      out.push(head);
      rest = rest.slice(head.length);
    }
  }
  out.push(rest);
  return out;
}

function wrapText(text: string, wrap: Wrap, width: number): string {
  if (wrap === 'reflowed')
    return text
      .split(/\n{2,}/)
      .map((p) => breakLine(p.replace(/\n/g, ' '), width, false).join('\n'))
      .join('\n\n');
  const flowed = wrap === 'format=flowed';
  return text
    .split('\n')
    .flatMap((line) => breakLine(line, width, flowed))
    .map((line) => (flowed && /^( |>|From )/.test(line) ? ` ${line}` : line))
    .join('\n');
}

// ---- MIME of our own.
type Cte = 'quoted-printable' | 'base64' | '8bit';
interface Leaf {
  type: string;
  body: string;
  cte: Cte;
  charset?: string;
  /** Extra Content-Type parameters (format=flowed). */
  params?: string;
  /** quoted-printable line width (soft breaks), 76 unless a gateway chose less. */
  qpWidth?: number;
}
interface Multi {
  kind: 'alternative' | 'mixed' | 'related';
  parts: Node[];
}
interface Attached {
  message: Buffer;
}
type Node = Leaf | Multi | Attached;

/** Quoted-printable, written here: soft breaks at `width` fall anywhere, never inside an escape. */
function quotedPrintable(bytes: Buffer, width: number): string {
  return bytes
    .toString('latin1')
    .split('\r\n')
    .map((line) => {
      const tokens = [...line].map((c, k) => {
        const code = c.charCodeAt(0);
        const trailingBlank = k === line.length - 1 && (code === 32 || code === 9);
        return code === 61 || code > 126 || (code < 32 && code !== 9) || trailingBlank
          ? `=${code.toString(16).toUpperCase().padStart(2, '0')}`
          : c;
      });
      let out = '';
      let current = '';
      for (const tk of tokens) {
        if (current.length + tk.length > width - 1) {
          out += `${current}=\r\n`;
          current = '';
        }
        current += tk;
      }
      return out + current;
    })
    .join('\r\n');
}

function encodeLeaf(p: Leaf): string {
  const charset = p.charset ?? 'utf-8';
  const bytes = Buffer.from(
    p.body.replace(/\r?\n/g, '\r\n'),
    charset === 'utf-8' ? 'utf8' : 'latin1',
  );
  const body =
    p.cte === 'base64'
      ? bytes.toString('base64').replace(/.{76}/g, '$&\r\n')
      : p.cte === 'quoted-printable'
        ? quotedPrintable(bytes, p.qpWidth ?? 76)
        : bytes.toString('latin1');
  return `Content-Type: ${p.type}; charset="${charset}"${p.params ? `; ${p.params}` : ''}\r\nContent-Transfer-Encoding: ${p.cte}\r\n\r\n${body}`;
}

function encodeNode(n: Node, r: Random): string {
  if ('message' in n)
    return `Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="forwarded.eml"\r\n\r\n${n.message.toString('latin1')}`;
  if ('body' in n) return encodeLeaf(n);
  const b = `=_${token(r, 10)}_${digits(r, 8)}`;
  return `Content-Type: multipart/${n.kind}; boundary="${b}"\r\n\r\n${n.parts.map((p) => `--${b}\r\n${encodeNode(p, r)}`).join('\r\n')}\r\n--${b}--\r\n`;
}

function mail(headers: [string, string][], root: Node, r: Random): Buffer {
  const head = headers.map(([k, v]) => `${k}: ${v}`).join('\r\n');
  return Buffer.from(`${head}\r\nMIME-Version: 1.0\r\n${encodeNode(root, r)}\r\n`, 'latin1');
}

/** A display name in a header: quoted when ASCII, an encoded word (B or Q) otherwise. */
function displayName(name: string, r: Random): string {
  if (/^[\x20-\x7e]*$/.test(name)) return `"${name.replace(/(["\\])/g, '\\$1')}"`;
  return encodedWord(name, r);
}
function encodedWord(v: string, r: Random): string {
  if (/^[\x20-\x7e]*$/.test(v)) return v;
  if (chance(r, 0.5)) return `=?UTF-8?B?${Buffer.from(v).toString('base64')}?=`;
  const q = [...Buffer.from(v)]
    .map((b) =>
      b === 32
        ? '_'
        : /[A-Za-z0-9]/.test(String.fromCharCode(b))
          ? String.fromCharCode(b)
          : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
  return `=?utf-8?Q?${q}?=`;
}
const rfcDate = (d: Date) => d.toUTCString().replace('GMT', '+0000');

/** The mailbox server's verdict on LinkedIn's signatures, as the user's server writes it. */
function linkedInVerdict(s: Scene, authservId: string): string {
  return `${authservId}; dkim=pass header.d=linkedin.com header.s=d2048-2 header.b=${token(s.r, 8)}; dkim=pass header.d=mail.linkedin.com header.s=d2048-1 header.b=${token(s.r, 8)}; spf=pass (${authservId}: domain of s-${token(s.r, 12)}@bounce.linkedin.com designates 108.174.6.${Math.floor(s.r() * 200)} as permitted sender) smtp.mailfrom=s-${token(s.r, 12)}@bounce.linkedin.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com`;
}
const EXCHANGE_ONLINE_VERDICT =
  'spf=pass (sender IP is 108.174.6.215) smtp.mailfrom=bounce.linkedin.com; dkim=pass (signature was verified) header.d=linkedin.com;dmarc=pass action=none header.from=linkedin.com;compauth=pass reason=100';

/** LinkedIn's own headers; `verdict` is the Authentication-Results line, or none. */
function linkedInHeaders(
  s: Scene,
  verdict: string | null,
  subject = s.template === REMINDER
    ? s.w.reminder.subject(s.inviter.name)
    : s.w.subject(s.inviter.first),
): [string, string][] {
  return [
    ...(verdict ? ([['Authentication-Results', verdict]] as [string, string][]) : []),
    [
      'DKIM-Signature',
      `v=1; a=rsa-sha256; c=relaxed/relaxed; d=linkedin.com; s=d2048-2; t=${Math.floor(s.date.getTime() / 1000)}; bh=${token(s.r, 43)}=; h=From:Subject:Date:To:MIME-Version:Content-Type:X-LinkedIn-Class:X-LinkedIn-Template; b=${token(s.r, 120)}`,
    ],
    [
      'DKIM-Signature',
      `v=1; a=rsa-sha256; c=relaxed/relaxed; d=mail.linkedin.com; s=d2048-1; t=${Math.floor(s.date.getTime() / 1000)}; bh=${token(s.r, 43)}=; h=From:Subject:Date:To; b=${token(s.r, 120)}`,
    ],
    ['From', `${displayName(s.inviter.name, s.r)} <invitations@linkedin.com>`],
    ['To', `${displayName(s.recipient.name, s.r)} <${s.recipient.address}>`],
    ['Subject', encodedWord(subject, s.r)],
    ['Date', rfcDate(s.date)],
    [
      'Message-ID',
      `<${digits(s.r, 9)}.${digits(s.r, 7)}.${digits(s.r, 13)}@lva1-app${digits(s.r, 4)}.prod.linkedin.com>`,
    ],
    ['X-LinkedIn-Class', 'INVITE'],
    ['X-LinkedIn-Template', s.template],
    ['X-LinkedIn-fbl', `m2-${token(s.r, 48)}`],
    ['X-LinkedIn-Id', `${token(s.r, 6)}-${token(s.r, 8)}-${token(s.r, 2)}`],
    ['List-Unsubscribe', `<${links(s).unsubscribe}>`],
    ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
  ];
}

/** Most genuine mail carries the mailbox server's verdict; a few reach the user without one. */
function verdictFor(s: Scene): { verdict: string | null; authservId: string; tag: string } {
  const authservId = s.recipient.authservId;
  if (chance(s.r, 0.08)) return { verdict: null, authservId, tag: 'no verdict' };
  return { verdict: linkedInVerdict(s, authservId), authservId, tag: '' };
}

const qp = (type: string, body: string, extra: Partial<Leaf> = {}): Leaf => ({
  type,
  body,
  cte: 'quoted-printable',
  ...extra,
});

interface Built {
  variant: string;
  trustedAuthservId: string;
  raw: Buffer;
}
type Builder = (s: Scene) => Built;
const variantOf = (...tags: string[]) => tags.filter(Boolean).join(', ');

// ---- The classes.
const outlookWord: Builder = (s) => {
  const d = doc(s);
  const buttons = pick<VmlButtons>(s.r, [
    'vml + downlevel link',
    'vml + downlevel link',
    'vml only',
  ]);
  const server = pick(s.r, ['exchange online', 'mailbox server'] as const);
  // Word writes what its code page lacks as character references; windows-1252 only when it can.
  const cp1252 = chance(s.r, 0.4);
  const nonLatin: Esc = (t) =>
    esc(t).replace(/[\u{100}-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)};`);
  const html = outlookHtml(d, buttons, cp1252 ? { text: nonLatin, attr: esc } : PLAIN_ESC);
  const withText = chance(s.r, 0.5);
  const htmlLeaf = qp('text/html', html, cp1252 ? { charset: 'windows-1252' } : {});
  const root: Node = withText
    ? {
        kind: 'alternative',
        parts: [qp('text/plain', textPart(d, 'angle')), htmlLeaf],
      }
    : htmlLeaf;
  const v =
    server === 'exchange online'
      ? { verdict: EXCHANGE_ONLINE_VERDICT, authservId: '', tag: '' }
      : verdictFor(s);
  return {
    variant: variantOf(
      buttons,
      server,
      cp1252 ? 'windows-1252' : 'utf-8',
      withText ? 'with text part' : 'html only',
      v.tag,
    ),
    trustedAuthservId: v.authservId,
    raw: mail(linkedInHeaders(s, v.verdict), root, s.r),
  };
};

const mjmlBuilder: Builder = (s) => {
  const d = doc(s);
  if (chance(s.r, 0.3)) d.preheader = null;
  const withText = chance(s.r, 0.4);
  const cte = pick<Cte>(s.r, ['quoted-printable', 'base64']);
  const htmlLeaf: Leaf = { type: 'text/html', body: mjmlHtml(d), cte };
  const root: Node = withText
    ? {
        kind: 'alternative',
        parts: [{ type: 'text/plain', body: textPart(d, 'colon'), cte }, htmlLeaf],
      }
    : htmlLeaf;
  const v = verdictFor(s);
  return {
    variant: variantOf(
      withText ? 'with text part' : 'html only',
      d.preheader ? 'preheader' : 'no preheader',
      cte,
      v.tag,
    ),
    trustedAuthservId: v.authservId,
    raw: mail(linkedInHeaders(s, v.verdict), root, s.r),
  };
};

const textWrapped: Builder = (s) => {
  const d = doc(s);
  const wrap = pick<Wrap>(s.r, ['format=flowed', 'hard', 'reflowed']);
  const width = 72 + Math.floor(s.r() * 5);
  const style = pick<LinkStyle>(s.r, ['colon', 'angle']);
  const body = wrapText(textPart(d, style), wrap, width);
  const cte = pick<Cte>(s.r, ['quoted-printable', '8bit']);
  const leaf: Leaf = {
    type: 'text/plain',
    body,
    cte,
    ...(wrap === 'format=flowed' ? { params: 'format=flowed; delsp=no' } : {}),
  };
  const v = verdictFor(s);
  return {
    variant: variantOf(
      wrap,
      `${width} columns`,
      style === 'colon' ? 'Label: url' : 'Label <url>',
      cte,
      v.tag,
    ),
    trustedAuthservId: v.authservId,
    raw: mail(linkedInHeaders(s, v.verdict), leaf, s.r),
  };
};

const encodings: Builder = (s) => {
  const d = doc(s);
  const how = pick(s.r, ['qp soft breaks', 'entities', 'entities + qp soft breaks'] as const);
  const qpWidth = how === 'entities' ? 76 : 12 + Math.floor(s.r() * 30);
  const entityLinks = chance(s.r, 0.5);
  const e: Escapes = how.startsWith('entities')
    ? { text: entities(s.r), attr: entityLinks ? entities(s.r) : esc }
    : PLAIN_ESC;
  const layout = pick(s.r, ['tables', 'mjml'] as const);
  const html = layout === 'tables' ? tablesHtml(d, e) : mjmlHtml(d, e);
  const withText = chance(s.r, 0.5);
  const root: Node = withText
    ? {
        kind: 'alternative',
        parts: [
          qp('text/plain', textPart(d, 'colon'), { qpWidth }),
          qp('text/html', html, { qpWidth }),
        ],
      }
    : qp('text/html', html, { qpWidth });
  const v = verdictFor(s);
  return {
    variant: variantOf(
      how,
      how === 'entities' ? '' : `qp width ${qpWidth}`,
      how.startsWith('entities') && entityLinks ? 'links as entities' : '',
      layout,
      withText ? 'with text part' : 'html only',
      v.tag,
    ),
    trustedAuthservId: v.authservId,
    raw: mail(linkedInHeaders(s, v.verdict), root, s.r),
  };
};

const reminders: Builder = (s) => {
  s.template = REMINDER;
  const keep = chance(s.r, 0.6);
  if (!keep) {
    // The reminder leaves the note out: what the mail shows is an invitation without one.
    s.note = null;
    s.planted = 'none';
  }
  const d = doc(s, { reminder: true });
  const layout = pick(s.r, ['tables', 'mjml', 'text only'] as const);
  const root: Node =
    layout === 'text only'
      ? qp('text/plain', textPart(d, 'colon'))
      : {
          kind: 'alternative',
          parts: [
            qp('text/plain', textPart(d, 'colon')),
            qp('text/html', layout === 'tables' ? tablesHtml(d) : mjmlHtml(d)),
          ],
        };
  const v = verdictFor(s);
  return {
    variant: variantOf(keep ? 'note kept' : 'note left out', layout, v.tag),
    trustedAuthservId: v.authservId,
    raw: mail(linkedInHeaders(s, v.verdict), root, s.r),
  };
};

const reworded: Builder = (s) => {
  const d = doc(s, { reworded: true });
  const layout = pick(s.r, ['tables', 'mjml'] as const);
  const subject = chance(s.r, 0.5) ? d.heading : s.w.subject(s.inviter.first);
  const root: Node = {
    kind: 'alternative',
    parts: [
      qp('text/plain', textPart(d, 'colon')),
      qp('text/html', layout === 'tables' ? tablesHtml(d) : mjmlHtml(d)),
    ],
  };
  const v = verdictFor(s);
  return {
    variant: variantOf(
      layout,
      d.greeting ? 'greeting' : 'no greeting',
      subject === d.heading ? 'subject = heading' : '',
      v.tag,
    ),
    trustedAuthservId: v.authservId,
    raw: mail(linkedInHeaders(s, v.verdict, subject), root, s.r),
  };
};

/** The user forwards the invitation inline with Apple Mail (often from a phone) or Thunderbird. */
const clientForward: Builder = (s) => {
  const client = pick(s.r, ['apple mail', 'apple mail', 'thunderbird'] as const);
  const ui = pick(s.r, Object.keys(FORWARD_HEADS));
  const h = FORWARD_HEADS[ui] as (typeof FORWARD_HEADS)[string];
  const sentFrom =
    client === 'apple mail' ? (chance(s.r, 0.8) ? h.sentFrom : pick(s.r, OTHER_SENT_FROM)) : null;
  const d = doc(s);
  const subject = s.w.subject(s.inviter.first);
  const from = `${s.inviter.name} <invitations@linkedin.com>`;
  const to = `${s.recipient.name} <${s.recipient.address}>`;
  const when = s.date.toUTCString();
  const fields: [string, string][] =
    client === 'apple mail'
      ? [
          [h.from, from],
          [h.subject, subject],
          [h.date, when],
          [h.to, to],
        ]
      : [
          [h.subject, subject],
          [h.date, when],
          [h.from, from],
          [h.to, to],
        ];
  const mine = pick(s.r, ['', 'Who is this? Do you know them?', 'fyi']);
  const quoted = client === 'apple mail' && chance(s.r, 0.4);
  const original = textPart(d, 'colon');
  const textHead =
    client === 'apple mail'
      ? [h.apple, '', ...fields.map(([k, v]) => `${k}: ${v}`)]
      : [h.thunderbird, ...fields.map(([k, v]) => `${k}: \t${v}`)];
  const forwardedText = [...textHead, '', original].join('\n');
  const text = [
    ...(mine ? [mine, ''] : []),
    ...(sentFrom ? [sentFrom, ''] : []),
    quoted ? forwardedText.replace(/^/gm, '> ') : forwardedText,
  ].join('\n');
  const inner = tablesHtml(d).replace(/^[\s\S]*?<body[^>]*>|<\/body>[\s\S]*$/g, '');
  const htmlBody =
    client === 'apple mail'
      ? `<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body dir="auto">${mine ? `<div dir="ltr">${esc(mine)}</div>` : ''}<div dir="ltr">${sentFrom ? `<br id="lineBreakAtBeginningOfSignature"><div dir="ltr">${esc(sentFrom)}</div>` : ''}<div dir="ltr"><br><blockquote type="cite">${esc(h.apple)}<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">${fields.map(([k, v]) => `<b>${esc(k)}:</b> ${esc(v)}<br>`).join('')}<br></div>${inner}</blockquote></div></body></html>`
      : `<html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8"></head><body>${mine ? `<p>${esc(mine)}</p>` : ''}<div class="moz-forward-container"><br><br>${esc(h.thunderbird)}<table class="moz-email-headers-table" cellspacing="0" cellpadding="0" border="0"><tbody>${fields.map(([k, v]) => `<tr><th valign="BASELINE" nowrap="nowrap" align="RIGHT">${esc(k)}: </th><td>${esc(v)}</td></tr>`).join('')}</tbody></table><br>${inner}</div></body></html>`;
  const domain = s.recipient.address.split('@')[1] as string;
  const headers: [string, string][] = [
    [
      'Authentication-Results',
      `${s.recipient.authservId}; dkim=pass header.d=${domain} header.s=mail2026 header.b=${token(s.r, 8)}; spf=pass smtp.mailfrom=${s.recipient.address}; dmarc=pass (p=NONE) header.from=${domain}`,
    ],
    ['From', `${displayName(s.recipient.name, s.r)} <${s.recipient.address}>`],
    ['To', `${displayName(s.recipient.name, s.r)} <${s.recipient.address}>`],
    [
      'Subject',
      encodedWord(
        `${ui === 'de' ? 'WG' : ui === 'fr' ? 'TR' : ui === 'it' ? 'I' : ui === 'en' ? 'Fwd' : 'RV'}: ${subject}`,
        s.r,
      ),
    ],
    ['Date', rfcDate(new Date(s.date.getTime() + 5_400_000))],
    ['Message-ID', `<${token(s.r, 8)}-${token(s.r, 4)}-${token(s.r, 12)}@${domain}>`],
    ...(client === 'apple mail'
      ? ([['X-Mailer', 'iPhone Mail (22C152)']] as [string, string][])
      : ([['User-Agent', 'Mozilla Thunderbird']] as [string, string][])),
  ];
  const root: Node = {
    kind: 'alternative',
    parts: [qp('text/plain', text), qp('text/html', htmlBody)],
  };
  return {
    variant: variantOf(
      client,
      `${ui} interface`,
      sentFrom ? `"${sentFrom}"` : '',
      quoted ? 'text quoted with >' : '',
      mine ? 'with a line of their own' : '',
    ),
    trustedAuthservId: s.recipient.authservId,
    raw: mail(headers, root, s.r),
  };
};

/** An invitation sent to a list address, as the list delivered it to the user. */
const mailingList: Builder = (s) => {
  const list = pick(s.r, [
    { how: 'mailman footer in text', name: 'devs', address: 'devs@lists.example.org' },
    { how: 'mailman footer as own part', name: 'users', address: 'users@lists.example.org' },
    { how: 'mailman, from munged', name: 'ops', address: 'ops@lists.example.org' },
    { how: 'google groups', name: 'platform-team', address: 'platform-team@googlegroups.com' },
  ] as const);
  const d = doc(s);
  const google = list.how === 'google groups';
  // A munged From makes it the list's own mail; otherwise LinkedIn's From, its signature broken.
  const munged = list.how === 'mailman, from munged' || google;
  const footerInHtml = munged;
  const footerText = google
    ? `\n\n--\nYou received this message because you are subscribed to the Google Groups "${list.name}" group.\nTo unsubscribe from this group and stop receiving emails from it, send an email to ${list.name}+unsubscribe@googlegroups.com.\nTo view this discussion visit https://groups.google.com/d/msgid/${list.name}/${token(s.r, 20)}%40lva1-app.prod.linkedin.com.`
    : `\n_______________________________________________\n${list.name} mailing list -- ${list.address}\nTo unsubscribe send an email to ${list.name}-leave@lists.example.org\nhttps://lists.example.org/mailman3/lists/${list.name}.lists.example.org/`;
  const text = textPart(d, 'colon');
  const html = tablesHtml(d);
  const footerHtml = `<p style="font-size:11px;color:#777">${esc(footerText.trim()).replace(/\n/g, '<br>')}</p>`;
  const alternative: Node = {
    kind: 'alternative',
    parts: [
      qp('text/plain', list.how === 'mailman footer as own part' ? text : `${text}${footerText}`),
      qp('text/html', footerInHtml ? html.replace('</body>', `${footerHtml}</body>`) : html),
    ],
  };
  const root: Node =
    list.how === 'mailman footer as own part'
      ? { kind: 'mixed', parts: [alternative, qp('text/plain', footerText.trimStart())] }
      : alternative;
  const server = s.recipient.authservId;
  const listDomain = list.address.split('@')[1] as string;
  const signature = google
    ? 'dkim=pass header.d=googlegroups.com'
    : `dkim=fail (body hash did not verify) header.d=linkedin.com; dkim=pass header.d=${listDomain}`;
  const bounce = google
    ? `${list.name}+bncBC${token(s.r, 10)}@googlegroups.com`
    : `${list.name}-bounces@${listDomain}`;
  const dmarc = !munged
    ? 'dmarc=fail (p=REJECT) header.from=linkedin.com'
    : `dmarc=pass header.from=${listDomain}`;
  const verdict = `${server}; ${signature}; arc=pass (i=1 spf=pass spfdomain=bounce.linkedin.com dkim=pass dkdomain=linkedin.com dmarc=pass fromdomain=linkedin.com); spf=pass smtp.mailfrom=${bounce}; ${dmarc}`;
  const headers = linkedInHeaders(s, verdict, `[${list.name}] ${s.w.subject(s.inviter.first)}`).map(
    ([k, v]): [string, string] => {
      if (k === 'From' && munged)
        return [k, `${displayName(`${s.inviter.name} via ${list.name}`, s.r)} <${list.address}>`];
      if (k === 'To') return [k, list.address];
      return [k, v];
    },
  );
  headers.push(
    ['List-Id', `<${list.name}.${listDomain}>`],
    ['Sender', `${list.name}-bounces@${listDomain}`],
    ['Precedence', 'list'],
    [
      'ARC-Authentication-Results',
      `i=1; ${google ? 'mx.google.com' : `mail.${listDomain}`}; dkim=pass header.d=linkedin.com; spf=pass smtp.mailfrom=bounce.linkedin.com; dmarc=pass header.from=linkedin.com`,
    ],
    ...(munged
      ? ([
          ['Reply-To', `${displayName(s.inviter.name, s.r)} <invitations@linkedin.com>`],
          ['X-Original-From', `${displayName(s.inviter.name, s.r)} <invitations@linkedin.com>`],
        ] as [string, string][])
      : []),
  );
  return {
    variant: list.how,
    trustedAuthservId: server,
    raw: mail(headers, root, s.r),
  };
};

export interface SecondClass {
  name: string;
  languages: string[];
  build: Builder;
}

export const SECOND_CLASSES: SecondClass[] = [
  {
    name: 'Outlook/Word HTML (MsoNormal, o:p, VML buttons)',
    languages: ['en', 'en', 'de', 'fr', 'es'],
    build: outlookWord,
  },
  {
    name: 'MJML-style builder (divs, ghost tables, table buttons)',
    languages: ['en', 'it', 'pt', 'es', 'id'],
    build: mjmlBuilder,
  },
  {
    name: 'text only, wrapped 72-76 (flowed, hard, reflowed)',
    languages: ['en', 'en', 'es', 'de', 'fr'],
    build: textWrapped,
  },
  {
    name: 'QP soft breaks in names and notes, all entities',
    languages: ['en', 'fr', 'es', 'pt', 'de'],
    build: encodings,
  },
  {
    name: 'reminders (waiting for your response), note kept or not',
    languages: ['en', 'en', 'es', 'fr', 'it'],
    build: reminders,
  },
  {
    name: 'heading and footer reworded, structure kept',
    languages: ['en', 'en', 'de', 'es', 'pt'],
    build: reworded,
  },
  {
    name: 'Apple Mail and Thunderbird forwards, Sent from my iPhone',
    languages: ['en', 'en', 'de', 'fr', 'es', 'it'],
    build: clientForward,
  },
  {
    name: 'sent to a mailing list (Mailman, Google Groups)',
    languages: ['en', 'en', 'es', 'de'],
    build: mailingList,
  },
];

const nameHash = (name: string) =>
  [...name].reduce((h, c) => (Math.imul(h, 31) + (c.codePointAt(0) as number)) >>> 0, 7);

function caseOf(cls: SecondClass, s: Scene): BlindCase {
  // Built first: a reminder may leave the note out, and what was planted is then no note.
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
export function plantedSecondCase(
  cls: SecondClass,
  r: Random,
  lang: string,
  plant: Plant,
): BlindCase {
  return caseOf(cls, scene(r, lang, plant));
}

export function generateSecond(cls: SecondClass, count: number, seed: number): BlindCase[] {
  const out: BlindCase[] = [];
  for (let k = 0; k < count; k++) {
    const r = mulberry32(seed * 2_000_029 + k * 104_729 + nameHash(cls.name));
    out.push(caseOf(cls, scene(r, pick(r, cls.languages))));
  }
  return out;
}
