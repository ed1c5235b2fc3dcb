/** `wherewemet approve ID` (the only command that sends mail) and `wherewemet discard ID`. */
import { requireSmtp } from '../config/accounts.ts';
import { approveDraft, discardDraft } from '../lifecycle/decide.ts';
import { accountOfDraft, openLifecycles } from '../lifecycle/open.ts';
import { createLogger } from '../log.ts';
import { smtpSender } from '../smtp/sendApproved.ts';
import { fail } from './output.ts';

export async function approveCommand(
  id: string,
  options: { configPath: string; account?: string },
): Promise<void> {
  const log = createLogger();
  try {
    const lifecycles = await openLifecycles(options.configPath, log, { account: options.account });
    try {
      const lifecycle = await accountOfDraft(lifecycles, id);
      const smtp = requireSmtp(lifecycle.account, lifecycles.config);
      const sent = await approveDraft(id, {
        store: lifecycle.store,
        mailbox: lifecycle.mailbox,
        now: () => new Date(),
        via: 'cli',
        send: smtpSender(smtp.url, smtp.credentials),
        providerSavesToSent: lifecycle.account.smtp.providerSavesToSent,
      });
      process.stderr.write(`wherewemet: sent "${sent.subject}" to ${sent.to.join(', ')}\n`);
      for (const warning of sent.warnings)
        process.stderr.write(`wherewemet: warning: ${warning}\n`);
    } finally {
      await lifecycles.close();
    }
  } catch (err) {
    fail(err);
  }
}

export async function discardCommand(
  id: string,
  options: { configPath: string; account?: string },
): Promise<void> {
  const log = createLogger();
  try {
    const lifecycles = await openLifecycles(options.configPath, log, { account: options.account });
    try {
      const lifecycle = await accountOfDraft(lifecycles, id);
      await discardDraft(id, {
        store: lifecycle.store,
        mailbox: lifecycle.mailbox,
        now: () => new Date(),
        via: 'cli',
      });
      process.stderr.write(`wherewemet: discarded draft ${id}\n`);
    } finally {
      await lifecycles.close();
    }
  } catch (err) {
    fail(err);
  }
}
