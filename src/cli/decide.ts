/**
 * `wherewemet approve ID [--force]` (the only command that sends mail), `wherewemet discard ID`
 * `wherewemet replied ID`, `wherewemet undo ID` (of the last two, for a few minutes), and after a stranger's answer (or none) `wherewemet accept ID` and
 * `wherewemet ignore ID`, which record the decision and print the LinkedIn page where it is done.
 */
import { requireSmtp } from '../config/accounts.ts';
import { DecisionRefused, SendUncertain } from '../errors.ts';
import { decideAfterAnswer } from '../lifecycle/answers.ts';
import { approveDraft } from '../lifecycle/approve.ts';
import { discardDraft, recordReplied } from '../lifecycle/decide.ts';
import { approvalDeps, type DecisionDeps, decisionDeps } from '../lifecycle/decisionDeps.ts';
import { accountOfDraft, type Lifecycle, openLifecycles } from '../lifecycle/open.ts';
import { undoDecision } from '../lifecycle/undo.ts';
import { createLogger } from '../log.ts';
import { smtpSender } from '../smtp/sendApproved.ts';
import { AnswerStore } from '../store/answers.ts';
import { fail } from '../terminal/output.ts';
import { forTerminal, safeInline } from '../text.ts';

type Options = { configPath: string; account?: string };

/**
 * Opens the lifecycles, finds the account that has draft `id`, runs `act` on it, closes them,
 * and reports a failure in one line.
 */
async function withDecision(
  id: string,
  options: Options,
  act: (lifecycle: Lifecycle, deps: DecisionDeps) => Promise<void>,
): Promise<void> {
  try {
    const lifecycles = await openLifecycles(options.configPath, createLogger(), {
      account: options.account,
    });
    try {
      const lifecycle = await accountOfDraft(lifecycles, id);
      await act(lifecycle, decisionDeps(lifecycle, 'cli'));
    } finally {
      await lifecycles.close();
    }
  } catch (err) {
    fail(err);
    if (err instanceof SendUncertain)
      process.stderr.write(
        `wherewemet: if it did not go out, \`wherewemet approve --force ${err.draftId}\` sends it again; \`wherewemet discard ${err.draftId}\` leaves it\n`,
      );
  }
}

export function approveCommand(id: string, options: Options & { force: boolean }) {
  return withDecision(id, options, async (lifecycle, deps) => {
    const smtp = requireSmtp(lifecycle.account, lifecycle.config);
    const approval = await approvalDeps(
      lifecycle,
      deps,
      smtpSender(smtp.url, smtp.credentials, smtp),
    );
    if ('unavailable' in approval)
      throw new DecisionRefused(`cannot approve here: ${approval.unavailable}`);
    const sent = await approveDraft(id, approval, { force: options.force });
    // The subject holds the inviter's name: a stranger's text.
    process.stderr.write(
      forTerminal(`wherewemet: sent "${sent.subject}" to ${sent.to.join(', ')}\n`),
    );
    for (const warning of sent.warnings)
      process.stderr.write(forTerminal(`wherewemet: warning: ${warning}\n`));
  });
}

/** "Jane Doe (draft ID)": the person a confirmation is about, with the id the command was given. */
async function whom(lifecycle: Lifecycle, id: string): Promise<string> {
  const name = (await lifecycle.store.getInvitation(id))?.notification.inviter.name;
  // A stranger's name on a terminal: one line, no control or bidi characters.
  return name ? `${safeInline(name)} (draft ${id})` : `draft ${id}`;
}

export function discardCommand(id: string, options: Options) {
  return withDecision(id, options, async (lifecycle, deps) => {
    await discardDraft(id, deps);
    process.stderr.write(`wherewemet: discarded the reply to ${await whom(lifecycle, id)}\n`);
  });
}

export function repliedCommand(id: string, options: Options) {
  return withDecision(id, options, async (lifecycle, deps) => {
    await recordReplied(id, deps);
    process.stderr.write(
      `wherewemet: recorded that you replied to ${await whom(lifecycle, id)} on LinkedIn\n`,
    );
  });
}

export function undoCommand(id: string, options: Options) {
  return withDecision(id, options, async (lifecycle, deps) => {
    const undone = await undoDecision(id, deps);
    process.stderr.write(
      undone === 'discarded'
        ? `wherewemet: undid the discard: the reply to ${await whom(lifecycle, id)} is back in Drafts\n`
        : `wherewemet: undid "replied" for ${await whom(lifecycle, id)}\n`,
    );
  });
}

/**
 * After the answer: records `accepted` or `ignored` and prints the page to open on LinkedIn (the
 * invitation's own accept link, or the invitation manager) on stdout, alone, so that
 * `xdg-open "$(wherewemet accept ID)"` opens it. Nothing is sent.
 */
export function afterAnswerCommand(id: string, decision: 'accepted' | 'ignored', options: Options) {
  return withDecision(id, options, async (lifecycle, deps) => {
    const { config, account, redis, store } = lifecycle;
    const { open } = await decideAfterAnswer(id, decision, {
      getInvitation: (key) => store.getInvitation(key),
      answers: new AnswerStore(redis, config.redis.prefix, account.id, config.history.keepDays),
      now: deps.now,
      via: deps.via,
    });
    process.stdout.write(`${open}\n`);
    process.stderr.write(
      `wherewemet: recorded ${decision} for ${id}; ${decision === 'accepted' ? 'accept' : 'ignore'} it on LinkedIn at the page above\n`,
    );
  });
}
