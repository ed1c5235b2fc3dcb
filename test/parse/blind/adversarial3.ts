// A third adversarial blind set, aimed at wrong drafts with attacks the first two (adversarial.ts,
// adversarial2.ts) did not make: notes that say where only with a company, school or city
// ("Both ex-Spotify", "TU Delft '14"), questions about the recipient's work that only someone who
// knows them asks, context in a language other than the frame's (and scripts no set used), notes
// whose paragraphs each look like LinkedIn's text (its own heading, a place), LinkedIn's default
// note in another language than the frame's with a personal line, one plain personal sentence
// (naming LinkedIn or not) sent by ten inviters, notes in places LinkedIn never puts one (before
// the heading, after the footer, in a "people you may know" card), and inviters whose name is
// empty, one letter or a common word ("Will", "May", "Grace").
//
// Written without reading the parser. Layouts, families' helpers and mail surgery are the first
// two sets'; every class is one mailbox with the generators' own invitations (no note, the
// default note, a bare greeting) mixed in; bench/blind.bench.ts --set adversarial3 measures them.
import { mulberry32, pick } from '../../faults/support/random.ts';
import {
  type AdversarialClass,
  defaultNotesOf,
  type Family,
  fixed,
  L,
  type Layout,
  type Note,
} from './adversarial.ts';
import { escapeHtml, escapeRegExp, type Header, reshape } from './adversarial2.ts';
import { FRAMES } from './frames.ts';
import type { BlindCase } from './generator.ts';
import { SECOND_WORDING } from './secondWording.ts';

type Random = () => number;
type Who = Parameters<Note>[0];

// ---- Where, said only with a company, school or city.
const byAffiliation: Family = {
  name: 'where, only a company, school or city',
  planted: 'where',
  notes: () => [
    ...[
      'Fjordline 2019',
      'Both ex-Spotify',
      "TU Delft '14",
      'Also from Porto',
      'Coolblue alumni',
      'Fenwick Cloud, platform guild',
      'Another Allegro refugee',
      'Go Bears!',
      'KTH, Class of 2012',
      'Still at Papara?',
      'Former Nubanker too',
      'Sciences Po, promo 2016',
      'Rotterdam crew',
      'Kumo Labs days',
      'Bocconi MBA',
    ].map(fixed),
    (w) => `${w.recipientFirst}, Fjordline Bergen`,
    (w) => `Also Fjordline, ${w.recipientFirst}`,
  ],
};

// ---- Questions about the recipient's work or life: no place, but only someone who knows them asks.
const personalQuestions: Family = {
  name: "a question about the recipient's work, no context words",
  planted: 'personal',
  notes: () => [
    ...[
      'Did the migration to Postgres 16 go well?',
      'How did the Q3 launch land in the end?',
      'Did you ever find the cause of that flaky test?',
      'Is the new espresso machine still broken?',
      'Still running the Thursday 5k?',
      'How is the little one sleeping these days?',
      'Did your talk get accepted?',
      'Any news on the visa?',
      'Did they finally ship the dark mode?',
      'Was the move to Lisbon worth it?',
      'Did you get the keys back?',
      'How did the thesis defence go?',
    ].map(fixed),
    (w) => `${w.recipientFirst}, did the Kubernetes upgrade survive the weekend?`,
    (w) => `So ${w.recipientFirst}, how is the new team?`,
  ],
};

// ---- Context in another language than the frame's, scripts and languages without a pack.
const FOREIGN: string[] = [
  'ベルリンの勉強会で隣に座っていました',
  'この前のJSConfで話しましたね',
  'Vi jobbade ihop på Spotify',
  'Hur gick flytten till Göteborg?',
  'Olimme samassa tiimissä Supercellillä',
  'Nähtiin Slushissa viime vuonna',
  'Potkali jsme se na PyCon CZ v Ostravě',
  'Jak dopadla obhajoba?',
  "Geçen hafta DevFest Ankara'da konuştuk",
  'Aynı ofisteydik, Papara 3. kat',
  '지난주 밋업에서 만났어요',
  '我们在上海的技术大会上见过',
  'Γνωριστήκαμε στο συνέδριο στην Αθήνα',
  'A budapesti meetupon ültünk egymás mellett',
  'Wir kennen uns aus dem Kletterkurs',
  'On a fait le master ensemble à Grenoble',
];
const otherLanguage: Family = {
  name: "context in another language than the frame's",
  planted: 'where',
  notes: (lang) =>
    FOREIGN.filter((n) => !(lang === 'de' && n.startsWith('Wir')))
      .filter((n) => !(lang === 'fr' && n.startsWith('On ')))
      .map(fixed),
};

