// An adversarial blind set aimed at the safety direction: invitations whose note says where the
// inviter and the user met, or is written to someone the inviter knows, but is built to be
// mistaken for no note, for LinkedIn's default note, a bare greeting or LinkedIn's own text:
// where in a few words without the usual words ("Table 7, Tuesday night."), the default note
// with a detail added or edited in, notes that read like a LinkedIn line or open with the
// inviter's own name, numbers, links, addresses, emoji and right-to-left text, context only in
// a later paragraph, languages with and without a pack, reminders, and one note sent word for
// word by many inviters of one mailbox (what the learned frame may take for LinkedIn's).
//
// Written without reading the parser. The mail is built by the two blind generators
// (generator.ts, second.ts) with the note planted here; every class also has invitations with
// no note, the default note or a bare greeting (the generators' own), so that the mailbox has
// genuine frame to learn. Every case is a function of (class, seed); bench/blind.bench.ts
// --set adversarial measures them.
import { chance, mulberry32, pick } from '../../faults/support/random.ts';
import { FRAMES } from './frames.ts';
import {
  BLIND_CLASSES,
  type BlindCase,
  type Plant,
  type Planted,
  plantedBlindCase,
} from './generator.ts';
import { plantedSecondCase, SECOND_CLASSES } from './second.ts';
import { SECOND_WORDING } from './secondWording.ts';

type Random = () => number;
type Who = Parameters<NonNullable<Plant['note']>>[0];
export type Note = (who: Who) => string;
export const fixed =
  (text: string): Note =>
  () =>
    text;

// ---- Layouts: a class of one of the two blind generators, found by the start of its name.
export interface Layout {
  name: string;
  languages: string[];
  build: (r: Random, lang: string, plant: Plant) => BlindCase;
  /** Only the generator's variants that match (its own choice, drawn again until one does). */
  variant?: RegExp;
}

function firstLayout(name: string, prefix: string, variant?: RegExp): Layout {
  const cls = BLIND_CLASSES.find((c) => c.name.startsWith(prefix));
  if (!cls) throw new Error(`no blind class ${prefix}`);
  return {
    name,
    languages: Object.keys(FRAMES),
    build: (r, lang, plant) => plantedBlindCase(cls, r, lang, plant),
    ...(variant ? { variant } : {}),
  };
}

function secondLayout(name: string, prefix: string, variant?: RegExp): Layout {
  const cls = SECOND_CLASSES.find((c) => c.name.startsWith(prefix));
  if (!cls) throw new Error(`no second blind class ${prefix}`);
  return {
    name,
    languages: Object.keys(SECOND_WORDING),
    build: (r, lang, plant) => plantedSecondCase(cls, r, lang, plant),
    ...(variant ? { variant } : {}),
  };
}

export const L = {
  tables: firstLayout('tables or mobile', 'languages with a pack'),
  deep: firstLayout('deep tables or mobile', 'deep tables'),
  safeLinks: firstLayout('links rewritten', 'gateway: links'),
  banner: firstLayout('gateway banner', 'gateway: banner'),
  recoded: firstLayout('parts dropped or re-encoded', 'gateway: parts'),
  textOnlyGateway: firstLayout('text only (gateway)', 'gateway: parts', /^text only/),
  forwarded: firstLayout('forwarded', 'forwarded'),
  outlook: secondLayout('Outlook/Word', 'Outlook/Word'),
  mjml: secondLayout('MJML', 'MJML'),
  mjmlNoPreheader: secondLayout('MJML', 'MJML', /no preheader/),
  mjmlPreheader: secondLayout('MJML', 'MJML', /, preheader/),
  textWrapped: secondLayout('text only, wrapped', 'text only'),
  encodings: secondLayout('QP soft breaks, entities', 'QP soft breaks'),
  reminders: secondLayout('reminder', 'reminders', /note kept/),
  reworded: secondLayout('reworded frame', 'heading and footer reworded'),
  clientForward: secondLayout('Apple Mail/Thunderbird forward', 'Apple Mail'),
} satisfies Record<string, Layout>;

// ---- The notes, by family. Each says where they met or is written to someone the inviter
// knows: a where-we-met draft to any of them would be rude.
export interface Family {
  name: string;
  planted: Planted;
  /**
   * The family's notes for a mail in `lang` (inviters write English in any frame too); none: the
   * generator writes its own of the planted kind.
   */
  notes: (lang: string) => Note[];
  /** What happens to the built mail after (a gateway, an imitator); `r` is the case's own. */
  finish?: (c: BlindCase, r: Random) => BlindCase;
}

