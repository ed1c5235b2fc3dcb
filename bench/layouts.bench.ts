/**
 * Recall and wrong drafts on layout variants (issue 18): for each variant class of the generator
 * (test/parse/layouts/variants.ts), N cases from a seed, each parsed (parseNotification) and
 * classified (classify, rules of config/wherewemet.yaml) as the worker does, then scored against
 * the truth planted in it. A table per class: cases, expected drafts, drafts written with the
 * right template (share), wrong drafts (to an inviter whose note gives context, to an imitation,
 * or for mail that is no invitation), drafts from the other template, `unsure` results (held,
 * not drafted) and planted notes missing from the parsed note. Then the learning pass on the
 * redesign, where the parser is given the frame learned from the mailbox.
 *
 *   npm run bench:layouts                              # 60 cases per class, seed 1
 *   npm run bench:layouts -- --cases 200 --seed 7
 *   npm run bench:layouts -- --axes                    # and a breakdown per layout axis
 *   npm run bench:layouts -- --json > layouts.json     # the same figures as JSON
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { classify, type Rules } from '../src/classify/classify.ts';
import { loadConfig } from '../src/config/load.ts';
import { UnparseableMessageError } from '../src/errors.ts';
import { FrameTally } from '../src/parse/learnedFrame.ts';
import { parseMail, parseNotification } from '../src/parse/parseNotification.ts';
import { add, emptyTally, score, type Tally } from '../test/parse/layouts/measure.ts';
import { type Case, CLASSES, generate } from '../test/parse/layouts/variants.ts';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: process.env.LAYOUT_CASES ?? '60' },
    seed: { type: 'string', default: process.env.LAYOUT_SEED ?? '1' },
    json: { type: 'boolean', default: false },
    axes: { type: 'boolean', default: false },
  },
});
const CASES = Number(args.cases);
/**
 * The generator's mailbox is served by mx.example.net, which writes the Authentication-Results of
 * 60% of its genuine mail: `run` knows that server (configured, the provider's, or learned from
 * the mailbox), so the parser is told it, as the worker's ingest does.
 */
const MAILBOX = { trustedAuthservId: 'mx.example.net' };
const SEED = Number(args.seed);

const { rules } = await loadConfig(
  fileURLToPath(new URL('../config/wherewemet.yaml', import.meta.url)),
);

interface ClassResult {
  name: string;
  known: boolean;
  tally: Tally;
  /** Per layout axis, per value: the same tally over the cases with that value. */
  byAxis: Record<string, Record<string, Tally>>;
  /** Messages the parser refused (UnparseableMessageError): never drafted, counted here. */
  refused: number;
}

/** Parses, classifies and scores one case; a refusal counts as "not drafted". */
async function run(
  c: Case,
  r: Rules,
  parse: (raw: Buffer) => ReturnType<typeof parseNotification>,
) {
  try {
    const n = await parse(c.raw);
    return score(c, n, classify(n, r), r);
  } catch (err) {
    if (!(err instanceof UnparseableMessageError)) throw err;
    return null;
  }
}

async function measure(
  name: string,
  known: boolean,
  cases: Case[],
  parse: (raw: Buffer) => ReturnType<typeof parseNotification>,
): Promise<ClassResult> {
  const result: ClassResult = { name, known, tally: emptyTally(), byAxis: {}, refused: 0 };
  for (const c of cases) {
    const o = await run(c, rules, parse);
    if (o === null) {
      result.refused++;
      continue;
    }
    add(result.tally, c, o);
    for (const [axis, value] of Object.entries({ ...c.axes, family: c.family, lang: c.lang })) {
      const values = result.byAxis[axis] ?? {};
      result.byAxis[axis] = values;
      const tally = values[String(value)] ?? emptyTally();
      values[String(value)] = tally;
      add(tally, c, o);
    }
  }
  return result;
}

/**
 * Each class again, as one mailbox would hold it: the learner reads every mail of the class (for
 * the redesign, its other LinkedIn mail too) in order, each verified one teaching the frame as
 * the worker's ingest does (parseMail's lessons, one vote per inviter), then each invitation is
 * parsed with what was learned. This is what `run` does over time: unsure invitations are read
 * again whenever the learned frame grows.
 */
async function learningPass(name: string, known: boolean, mailbox: Case[], invitations: Case[]) {
  const tally = new FrameTally();
  for (const c of mailbox) {
    try {
      const { lessons } = await parseMail(c.raw, { ...MAILBOX, learnedFrame: tally.frame() });
      for (const lesson of lessons) tally.add(lesson);
    } catch (err) {
      if (!(err instanceof UnparseableMessageError)) throw err;
    }
  }
  const learnedFrame = tally.frame();
  return measure(`${name}, learned frame`, known, invitations, (raw) =>
    parseNotification(raw, { ...MAILBOX, learnedFrame }),
  );
}

const results: ClassResult[] = [];
const generated = new Map<string, Case[]>();
for (const cls of CLASSES) {
  const cases = await generate(cls, CASES, SEED);
  generated.set(cls.name, cases);
  results.push(await measure(cls.name, cls.known, cases, (raw) => parseNotification(raw, MAILBOX)));
}
const learned: ClassResult[] = [];
for (const cls of CLASSES) {
  const cases = generated.get(cls.name) ?? [];
  if (cls.name === 'redesign: other LinkedIn mail' || cls.name === 'imitations') continue;
  const mailbox =
    cls.name === 'redesign: invitations'
      ? [...(generated.get('redesign: other LinkedIn mail') ?? []), ...cases]
      : cases;
  learned.push(await learningPass(cls.name, cls.known, mailbox, cases));
}

function share(t: Tally): string {
  return t.expectedDrafts === 0
    ? '—'
    : `${t.draftsWritten}/${t.expectedDrafts} (${((100 * t.draftsWritten) / t.expectedDrafts).toFixed(0)}%)`;
}

function row(name: string, t: Tally, refused = 0): string[] {
  return [
    name,
    String(t.cases + refused),
    String(t.expectedDrafts),
    share(t),
    String(t.wrongDrafts),
    String(t.wrongTemplate),
    String(t.unsure),
    `${t.missedNotes}/${t.notesPlanted}`,
    String(refused),
  ];
}

function table(rows: string[][], first = 'class'): string {
  const header = [
    first,
    'cases',
    'expected drafts',
    'drafts written',
    'wrong drafts',
    'other template',
    'unsure',
    'missed notes',
    'refused',
  ];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    `| ${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

const total = emptyTally();
for (const r of results)
  for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += r.tally[k];

if (args.json) {
  console.log(
    JSON.stringify(
      {
        casesPerClass: CASES,
        seed: SEED,
        classes: results,
        total,
        learned,
      },
      null,
      2,
    ),
  );
} else {
  console.log(`layout variants: ${CASES} cases per class, seed ${SEED}\n`);
  console.log(
    table([
      ...results.map((r) => row(`${r.known ? '' : '(new) '}${r.name}`, r.tally, r.refused)),
      row(
        'all classes',
        total,
        results.reduce((s, r) => s + r.refused, 0),
      ),
    ]),
  );
  console.log('\nThe same classes, each read as one mailbox that teaches the learned frame:\n');
  console.log(table(learned.map((r) => row(r.name, r.tally, r.refused))));
  if (args.axes)
    for (const r of results) {
      console.log(`\n${r.name}, per layout axis:`);
      console.log(
        table(
          Object.entries(r.byAxis).flatMap(([axis, values]) =>
            Object.entries(values).map(([value, t]) => row(`${axis} = ${value}`, t)),
          ),
          'axis = value',
        ),
      );
    }
}
