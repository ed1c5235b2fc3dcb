/**
 * The blind evaluation (issue 18): invitations from a generator the parser was not tuned on
 * (test/parse/blind/), as they reach users through gateways, forwards and languages without a
 * pack. Each case is parsed (parseMail, as the worker does, with the mailbox's server as `run`
 * knows it) and classified with the shipped rules, then scored against what was planted:
 *
 * - drafted: a draft is written (recall = drafted / should draft);
 * - wrong: a draft to an inviter whose note says where or is personal (must stay 0);
 * - unsure: held for the user to place (not drafted, not lost);
 * - silent: neither drafted, nor unsure, nor filed as has-context where the note gives context.
 *
 * Then each class again as one mailbox whose verified mail teaches the learned frame.
 *
 *   npm run bench:blind                          # 100 cases per class, seed 1
 *   npm run bench:blind -- --cases 200 --seed 7
 *   npm run bench:blind -- --show silent         # print the cases of one outcome (both readings)
 *   npm run bench:blind -- --set second          # the second blind generator (blind/second.ts)
 *   npm run bench:blind -- --set adversarial     # notes built to pass for none (blind/adversarial.ts)
 *   npm run bench:blind -- --set adversarial2    # other attacks, imitations too (blind/adversarial2.ts)
 *   npm run bench:blind -- --set adversarial3    # affiliations, questions, odd places and names (blind/adversarial3.ts)
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { classify } from '../src/classify/classify.ts';
import { loadConfig } from '../src/config/load.ts';
import { UnparseableMessageError } from '../src/errors.ts';
import type { LearnedFrame } from '../src/parse/learnedFrame.ts';
import { parseMail } from '../src/parse/parseNotification.ts';
import { ADVERSARIAL_CLASSES, generateAdversarial } from '../test/parse/blind/adversarial.ts';
import { ADVERSARIAL2_CLASSES } from '../test/parse/blind/adversarial2.ts';
import { ADVERSARIAL3_CLASSES } from '../test/parse/blind/adversarial3.ts';
import { BLIND_CLASSES, type BlindCase, generateBlind } from '../test/parse/blind/generator.ts';
import { type BlindOutcome, learnFrom, outcomeOf } from '../test/parse/blind/score.ts';
import { generateSecond, SECOND_CLASSES } from '../test/parse/blind/second.ts';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
    show: { type: 'string' },
    set: { type: 'string', default: 'first' },
  },
});
const { rules } = await loadConfig(
  fileURLToPath(new URL('../config/wherewemet.yaml', import.meta.url)),
);

interface Row {
  cases: number;
  shouldDraft: number;
  drafted: number;
  wrong: number;
  unsureDraft: number;
  unsureNote: number;
  silent: number;
  filed: number;
}

async function outcome(c: BlindCase, learnedFrame?: LearnedFrame): Promise<BlindOutcome> {
  try {
    const { notification } = await parseMail(c.raw, {
      trustedAuthservId: c.trustedAuthservId,
      ...(learnedFrame ? { learnedFrame } : {}),
    });
    return outcomeOf(c, notification, classify(notification, rules));
  } catch (err) {
    if (!(err instanceof UnparseableMessageError)) throw err;
    return { result: 'silent', seen: `refused: ${err.message}` };
  }
}

async function measure(cases: BlindCase[], learnedFrame?: LearnedFrame): Promise<Row> {
  const row: Row = {
    cases: 0,
    shouldDraft: 0,
    drafted: 0,
    wrong: 0,
    unsureDraft: 0,
    unsureNote: 0,
    silent: 0,
    filed: 0,
  };
  for (const c of cases) {
    const o = await outcome(c, learnedFrame);
    row.cases++;
    if (c.want === 'draft') row.shouldDraft++;
    if (o.result === 'drafted') row.drafted++;
    if (o.result === 'wrong') row.wrong++;
    if (o.result === 'unsure') c.want === 'draft' ? row.unsureDraft++ : row.unsureNote++;
    if (o.result === 'silent') row.silent++;
    if (o.result === 'filed') row.filed++;
    if (args.show === o.result || (args.show === 'all' && o.result !== 'drafted'))
      console.log(
        `[${o.result}${learnedFrame ? ', learned frame' : ''}] ${c.cls} | ${c.variant} | ${c.lang} | ${c.planted}: ${JSON.stringify(c.note)} → ${o.seen}`,
      );
  }
  return row;
}

function cells(name: string, r: Row): string[] {
  const pct = r.shouldDraft ? ` (${((100 * r.drafted) / r.shouldDraft).toFixed(0)}%)` : '';
  return [
    name,
    String(r.cases),
    `${r.drafted}/${r.shouldDraft}${pct}`,
    String(r.wrong),
    `${r.unsureDraft} + ${r.unsureNote}`,
    String(r.silent),
    String(r.filed),
  ];
}

function table(rows: string[][]): string {
  const header = [
    'class',
    'cases',
    'drafted',
    'wrong drafts',
    'unsure (draft + note)',
    'silent',
    'filed',
  ];
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

const sum = (rows: Row[]): Row =>
  rows.reduce((a, r) => {
    for (const k of Object.keys(a) as (keyof Row)[]) a[k] += r[k];
    return a;
  });

const CASES = Number(args.cases);
const SEED = Number(args.seed);
// Each generator's classes, as names and the cases of one (count, seed).
const SETS: Record<
  string,
  { name: string; cases: (count: number, seed: number) => BlindCase[] }[]
> = {
  first: BLIND_CLASSES.map((c) => ({ name: c.name, cases: (n, s) => generateBlind(c, n, s) })),
  second: SECOND_CLASSES.map((c) => ({ name: c.name, cases: (n, s) => generateSecond(c, n, s) })),
  adversarial: ADVERSARIAL_CLASSES.map((c) => ({
    name: c.name,
    cases: (n, s) => generateAdversarial(c, n, s),
  })),
  adversarial2: ADVERSARIAL2_CLASSES.map((c) => ({
    name: c.name,
    cases: (n, s) => generateAdversarial(c, n, s),
  })),
  adversarial3: ADVERSARIAL3_CLASSES.map((c) => ({
    name: c.name,
    cases: (n, s) => generateAdversarial(c, n, s),
  })),
};
const classes = SETS[args.set];
if (!classes) throw new Error(`--set is one of ${Object.keys(SETS).join(', ')}`);
const first: [string, Row][] = [];
const again: [string, Row][] = [];
for (const cls of classes) {
  const cases = cls.cases(CASES, SEED);
  first.push([cls.name, await measure(cases)]);
  again.push([`${cls.name}, learned frame`, await measure(cases, await learnFrom(cases))]);
}
console.log(
  `blind evaluation${args.set === 'first' ? '' : ` (${args.set} generator)`}: ${CASES} cases per class, seed ${SEED}\n`,
);
const withTotal = (rows: [string, Row][]) => [
  ...rows.map(([n, r]) => cells(n, r)),
  cells('all classes', sum(rows.map(([, r]) => ({ ...r })))),
];
console.log(table(withTotal(first)));
if (again.length > 0) {
  console.log('\nEach class again as one mailbox that teaches the learned frame:\n');
  console.log(table(withTotal(again)));
}
