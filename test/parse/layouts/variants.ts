// The layout-variant generator behind bench/layouts.bench.ts and test/parse/variants.test.ts.
// Each case is one raw message and the truth planted in it: what the inviter wrote (nothing,
// LinkedIn's default note, a generic line, a pitch, a note giving context, a personal note), so
// what category it belongs to and whether a draft is expected. The truth comes from what was
// planted, never from the classifier. The layout axes (scene.ts) change only the markup and the
// MIME, so they never change the right answer. Every case is a function of (class, seed).
import { mulberry32 } from '../../faults/support/random.ts';
import { HELD_OUT } from './families/heldout.ts';
import { INVITE_2026_LANGUAGES, invite2026 } from './families/invite2026.ts';
import {
  REDESIGN_DEFAULT_NOTE,
  REDESIGN_LANGUAGES,
  redesignInvite,
  redesignMessage,
  redesignPymk,
} from './families/redesign.ts';
import { FAMILIES, type Family } from './families.ts';
import { buildMime, type Encoding } from './mime.ts';
import type { Person, Recipient, Variant } from './render.ts';
import type { Axes, Mail, Scene, SceneNote } from './scene.ts';

export type Planted = 'none' | 'default' | 'generic' | 'pitch' | 'context' | 'personal';
/** The category the case belongs to; `not-invitation` is LinkedIn mail that is no invitation. */
export type Expected = 'no-context' | 'pitch' | 'has-context' | 'suspicious' | 'not-invitation';

export interface Truth {
  planted: Planted;
  expected: Expected;
  /** The inviter's own paragraphs, each of which the parsed note must contain; null when none. */
  paragraphs: string[] | null;
}

export interface Case {
  cls: string;
  family: string;
  lang: string;
  seed: number;
  /** The axes the case was rendered with, for per-axis breakdowns. */
  axes: Record<string, string | number | boolean>;
  truth: Truth;
  raw: Buffer;
}

type Random = () => number;

const pick = <T>(r: Random, items: readonly T[]): T => items[Math.floor(r() * items.length)] as T;
const chance = (r: Random, p: number) => r() < p;

export function expectedOf(planted: Planted): Expected {
  if (planted === 'pitch') return 'pitch';
  if (planted === 'context' || planted === 'personal') return 'has-context';
  return 'no-context';
}

// People and notes of the generator's own: none of them appears in test/fixtures.
const INVITERS: Person[] = [
  {
    name: 'Tomasz Wiśniewski',
    first: 'Tomasz',
    headline: 'Principal Engineer, Payments Infrastructure at Vistula Pay | Kafka, Go',
    location: 'Kraków, Małopolskie, Poland',
    vanity: 'tomasz-wisniewski-7f3a21',
  },
  {
    name: 'Aroha Ngata',
    first: 'Aroha',
    headline: 'Community Lead at Kōwhai Cloud',
    location: 'Wellington, New Zealand',
    vanity: 'aroha-ngata',
  },
  {
    name: 'Ελένη Παπαδοπούλου',
    first: 'Ελένη',
    headline: 'Data Protection Officer | GDPR | ISO 27001 Lead Auditor',
    location: 'Athens, Attiki, Greece',
    vanity: 'eleni-papadopoulou-dpo',
  },
  {
    name: 'Ольга Смирнова',
    first: 'Ольга',
    headline: 'QA Automation Engineer (Playwright, TypeScript)',
    location: 'Tbilisi, Georgia',
    vanity: 'olga-smirnova-qa',
  },
  {
    name: 'محمد الحسيني',
    first: 'محمد',
    headline: 'Cloud Architect at Nakheel Systems',
    location: 'Dubai, United Arab Emirates',
    vanity: 'mohammed-alhusseini',
  },
  {
    name: 'अनन्या शर्मा',
    first: 'अनन्या',
    headline: 'ML Engineer | Speech & NLP | ex-Research Intern',
    location: 'Pune, Maharashtra, India',
    vanity: 'ananya-sharma-ml',
  },
  {
    name: '王 伟',
    first: '王 伟',
    headline: 'Embedded Software Engineer at Lanting Robotics',
    location: 'Shenzhen, Guangdong, China',
    vanity: 'wei-wang-embedded',
  },
  {
    name: '김 지현',
    first: '김 지현',
    headline: 'UX Researcher at Haneul Labs',
    location: 'Seoul, South Korea',
    vanity: 'jihyun-kim-ux',
  },
  {
    name: 'Zoë van der Berg',
    first: 'Zoë',
    headline: 'Talent Acquisition Partner – Engineering & Product',
    location: 'Utrecht, Netherlands',
    vanity: 'zoevanderberg',
  },
  {
    name: 'Kwame Mensah-Bonsu',
    first: 'Kwame',
    headline: 'Founder & CEO at Sankofa Analytics — we help SMEs grow with data',
    location: null,
    vanity: 'kwame-mensah-bonsu',
  },
  {
    name: 'Inès Moreau-Lefèvre',
    first: 'Inès',
    headline: 'Responsable produit chez Lumière Santé',
    location: 'Lyon, Auvergne-Rhône-Alpes, France',
    vanity: 'ines-moreau-lefevre',
  },
  {
    name: 'Giulia Bianchi, PhD',
    first: 'Giulia',
    headline: 'Assistant Professor of Distributed Systems, Politecnico',
    location: 'Torino, Piemonte, Italia',
    vanity: 'giulia-bianchi-phd',
  },
];

