/**
 * What `run` tells a monitoring system (Prometheus text, prom-client), fed by the service's
 * events: counters of what happened, whether each account this process works is connected, and
 * the drafts still to be written, read from the queues when scraped. Every series has an
 * `account` label; nothing from a stranger (names, notes) is ever a label.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { CATEGORIES } from '../config/schema.ts';
import type { Events } from '../events.ts';
import type { Logger } from '../log.ts';
import type { ServiceView } from '../service/run.ts';

export interface ServiceMetrics {
  registry: Registry;
  subscribe(events: Events, view: ServiceView): void;
}

const OUTCOMES = ['read', 'skipped', 'unparseable'] as const;

/**
 * Seconds from arrival to draft: a second or so when the worker runs (see BENCHMARKS.md), hours
 * or days for mail that arrived while it did not (the first run looks back 30 days).
 */
const ARRIVAL_BUCKETS = [0.5, 1, 2, 5, 10, 30, 60, 300, 3600, 6 * 3600, 86_400, 7 * 86_400];

export function serviceMetrics(log: Logger): ServiceMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const counters = eventCounters(registry);
  // The gauges are read from the service when scraped: the accounts this process works now
  // (an account handed to another process leaves this one's metrics), as `status` sees them.
  let view: ServiceView | null = null;
  serviceGauges(registry, () => view, log);
  return {
    registry,
    subscribe(events, serviceView) {
      view = serviceView;
      countEvents(events, counters);
    },
  };
}

type EventCounters = ReturnType<typeof eventCounters>;

/** What happened, counted from the service's events. */
function eventCounters(registry: Registry) {
  const registers = [registry];
  return {
    seen: new Counter({
      name: 'wherewemet_messages_seen_total',
      help: 'Candidate messages handled by catch-up: read, skipped from their headers, or unparseable',
      labelNames: ['account', 'outcome'] as const,
      registers,
    }),
    invitations: new Counter({
      name: 'wherewemet_invitations_total',
      help: 'New invitations, by category',
      labelNames: ['account', 'category'] as const,
      registers,
    }),
    drafts: new Counter({
      name: 'wherewemet_drafts_written_total',
      help: 'Reply drafts written to Drafts',
      labelNames: ['account'] as const,
      registers,
    }),
    decisions: new Counter({
      name: 'wherewemet_decisions_total',
      help: 'Decisions on drafts this process recorded (sent, discarded, expired, ...)',
      labelNames: ['account', 'decision'] as const,
      registers,
    }),
    unparseable: new Counter({
      name: 'wherewemet_unparseable_total',
      help: 'Messages that could not be read (recorded once each, see `wherewemet unparseable`)',
      labelNames: ['account'] as const,
      registers,
    }),
    answers: new Counter({
      name: 'wherewemet_answers_total',
      help: "Strangers' answers to our question, recorded once each, by where they came (email, linkedin) and whether they read as a pitch",
      labelNames: ['account', 'via', 'pitch'] as const,
      registers,
    }),
    arrivalToDraft: new Histogram({
      name: 'wherewemet_arrival_to_draft_seconds',
      help: 'From the invitation reaching the mailbox to its draft being written',
      labelNames: ['account'] as const,
      buckets: ARRIVAL_BUCKETS,
      registers,
    }),
  };
}

/** The gauges, each read from the service's view (null until subscribed) when scraped. */
function serviceGauges(registry: Registry, view: () => ServiceView | null, log: Logger) {
  const registers = [registry];
  const worked = () => view()?.accounts() ?? [];
  new Gauge({
    name: 'wherewemet_account_connected',
    help: '1 while the account is worked here and its watcher holds the mailbox (as `status` says)',
    labelNames: ['account'] as const,
    registers,
    collect() {
      this.reset();
      for (const a of worked()) this.set({ account: a.account }, a.watching ? 1 : 0);
    },
  });
  new Gauge({
    name: 'wherewemet_account_blocked',
    help: '1 while the account waits for a person to act (see `wherewemet status` for what to do)',
    labelNames: ['account'] as const,
    registers,
    collect() {
      this.reset();
      for (const a of worked()) this.set({ account: a.account }, a.state === 'blocked' ? 1 : 0);
    },
  });
  new Gauge({
    name: 'wherewemet_backlog_jobs',
    help: 'Jobs still to be done: drafts queued, being written, or put off',
    labelNames: ['account', 'queue'] as const,
    registers,
    async collect() {
      this.reset();
      for (const { account } of worked()) {
        const backlog = await view()
          ?.draftBacklog(account)
          .catch((err: Error) => {
            log.debug({ account, err: err.message }, 'metrics: draft queue not read');
            return null;
          });
        if (typeof backlog === 'number') this.set({ account, queue: 'drafts' }, backlog);
      }
    },
  });

  new Gauge({
    name: 'wherewemet_unsure_invitations',
    help: 'Invitations held as unsure: no draft until their text is placed (learned frame, or you)',
    labelNames: ['account'] as const,
    registers,
    async collect() {
      this.reset();
      for (const { account } of worked()) {
        const count = await view()
          ?.unsureCount?.(account)
          .catch((err: Error) => {
            log.debug({ account, err: err.message }, 'metrics: unsure invitations not read');
            return null;
          });
        if (typeof count === 'number') this.set({ account }, count);
      }
    },
  });
}

/** Counts each event; an account's counters start at 0 when it is first seen. */
function countEvents(events: Events, counters: EventCounters) {
  const { seen, invitations, drafts, decisions, unparseable, answers, arrivalToDraft } = counters;
  /** Every counter of an account at 0 from the start, so that rates work from the first scrape. */
  const started = new Set<string>();
  const start = (account: string) => {
    started.add(account);
    for (const outcome of OUTCOMES) seen.inc({ account, outcome }, 0);
    for (const category of CATEGORIES) invitations.inc({ account, category }, 0);
    drafts.inc({ account }, 0);
    unparseable.inc({ account }, 0);
    for (const via of ['email', 'linkedin']) answers.inc({ account, via, pitch: 'false' }, 0);
  };
  events.on('message.seen', (e) => seen.inc({ account: e.account, outcome: e.outcome }));
  events.on('invitation.classified', (e) => {
    if (e.created && e.category) invitations.inc({ account: e.account, category: e.category });
  });
  events.on('draft.written', (e) => {
    drafts.inc({ account: e.account });
    if (e.arrivedAt)
      arrivalToDraft.observe(
        { account: e.account },
        Math.max(0, (e.at.getTime() - e.arrivedAt.getTime()) / 1000),
      );
  });
  events.on('decision.recorded', (e) =>
    decisions.inc({ account: e.account, decision: e.decision }),
  );
  events.on('message.unparseable', (e) => unparseable.inc({ account: e.account }));
  events.on('answer.recorded', (e) =>
    answers.inc({ account: e.account, via: e.via, pitch: String(e.pitch) }),
  );
  events.on('account.state', (e) => {
    if (!started.has(e.account)) start(e.account);
  });
}
