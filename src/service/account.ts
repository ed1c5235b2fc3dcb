/**
 * One account, worked by the process that holds its lease: its watcher (INBOX, IDLE, catch-up),
 * its second connection (Drafts, Sent, Trash), its draft queue, its reconciler and its status.
 * At most two IMAP connections, and only the watcher's while nothing is to be written or checked.
 *
 * Failures follow their kind (errors.ts): retryable ones are retried with the account's backoff;
 * a poison message is recorded and passed over; a blocked account (a person must act) keeps
 * every job, says what to do in `status`, looks every backoff.blockedSeconds whether the cause is
 * gone, and resumes by itself. Every write for the account is fenced by its lease: a unit whose
 * lease was taken over stops writing at once and is stopped by the supervisor.
 */
import type { ImapFlow } from 'imapflow';
import type { Redis } from 'ioredis';
import { backoffDelay } from '../backoff.ts';
import type { Account } from '../config/accounts.ts';
import { configuredMailServer } from '../config/providers.ts';
import type { Config } from '../config/schema.ts';
import { BlockedError, describeError, LeaseLostError } from '../errors.ts';
import type { AccountState, Events } from '../events.ts';
import {
  type AccountFolders,
  imapDraftsFolder,
  imapLifecycleMailbox,
  resolveFolders,
} from '../imap/accountFolders.ts';
import { connectImap } from '../imap/connect.ts';
import { folderSignature } from '../imap/lifecycleMailbox.ts';
import { refetchSources } from '../imap/refetch.ts';
import { ImapSession } from '../imap/session.ts';
import { MailboxWatcher } from '../imap/watcher.ts';
import { reconcile } from '../lifecycle/reconcile.ts';
import { startReconciler } from '../lifecycle/reconciler.ts';
import type { Logger } from '../log.ts';
import type { MessageFacts } from '../pipeline/unparseable.ts';
import { DraftQueue } from '../queue/draftQueue.ts';
import type { DraftJob } from '../queue/jobs.ts';
import type { StatusBoard } from '../status/accountStatus.ts';
import { AnswerStore } from '../store/answers.ts';
import { frameStoreFor } from '../store/frameStore.ts';
import { bullPrefix } from '../store/keys.ts';
import type { Lease } from '../store/leaseStore.ts';
import { MailServerStore } from '../store/mailServers.ts';
import type { MessageRef } from '../store/records.ts';
import { Store } from '../store/store.ts';
import { catchUp } from '../sync/catchUp.ts';
import { learnMailServer } from '../sync/mailServer.ts';
import { readAgain } from '../sync/readAgain.ts';

export interface AccountServices {
  redis: Redis;
  /** The latest shared config (redis.prefix, sync, drafts, backoff, …). */
  config(): Config;
  events: Events;
  statusBoard: StatusBoard;
  log: Logger;
  now(): Date;
  /** Our own DKIM check (DNS), when the server gave no verdict; null when it tells nothing. */
  verifyDkim(raw: Buffer): Promise<boolean | null>;
  /** A fenced write was refused: this process no longer holds the account. */
  leaseLost(account: string): void;
}

