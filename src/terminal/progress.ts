/**
 * Progress of long catch-ups, fed by the service's events. A pass over more than 50 messages
 * (the first run, or one after a long gap) shows a bar on a terminal (count, rate, time left), or
 * off a terminal a log line every few seconds; at its end, one summary line for the account. A
 * pass ends once its messages are handled and the drafts it queued are written, or when the
 * account stops, is blocked while drafting, or the process ends. A pass cut short (a dropped
 * connection) goes on in the next one, under the same bar.
 */

import { DEFAULT_ACCOUNT_ID } from '../config/accounts.ts';
import { CATEGORIES, type Category } from '../config/schema.ts';
import type { Events } from '../events.ts';
import type { Logger } from '../log.ts';
import type { Bar } from './terminal.ts';

export interface Pass {
  account: string;
  phase: 'messages' | 'drafts';
  /** When the current phase began (ms). */
  phaseStartedAt: number;
  startedAt: number;
  /** Messages to handle, and handled so far (read, skipped or unreadable). */
  total: number;
  handled: number;
  /** New invitations by category: with a draft queued, or left without one. */
  invitations: Record<Category, { drafted: number; left: number }>;
  /** Invitations whose draft this pass queued, and how many of them are written. */
  toDraft: Set<string>;
  written: number;
  unreadable: number;
}

export interface ProgressOptions {
  log: Logger;
  /** On a terminal: draw bars there (src/terminal/terminal.ts); otherwise log lines. */
  terminal?: { addBar(total: number, fields: Record<string, string>): Bar } | null;
  /** Off a terminal, a line this often while a pass runs. */
  intervalMs?: number;
  now?: () => number;
}

export interface Progress {
  subscribe(events: Events): void;
  /** A long pass of the account is shown now (its per-invitation log lines can wait). */
  busy(account: string): boolean;
  /** Ends every pass still shown, with its summary (the process is stopping). */
  stop(): void;
}

const LINE_EVERY_MS = 5000;

export function startProgress(options: ProgressOptions): Progress {
  const now = options.now ?? Date.now;
  const passes = new Map<string, Pass>();
  const display = passDisplay(options, passes, now);
  return {
    subscribe: (events) => followPasses(events, passes, display, now),
    busy: (account) => passes.has(account),
    stop() {
      for (const pass of [...passes.values()]) display.finish(pass);
    },
  };
}

/** How passes are shown: bars on a terminal, else log lines; `finish` ends one with its summary. */
interface PassDisplay {
  show(pass: Pass): void;
  changed(pass: Pass): void;
  finish(pass: Pass): void;
  /** Messages handled and drafts written: over, or on to waiting for the drafts. */
  maybeDone(pass: Pass): void;
}