const CRYPTIC_WHERE = [
  'Table 7, Tuesday night.',
  'Row 12 at the Berlin JS meetup',
  'Same Kafka Summit hallway track 🙂',
  'ex-Zalando, checkout squad',
  'CS 161 TA here',
  'Your Lisbon talk, front row',
  'Gate B22, the delayed flight to Oslo',
  'Bunk above yours, scout camp 2004',
  'Lab partner, CHEM 101',
  'Team Blue Owls, hackathon weekend',
  'Seat 14C, LH 432',
  'Same cohort, Le Wagon batch #412',
  'Pitch night. I had the slot after yours.',
  'Neighbours at booth 14',
  'Standup buddy at Spotify, 2019-2021',
];
const cryptic: Family = {
  name: 'where, in few words',
  planted: 'where',
  notes: () => CRYPTIC_WHERE.map(fixed),
};

/** Short notes that only someone the user has met writes: close to a bare greeting. */
const nearGreeting: Family = {
  name: 'personal, close to a greeting',
  planted: 'personal',
  notes: () => [
    fixed('Hi again!'),
    (w) => `Hello again ${w.recipientFirst}!`,
    fixed('Great to see you again 🙂'),
    fixed('Long time no see!'),
    fixed('Nice meeting you!'),
    fixed('Good to meet you yesterday.'),
    fixed('Thanks again!'),
    fixed('As promised 🙂'),
    (w) => `Hi ${w.recipientFirst}, as promised!`,
    fixed('Remember me? 😄'),
    fixed('Finally found you here!'),
    fixed('Thanks for the chat!'),
  ],
};

/** The detail a default note is given, in the mail's language. */
const DETAIL: Record<string, { sentence: string; clause: string }> = {
  en: { sentence: 'We met at ReactConf.', clause: 'we met at ReactConf' },
  de: {
    sentence: 'Wir haben uns auf der re:publica getroffen.',
    clause: 'wir kennen uns von der re:publica',
  },
  fr: { sentence: "On s'est rencontrés à VivaTech.", clause: "on s'est rencontrés à VivaTech" },
  es: { sentence: 'Nos conocimos en el T3chFest.', clause: 'nos conocimos en el T3chFest' },
  pt: { sentence: 'Nos conhecemos no Web Summit.', clause: 'nos conhecemos no Web Summit' },
  it: { sentence: 'Ci siamo visti al Codemotion.', clause: 'ci siamo visti al Codemotion' },
  nl: {
    sentence: 'We spraken elkaar op de Appsterdam meetup.',
    clause: 'we spraken elkaar op de Appsterdam meetup',
  },
  id: { sentence: 'Kita bertemu di DevFest Jakarta.', clause: 'kita bertemu di DevFest Jakarta' },
  pl: { sentence: 'Poznaliśmy się na Infoshare.', clause: 'poznaliśmy się na Infoshare' },
  tr: { sentence: "DevFest İstanbul'da tanıştık.", clause: "DevFest İstanbul'da tanıştık" },
  ja: { sentence: 'JAWS DAYSでお会いしました。', clause: 'JAWS DAYSでお会いしました' },
};

/** LinkedIn's default notes in `lang`, as either generator writes them. */
export const defaultNotesOf = (lang: string): string[] =>
  [...new Set([FRAMES[lang]?.defaultNote, ...(SECOND_WORDING[lang]?.defaultNotes ?? [])])].filter(
    (n): n is string => n !== undefined,
  );

const defaultPlusDetail: Family = {
  name: "LinkedIn's default note with a detail",
  planted: 'where',
  notes: (lang) => {
    const d = DETAIL[lang] ?? (DETAIL.en as { sentence: string; clause: string });
    const edited = defaultNotesOf(lang).flatMap((dn) => {
      const bare = dn.replace(/[.。]$/, '');
      return [
        fixed(`${dn} ${d.sentence}`),
        fixed(`${dn}\n\n${d.sentence}`),
        fixed(`${d.sentence} ${dn}`),
        fixed(`${bare}, ${d.clause}.`),
        fixed(`${dn} 🙂 Table 7!`),
        fixed(`${dn}\nRow 12, Berlin JS`),
        (w: Who) => `Hi ${w.recipientFirst}, ${dn} (CS 161 TA)`,
      ];
    });
    // English wording LinkedIn never used, edited inside the sentence.
    const inside = [
      "I'd like to add you to my ReactConf network on LinkedIn.",
      "I'd like to add you to my professional network on LinkedIn after our chat in Lisbon.",
      "I'd like to join your LinkedIn network (from the ReactConf workshop).",
    ].map(fixed);
    return lang === 'en' ? [...edited, ...inside] : edited;
  },
};