/** The people LinkedIn shows around an invitation: "More people you may know", other invitations. */
const OTHERS: Person[] = [
  {
    name: 'Sven Halvorsen',
    first: 'Sven',
    headline: 'Staff Site Reliability Engineer at Fjordline Data, building resilient platforms',
    location: 'Oslo, Norway',
    vanity: 'sven-halvorsen',
  },
  {
    name: 'Camila Duarte',
    first: 'Camila',
    headline: 'Frontend Developer | React | Accessibility advocate',
    location: 'Porto, Portugal',
    vanity: 'camila-duarte-dev',
  },
  {
    name: 'Rahul Venkataraman',
    first: 'Rahul',
    headline: 'Product Designer at Monsoon Studio',
    location: 'Chennai, India',
    vanity: 'rahul-venkataraman',
  },
  {
    name: 'Fatima Zahra Benali',
    first: 'Fatima',
    headline: 'Security Analyst, SOC Tier 2 at Atlas Secure',
    location: 'Casablanca, Morocco',
    vanity: 'fz-benali',
  },
  {
    name: 'Jonas Becker',
    first: 'Jonas',
    headline: 'Werkstudent Softwareentwicklung bei Nordlicht Energie',
    location: 'Bremen, Deutschland',
    vanity: 'jonas-becker-0b2',
  },
  {
    name: 'Hana Suzuki',
    first: 'Hana',
    headline: 'Engineering Manager at Sakura Mobility',
    location: 'Osaka, Japan',
    vanity: 'hana-suzuki-em',
  },
];

const RECIPIENTS: (Recipient & { vanity: string })[] = [
  {
    name: 'Elin Sandberg',
    first: 'Elin',
    address: 'elin.sandberg@example.org',
    headline: 'Director of Engineering at Granit Software',
    vanity: 'elin-sandberg',
  },
  {
    name: 'Rafael Oliveira',
    first: 'Rafael',
    address: 'rafael.oliveira@example.com.br',
    headline: 'Tech Lead na Ipê Sistemas',
    vanity: 'rafael-oliveira-tl',
  },
  {
    name: 'Katrin Vogel',
    first: 'Katrin',
    address: 'katrin.vogel@example.de',
    headline: 'Leiterin IT-Sicherheit bei Hafenstadt Logistik',
    vanity: 'katrin-vogel-it',
  },
];