export interface AccountUnit {
  readonly id: string;
  readonly lease: Lease;
  /** A new config for this account that needs no reconnect (rules, templates, me, smtp). */
  reconfigure(account: Account): void;
  /** run --once: everything found is ingested and drafted (bar long deferrals), and reconciled. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** A draft put off beyond this (daily limit, pause) does not hold up `run --once`. */
const SOON_MS = 60_000;
/** Look again at a draft gone from Drafts (missingGraceSeconds) this often. */
const RECHECK_MS = 60_000;
const HOUR_MS = 60 * 60 * 1000;
/** An unused second connection or queue worker is closed after this long. */
const IDLE_CLOSE_MS = 60_000;

export async function startAccount(
  initial: Account,
  lease: Lease,
  services: AccountServices,
  options: { once: boolean },
): Promise<AccountUnit> {
  let account = initial;
  const id = account.id;
  const shared = services.config();
  const log = services.log.child({ account: id });
  const backoff = {
    initialMs: shared.backoff.initialSeconds * 1000,
    maxMs: shared.backoff.maxSeconds * 1000,
  };
  const blockedMs = shared.backoff.blockedSeconds * 1000;
  const store = new Store(services.redis, shared.redis.prefix, id, {
    fence: () => lease.token,
    keepDays: shared.history.keepDays,
  });
  const frames = frameStoreFor(services.redis, shared.redis.prefix);
  const connect = (idle: boolean): Promise<ImapFlow> =>
    connectImap(account.imap, log, idle ? { autoIdleDelay: 50 } : {});
  const session = new ImapSession({ connect: () => connect(false), idleCloseMs: IDLE_CLOSE_MS });

  // --- status -------------------------------------------------------------------------------
  let state: AccountState = 'starting';
  let watching = false;
  let lastError: string | null = null;
  let lastSyncAt: string | null = null;
  let blocked: BlockedError | null = null;
  const publish = () => {
    const shown = blocked ? 'blocked' : state;
    services.statusBoard.set({
      account: id,
      state: shown,
      owner: lease.owner,
      host: lease.host,
      pid: lease.pid,
      ownerSince: lease.since,
      heartbeatAt: '',
      watching,
      lastSyncAt,
      lastError: blocked ? blocked.message : lastError,
      lastErrorAt: null,
      fix: blocked?.fix ?? null,
    });
    services.events.emit('account.state', {
      account: id,
      state: shown,
      error: blocked ? blocked.message : lastError,
      fix: blocked?.fix ?? null,
    });
  };
  const onLeaseLost = (err: unknown) => {
    if (err instanceof LeaseLostError) services.leaseLost(id);
  };

  // --- folders, drafts, decisions -------------------------------------------------------------
  /** Catch-up passes and draft jobs under way (the reconciler waits for them to finish). */
  let syncing = 0;
  let writing = 0;
  let folders: Promise<AccountFolders> | null = null;
  const getFolders = () => {
    folders ??= resolveFolders(session, account.mailboxes).catch((err: unknown) => {
      folders = null;
      throw err;
    });
    return folders;
  };

  // Blocked by the watcher (login, TLS, INBOX): the watcher itself tries again every
  // blockedSeconds. Blocked by a draft (folders, templates): a probe looks whether it is fixed.
  let probeTimer: NodeJS.Timeout | null = null;
  let stopped = false;
  const block = (err: BlockedError, by: 'watcher' | 'drafts') => {
    if (stopped) return;
    if (!blocked)
      log.error({ err: err.message, fix: err.fix }, 'account blocked: a person must act');
    blocked = err;
    blockedBy = by;
    folders = null;
    void drafts.setPaused(true);
    publish();
    if (by === 'drafts') probeTimer ??= setTimeout(probe, blockedMs);
  };
  let blockedBy: 'watcher' | 'drafts' | null = null;
  const unblock = () => {
    if (!blocked || stopped) return;
    log.info('account unblocked');
    blocked = null;
    blockedBy = null;
    void drafts.setPaused(account.rules.paused);
    publish();
  };
  /** Is the cause gone? The folders resolve again. */
  const probe = () => {
    probeTimer = null;
    if (stopped) return;
    getFolders().then(unblock, (err: unknown) => {
      if (err instanceof BlockedError) block(err, 'drafts');
      else if (!stopped) probeTimer ??= setTimeout(probe, backoffDelay(0, backoff));
    });
  };

  const drafts = new DraftQueue({
    redis: services.redis,
    prefix: bullPrefix(shared.redis.prefix, id),
    backoff,
    blockedMs,
    lease: { lockMs: shared.lease.seconds * 1000, checkMs: shared.lease.heartbeatSeconds * 1000 },
    idleCloseMs: IDLE_CLOSE_MS,
    log,
    onBlocked: (err) => block(err, 'drafts'),
    handle: async (job) => {
      const { writeDraft } = await import('../pipeline/writeDraft.ts');
      writing++;
      const outcome = await writeDraft(
        {
          invitationKey: job.invitationKey,
          arrivedAt: job.arrivedAt ? new Date(job.arrivedAt) : null,
        },
        {
          account: id,
          store,
          drafts: imapDraftsFolder(session, await getFolders()),
          settings: () => ({
            me: account.me,
            templates: account.templates,
            dailyDraftLimit: account.rules.dailyDraftLimit,
          }),
          events: services.events,
          log,
          now: services.now,
        },
      )
        .catch((err: unknown) => {
          onLeaseLost(err);
          throw err;
        })
        .finally(() => {
          writing--;
        });
      return outcome;
    },
  });

  const reconciler = startReconciler({
    reconcile: async () =>
      reconcile({
        store,
        mailbox: imapLifecycleMailbox(session, await getFolders()),
        expireAfterDays: services.config().drafts.expireAfterDays,
        missingGraceMs: services.config().drafts.missingGraceSeconds * 1000,
        log,
        now: services.now,
        onDecision: (record, decision) =>
          services.events.emit('decision.recorded', {
            account: id,
            key: record.key,
            inviterName: record.notification.inviter.name,
            decision,
            via: 'mail client',
          }),
      }),
    // Our own catch-up and drafts change Drafts all the time: one full round once they are done,
    // not one per check while a backlog of a thousand is written.
    busy: () => syncing > 0 || writing > 0,
    hasPending: async () => (await store.pendingCount()) > 0,
    signature: async () => {
      const f = await getFolders();
      return watcher.withConnection(
        async (c) =>
          `${await folderSignature(c, f.drafts)}|${f.sent ? await folderSignature(c, f.sent) : ''}`,
      );
    },
    checkEveryMs: shared.drafts.checkEverySeconds * 1000,
    recheckEveryMs: RECHECK_MS,
    expires: shared.drafts.expireAfterDays !== null,
    log,
  });

  // --- the watcher and catch-up ----------------------------------------------------------------
  // What writing a draft needs (its code, the second connection, Drafts, the queue worker) opens
  // while the bodies are fetched and parsed, not after: an idle account has none of it open.
  const prepareToWrite = () => {
    if (blocked || account.rules.paused) return;
    void import('../pipeline/writeDraft.ts');
    getFolders().catch(() => undefined); // a failure is met again, and reported, by the job
    drafts.prepare().catch(() => undefined);
  };
  let pendingJobs: DraftJob[] = [];
  // The user's mail server, whose Authentication-Results alone count: configured, the provider's,
  // or learned from the mailbox (looked at again at most hourly, before a catch-up reads mail).
  const mailServers = new MailServerStore(services.redis, shared.redis.prefix, id);
  let learned: { server: string | null; at: number } | null = null;
  const configuredServer = () =>
    configuredMailServer(services.config().authenticity.trustedAuthservId, account.provider);
  const learnServer = async (client: ImapFlow) => {
    const now = services.now().getTime();
    if (configuredServer() !== null || (learned && now - learned.at < HOUR_MS)) return;
    const server = await learnMailServer(client, mailServers);
    if (server !== (learned?.server ?? null))
      log.info(
        { server: server === '' ? '(a header that names none)' : server },
        server === null
          ? 'the mail server is not known: only our DKIM check verifies mail'
          : 'learned the mail server from the mailbox',
      );
    learned = { server, at: now };
  };
  const answers = new AnswerStore(services.redis, shared.redis.prefix, id, shared.history.keepDays);
  const answerDeps = () => {
    const config = services.config();
    return {
      account: id,
      answers,
      getInvitation: (key: string) => store.getInvitation(key),
      pendingKeys: () => store.pendingKeys(),
      settings: () => ({
        rules: account.rules,
        ownAddress: account.me.address ?? null,
        trustedAuthservId: configuredServer() ?? learned?.server ?? null,
        maxMessageBytes: config.sync.maxMessageBytes,
      }),
      events: services.events,
      now: services.now,
    };
  };
  const ingestSettings = () => {
    const config = services.config();
    return {
      rules: account.rules,
      authenticity: {
        ...config.authenticity,
        trustedAuthservId: configuredServer() ?? learned?.server ?? null,
      },
      maxMessageBytes: config.sync.maxMessageBytes,
    };
  };
  const ingest = async (message: {
    ref: MessageRef;
    source: Buffer;
    facts: MessageFacts;
    earlierRefusals?: number;
  }) => {
    const { ingestMessage } = await import('../pipeline/ingestMessage.ts');
    const outcome = await ingestMessage(message, {
      account: id,
      store,
      frame: frames,
      enqueueDraft: async (invitationKey, arrivedAt) => {
        pendingJobs.push({
          invitationKey,
          ...(arrivedAt ? { arrivedAt: arrivedAt.toISOString() } : {}),
        });
      },
      settings: ingestSettings,
      verifyDkim: services.verifyDkim,
      events: services.events,
      now: services.now,
      retryDelayMs: (attempt) => backoffDelay(attempt, backoff),
    });
    // Not an invitation: perhaps a stranger's answer to one (recorded once, whatever the copies).
    if (outcome.kind === 'ignored') {
      const { ingestAnswer } = await import('../pipeline/ingestAnswer.ts');
      await ingestAnswer(message, answerDeps());
    }
    return outcome;
  };
  const queueDrafts = async () => {
    const jobs = pendingJobs;
    pendingJobs = [];
    await drafts.add(jobs);
  };
  // Messages an earlier run could not read in time are read again once per start (readAgain.ts).
  let readAgainDue = true;
  // Unsure invitations are read again, on the watcher's connection, once the frame grew, the
  // parser changed or one waited rules.unsureDays (rereadUnsure.ts); nothing unsure: one ZCARD,
  // and the parser's code is not even loaded.
  const rereadChecks = { store, frame: frames, settings: ingestSettings, now: services.now };
  const rereadIsDue = async () => {
    if ((await store.unsureCount()) === 0) return false;
    const { rereadDue } = await import('../pipeline/rereadUnsure.ts');
    return rereadDue(rereadChecks);
  };
  const rereadIfDue = async (client: ImapFlow) => {
    try {
      if (!(await rereadIsDue())) return;
      const { rereadUnsure } = await import('../pipeline/rereadUnsure.ts');
      await rereadUnsure({
        ...rereadChecks,
        account: id,
        refetch: (refs, each) => refetchSources(client, refs, each),
        enqueueDraft: (invitationKey) => drafts.add([{ invitationKey }]),
        verifyDkim: services.verifyDkim,
        events: services.events,
        log,
      });
    } catch (err) {
      // Never holds up catch-up: the next batch, pass or check tries again.
      onLeaseLost(err);
      log.warn({ err: describeError(err) }, 'reading unsure invitations again failed');
    }
  };
  const watcher = new MailboxWatcher({
    mailbox: account.mailboxes.inbox,
    connect: () => connect(true),
    resyncMs: 5 * 60 * 1000,
    log,
    retryDelay: (err, attempt) =>
      err instanceof BlockedError ? blockedMs : backoffDelay(attempt, backoff),
    onState: ({ connected, error }) => {
      watching = connected;
      state = connected ? 'running' : 'retrying';
      lastError = connected ? null : describeError(error);
      if (error instanceof BlockedError) block(error, 'watcher');
      else if (connected && blockedBy === 'watcher') unblock();
      else publish();
    },
    catchUp: async (client) => {
      const config = services.config();
      syncing++;
      try {
        await learnServer(client);
        if (readAgainDue) {
          await readAgain(client, {
            account: id,
            mailbox: account.mailboxes.inbox,
            store,
            ingest,
            afterBatch: queueDrafts,
            log,
          });
          readAgainDue = false;
        }
        await catchUp(client, {
          account: id,
          mailbox: account.mailboxes.inbox,
          store,
          lookbackDays: config.sync.lookbackDays,
          maxMessageBytes: config.sync.maxMessageBytes,
          ingest,
          answerTerms: async () => {
            const { askedInvitations, answerTerms } = await import('../pipeline/ingestAnswer.ts');
            return answerTerms(await askedInvitations(answerDeps()));
          },
          // Jobs are queued before the cursor moves past their messages: none is lost in between.
          afterBatch: async () => {
            await queueDrafts();
            await rereadIfDue(client);
          },
          aboutToRead: prepareToWrite,
          events: services.events,
          log,
          now: services.now,
        });
        await rereadIfDue(client);
      } catch (err) {
        onLeaseLost(err);
        throw err;
      } finally {
        syncing--;
      }
      lastSyncAt = services.now().toISOString();
      publish();
    },
  });

  // Drafts asked for elsewhere (the review page) are in the queue without a worker to notice.
  const waker = setInterval(() => {
    drafts.wake().catch((err: unknown) => log.debug({ err: describeError(err) }, 'draft queue'));
    // The frame taught on the review page, or an unsure invitation's time up: a pass reads them.
    rereadIsDue()
      .then((due) => (due ? watcher.sync() : undefined))
      .catch((err: unknown) => log.debug({ err: describeError(err) }, 'unsure invitations'));
  }, shared.drafts.checkEverySeconds * 1000);
  waker.unref();

  const janitor = setInterval(() => {
    store
      .dropExpiredText(services.now())
      .catch((err: unknown) => log.debug({ err: describeError(err) }, 'janitor'));
  }, HOUR_MS);
  janitor.unref();

  const stop = async () => {
    state = 'stopping';
    stopped = true;
    blocked = null;
    publish();
    clearInterval(janitor);
    clearInterval(waker);
    if (probeTimer) clearTimeout(probeTimer);
    await watcher.stop();
    await reconciler.stop();
    await drafts.close();
    await session.close();
    await services.statusBoard.remove(id, 'stopped');
    services.events.emit('account.state', {
      account: id,
      state: 'stopped',
      error: null,
      fix: null,
    });
  };

  publish();
  try {
    await drafts.setPaused(account.rules.paused);
    await store.dropExpiredText(services.now());
    const { backfillAsked } = await import('../pipeline/ingestAnswer.ts');
    await backfillAsked({
      invitationKeys: (offset, count) => store.invitationKeys(offset, count),
      getInvitation: (key) => store.getInvitation(key),
      answers,
      days: shared.history.keepDays,
      now: services.now,
    });
    await watcher.start({ keepTrying: !options.once });
  } catch (err) {
    await stop();
    throw err;
  }
  log.info({ mailbox: account.mailboxes.inbox, owner: lease.owner }, 'working account');

  return {
    id,
    lease,
    reconfigure(next) {
      account = next;
      void drafts.setPaused(next.rules.paused);
      // A config edit may be the fix (a template, me.address; after `login`, a touch): try again.
      if (blockedBy === 'watcher') watcher.retryNow();
      else if (blocked) unblock();
    },
    async settle() {
      await watcher.sync();
      await drafts.drained(SOON_MS);
      if (blocked) throw blocked;
      await reconciler.runOnce();
    },
    stop,
  };
}