const mimicsLinkedIn: Family = {
  name: 'reads like a LinkedIn line',
  planted: 'where',
  notes: (lang) => [
    (w) => `${w.inviterName} wants to connect — we met at KubeCon`,
    (w) => `${w.inviterFirst} would like to connect on LinkedIn. We met at KubeCon.`,
    fixed('View profile to see where we met 😉'),
    fixed('You both worked at Acme'),
    fixed('You both studied at TU Delft'),
    fixed('12 connections in common: we were all at the Lisbon offsite'),
    fixed('Accept if you remember the Table 7 dinner 😄'),
    fixed('Invitation to connect from the PyData Amsterdam speakers dinner'),
    (w) => `${w.recipientFirst}, please add me to your LinkedIn network. Row 12 at JSConf.`,
    fixed('I want to connect. We sat together at the Kafka Summit keynote.'),
    fixed('People you may know: me, from the Berlin JS meetup'),
    fixed('This invitation was intended for the Table 7 crew'),
    ...(lang === 'de'
      ? [
          (w: Who) =>
            `${w.inviterName} möchte sich mit Ihnen vernetzen – wir kennen uns von der re:publica`,
        ]
      : lang === 'es'
        ? [(w: Who) => `${w.inviterFirst} quiere conectar: nos vimos en el T3chFest`]
        : lang === 'fr'
          ? [
              (w: Who) =>
                `${w.inviterName} souhaite rejoindre votre réseau : on s'est vus à VivaTech`,
            ]
          : []),
  ],
};

const opensWithOwnName: Family = {
  name: "opens with the inviter's own name",
  planted: 'where',
  notes: () => [
    (w) => `${w.inviterName} from the Lisbon meetup`,
    (w) => `${w.inviterName}, your neighbour at 12 Rua Augusta`,
    (w) => `${w.inviterName}\nLisbon JS, table 3`,
    (w) => `${w.inviterName} here, CS 161 TA`,
    (w) => `${w.inviterFirst} (ex-Zalando, checkout squad)`,
    (w) => `${w.inviterName} · KubeCon EU 2024`,
    (w) => `${w.inviterName}\nFormer colleague at Siemens Healthineers`,
    (w) => `${w.inviterName}\n\nRow 12, Berlin JS`,
    (w) => `It's ${w.inviterFirst} from the Porto Airbnb!`,
    (w) => `${w.recipientFirst}, ${w.inviterFirst} from the PyData dinner`,
  ],
};

const tokens: Family = {
  name: 'numbers, links, addresses, emoji, RTL, a place alone',
  planted: 'where',
  notes: () =>
    [
      'Lisbon 2019',
      'KubeCon EU',
      '#PyConDE 2023',
      '📍 Lisboa',
      '@berlinjs meetup',
      'SFO → JFK, 12A/12B',
      '2019-06-14, Porto',
      'https://2024.jsconf.eu/ (we met there)',
      'https://www.linkedin.com/events/7123456789012345678/',
      'linkedin.com/events/kubecon-eu-2024 👋',
      'Got your card at RSA: anna.lindqvist@corp.example',
      '+49 30 1234567, the Berlin office front desk',
      '🍺🎸 Porto, 2am',
      '🇵🇹 Web Summit',
      'WWDC19',
      "re:Invent '23, Venetian hallway",
      'נפגשנו ב-PyCon IL 2023 🙂',
      'التقينا في GITEX 2024',
      'در همایش DevFest تهران آشنا شدیم',
      '\u202bנפגשנו בכנס DevConf\u202c',
    ].map(fixed),
};

