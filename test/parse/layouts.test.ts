// Layout mutations. From each layout family of the fixtures (layouts/families.ts), fast-check
// generates variants LinkedIn could send tomorrow: blocks reordered, extra wrapper tables and
// divs, renamed buttons, a mutual-connections line, the text part or the HTML removed, the note
// in another cell, quoted, in paragraphs, with URLs and emoji, the preheader cut short. Then:
//   - a note present in the mail is found (the parsed note contains it), or at worst nothing is
//     drafted;
//   - a variant without a note, all of whose lines are LinkedIn's, still gets its draft (without
//     this half, a parser that never drafts would pass).
// How many variants of each family were tried is printed at the end.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import { comparable } from '../../src/parse/languages/index.ts';
import { parseNotification } from '../../src/parse/parseNotification.ts';
import { mercado } from './layouts/families/mercado.ts';
import { FAMILIES, type Family } from './layouts/families.ts';
import {
  buildMail,
  noteText,
  type Person,
  type PlantedNote,
  type Recipient,
  type Variant,
} from './layouts/render.ts';

const RUNS = Number(process.env.LAYOUT_RUNS ?? 150);
/** A quarter second a variant on a slow, busy machine, and never less than a minute. */
const TIMEOUT = Math.max(60_000, RUNS * 250);
const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

const PEOPLE: Person[] = [
  {
    name: 'Priya Raghunathan',
    first: 'Priya',
    headline: 'SRE Lead at Tidewater Systems | eBPF & Observability',
    location: 'Bengaluru, Karnataka, India',
    vanity: 'priya-raghunathan-sre',
  },
  {
    name: 'Mei Ling Tan',
    first: 'Mei',
    headline: 'Supply Chain Analyst at Orchard Freight',
    location: 'Singapore',
    vanity: 'mei-ling-tan-3a9b1c27',
  },
  {
    name: 'José Ramírez-Ortega',
    first: 'José',
    headline: 'Ingeniero de datos en Mareas Digitales',
    location: 'Madrid y alrededores',
    vanity: 'jose-ramirez-ortega',
  },
  {
    name: "Siobhán O'Connell",
    first: 'Siobhán',
    headline: 'Founder | Coach | Speaker',
    location: null,
    vanity: 'siobhan-oconnell',
  },
  {
    name: 'Dr. Amara Nwosu',
    first: 'Amara',
    headline: 'Postdoctoral Researcher, Computational Biology',
    location: 'Cambridge, England, United Kingdom',
    vanity: 'dr-amara-nwosu',
  },
  {
    name: 'Дмитрий Волков',
    first: 'Дмитрий',
    headline: 'Senior Backend Developer (Go, Kotlin)',
    location: 'Saint Petersburg, Russia',
    vanity: 'dmitry-volkov-go',
  },
  {
    name: '佐藤 美咲',
    first: '美咲',
    headline: 'Product Manager at Hoshizora Apps',
    location: 'Tokyo, Japan',
    vanity: 'misaki-sato-pm',
  },
  {
    name: 'Marisol Vega, MBA',
    first: 'Marisol',
    headline: 'I help B2B founders turn LinkedIn into a predictable sales channel.',
    location: 'Austin, Texas, United States',
    vanity: 'marisolvega',
  },
];

const RECIPIENTS: Recipient[] = [
  {
    name: 'Marcus Webb',
    first: 'Marcus',
    address: 'marcus.webb@example.net',
    headline: 'Head of Platform at Brightwater Labs',
  },
  {
    name: 'Nora Lindqvist',
    first: 'Nora',
    address: 'nora.lindqvist@example.com',
    headline: 'Staff Engineer at Quillfeather',
  },
  {
    name: 'Lena Hoffmann',
    first: 'Lena',
    address: 'lena.hoffmann@example.de',
    headline: 'Softwarearchitektin bei Elbkontor IT',
  },
];