/** LinkedIn's default notes, per language (test/fixtures/DEFAULT_NOTES.md). */
const DEFAULT_NOTES: Record<string, string[]> = {
  en: [
    "I'd like to add you to my professional network on LinkedIn.",
    "I'd like to join your LinkedIn network.",
    "I'd like to connect with you on LinkedIn.",
  ],
  de: [
    'Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.',
    'Ich würde mich gerne mit Ihnen auf LinkedIn vernetzen.',
  ],
  fr: ['Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.'],
  es: ['Me gustaría añadirte a mi red profesional en LinkedIn.'],
  pt: ['Gostaria de adicioná-lo à minha rede profissional no LinkedIn.'],
  nl: ['Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.'],
  it: ['Vorrei aggiungerti alla mia rete professionale su LinkedIn.'],
  id: ['Saya ingin menambahkan Anda ke jaringan profesional saya di LinkedIn.'],
};

/** Notes that say where or how the inviter knows the recipient. */
const CONTEXT = [
  'We met at the Grafana meetup in Stockholm last month, you gave the talk on alert fatigue.',
  'We were on the same panel at DevOpsDays Amsterdam in June.',
  'I was your teammate on the Halcyon data migration at Granit back in 2021.',
  'We spoke at the KubeCon booth about multi-tenant clusters.',
  'We met at the hackathon in Tallinn, I was on the team with the drone project.',
  'We sat at the same table at the CTO dinner in Lisbon on Tuesday.',
  'Our kids are in the same class at the Rosendal school, we talked at the parents evening.',
  'We met at your workshop on threat modelling at BSides Oslo.',
  'Wir haben uns auf der JavaLand in Brühl am Stand von Nordlicht getroffen.',
  'Wir waren zusammen im Projekt Seeadler bei der Hafenstadt Logistik.',
  'On s’est rencontrés au meetup Paris.rb le mois dernier, merci pour ta présentation.',
  'Nos conocimos en el Codemotion de Madrid, en la charla sobre observabilidad.',
  'A gente se conheceu na Python Brasil em Caxias, no sprint de documentação.',
  'Ci siamo incontrati al DevFest di Pisa, al tavolo del workshop su Flutter.',
  'We hebben elkaar ontmoet op de Dutch PHP Conference in Amsterdam.',
];

/** Notes a person wrote that give no place but are personal, for the user to read. */
const PERSONAL = [
  'Your write-up on migrating off Jenkins saved my team a month, thank you.',
  'I keep coming back to your thread on code review etiquette; it changed how our team works.',
  'Congratulations on the new role at Granit, well deserved after the Halcyon launch.',
  'Jonas Becker told me you are the person to ask about Postgres logical replication.',
  'Ihr Artikel über Zero-Trust im Mittelstand hat mir sehr geholfen, danke!',
  'Tu hilo sobre accesibilidad en formularios me abrió los ojos, ¡gracias!',
];

/** Notes that sell, recruit or ask for work. */
const PITCH = [
  'I help SaaS founders book 20+ qualified demos a month with done-for-you outbound.',
  'We are hiring a Staff Platform Engineer, fully remote, and your profile looks like a great fit.',
  'Our agency offers white label app development at 40% below your current costs.',
  'Are you open to new opportunities? I have a Head of Engineering role with a Series B fintech.',
  'I would love to show you our AI-powered lead generation platform in a quick 15-minute demo.',
  'Ich unterstütze Mittelständler bei der Digitalisierung – hätten Sie Zeit für ein kurzes Gespräch über unsere Dienstleistungen?',
  'Nous aidons les PME à automatiser leur prospection commerciale. Seriez-vous disponible pour une démo de 15 minutes ?',
  'Ayudamos a empresas SaaS a duplicar sus ventas. ¿Agendamos una llamada esta semana?',
];

/** Notes of nothing but a greeting and "let's connect" filler. */
const GENERIC = [
  (first: string) => `Hi ${first}, I'd love to connect with you!`,
  () => 'I would like to connect with you.',
  (first: string) => `Hello ${first}, happy to connect.`,
  () => "Hi, I'd love to connect!",
];

const QUOTES = [
  ['“', '”'],
  ['„', '“'],
  ['«\u00a0', '\u00a0»'],
  ['"', '"'],
] as const;

