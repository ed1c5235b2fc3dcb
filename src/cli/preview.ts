/**
 * `wherewemet preview FILE.eml`: what wherewemet would do with this email, and the draft it
 * would write, with no server. `--raw` prints the exact RFC 822 draft instead.
 */
import { readFile } from 'node:fs/promises';
import { simpleParser } from 'mailparser';
import { classify } from '../classify/classify.ts';
import { loadConfig } from '../config/load.ts';
import { configuredMailServer } from '../config/providers.ts';
import { composeDraft } from '../draft/composeDraft.ts';
import { parseNotification } from '../parse/parseNotification.ts';
import { invitationAliases } from '../pipeline/invitationKey.ts';
import { fail, print } from '../terminal/output.ts';

const PLACEHOLDER_ADDRESS = 'you@example.invalid';

export async function previewCommand(
  file: string,
  options: { configPath: string; raw: boolean },
): Promise<void> {
  try {
    const config = await loadConfig(options.configPath);
    const notification = await parseNotification(await readFile(file), {
      maxBytes: config.sync.maxMessageBytes,
      trustedAuthservId: configuredMailServer(
        config.authenticity.trustedAuthservId,
        config.provider,
      ),
    });
    const result = classify(notification, config.rules);
    const template = result.template ? config.templates[result.template] : undefined;
    const lines = [
      `Kind: ${notification.kind}`,
      ...(notification.inviter.name ? [`Inviter: ${describeInviter(notification.inviter)}`] : []),
      ...(notification.note !== null
        ? [`Note (${notification.noteKind}): ${notification.note}`]
        : []),
      `Language: ${notification.language ?? 'unknown'}; authenticity: ${notification.authenticity}`,
      `Category: ${result.category ?? '-'}`,
      `Reasons: ${[...result.reasons, ...(result.category === 'suspicious' ? [] : notification.authenticityReasons)].join('; ')}`,
    ];
    if (result.action !== 'draft' || !template) {
      print(`${lines.join('\n')}\nAction: none, no draft\n`);
      return;
    }
    const address = config.me.address ?? notification.recipient ?? PLACEHOLDER_ADDRESS;
    const draft = await composeDraft({
      notification,
      invitationKey: invitationAliases(notification).key,
      template,
      me: { name: config.me.name, address, signature: config.me.signature },
      now: new Date(),
    });
    if (options.raw) {
      process.stdout.write(draft.raw);
      return;
    }
    const mail = await simpleParser(draft.raw);
    const header = (name: string) => mail.headers.get(name);
    const to = mail.to && !Array.isArray(mail.to) ? mail.to.text : '(empty: reply on LinkedIn)';
    print(
      [
        ...lines,
        `Action: draft from template "${result.template}"`,
        '',
        `From: ${mail.from?.text ?? ''}`,
        `To: ${to}`,
        `Subject: ${mail.subject ?? ''}`,
        `In-Reply-To: ${String(header('in-reply-to') ?? '')}`,
        '',
        (mail.text ?? '').trimEnd(),
        '',
      ].join('\n'),
    );
  } catch (err) {
    fail(err);
  }
}

function describeInviter(inviter: {
  name: string | null;
  headline: string | null;
  location: string | null;
}): string {
  return [inviter.name, inviter.headline, inviter.location].filter(Boolean).join(', ');
}
