/**
 * What one catch-up pass does for an account, on the watcher's connection: learns the user's mail
 * server, reads again what an earlier run could not read in time, catches up with INBOX (each
 * message ingested as an invitation or an answer), queues the drafts, and reads unsure
 * invitations again when that is due. The account (account.ts) counts the passes.
 */
import type { ImapFlow } from 'imapflow';
import { type Backoff, backoffDelay } from '../backoff.ts';
import type { Account } from '../config/accounts.ts';
import { configuredMailServer } from '../config/providers.ts';
import type { Config } from '../config/schema.ts';
import { describeError } from '../errors.ts';
import type { Events } from '../events.ts';
import { refetchSources } from '../imap/refetch.ts';
import type { Logger } from '../log.ts';
import type { PendingRead } from '../pipeline/ingestAnswer.ts';
import type { MessageFacts } from '../pipeline/unparseable.ts';
import type { DraftJob } from '../queue/jobs.ts';
import { AnswerStore } from '../store/answers.ts';
import { frameStoreFor } from '../store/frameStore.ts';
import { MailServerStore } from '../store/mailServers.ts';
import type { MessageRef } from '../store/records.ts';
import type { RedisClient } from '../store/redisClient.ts';
import type { Store } from '../store/store.ts';
import { catchUp } from '../sync/catchUp.ts';
import { learnMailServer } from '../sync/mailServer.ts';
import { readAgain } from '../sync/readAgain.ts';

export interface ReaderDeps {
  account(): Account;
  redis: RedisClient;
  config(): Config;
  store: Store;
  events: Events;
  log: Logger;
  now(): Date;
  verifyDkim(raw: Buffer): Promise<boolean | null>;
  backoff: Backoff;
  /** Drafts for what was read; queued after each batch, before the cursor moves past it. */
  enqueue(jobs: DraftJob[]): Promise<void>;
  /** The headers chose messages to read, so drafts may follow (catchUp.ts). */
  aboutToRead(): void;
  /** A write failed: perhaps the lease is someone else's now. */
  writeFailed(err: unknown): void;
}

const HOUR_MS = 60 * 60 * 1000;

type Ingestible = {
  ref: MessageRef;
  source: Buffer;
  facts: MessageFacts;
  earlierRefusals?: number;
};

export class AccountReader {
  readonly answers: AnswerStore;
  private readonly id: string;
  private readonly frames;
  private readonly mailServers: MailServerStore;
  private learned: { server: string | null; at: number } | null = null;
  private pendingJobs: DraftJob[] = [];
  private readonly pendingRead: PendingRead = new Map();
  // Messages an earlier run could not read in time are read again once per start (readAgain.ts).
  private readAgainDue = true;

  constructor(private readonly deps: ReaderDeps) {
    const shared = deps.config();
    this.id = deps.account().id;
    this.frames = frameStoreFor(deps.redis, shared.redis.prefix);
    // The user's mail server, whose Authentication-Results alone count: configured, the
    // provider's, or learned from the mailbox (looked at again at most hourly, before a catch-up
    // reads mail).
    this.mailServers = new MailServerStore(deps.redis, shared.redis.prefix, this.id);
    this.answers = new AnswerStore(
      deps.redis,
      shared.redis.prefix,
      this.id,
      shared.history.keepDays,
    );
  }

  /** Questions asked before answers were recorded count as asked (ingestAnswer.ts). */
  async backfillAsked(): Promise<void> {
    const { store, now } = this.deps;
    const { backfillAsked } = await import('../pipeline/ingestAnswer.ts');
    await backfillAsked({
      invitationKeys: (offset, count) => store.invitationKeys(offset, count),
      getInvitation: (key) => store.getInvitation(key),
      answers: this.answers,
      days: this.deps.config().history.keepDays,
      now,
    });
  }

  /** One pass over the selected INBOX on `client`. */
  async catchUp(client: ImapFlow): Promise<void> {
    const { deps } = this;
    const config = deps.config();
    const mailbox = deps.account().mailboxes.inbox;
    await this.learnServer(client);
    if (this.readAgainDue) {
      await readAgain(client, {
        account: this.id,
        mailbox,
        store: deps.store,
        ingest: (message) => this.ingest(message),
        afterBatch: () => this.queueDrafts(),
        log: deps.log,
      });
      this.readAgainDue = false;
    }
    await catchUp(client, {
      account: this.id,
      mailbox,
      store: deps.store,
      lookbackDays: config.sync.lookbackDays,
      maxMessageBytes: config.sync.maxMessageBytes,
      ingest: (message) => this.ingest(message),
      answerTerms: async () => {
        const { askedInvitations, answerTerms } = await import('../pipeline/ingestAnswer.ts');
        return answerTerms(await askedInvitations(this.answerDeps()));
      },
      // Jobs are queued before the cursor moves past their messages: none is lost in between.
      afterBatch: async () => {
        await this.queueDrafts();
        await this.rereadIfDue(client);
      },
      aboutToRead: deps.aboutToRead,
      events: deps.events,
      log: deps.log,
      now: deps.now,
    });
    await this.rereadIfDue(client);
  }

