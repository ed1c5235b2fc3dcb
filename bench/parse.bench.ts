/**
 * Throughput of parse+classify over every fixture .eml, next to bare mailparser (simpleParser,
 * default options) on the same bytes in the same process. Rounds alternate between the two so
 * drift (thermal, GC, other load) hits both alike; the median round counts. Then the messages
 * built to stall or abuse the parser, each parsed once (after a warm-up), with what came of it.
 *
 *   npm run bench                         # 15 rounds of each, 4 passes over the corpus per round
 *   BENCH_ROUNDS=30 BENCH_PASSES=8 npm run bench
 *   BENCH_ROUNDS=0 npm run bench          # the pathological messages only
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import { classify } from '../src/classify/classify.ts';
import { loadConfig } from '../src/config/load.ts';
import { composeDraft } from '../src/draft/composeDraft.ts';
import { UnparseableMessageError } from '../src/errors.ts';
import { parseNotification } from '../src/parse/parseNotification.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const PASSES = Number(process.env.BENCH_PASSES ?? 4);
const WARMUP_PASSES = 3;

const root = fileURLToPath(new URL('../test/fixtures/', import.meta.url));
const { rules, templates } = await loadConfig(
  fileURLToPath(new URL('../config/wherewemet.yaml', import.meta.url)),
);

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return emlFiles(path);
    return name.endsWith('.eml') ? [path] : [];
  });
}

const corpus = emlFiles(root)
  .sort()
  .map((path) => readFileSync(path));
const corpusBytes = corpus.reduce((sum, raw) => sum + raw.length, 0);

/** Ours: what the worker does with each message. Refusals are part of the work, not failures. */
async function ours(raw: Buffer): Promise<void> {
  try {
    classify(await parseNotification(raw), rules);
  } catch (err) {
    if (!(err instanceof UnparseableMessageError)) throw err;
  }
}

async function bare(raw: Buffer): Promise<void> {
  try {
    await simpleParser(raw);
  } catch {
    // mailparser rejects the same unreadable fixtures; that is work done too.
  }
}

interface Rate {
  /** Messages per second of elapsed time. */
  wall: number;
  /** Messages per second of this process's CPU time: steadier when other work shares the cores. */
  cpu: number;
}