const laterParagraph: Family = {
  name: 'context only in a later paragraph',
  planted: 'where',
  notes: () => [
    (w) => `Hi ${w.recipientFirst},\n\nTable 7 at the Kafka Summit dinner.`,
    fixed("Hello!\n\nHope you're well.\n\nWe were on the same panel in Lisbon."),
    (w) => `Hi ${w.recipientFirst}\nex-Zalando here`,
    (w) => `Hi ${w.recipientFirst},\n\n\n\nCS 161 TA here`,
    fixed('👋\n\nRow 12 at Berlin JS'),
    (w) =>
      `Hi ${w.recipientFirst},\n\nI'd like to add you to my professional network on LinkedIn.\n\nP.S. we met at FOSDEM.`,
    (w) =>
      `Hello ${w.recipientFirst}!\n\nBest,\n${w.inviterFirst}\n\nFOSDEM 2024, the Rust devroom`,
    fixed("Hi,\n\nLet's connect!\n\n(Same Kafka Summit hallway track 🙂)"),
    (w) =>
      `Hi ${w.recipientFirst},\n\nHope all is well.\n\nWe sat next to each other at the Lisbon offsite.\n\nCheers,\n${w.inviterFirst}`,
    (w) => `Good morning,\n\n${w.inviterName}\n\nex-Zalando`,
    fixed('Hi there,\nthanks,\nthe guy with the broken laptop at JSConf'),
  ],
};

/** Where, and a personal line, in the mail's language (pl tr ja have no pack). */
const LOCAL: Record<string, Note[]> = {
  de: [
    fixed('Tisch 7, Dienstagabend.'),
    fixed('Reihe 12 beim Berlin JS Meetup'),
    fixed('Ex-Zalando, Checkout-Team'),
    (w) => `Hallo ${w.recipientFirst},\n\nwir saßen beim Stammtisch nebeneinander.`,
    fixed('Schön, dich wiederzusehen!'),
  ],
  fr: [
    fixed('Table 7, mardi soir.'),
    fixed('Ex-Doctolib, équipe paiement'),
    (w) => `Bonjour ${w.recipientFirst},\n\non était voisins de stand à VivaTech.`,
    fixed("Ravi de t'avoir revu !"),
  ],
  es: [
    fixed('Mesa 7, el martes por la noche.'),
    fixed('Ex-Cabify, equipo de pagos'),
    (w) => `Hola ${w.recipientFirst}:\n\ncoincidimos en el T3chFest.`,
    fixed('¡Qué gusto verte de nuevo!'),
  ],
  pt: [
    fixed('Mesa 7, terça à noite.'),
    fixed('Ex-Nubank, squad de pagamentos'),
    (w) => `Olá ${w.recipientFirst},\n\nsentamos juntos no Web Summit.`,
    fixed('Bom te rever!'),
  ],
  it: [
    fixed('Tavolo 7, martedì sera.'),
    fixed('Ex-Luxottica, team checkout'),
    (w) => `Ciao ${w.recipientFirst},\n\nci siamo visti al Codemotion.`,
    fixed('Che piacere rivederti!'),
  ],
  nl: [
    fixed('Tafel 7, dinsdagavond.'),
    fixed('Ex-Coolblue, checkout-team'),
    (w) => `Hoi ${w.recipientFirst},\n\nwe zaten naast elkaar bij de Appsterdam meetup.`,
    fixed('Leuk je weer te zien!'),
  ],
  id: [
    fixed('Meja 7, Selasa malam.'),
    fixed('Mantan rekan di Tokopedia, tim checkout'),
    (w) => `Halo ${w.recipientFirst},\n\nkita ketemu di DevFest Jakarta.`,
    fixed('Senang bertemu lagi!'),
  ],
  pl: [
    fixed('Stolik 7, wtorek wieczorem.'),
    fixed('Ex-Allegro, zespół płatności'),
    (w) => `Cześć ${w.recipientFirst},\n\nsiedzieliśmy obok siebie na Infoshare.`,
    fixed('Miło było cię znowu zobaczyć!'),
  ],
  tr: [
    fixed('Masa 7, salı akşamı.'),
    fixed('Eski Trendyol, ödeme ekibi'),
    (w) => `Merhaba ${w.recipientFirst},\n\nDevFest İstanbul'da yan yana oturduk.`,
    fixed('Seni tekrar görmek güzeldi!'),
  ],
  ja: [
    fixed('7番テーブル、火曜の夜。'),
    fixed('元メルカリ、決済チーム'),
    (w) => `${w.recipientFirst}さん\n\n先日の勉強会で隣の席でした。`,
    fixed('また会えて嬉しかったです！'),
  ],
};
const local: Family = {
  name: "in the mail's language",
  planted: 'where',
  notes: (lang) => LOCAL[lang] ?? CRYPTIC_WHERE.map(fixed),
};