// ---- Paragraphs that each look like LinkedIn's text, together saying where.
const headingOf = (lang: string) =>
  FRAMES[lang]?.heading ?? SECOND_WORDING[lang]?.heading ?? (FRAMES.en?.heading as never);
const mutualOf = (lang: string) =>
  FRAMES[lang]?.mutual ?? SECOND_WORDING[lang]?.mutual ?? (FRAMES.en?.mutual as never);
const acceptOf = (lang: string) => FRAMES[lang]?.accept ?? SECOND_WORDING[lang]?.accept ?? 'Accept';

const splitParagraphs: Family = {
  name: "paragraphs that each look like LinkedIn's text",
  planted: 'where',
  notes: (lang) => [
    (w) => `${headingOf(lang)(w.inviterName)}\n\nKubeCon Paris, booth 14`,
    (w) => `${headingOf(lang)(w.inviterName)}\nFjordline offsite`,
    fixed(`${mutualOf(lang)(3)}\n\nall from the Porto meetup`),
    fixed(`${acceptOf(lang)}\n\nWeb Summit 2025`),
    fixed('Invitation to connect\n\nBerlin JS, row 12'),
    fixed("I'd like to connect\n\nFOSDEM"),
    fixed('Pending invitation\nLisbon offsite'),
    (w) => `Hi ${w.recipientFirst},\n\nDevoxx Antwerp`,
    (w) => `${w.inviterName}\n\nPyData Amsterdam`,
    fixed('View profile\n\nthe Kafka Summit dinner'),
    fixed("Let's connect!\n\nGopherCon EU"),
  ],
};

// ---- LinkedIn's default note in a language other than the frame's, then a personal line.
const LANGS_WITH_DEFAULT = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'id', 'ja', 'tr', 'pl'];
const otherDefaults = (lang: string) =>
  LANGS_WITH_DEFAULT.filter((l) => l !== lang).flatMap((l) => defaultNotesOf(l));
const PERSONAL_LINES = [
  'We met at the Kafka Summit dinner.',
  'Schön, dich wiederzusehen!',
  'Table 7 🙂',
  'Ravi de t’avoir revu à Lyon.',
  'Ex-Fjordline',
  'Did the Postgres migration go well?',
  '勉強会ではありがとうございました',
];
const foreignDefaultPlus: Family = {
  name: 'default note in another language, then a personal line',
  planted: 'where',
  notes: (lang) =>
    otherDefaults(lang).flatMap((dn, k) => {
      const line = PERSONAL_LINES[k % PERSONAL_LINES.length] as string;
      return [fixed(`${dn}\n\n${line}`), fixed(`${dn} ${line}`), fixed(`${line}\n${dn}`)];
    }),
};
/** Filler: the default note alone, in a language other than the frame's (a draft is wanted). */
const foreignDefaultOnly: Family = {
  name: 'default note alone, in another language',
  planted: 'default',
  notes: (lang) => otherDefaults(lang).map(fixed),
};

// ---- One plain personal sentence, no digits or emoji, sent by many inviters.
const plainNamingLinkedIn: Family = {
  name: 'plain personal sentence naming LinkedIn',
  planted: 'where',
  notes: () =>
    [
      'Great to finally connect on LinkedIn after the Devoxx keynote.',
      'Glad we can stay in touch on LinkedIn after the workshop in Ghent.',
      'Connecting on LinkedIn as promised over coffee this morning.',
      'Happy to be connected on LinkedIn now that we have shared a stage.',
      'Thanks for the lovely dinner, let us continue the conversation on LinkedIn.',
      'Adding you on LinkedIn as we discussed at the choir rehearsal.',
    ].map(fixed),
};
const plainNotNamingLinkedIn: Family = {
  name: 'plain personal sentence not naming LinkedIn',
  planted: 'where',
  notes: () =>
    [
      'Lovely to bump into you at the book fair in Frankfurt.',
      'Thanks for the lift home after the choir rehearsal.',
      'It was a pleasure to share the panel with you yesterday.',
      'Great to finally put a face to the name at the offsite.',
      'As discussed over lunch, here is my profile.',
    ].map(fixed),
};

// ---- Notes in places LinkedIn never puts one, put there after the mail is built.
const MISPLACED_NOTES = [
  'We met at the Kafka Summit speakers dinner.',
  'Table 7, Tuesday night.',
  'Both ex-Spotify',
  'Did the migration to Postgres 16 go well?',
  'Great chatting at KubeCon!',
];
type Spot = 'before the heading' | 'after the footer' | 'in a people-you-may-know card';
const SPOTS: Spot[] = ['before the heading', 'after the footer', 'in a people-you-may-know card'];