/** Sentences people write in invitations: where they met, pitches, thanks, in several languages. */
const SENTENCES = [
  'We met at the Rust Berlin meetup last Thursday.',
  'Great chatting with you after your talk at PyCon US about packaging.',
  'We worked together on the billing migration at Ferrovia back in 2019.',
  'I was the one asking about blameless postmortems at SREcon Dublin.',
  'Loved your article on Postgres autovacuum tuning.',
  'I help B2B SaaS companies double their pipeline in 90 days.',
  'Would you be open to a quick 15-minute call next week?',
  'Thanks again for the intro to the platform team!',
  'We sat next to each other on the KLM flight to Lagos.',
  'My colleague Jonas suggested I reach out about the open-source audit.',
  'The slides are at https://speakerdeck.com/example/talk-2026 if you want them.',
  'Our demo repo is https://github.com/example/ebpf-tracing-demo 🙌',
  'See you at FOSDEM next year 👋',
  'Wir haben uns letzte Woche auf der code.talks in Hamburg kennengelernt.',
  'Danke für den tollen Vortrag über Kubernetes-Operatoren!',
  'Nos conhecemos no TDC São Paulo, na trilha de arquitetura.',
  'Ajudo empresas a reduzir custos de nuvem em 30% — podemos conversar?',
  'Coincidimos en el meetup de Python Madrid; me encantó tu charla.',
  'Nous nous sommes rencontrés au salon VivaTech à Paris.',
  'Ci siamo conosciuti al Codemotion di Milano.',
];

const QUOTES = [
  ['“', '”'],
  ['„', '“'],
  ['«', '»'],
  ['"', '"'],
] as const;

const paragraph = (recipient: Recipient) =>
  fc
    .tuple(fc.boolean(), fc.array(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 2 }))
    .map(
      ([greets, sentences]) => `${greets ? `Hi ${recipient.first}, ` : ''}${sentences.join(' ')}`,
    );

const note = (recipient: Recipient): fc.Arbitrary<PlantedNote> =>
  fc.record({
    paragraphs: fc.array(paragraph(recipient), { minLength: 1, maxLength: 3 }),
    quote: fc.option(fc.constantFrom(...QUOTES), { nil: null }),
  });

const RENAMED = [
  'Accept invitation',
  'Accept invite',
  'Connect',
  'Respond',
  'See profile',
  'View full profile',
];

function variant(family: Family): fc.Arbitrary<Variant> {
  return fc
    .record({
      lang: fc.constantFrom(...family.languages),
      inviter: fc.constantFrom(...PEOPLE),
      recipient: fc.constantFrom(...RECIPIENTS),
      withNote: fc.boolean(),
      place: fc.nat({ max: family.places.length - 1 }),
      inline: fc.boolean(),
      greeting: fc.boolean(),
      mutual: fc.option(
        fc.record({ count: fc.integer({ min: 1, max: 500 }), form: fc.nat({ max: 2 }) }),
        {
          nil: null,
        },
      ),
      rename: fc.tuple(
        fc.option(fc.constantFrom(...RENAMED), { nil: null }),
        fc.option(fc.constantFrom(...RENAMED), { nil: null }),
      ),
      wrappers: fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 8 }),
      wrapper: fc.constantFrom('table' as const, 'div' as const),
      parts: fc.constantFrom(...family.parts),
      preheader: fc.constantFrom('full' as const, 'cut' as const, 'none' as const),
      paragraphGap: fc.constantFrom(0 as const, 1 as const),
      seed: fc.nat(),
    })
    .chain(({ withNote, recipient, ...rest }) =>
      (withNote ? note(recipient) : fc.constant(null)).map((planted) => ({
        ...rest,
        recipient,
        note: planted,
        mutual: family.hasIdentity ? rest.mutual : null,
      })),
    );
}

/**
 * Counterexamples a run once found, tried first on every run since. The first: a note after the
 * accept button whose preheader was cut inside the greeting's name ("Hi Nor…") went unconfirmed
 * and was dropped, and a where-did-we-meet was drafted to someone who says where.
 */
const FOUND_BEFORE: Record<string, (Variant & { seed: number })[]> = {
  [mercado.name]: [
    {
      lang: 'de',
      inviter: PEOPLE[3] as Person,
      place: 2,
      inline: false,
      greeting: true,
      mutual: null,
      rename: [null, 'Connect'],
      wrappers: [3],
      wrapper: 'table',
      parts: 'both',
      preheader: 'cut',
      paragraphGap: 0,
      seed: 253270511,
      recipient: RECIPIENTS[0] as Recipient,
      note: {
        paragraphs: [
          'Hi Nora, Ci siamo conosciuti al Codemotion di Milano.',
          'Hi Nora, We met at the Rust Berlin meetup last Thursday.',
        ],
        quote: null,
      },
    },
  ],
};

interface Tally {
  tried: number;
  /** Variants with a note of the inviter's, or LinkedIn's default one moved out of its place. */
  withNote: number;
  found: number;
  notFoundNotDrafted: number;
  withoutNote: number;
  drafted: number;
}
const tallies = new Map<string, Tally>();