/** Notes that name LinkedIn and a group, as the default-note learner might take them. */
const namesLinkedIn: Family = {
  name: 'names LinkedIn and a group',
  planted: 'where',
  notes: () =>
    [
      'Connecting with the Table 7 crew on LinkedIn.',
      'Adding everyone from Row 12 on LinkedIn.',
      "Let's connect on LinkedIn, Berlin JS crew!",
      'Growing my LinkedIn network with fellow KubeCon EU speakers.',
      "I'd like to add you to my professional network on LinkedIn. We met at ReactConf.",
    ].map(fixed),
};

// ---- The classes: each is one mailbox.
export interface AdversarialClass {
  name: string;
  layouts: Layout[];
  /** The mail's language, where the layout's generator writes it (else one it does). */
  languages: string[];
  families: Family[];
  /** Cases whose note one note of the class's families, word for word, from as many inviters. */
  campaign: { notes: number; inviters: number; layouts?: Layout[] };
}

export const ADVERSARIAL_CLASSES: AdversarialClass[] = [
  {
    name: 'where in a few words, and short notes of people who met',
    layouts: [L.tables, L.outlook, L.mjml, L.textWrapped, L.banner],
    languages: ['en', 'en', 'en', 'de'],
    families: [cryptic, cryptic, nearGreeting],
    campaign: { notes: 1, inviters: 7 },
  },
  {
    name: "LinkedIn's default note with a detail added or edited in",
    layouts: [L.mjml, L.outlook, L.encodings, L.banner, L.tables, L.textWrapped],
    languages: ['en', 'en', 'es', 'fr', 'de', 'it', 'pt', 'id', 'nl'],
    families: [defaultPlusDetail],
    campaign: { notes: 1, inviters: 7 },
  },
  {
    name: 'notes that read like a LinkedIn line',
    layouts: [L.reworded, L.mjml, L.textWrapped, L.tables, L.outlook],
    languages: ['en', 'en', 'en', 'de', 'es', 'fr'],
    families: [mimicsLinkedIn],
    campaign: { notes: 1, inviters: 7 },
  },
  {
    name: "notes that open with the inviter's own name",
    layouts: [L.textWrapped, L.mjml, L.outlook, L.tables, L.recoded, L.deep],
    languages: ['en', 'en', 'de', 'fr', 'es'],
    families: [opensWithOwnName],
    campaign: { notes: 0, inviters: 0 },
  },
  {
    name: 'numbers, links, addresses, emoji, RTL, a place alone',
    layouts: [L.safeLinks, L.encodings, L.mjml, L.recoded, L.tables, L.outlook],
    languages: ['en', 'en', 'de', 'fr', 'es', 'pt'],
    families: [tokens],
    campaign: { notes: 1, inviters: 7 },
  },
  {
    name: 'one context note from many inviters (text only, HTML with and without preheader)',
    layouts: [L.tables, L.mjml, L.textWrapped, L.outlook],
    languages: ['en'],
    families: [cryptic, namesLinkedIn, tokens],
    campaign: {
      notes: 4,
      inviters: 8,
      layouts: [
        L.textWrapped,
        L.textOnlyGateway,
        L.mjmlNoPreheader,
        L.mjmlPreheader,
        L.outlook,
        L.tables,
      ],
    },
  },
  {
    name: 'context only in a later paragraph',
    layouts: [
      L.outlook,
      L.mjml,
      L.textWrapped,
      L.tables,
      L.encodings,
      L.clientForward,
      L.forwarded,
    ],
    languages: ['en', 'en', 'en', 'es', 'de'],
    families: [laterParagraph],
    campaign: { notes: 1, inviters: 6 },
  },
  {
    name: 'languages with a pack (de fr es pt it nl id) and without (pl tr ja)',
    layouts: [L.tables, L.deep, L.mjml, L.outlook, L.textWrapped, L.recoded],
    languages: ['de', 'fr', 'es', 'pt', 'it', 'nl', 'id', 'pl', 'tr', 'ja'],
    families: [local, local, defaultPlusDetail],
    campaign: { notes: 1, inviters: 6 },
  },
  {
    name: 'reminders carrying such a note',
    layouts: [L.reminders],
    languages: ['en', 'en', 'es', 'fr', 'it', 'de', 'pt'],
    families: [
      cryptic,
      nearGreeting,
      defaultPlusDetail,
      mimicsLinkedIn,
      opensWithOwnName,
      laterParagraph,
    ],
    campaign: { notes: 1, inviters: 6 },
  },
];

const nameHash = (name: string) =>
  [...name].reduce((h, c) => (Math.imul(h, 31) + (c.codePointAt(0) as number)) >>> 0, 11);