function passDisplay(
  options: ProgressOptions,
  passes: Map<string, Pass>,
  now: () => number,
): PassDisplay {
  const { log } = options;
  const bars = new Map<string, Bar>();
  let timer: NodeJS.Timeout | null = null;
  const changed = (pass: Pass) => {
    const [value, total] =
      pass.phase === 'messages' ? [pass.handled, pass.total] : [pass.written, pass.toDraft.size];
    bars.get(pass.account)?.update(value, total, barFields(pass, now()));
  };
  const finish = (pass: Pass) => {
    passes.delete(pass.account);
    bars.get(pass.account)?.remove();
    bars.delete(pass.account);
    if (passes.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
    log.info(
      { account: pass.account, ...totals(pass) },
      `${pass.account === DEFAULT_ACCOUNT_ID ? '' : `${pass.account}: `}${summaryLine(pass, now())}`,
    );
  };
  return {
    show(pass) {
      if (options.terminal) {
        bars.set(pass.account, options.terminal.addBar(pass.total, barFields(pass, now())));
        return;
      }
      log.info(
        { account: pass.account, messages: pass.total },
        `${label(pass.account)}: ${count(pass.total, 'message')} to look at`,
      );
      timer ??= setInterval(() => {
        for (const p of passes.values())
          log.info({ account: p.account }, `${label(p.account)}: ${progressLine(p, now())}`);
      }, options.intervalMs ?? LINE_EVERY_MS);
      timer.unref();
    },
    changed,
    finish,
    maybeDone(pass) {
      if (pass.phase === 'messages') return changed(pass);
      if (pass.written >= pass.toDraft.size) return finish(pass);
      changed(pass);
    },
  };
}

/** Each pass as the service's events tell it: begun, a message handled, a draft written, done. */
function followPasses(
  events: Events,
  passes: Map<string, Pass>,
  display: PassDisplay,
  now: () => number,
) {
  events.on('sync.pass', (e) => {
    const going = passes.get(e.account);
    if (going && e.candidates === 0) return;
    if (going) {
      // The rest of a pass that was cut short: same bar, larger total.
      going.phase = 'messages';
      going.total = going.handled + e.candidates;
      return display.changed(going);
    }
    if (!e.large) return;
    const pass = newPass(e.account, e.candidates, now());
    passes.set(e.account, pass);
    display.show(pass);
  });
  events.on('message.seen', (e) => {
    const pass = passes.get(e.account);
    if (pass?.phase !== 'messages') return;
    pass.handled++;
    display.changed(pass);
  });
  events.on('message.unparseable', (e) => {
    const pass = passes.get(e.account);
    if (pass) pass.unreadable++;
  });
  events.on('invitation.classified', (e) => {
    const pass = passes.get(e.account);
    if (!pass || !e.created || e.category === null) return;
    const tally = pass.invitations[e.category as Category];
    if (!tally) return;
    if (e.action === 'draft') {
      tally.drafted++;
      pass.toDraft.add(e.key);
    } else tally.left++;
  });
  events.on('draft.written', (e) => {
    const pass = passes.get(e.account);
    if (!pass?.toDraft.has(e.key)) return;
    pass.written++;
    display.maybeDone(pass);
  });
  events.on('sync.done', (e) => {
    const pass = passes.get(e.account);
    if (!pass) return;
    pass.handled = pass.total;
    pass.phase = 'drafts';
    pass.phaseStartedAt = now();
    display.maybeDone(pass);
  });
  events.on('account.state', (e) => {
    const pass = passes.get(e.account);
    if (!pass) return;
    // Drafts held up by something a person must fix, or an account that is no longer ours.
    if (e.state === 'stopped' || (e.state === 'blocked' && pass.phase === 'drafts'))
      display.finish(pass);
  });
}

function newPass(account: string, total: number, at: number): Pass {
  const invitations = Object.fromEntries(CATEGORIES.map((c) => [c, { drafted: 0, left: 0 }]));
  return {
    account,
    phase: 'messages',
    phaseStartedAt: at,
    startedAt: at,
    total,
    handled: 0,
    invitations: invitations as Pass['invitations'],
    toDraft: new Set(),
    written: 0,
    unreadable: 0,
  };
}

function label(account: string): string {
  return account === DEFAULT_ACCOUNT_ID ? 'catching up' : `catching up ${account}`;
}

function barFields(pass: Pass, now: number): Record<string, string> {
  const [done, total] =
    pass.phase === 'messages' ? [pass.handled, pass.total] : [pass.written, pass.toDraft.size];
  const { rate, left } = pace(done, total, now - pass.phaseStartedAt);
  return {
    label: label(pass.account),
    what: pass.phase === 'messages' ? 'messages' : 'drafts written',
    rate,
    left,
  };
}

/** "412 of 600 messages, 38 a second, about 5 s left" (or the same for the drafts). */
export function progressLine(pass: Pass, now: number): string {
  const elapsed = now - pass.phaseStartedAt;
  if (pass.phase === 'messages') {
    const { rate, left } = pace(pass.handled, pass.total, elapsed);
    return `${number(pass.handled)} of ${count(pass.total, 'message')}, ${rate}, ${left}`;
  }
  const { rate, left } = pace(pass.written, pass.toDraft.size, elapsed);
  return `writing drafts: ${number(pass.written)} of ${number(pass.toDraft.size)}, ${rate}, ${left}`;
}

/** How fast, and how long the rest takes at that speed. */
export function pace(
  done: number,
  total: number,
  elapsedMs: number,
): { rate: string; left: string } {
  if (done === 0 || elapsedMs < 500) return { rate: 'starting', left: 'time left unknown' };
  const perSecond = (done * 1000) / elapsedMs;
  const rate =
    perSecond >= 10 ? `${Math.round(perSecond)} a second` : `${perSecond.toFixed(1)} a second`;
  return { rate, left: `about ${duration(((total - done) / perSecond) * 1000)} left` };
}

/**
 * "caught up on 600 messages in 14 s: 412 invitations: 380 drafts (8 to pitches), 20 with a personal note,
 * 12 imitations; 0 unreadable". The invitations are split by what happened to them: a draft, or
 * none and why; a kind with none of them is left out.
 */
export function summaryLine(pass: Pass, now: number): string {
  const { invitations: by } = pass;
  const drafted = CATEGORIES.reduce((n, c) => n + by[c].drafted, 0);
  const invitations = CATEGORIES.reduce((n, c) => n + by[c].drafted + by[c].left, 0);
  const notes = [
    by.pitch.drafted > 0 ? `${number(by.pitch.drafted)} to pitches` : '',
    drafted > pass.written ? `${number(drafted - pass.written)} not yet written` : '',
  ].filter(Boolean);
  const parts = [
    drafted > 0 ? `${count(drafted, 'draft')}${notes.length ? ` (${notes.join('; ')})` : ''}` : '',
    by['has-context'].left > 0 ? `${number(by['has-context'].left)} with a personal note` : '',
    by.pitch.left > 0 ? count(by.pitch.left, 'pitch', 'pitches') : '',
    by.known.left > 0 ? `${number(by.known.left)} from people you know` : '',
    by['no-context'].left > 0 ? `${number(by['no-context'].left)} without a note, not drafted` : '',
    by.suspicious.left > 0 ? count(by.suspicious.left, 'imitation') : '',
  ].filter(Boolean);
  const what =
    invitations === 0
      ? 'no invitations'
      : `${count(invitations, 'invitation')}: ${parts.join(', ')}`;
  return `caught up on ${count(pass.total, 'message')} in ${duration(now - pass.startedAt)}: ${what}; ${number(pass.unreadable)} unreadable`;
}

/** The summary as numbers, for the log line's fields. */
function totals(pass: Pass) {
  const by = pass.invitations;
  const sum = (pick: (t: { drafted: number; left: number }) => number) =>
    CATEGORIES.reduce((n, c) => n + pick(by[c]), 0);
  return {
    messages: pass.total,
    invitations: sum((t) => t.drafted + t.left),
    drafts: sum((t) => t.drafted),
    draftsWritten: pass.written,
    unreadable: pass.unreadable,
  };
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${number(n)} ${n === 1 ? one : many}`;
}

/** "14 s", "3 min", "1 h 20 min". */
function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  return `${Math.floor(min / 60)} h ${min % 60} min`;
}