function plantedNote(
  r: Random,
  planted: Planted,
  lang: string,
  recipient: Recipient,
  defaults: Record<string, string[]>,
): SceneNote | null {
  switch (planted) {
    case 'none':
      return null;
    case 'default':
      return { paragraphs: [pick(r, defaults[lang] ?? defaults.en ?? [])], quote: null };
    case 'generic':
      return { paragraphs: [pick(r, GENERIC)(recipient.first)], quote: null };
    default: {
      const pool = planted === 'pitch' ? PITCH : planted === 'context' ? CONTEXT : PERSONAL;
      const count = 1 + Math.floor(r() * 3);
      const paragraphs: string[] = [];
      for (let i = 0; i < count; i++) {
        let p = pick(r, pool);
        if (i === 0 && chance(r, 0.4)) p = `Hi ${recipient.first}, ${p}`;
        if (chance(r, 0.15)) p = `${p} 🙂`;
        if (i > 0 && chance(r, 0.3))
          p = planted === 'pitch' ? 'Deck: https://example.org/deck-2026.pdf' : 'Best, and 👋';
        paragraphs.push(p);
      }
      return { paragraphs, quote: chance(r, 0.2) ? pick(r, QUOTES) : null };
    }
  }
}

function plant(r: Random, weights: [Planted, number][]): Planted {
  const total = weights.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [kind, w] of weights) {
    x -= w;
    if (x < 0) return kind;
  }
  return weights[0]?.[0] ?? 'none';
}

const INVITATION_MIX: [Planted, number][] = [
  ['none', 3],
  ['default', 2],
  ['generic', 1],
  ['pitch', 2],
  ['context', 3],
  ['personal', 1],
];

function permutation(r: Random, n: number): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j] as number, out[i] as number];
  }
  return out;
}

function axes(r: Random, parts: readonly Axes['parts'][]): Axes {
  const pymk = chance(r, 0.5) ? 2 + Math.floor(r() * 3) : 0;
  return {
    nest: pick(r, ['table', 'div', 'p', 'br'] as const),
    wrappers: Array.from({ length: 1 + Math.floor(r() * 6) }, () => Math.floor(r() * 4)),
    wrapper: pick(r, ['table', 'div'] as const),
    buttons: pick(r, ['cells', 'one-cell', 'spans'] as const),
    parts: pick(r, parts),
    encoding: pick(r, ['base64', 'quoted-printable', '8bit'] as const),
    flowed: chance(r, 0.3),
    preheader: pick(r, ['note', 'cut', 'heading', 'none'] as const),
    padding: chance(r, 0.7),
    pymk,
    promo: chance(r, 0.5),
    pending: chance(r, 0.25),
    footerOrder: chance(r, 0.5) ? [0, 1, 2, 3, 4] : permutation(r, 5),
    footerJoined: chance(r, 0.4),
    noteParagraphs: pick(r, ['p', 'br'] as const),
    nameSlot: pick(r, ['header-0-profile_glimmer', 'hero-3-prof%7Ename'] as const),
  };
}

function axesSummary(a: Axes): Case['axes'] {
  return {
    nest: a.nest,
    buttons: a.buttons,
    parts: a.parts,
    encoding: a.flowed ? `${a.encoding}+flowed` : a.encoding,
    preheader: a.preheader,
    pymk: a.pymk > 0,
    promo: a.promo,
    pending: a.pending,
    footer: `${a.footerJoined ? 'joined' : 'separate'}/${a.footerOrder.join('') === '01234' ? 'usual order' : 'shuffled'}`,
    noteParagraphs: a.noteParagraphs,
  };
}

function scene(r: Random, lang: string, note: SceneNote | null, ax: Axes): Scene {
  return {
    lang,
    inviter: pick(r, INVITERS),
    recipient: pick(r, RECIPIENTS),
    note,
    mutual: chance(r, 0.6) ? 1 + Math.floor(r() * 120) : null,
    others: permutation(r, OTHERS.length).map((i) => OTHERS[i] as Person),
    invitationId: `74${String(Math.floor(r() * 1e15)).padStart(15, '0')}`,
    sharedKey: `Qm${Math.floor(r() * 1e6).toString(36)}-x`,
    axes: ax,
  };
}