function cardOf(note: string, as: 'html' | 'text'): string {
  const lines = ['People you may know', 'Mara Lindholm', 'Engineering Manager at Brightwave', note];
  return as === 'html'
    ? `<table role="presentation" width="512" align="center"><tr><td style="padding:16px">${lines.map((l) => `<p style="margin:0">${escapeHtml(l)}</p>`).join('')}<a href="https://www.linkedin.com/comm/in/maralindholm" style="color:#0a66c2">Connect</a></td></tr></table>`
    : `\n\n${lines.join('\n')}\nConnect: https://www.linkedin.com/comm/in/maralindholm\n`;
}

function misplaced(c: BlindCase, r: Random): BlindCase {
  const note = pick(r, MISPLACED_NOTES);
  const spot = pick(r, SPOTS);
  const html = (t: string) => {
    const block =
      spot === 'in a people-you-may-know card'
        ? cardOf(note, 'html')
        : `<p style="font-size:14px">${escapeHtml(note)}</p>`;
    if (spot === 'before the heading') return t.replace(/<body[^>]*>/i, (b) => `${b}${block}`);
    return t.includes('</body>') ? t.replace('</body>', `${block}</body>`) : `${t}${block}`;
  };
  const text = (t: string) =>
    spot === 'before the heading'
      ? `${note}\r\n\r\n${t}`
      : spot === 'after the footer'
        ? `${t}\r\n\r\n${note}\r\n`
        : `${t}${cardOf(note, 'text').replace(/\n/g, '\r\n')}`;
  // Before LinkedIn's heading, after its footer, or inside another person's card, the text is
  // not this invitation's note by structure: LinkedIn puts the note between the card and the
  // buttons and repeats it in the preheader, which these mails leave as it was (README "How the
  // note is found"). So the truth is the invitation's own: no note, a draft wanted. The parser may
  // still hold such text as a note at first reading (no draft); that counts as a miss, not a
  // wrong draft.
  return {
    ...c,
    planted: 'none',
    want: 'draft',
    note: null,
    variant: `${c.variant}; text ${spot}: ${note}`,
    raw: reshape(c.raw, {
      text: (type, t) => (type === 'text/html' ? html(t) : text(t)),
    }),
  };
}
const inOddPlaces: Family = {
  name: 'note before the heading, after the footer or in another card',
  planted: 'none',
  notes: () => [],
  finish: misplaced,
};

// ---- Inviters named '', one letter or a common word: the names are changed in the built mail.
const ODD_NAMES = ['', 'W', 'Will', 'May', 'Grace', 'Hope', 'Joy', 'Sunny', 'Bill', 'Love'];

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, how: string, data: string) =>
      new TextDecoder(charset).decode(
        how.toUpperCase() === 'B'
          ? Buffer.from(data, 'base64')
          : Buffer.from(
              data
                .replace(/_/g, ' ')
                .replace(/=([0-9A-Fa-f]{2})/g, (_h, hex: string) =>
                  String.fromCharCode(parseInt(hex, 16)),
                ),
              'latin1',
            ),
      ),
    );
}
const encodeWord = (v: string) =>
  /^[\x20-\x7e]*$/.test(v) ? v : `=?UTF-8?B?${Buffer.from(v).toString('base64')}?=`;