async function check(family: Family, v: Variant & { seed: number }): Promise<void> {
  const tally = tallies.get(family.name) as Tally;
  tally.tried++;
  const raw = await buildMail(v, family.render(v), v.seed);
  const n = await parseNotification(raw);
  const c = classify(n, rules);
  const details = () =>
    `${raw.toString('utf8').slice(0, 200)}… note=${JSON.stringify(n.note)} unrecognised=${JSON.stringify(n.unrecognised)} ${c.category}/${c.action}`;
  expect(n.kind, details()).toMatch(/^(invitation|reminder)$/);
  // Layouts that always carry a note (2011, guest) show LinkedIn's default one when the inviter
  // wrote none; moved out of its place it is a note like any other.
  const moved = family.defaultNote?.[v.lang] && v.place % family.places.length !== 0;
  const planted_text = v.note
    ? noteText(v.note, 0)
    : moved
      ? (family.defaultNote?.[v.lang] ?? null)
      : null;
  if (planted_text !== null) {
    tally.withNote++;
    const planted = comparable(planted_text);
    if (n.note !== null && comparable(n.note).includes(planted)) tally.found++;
    else {
      expect(
        c.action,
        `note ${JSON.stringify(planted)} not found, and drafted: ${details()}`,
      ).not.toBe('draft');
      tally.notFoundNotDrafted++;
    }
  } else {
    tally.withoutNote++;
    expect({ category: c.category, action: c.action }, details()).toEqual({
      category: 'no-context',
      action: 'draft',
    });
    tally.drafted++;
  }
}

describe('layout mutations', () => {
  for (const family of FAMILIES) {
    tallies.set(family.name, {
      tried: 0,
      withNote: 0,
      found: 0,
      notFoundNotDrafted: 0,
      withoutNote: 0,
      drafted: 0,
    });
    it(
      `finds the note, or drafts nothing, in variants of ${family.name}`,
      async () => {
        await fc.assert(
          fc.asyncProperty(variant(family), (v) => check(family, v as Variant & { seed: number })),
          {
            numRuns: RUNS,
            examples: (FOUND_BEFORE[family.name] ?? []).map((v): [Variant] => [v]),
          },
        );
        const tally = tallies.get(family.name) as Tally;
        // Both halves of the property were exercised.
        expect(tally.withNote).toBeGreaterThan(0);
        expect(tally.withoutNote).toBeGreaterThan(0);
      },
      TIMEOUT,
    );
  }

  afterAll(() => {
    const lines = [...tallies].map(
      ([name, t]) =>
        `  ${name}: ${t.tried} variants; ${t.withNote} with a note (${t.found} found, ${t.notFoundNotDrafted} not found and not drafted), ${t.withoutNote} without (${t.drafted} drafted)`,
    );
    console.log(`layout-mutation variants tried per family:\n${lines.join('\n')}`);
  });
});

describe('each family renders its fixtures as they parse', () => {
  for (const family of FAMILIES) {
    it.each(family.fixtures)(`${family.name}: %s`, async (file) => {
      // Both taken as LinkedIn's (as our DKIM check would find the real mail): the note's
      // links are then the inviter's text, and only the layout is compared.
      const proven = { verifyDkim: async () => true };
      const fixture = await parseNotification(
        readFileSync(new URL(`../fixtures/${file}`, import.meta.url)),
        proven,
      );
      const inviter = PEOPLE[0] as Person;
      const person: Person = {
        name: fixture.inviter.name ?? inviter.name,
        first: fixture.inviter.firstName ?? inviter.first,
        headline: fixture.inviter.headline ?? inviter.headline,
        location: fixture.inviter.location,
        vanity: 'seed',
      };
      const seed: Variant & { seed: number } = {
        lang: fixture.language ?? 'en',
        inviter: person,
        recipient: RECIPIENTS[0] as Recipient,
        note: fixture.note ? { paragraphs: fixture.note.split('\n\n'), quote: null } : null,
        place: 0,
        inline: false,
        greeting: true,
        mutual: null,
        rename: [null, null],
        wrappers: [0],
        wrapper: 'table',
        parts: family.parts[0] as Variant['parts'],
        preheader: 'full',
        paragraphGap: 1,
        seed: 0,
      };
      const rendered = await parseNotification(
        await buildMail(seed, family.render(seed), 0),
        proven,
      );
      const pick = (n: typeof fixture) => ({
        kind: n.kind,
        note: n.note,
        noteKind: n.noteKind,
        unrecognised: n.unrecognised,
        name: n.inviter.name,
        headline: n.inviter.headline,
        category: classify(n, rules).category,
      });
      expect(pick(rendered)).toEqual(pick(fixture));
    });
  }
});