/** How a genuine mail's receiving server recorded its checks (or did not). */
function genuineHeaders(r: Random, template: string, seq: number): [string, string][] {
  const headers: [string, string][] = [];
  if (chance(r, 0.6))
    headers.push([
      'Authentication-Results',
      'mx.example.net; dkim=pass header.i=@linkedin.com header.s=d2048-2021-q3 header.b=Xk3f2Q1a; spf=pass (mx.example.net: domain of s-7kq2@bounce.linkedin.com designates 108.174.3.5 as permitted sender) smtp.mailfrom=s-7kq2@bounce.linkedin.com; dmarc=pass (p=REJECT sp=REJECT dis=NONE) header.from=linkedin.com',
    ]);
  headers.push(
    ['Return-Path', '<s-7kq2xw1v9p@bounce.linkedin.com>'],
    ['X-LinkedIn-Class', template.includes('message') ? 'INBOX' : 'INVITE'],
    ['X-LinkedIn-Template', template],
    ['X-LinkedIn-fbl', `s-AQH${seq.toString(36)}Zq9`],
    ['X-LinkedIn-Id', `${seq.toString(36)}-lz8k2`],
    [
      'List-Unsubscribe',
      '<https://www.linkedin.com/comm/psettings/email-unsubscribe?lipi=urn%3Ali%3Apage%3Aemail>',
    ],
    ['List-Unsubscribe-Post', 'List-Unsubscribe=One-Click'],
  );
  return headers;
}

function raw(
  mail: Mail,
  recipient: Recipient,
  a: Pick<Axes, 'encoding' | 'flowed'>,
  headers: [string, string][],
  seq: number,
): Buffer {
  return buildMime(
    {
      from: mail.from,
      to: { name: recipient.name, address: recipient.address },
      subject: mail.subject,
      date: new Date(Date.UTC(2026, 10, 3, 8, seq % 60, 12)),
      messageId: `<${1_700_000_000 + seq}.${seq}.1791709812000.JavaMail.app@lor1-app${seq % 97}.prod.linkedin.com>`,
      headers,
      text: mail.text,
      html: mail.html,
      encoding: a.encoding as Encoding,
      flowed: a.flowed,
    },
    `----=_Part_${seq}_${(seq * 7919) % 100000}.1791709812000`,
  );
}

function truthOf(planted: Planted, note: SceneNote | null): Truth {
  const own = planted !== 'none' && planted !== 'default';
  return {
    planted,
    expected: expectedOf(planted),
    paragraphs: own && note ? note.paragraphs : null,
  };
}

/** One invitation of the 2024-2026 layout, the redesign or a held-out format. */
function sceneCase(
  cls: string,
  seed: number,
  family: string,
  lang: string,
  render: (s: Scene) => Mail,
  defaults: Record<string, string[]>,
  parts: readonly Axes['parts'][] = ['html', 'html', 'both', 'text'],
): Case {
  const r = mulberry32(seed);
  const planted = plant(r, INVITATION_MIX);
  const recipientPick = pick(r, RECIPIENTS);
  const ax = axes(r, parts);
  const note = plantedNote(r, planted, lang, recipientPick, defaults);
  const s = { ...scene(r, lang, note, ax), recipient: recipientPick };
  const mail = render(s);
  return {
    cls,
    family,
    lang,
    seed,
    axes: axesSummary(ax),
    truth: truthOf(planted, note),
    raw: raw(mail, s.recipient, ax, genuineHeaders(r, mail.template, seed), seed),
  };
}

