/**
 * `wherewemet approve ID [--force]` (the only command that sends mail), `wherewemet discard ID`
 * and `wherewemet replied ID`.
 */
import { requireSmtp } from '../config/accounts.ts';
import { approveDraft, SendUncertain } from '../lifecycle/approve.ts';
import { DecisionRefused, discardDraft, recordReplied } from '../lifecycle/decide.ts';
import { approvalDeps, type DecisionDeps, decisionDeps } from '../lifecycle/decisionDeps.ts';
import { accountOfDraft, type Lifecycle, openLifecycles } from '../lifecycle/open.ts';
import { createLogger } from '../log.ts';
import { smtpSender } from '../smtp/sendApproved.ts';
import { forTerminal } from '../text.ts';
import { fail } from './output.ts';

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

export function discardCommand(id: string, options: Options) {
  return withDecision(id, options, async (_lifecycle, deps) => {
    await discardDraft(id, deps);
    process.stderr.write(`wherewemet: discarded draft ${id}\n`);
  });
}

export function repliedCommand(id: string, options: Options) {
  return withDecision(id, options, async (_lifecycle, deps) => {
    await recordReplied(id, deps);
    process.stderr.write(`wherewemet: recorded that you replied to ${id} on LinkedIn\n`);
  });
}