  // Unsure invitations and provisional notes are read again, on the watcher's connection, once
  // the frame grew, the parser changed or one waited rules.unsureDays (rereadUnsure.ts); nothing
  // held: two cheap reads, and the parser's code is not even loaded.
  async rereadIsDue(): Promise<boolean> {
    const { store } = this.deps;
    const held = (await store.unsureCount()) > 0 || (await store.provisionalKeys(1)).length > 0;
    if (!held) return false;
    const { rereadDue } = await import('../pipeline/rereadUnsure.ts');
    return rereadDue(this.rereadChecks());
  }

  private rereadChecks() {
    const { store, now } = this.deps;
    return { store, frame: this.frames, settings: () => this.ingestSettings(), now };
  }

  private async rereadIfDue(client: ImapFlow): Promise<void> {
    const { deps } = this;
    try {
      if (!(await this.rereadIsDue())) return;
      const { rereadUnsure } = await import('../pipeline/rereadUnsure.ts');
      await rereadUnsure({
        ...this.rereadChecks(),
        account: this.id,
        refetch: (refs, each) => refetchSources(client, refs, each),
        enqueueDraft: (invitationKey) => deps.enqueue([{ invitationKey }]),
        verifyDkim: deps.verifyDkim,
        events: deps.events,
        log: deps.log,
      });
    } catch (err) {
      // Never holds up catch-up: the next batch, pass or check tries again.
      deps.writeFailed(err);
      deps.log.warn({ err: describeError(err) }, 'reading unsure invitations again failed');
    }
  }

  private configuredServer(): string | null {
    const account = this.deps.account();
    return configuredMailServer(
      this.deps.config().authenticity.trustedAuthservId,
      account.provider,
    );
  }

  private trustedServer(): string | null {
    return this.configuredServer() ?? this.learned?.server ?? null;
  }

  private async learnServer(client: ImapFlow): Promise<void> {
    const now = this.deps.now().getTime();
    const { learned } = this;
    if (this.configuredServer() !== null || (learned && now - learned.at < HOUR_MS)) return;
    const server = await learnMailServer(client, this.mailServers);
    if (server !== (learned?.server ?? null))
      this.deps.log.info(
        { server: server === '' ? '(a header that names none)' : server },
        server === null
          ? 'the mail server is not known: only our DKIM check verifies mail'
          : 'learned the mail server from the mailbox',
      );
    this.learned = { server, at: now };
  }

  private answerDeps() {
    const { deps } = this;
    const config = deps.config();
    return {
      account: this.id,
      answers: this.answers,
      getInvitation: (key: string) => deps.store.getInvitation(key),
      pendingKeys: () => deps.store.pendingKeys(),
      pendingRead: this.pendingRead,
      settings: () => {
        const account = deps.account();
        return {
          rules: account.rules,
          ownAddress: account.me.address ?? null,
          trustedAuthservId: this.trustedServer(),
          maxMessageBytes: config.sync.maxMessageBytes,
        };
      },
      events: deps.events,
      now: deps.now,
    };
  }

  private ingestSettings() {
    const config = this.deps.config();
    return {
      rules: this.deps.account().rules,
      authenticity: { ...config.authenticity, trustedAuthservId: this.trustedServer() },
      maxMessageBytes: config.sync.maxMessageBytes,
    };
  }

  private async ingest(message: Ingestible) {
    const { deps } = this;
    const { ingestMessage } = await import('../pipeline/ingestMessage.ts');
    const outcome = await ingestMessage(message, {
      account: this.id,
      store: deps.store,
      frame: this.frames,
      enqueueDraft: async (invitationKey, arrivedAt) => {
        this.pendingJobs.push({
          invitationKey,
          ...(arrivedAt ? { arrivedAt: arrivedAt.toISOString() } : {}),
        });
      },
      settings: () => this.ingestSettings(),
      verifyDkim: deps.verifyDkim,
      events: deps.events,
      now: deps.now,
      retryDelayMs: (attempt) => backoffDelay(attempt, deps.backoff),
    });
    // Not an invitation: perhaps a stranger's answer to one (recorded once, whatever the copies).
    if (outcome.kind === 'ignored') {
      const { ingestAnswer } = await import('../pipeline/ingestAnswer.ts');
      await ingestAnswer(message, this.answerDeps());
    }
    return outcome;
  }

  private async queueDrafts(): Promise<void> {
    const jobs = this.pendingJobs;
    this.pendingJobs = [];
    await this.deps.enqueue(jobs);
  }
}