/** A family of test/parse/layouts/families.ts: the frames the fixtures (and the packs) know. */
async function knownCase(cls: string, family: Family, seed: number): Promise<Case> {
  const r = mulberry32(seed);
  const planted = plant(r, INVITATION_MIX);
  const lang = pick(r, family.languages);
  const recipient = pick(r, RECIPIENTS);
  const ax = axes(r, family.parts);
  // Layouts that always carry a note render their own default note when the inviter wrote none.
  const note =
    planted === 'default' && family.defaultNote?.[lang]
      ? null
      : plantedNote(r, planted, lang, recipient, DEFAULT_NOTES);
  const v: Variant = {
    lang,
    inviter: pick(r, INVITERS),
    recipient,
    note: note ? { paragraphs: note.paragraphs, quote: note.quote } : null,
    // LinkedIn's default note stands where the family puts it; a person's note may stand anywhere.
    place:
      planted === 'default' || (planted === 'none' && family.defaultNote)
        ? 0
        : Math.floor(r() * family.places.length),
    inline: chance(r, 0.3),
    greeting: chance(r, 0.8),
    mutual:
      family.hasIdentity && chance(r, 0.5)
        ? { count: 1 + Math.floor(r() * 300), form: Math.floor(r() * 3) }
        : null,
    rename: [null, null],
    wrappers: ax.wrappers,
    wrapper: ax.wrapper,
    parts: ax.parts,
    preheader: pick(r, ['full', 'cut', 'none'] as const),
    paragraphGap: chance(r, 0.5) ? 1 : 0,
  };
  const rendered = family.render(v);
  const mail: Mail = {
    ...rendered,
    text: ax.parts === 'html' ? null : rendered.text,
    html: ax.parts === 'text' ? null : rendered.html,
  };
  return {
    cls,
    family: family.name,
    lang,
    seed,
    axes: {
      parts: ax.parts,
      encoding: ax.flowed ? `${ax.encoding}+flowed` : ax.encoding,
      place: family.places[v.place] ?? '',
      wrapper: ax.wrapper,
    },
    truth: truthOf(planted, note),
    raw: raw(mail, recipient, ax, genuineHeaders(r, rendered.template, seed), seed),
  };
}

const TRAPS = [
  'look-alike sender domain',
  'DKIM fails (Authentication-Results)',
  'links off LinkedIn',
] as const;

/** An imitation: a 2024-2026 invitation that would be drafted, sent by someone else. */
function imitationCase(cls: string, seed: number): Case {
  const r = mulberry32(seed);
  const planted = plant(r, [
    ['none', 3],
    ['default', 2],
    ['pitch', 1],
  ]);
  const lang = pick(r, INVITE_2026_LANGUAGES);
  const recipient = pick(r, RECIPIENTS);
  const ax = axes(r, ['html', 'both']);
  const note = plantedNote(r, planted, lang, recipient, DEFAULT_NOTES);
  const s = { ...scene(r, lang, note, ax), recipient };
  const mail = invite2026(s);
  const trap = pick(r, TRAPS);
  let headers = genuineHeaders(r, mail.template, seed).filter(
    ([k]) => k !== 'Authentication-Results',
  );
  if (trap === 'look-alike sender domain') {
    mail.from = {
      name: mail.from.name,
      address: pick(r, [
        'invitations@linkedln.com',
        'invitations@linkedin-mail.net',
        'no-reply@linnkedin.com',
      ]),
    };
    headers = headers.map(([k, v]) => [
      k,
      v.replace(/bounce\.linkedin\.com/g, 'mailer.linkedln.com'),
    ]);
  } else if (trap === 'DKIM fails (Authentication-Results)') {
    headers.unshift([
      'Authentication-Results',
      'mx.example.net; dkim=fail (signature did not verify) header.d=linkedin.com header.s=d2048-2021-q3; spf=softfail smtp.mailfrom=bounce.linkedin.com; dmarc=fail (p=REJECT) header.from=linkedin.com',
    ]);
  } else {
    const off = (t: string | null) =>
      t?.replace(
        /https:\/\/www\.linkedin\.com\/comm\/(mynetwork|in)\//g,
        'https://linkedin.invite-secure.top/comm/$1/',
      ) ?? null;
    mail.html = off(mail.html);
    mail.text = off(mail.text);
  }
  return {
    cls,
    family: `imitation: ${trap}`,
    lang,
    seed,
    axes: { ...axesSummary(ax), trap },
    truth: { planted, expected: 'suspicious', paragraphs: null },
    raw: raw(mail, recipient, ax, headers, seed),
  };
}