async function round(work: (raw: Buffer) => Promise<void>, passes: number): Promise<Rate> {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let pass = 0; pass < passes; pass++) {
    for (const raw of corpus) await work(raw);
  }
  const cpu = process.cpuUsage(cpuStart);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const messages = passes * corpus.length;
  return { wall: messages / seconds, cpu: messages / ((cpu.user + cpu.system) / 1e6) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

if (ROUNDS > 0) await throughput();
await pathological();

async function throughput(): Promise<void> {
  await round(ours, WARMUP_PASSES);
  await round(bare, WARMUP_PASSES);
  const oursRates: Rate[] = [];
  const bareRates: Rate[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    oursRates.push(await round(ours, PASSES));
    bareRates.push(await round(bare, PASSES));
  }

  const kib = (corpusBytes / 1024).toFixed(0);
  console.log(`node ${process.version}, ${corpus.length} messages (${kib} KiB)`);
  console.log(
    `${ROUNDS} rounds x ${PASSES} passes = ${ROUNDS * PASSES * corpus.length} messages per side`,
  );
  for (const clock of ['wall', 'cpu'] as const) {
    const oursRate = median(oursRates.map((r) => r[clock]));
    const bareRate = median(bareRates.map((r) => r[clock]));
    // Each round of ours ran next to one of bare, under the same load: their ratio is the fairer one.
    const paired = median(oursRates.map((r, i) => r[clock] / (bareRates[i]?.[clock] ?? r[clock])));
    const spread = (rates: Rate[]) =>
      `${Math.round(Math.min(...rates.map((r) => r[clock])))}-${Math.round(Math.max(...rates.map((r) => r[clock])))}`;
    console.log(`\n${clock === 'wall' ? 'elapsed time' : 'CPU time'} (median of rounds, min-max):`);
    console.log(`  parse+classify:      ${oursRate.toFixed(0)} messages/s (${spread(oursRates)})`);
    console.log(`  simpleParser (bare): ${bareRate.toFixed(0)} messages/s (${spread(bareRates)})`);
    console.log(`  ratio ours/bare:     ${paired.toFixed(2)} (median of paired rounds)`);
  }
}

/** An invitation in a text part, from `name`, with `extra` after its Accept link. */
function hostile(name: string, extra = ''): Buffer {
  const from = /^[\x20-\x7e]*$/.test(name)
    ? `"${name}"`
    : `=?UTF-8?B?${Buffer.from(name).toString('base64')}?=`;
  return Buffer.from(
    [
      `From: ${from} <invitations@linkedin.com>`,
      'To: Marcus Webb <marcus.webb@example.net>',
      'Reply-To: inviter@example.org',
      'Subject: I want to connect',
      'Date: Tue, 10 Feb 2026 09:30:00 +0000',
      'Message-ID: <bench@linkedin.com>',
      'X-LinkedIn-Template: email_m2m_invite_single_01',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      `${name} wants to connect`,
      '',
      name,
      'Engineer at Example',
      '',
      'Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/7426897713564350931/sharedKey/I9e1BN2l/?trk=eml-email_m2m_invite_single_01-hero-2-accept%7Ecta',
      extra,
    ].join('\r\n'),
  );
}

/**
 * Each case once: how long parseNotification took, what it said, and, where the parser returns
 * a notification, what a draft composed from it looks like (subject and greeting carry the name,
 * as a user's template may).
 */
async function pathological(): Promise<void> {
  const urls = Array.from(
    { length: 100_000 },
    (_, i) => `https://www.linkedin.com/comm/in/m${String(i).padStart(9, '0')}`,
  ).join(' ');
  const cases: [string, Buffer][] = [
    ['text part with 100,000 LinkedIn URLs on one line', hostile('Jane Doe', urls)],
    ['20,000-character display name', hostile('A'.repeat(20_000))],
    ['bidi overrides in the name', hostile('Jane \u202eeoD\u202c')],
    ['CJK name, family name first', hostile('佐藤 美咲')],
  ];
  const template = {
    ...templates['where-we-met'],
    subject: 'Where did we meet, {{fullName}}?',
    languages: {},
  };
  await parseNotification(hostile('Warm Up')); // load and compile everything once
  console.log('\npathological messages (one parse each):');
  for (const [label, raw] of cases) {
    const start = performance.now();
    const outcome = await parseNotification(raw).then(
      (n) => n,
      (err: unknown) => (err instanceof Error ? err : new Error(String(err))),
    );
    const ms = performance.now() - start;
    const size = `${(raw.length / 1e6).toFixed(2)} MB`;
    if (outcome instanceof Error) {
      console.log(`  ${label} (${size}): ${ms.toFixed(0)} ms, refused: ${outcome.message}`);
      continue;
    }
    const c = classify(outcome, rules);
    const draft = await composeDraft({
      notification: outcome,
      invitationKey: 'bench',
      template: template as (typeof templates)['where-we-met'],
      me: { name: 'Marcus Webb', address: 'marcus.webb@example.net', signature: null },
      now: new Date(),
    });
    const head = draft.raw.toString('utf8').split('\r\n\r\n')[0] ?? '';
    const longest = Math.max(...head.split('\r\n').map((line) => Buffer.byteLength(line)));
    const mail = await simpleParser(draft.raw);
    const decoded = `${mail.subject ?? ''} ${mail.to && !Array.isArray(mail.to) ? mail.to.text : ''}`;
    const bidi = /[\u202a-\u202e\u2066-\u2069]/.test(decoded);
    const greeting = (mail.text ?? '').split('\n').find((l) => /^Hi /.test(l)) ?? '';
    console.log(
      `  ${label} (${size}): ${ms.toFixed(0)} ms, ${c.category}/${c.action}; name ${[...(outcome.inviter.name ?? '')].length} characters; draft's longest header line ${longest} octets, bidi controls in To/Subject: ${bidi}, greeting ${JSON.stringify(greeting.slice(0, 40))}`,
    );
  }
}
