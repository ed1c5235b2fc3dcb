/**
 * `wherewemet approve ID [--force]` (the only command that sends mail), `wherewemet discard ID`
 * and `wherewemet replied ID`.
 */
import { ConfigError } from '../errors.ts';
import { approveDraft, SendUncertain } from '../lifecycle/approve.ts';
import { DecisionRefused, discardDraft, recordReplied } from '../lifecycle/decide.ts';
import { approvalDeps, type DecisionDeps, decisionDeps } from '../lifecycle/decisionDeps.ts';
import { type Lifecycle, openLifecycle } from '../lifecycle/open.ts';
import { createLogger } from '../log.ts';
import { smtpSender } from '../smtp/sendApproved.ts';
import { fail } from './output.ts';

type Options = { configPath: string };

/** Opens the lifecycle, runs `act`, closes it, and reports a failure in one line. */
async function withDecision(
  options: Options,
  act: (lifecycle: Lifecycle, deps: DecisionDeps) => Promise<void>,
): Promise<void> {
  try {
    const lifecycle = await openLifecycle(options.configPath, createLogger());
    try {
      await act(lifecycle, decisionDeps(lifecycle, 'cli'));
    } finally {
      await lifecycle.close();
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
  return withDecision(options, async (lifecycle, deps) => {
    const url = lifecycle.config.smtp.url;
    if (!url)
      throw new ConfigError([
        'smtp.url: required to send (set it in the config file or give SMTP_URL)',
      ]);
    const approval = await approvalDeps(lifecycle, deps, smtpSender(url));
    if ('unavailable' in approval)
      throw new DecisionRefused(`cannot approve here: ${approval.unavailable}`);
    const sent = await approveDraft(id, approval, { force: options.force });
    process.stderr.write(`wherewemet: sent "${sent.subject}" to ${sent.to.join(', ')}\n`);
    for (const warning of sent.warnings) process.stderr.write(`wherewemet: warning: ${warning}\n`);
  });
}

export function discardCommand(id: string, options: Options) {
  return withDecision(options, async (_lifecycle, deps) => {
    await discardDraft(id, deps);
    process.stderr.write(`wherewemet: discarded draft ${id}\n`);
  });
}

export function repliedCommand(id: string, options: Options) {
  return withDecision(options, async (_lifecycle, deps) => {
    await recordReplied(id, deps);
    process.stderr.write(`wherewemet: recorded that you replied to ${id} on LinkedIn\n`);
  });
}