/** LinkedIn mail in the redesign's frame that is no invitation. */
function otherMailCase(cls: string, seed: number): Case {
  const r = mulberry32(seed);
  const lang = pick(r, REDESIGN_LANGUAGES);
  const recipient = pick(r, RECIPIENTS);
  const ax = axes(r, ['html', 'both']);
  const message = chance(r, 0.5);
  const body = message
    ? { paragraphs: [pick(r, chance(r, 0.5) ? CONTEXT : PITCH)], quote: null }
    : null;
  const s = { ...scene(r, lang, body, ax), recipient };
  const mail = message ? redesignMessage(s) : redesignPymk(s);
  return {
    cls,
    family: message ? 'redesign: message notification' : 'redesign: people you may know',
    lang,
    seed,
    axes: axesSummary(ax),
    truth: { planted: 'none', expected: 'not-invitation', paragraphs: null },
    raw: raw(mail, recipient, ax, genuineHeaders(r, mail.template, seed), seed),
  };
}

export interface VariantClass {
  name: string;
  /** A layout the parser is expected to know (existing packs): recall is asserted, not only safety. */
  known: boolean;
  generate(seed: number): Promise<Case>;
}

const REDESIGN_DEFAULTS = Object.fromEntries(
  Object.entries(REDESIGN_DEFAULT_NOTE).map(([k, v]) => [k, [v]]),
);

export const CLASSES: VariantClass[] = [
  ...FAMILIES.map(
    (family): VariantClass => ({
      name: `known: ${family.name.replace(/ \(.*/, '')}`,
      known: true,
      generate: (seed) => knownCase(`known: ${family.name.replace(/ \(.*/, '')}`, family, seed),
    }),
  ),
  {
    name: 'invite-2026 (7 languages)',
    known: true,
    generate: async (seed) => {
      const lang = pick(mulberry32(seed ^ 0x5bd1e995), INVITE_2026_LANGUAGES);
      return sceneCase(
        'invite-2026 (7 languages)',
        seed,
        'invite-2026',
        lang,
        invite2026,
        DEFAULT_NOTES,
      );
    },
  },
  {
    // LinkedIn changes one thing: a line in every invitation's card under the inviter's.
    name: 'invite-2026 + a line in the card',
    known: false,
    generate: async (seed) =>
      sceneCase(
        'invite-2026 + a line in the card',
        seed,
        'invite-2026',
        'en',
        (s) => invite2026({ ...s, cardLine: 'Usually responds within a day' }),
        DEFAULT_NOTES,
      ),
  },
  {
    name: 'held-out public formats',
    known: true,
    generate: async (seed) => {
      const family = pick(mulberry32(seed ^ 0x27d4eb2f), HELD_OUT);
      return sceneCase(
        'held-out public formats',
        seed,
        `held-out: ${family.name}`,
        'en',
        (s) => family.render(s),
        { en: [family.defaultNote] },
        ['both', 'text', 'html'],
      );
    },
  },
  {
    name: 'redesign: invitations',
    known: false,
    generate: async (seed) => {
      const lang = pick(mulberry32(seed ^ 0x165667b1), REDESIGN_LANGUAGES);
      return sceneCase(
        'redesign: invitations',
        seed,
        'redesign: invitation',
        lang,
        redesignInvite,
        REDESIGN_DEFAULTS,
      );
    },
  },
  {
    name: 'redesign: other LinkedIn mail',
    known: false,
    generate: async (seed) => otherMailCase('redesign: other LinkedIn mail', seed),
  },
  {
    name: 'imitations',
    known: false,
    generate: async (seed) => imitationCase('imitations', seed),
  },
];

/** `count` cases of a class, deterministic in (class, seed). */
export async function generate(cls: VariantClass, count: number, seed: number): Promise<Case[]> {
  const base = mulberry32(seed ^ hash(cls.name));
  const out: Case[] = [];
  for (let i = 0; i < count; i++) out.push(await cls.generate(Math.floor(base() * 2 ** 31)));
  return out;
}

function hash(text: string): number {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ (c.codePointAt(0) ?? 0), 16777619);
  return h >>> 0;
}