/** Every form of `from` in `t` (as written and HTML-escaped) made `to`, not inside a longer word. */
function swapName(t: string, from: string, to: string): string {
  if (!from) return t;
  let out = t;
  const quoted = (v: string) => v.replace(/(["\\])/g, '\\$1');
  for (const [f, n] of [
    [from, to],
    [escapeHtml(from), escapeHtml(to)],
    [quoted(from), quoted(to)],
  ] as const)
    out = out.replace(
      new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(f)}(?![\\p{L}\\p{N}])`, 'gu'),
      n,
    );
  return out;
}

/** `layout`, its inviter renamed `name` (first name too) in headers, parts and the note. */
function renamed(layout: Layout, name: string): Layout {
  return {
    name: `${layout.name}, inviter named ${JSON.stringify(name)}`,
    languages: layout.languages,
    ...(layout.variant ? { variant: layout.variant } : {}),
    build: (r, lang, plant) => {
      // A fixed inviter, learnt by a probe: the generators pick their notes from `r` before it.
      const inviter = plant.inviter ?? Math.floor(r() * 1000);
      let was = { inviterName: '', inviterFirst: '' };
      layout.build(mulberry32(inviter), lang, {
        planted: plant.planted,
        inviter,
        note: (who) => {
          was = who;
          return '';
        },
      });
      const note = plant.note;
      const c = layout.build(r, lang, {
        ...plant,
        inviter,
        ...(note
          ? { note: (who: Who) => note({ ...who, inviterName: name, inviterFirst: name }) }
          : {}),
      });
      const swap = (t: string) =>
        swapName(swapName(t, was.inviterName, name), was.inviterFirst, name);
      return {
        ...c,
        note: c.note === null ? null : swap(c.note),
        raw: reshape(c.raw, {
          headers: (h) =>
            h.map(
              ([k, v]): Header =>
                /^(from|subject)$/i.test(k) ? [k, encodeWord(swap(decodeWords(v)))] : [k, v],
            ),
          text: (_type, t) => swap(t),
        }),
      };
    },
  };
}

const oddNameNotes: Family = {
  name: 'where or personal, beside an odd inviter name',
  planted: 'where',
  notes: () => [
    ...[
      'Will you be at KubeCon again? Loved our chat there.',
      'May 2019, the Fjordline offsite',
      'Hope the Lisbon move went well!',
      'Grace from the Porto meetup',
      'Joy from the book club',
      'W from table 7',
    ].map(fixed),
    (w) => `${w.inviterName} from the PyData dinner`,
    (w) => `${w.inviterFirst} here, we met at FOSDEM`,
    (w) => `Hi ${w.recipientFirst}, ${w.inviterFirst} (ex-Zalando)`,
  ],
};

// ---- The classes: each is one mailbox.
const GENUINE_HTML = [L.tables, L.mjml, L.outlook, L.reworded];
/** Layouts with the note in the top-level parts (no attached message), as mail surgery needs. */
const SURGICAL = [...GENUINE_HTML, L.textWrapped, L.deep, L.encodings, L.banner];

export const ADVERSARIAL3_CLASSES: AdversarialClass[] = [
  {
    name: 'where, only a company, school or city',
    layouts: [...GENUINE_HTML, L.textWrapped, L.deep],
    languages: ['en', 'en', 'en', 'de', 'nl', 'pt'],
    families: [byAffiliation],
    campaign: { notes: 1, inviters: 7 },
  },
  {
    name: "questions about the recipient's work, no context words",
    layouts: [...GENUINE_HTML, L.textWrapped, L.banner],
    languages: ['en', 'en', 'en', 'de', 'es'],
    families: [personalQuestions],
    campaign: { notes: 1, inviters: 7 },
  },
  {
    name: "context in another language than the frame's (ja sv fi cs tr ko zh el hu)",
    layouts: [L.tables, L.mjml, L.outlook, L.textWrapped, L.deep],
    languages: ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'pl', 'tr', 'ja'],
    families: [otherLanguage],
    campaign: { notes: 1, inviters: 7 },
  },
  {
    name: "paragraphs that each look like LinkedIn's text, together saying where",
    layouts: [...GENUINE_HTML, L.textWrapped, L.deep, L.encodings],
    languages: ['en', 'en', 'en', 'de', 'fr', 'es'],
    families: [splitParagraphs],
    campaign: { notes: 2, inviters: 7 },
  },
  {
    name: "the default note in another language than the frame's, with and without a personal line",
    layouts: [L.tables, L.mjml, L.outlook, L.textWrapped, L.reworded, L.deep],
    languages: ['en', 'en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'ja', 'tr'],
    families: [foreignDefaultPlus, foreignDefaultPlus, foreignDefaultOnly],
    campaign: { notes: 2, inviters: 8 },
  },
  {
    name: 'one plain personal sentence from ten inviters, naming LinkedIn or not',
    layouts: [L.tables, L.mjml, L.outlook, L.textWrapped],
    languages: ['en'],
    families: [plainNamingLinkedIn, plainNotNamingLinkedIn],
    campaign: {
      notes: 2,
      inviters: 10,
      layouts: [L.tables, L.mjmlNoPreheader, L.mjmlPreheader, L.outlook, L.textWrapped, L.reworded],
    },
  },
  {
    name: "a note's text before the heading, after the footer or in another card (not the note)",
    layouts: SURGICAL,
    languages: ['en', 'en', 'de', 'fr', 'es'],
    families: [inOddPlaces],
    campaign: { notes: 0, inviters: 0 },
  },
  {
    name: 'inviters named empty, one letter or a common word (Will, May, Grace)',
    layouts: ODD_NAMES.map((n, k) => renamed(SURGICAL[k % SURGICAL.length] as Layout, n)),
    languages: ['en', 'en', 'en', 'de', 'es'],
    families: [oddNameNotes],
    campaign: { notes: 0, inviters: 0 },
  },
];