/** A language `layout` writes: the class's choice when its generator has it. */
function languageFor(r: Random, cls: AdversarialClass, layout: Layout): string {
  const choice = pick(r, cls.languages);
  return layout.languages.includes(choice) ? choice : pick(r, layout.languages);
}

/** One case of `layout`, drawn again (from `seed`'s sequence) until its variant is the one asked. */
export function draw(layout: Layout, seed: number, lang: string, plant: Plant): BlindCase {
  for (let attempt = 0; ; attempt++) {
    const c = layout.build(mulberry32(seed + attempt * 65_537), lang, plant);
    if (!layout.variant || layout.variant.test(c.variant) || attempt === 50) return c;
  }
}

/** The case as this set names it: its class, and the layout and note family in its variant. */
const labelled = (
  c: BlindCase,
  cls: AdversarialClass,
  layout: Layout,
  notes: string,
): BlindCase => ({
  ...c,
  cls: cls.name,
  variant: `${layout.name} (${c.variant || '-'}); ${notes}`,
});

const WHO_A: Who = { inviterName: 'A B', inviterFirst: 'A', recipientFirst: 'C' };
const WHO_B: Who = { inviterName: 'D E', inviterFirst: 'D', recipientFirst: 'F' };
/** A note that reads the same whoever sends it to whomever. */
const sameForAll = (n: Note) => n(WHO_A) === n(WHO_B);

interface Campaign {
  family: Family;
  note: Note;
  lang: string;
}

function campaignsOf(cls: AdversarialClass, r: Random): Campaign[] {
  return Array.from({ length: cls.campaign.notes }, (_, k) => {
    const family = cls.families[k % cls.families.length] as Family;
    const lang = pick(r, cls.languages);
    return { family, note: pick(r, family.notes(lang).filter(sameForAll)), lang };
  });
}

/** The case as `family` leaves it, drawn from its own sequence (none drawn without a finish). */
const finished = (family: Family, c: BlindCase, caseSeed: number): BlindCase =>
  family.finish ? family.finish(c, mulberry32(caseSeed ^ 0x2545f491)) : c;

/** The generators' own invitations with no note, the default note or a bare greeting. */
const WANT_DRAFT: Planted[] = ['none', 'none', 'default', 'bare'];

export function generateAdversarial(
  cls: AdversarialClass,
  count: number,
  seed: number,
): BlindCase[] {
  const base = seed * 3_000_017 + nameHash(cls.name);
  const r = mulberry32(base);
  const campaigns = campaignsOf(cls, r);
  const campaignCases = campaigns.length * cls.campaign.inviters;
  // The campaign's cases spread through the mailbox, the rest drawn case by case.
  const every = campaignCases ? Math.max(1, Math.floor(count / campaignCases)) : 0;
  const out: BlindCase[] = [];
  let sent = 0;
  for (let k = 0; k < count; k++) {
    const caseSeed = base + (k + 1) * 104_729;
    if (every && k % every === 0 && sent < campaignCases) {
      const campaign = campaigns[sent % campaigns.length] as Campaign;
      const inviter = Math.floor(sent / campaigns.length);
      const layouts = cls.campaign.layouts ?? cls.layouts;
      const layout = layouts[sent % layouts.length] as Layout;
      const lang = layout.languages.includes(campaign.lang) ? campaign.lang : 'en';
      const c = finished(
        campaign.family,
        draw(layout, caseSeed, lang, {
          planted: campaign.family.planted,
          note: campaign.note,
          inviter,
        }),
        caseSeed,
      );
      const many = `${campaign.family.name}, one note from ${cls.campaign.inviters} inviters`;
      out.push(labelled(c, cls, layout, many));
      sent++;
      continue;
    }
    const layout = pick(r, cls.layouts);
    const lang = languageFor(r, cls, layout);
    if (chance(r, 0.3)) {
      const c = draw(layout, caseSeed, lang, { planted: pick(r, WANT_DRAFT) });
      out.push(labelled(c, cls, layout, "the generator's own"));
      continue;
    }
    const family = pick(r, cls.families);
    const notes = family.notes(lang);
    const plant: Plant = notes.length
      ? { planted: family.planted, note: pick(r, notes) }
      : { planted: family.planted };
    const c = finished(family, draw(layout, caseSeed, lang, plant), caseSeed);
    out.push(labelled(c, cls, layout, family.name));
  }
  return out;
}
