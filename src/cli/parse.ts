/** `wherewemet parse [--json] FILE...`: what wherewemet makes of each email, with no server. */
import { readFile } from 'node:fs/promises';
import { classify } from '../classify/classify.ts';
import { loadConfig } from '../config/load.ts';
import { configuredMailServer } from '../config/providers.ts';
import type { Config } from '../config/schema.ts';
import { ParseTooSlowError, UnparseableMessageError } from '../errors.ts';
import { parseNotification } from '../parse/parseNotification.ts';
import { fail, print, printJson } from '../terminal/output.ts';

export async function parseCommand(
  files: string[],
  options: { json: boolean; configPath: string },
): Promise<void> {
  let config: Config;
  try {
    config = await loadConfig(options.configPath);
  } catch (err) {
    fail(err);
    return;
  }
  for (const file of files) {
    const result = await describeFile(file, config);
    if ('unreadable' in result && result.unreadable) process.exitCode = 1;
    const { unreadable: _internal, ...shown } = { unreadable: false, ...result };
    if (options.json) printJson(shown);
    else print(`${summarise(result)}\n`);
  }
}

async function describeFile(file: string, config: Config) {
  let raw: Buffer;
  try {
    raw = await readFile(file);
  } catch (err) {
    return failure(
      file,
      `cannot read file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
      true,
    );
  }
  try {
    const n = await parseNotification(raw, {
      trustedAuthservId: configuredMailServer(
        config.authenticity.trustedAuthservId,
        config.provider,
      ),
    });
    const c = classify(n, config.rules);
    return {
      file,
      kind: n.kind,
      category: c.category,
      action: c.action,
      draftTemplate: c.template,
      authenticity: n.authenticity,
      reasons: c.category === 'suspicious' ? c.reasons : [...c.reasons, ...n.authenticityReasons],
      // Always the object, its fields null where unknown (all of them for mail that invites nobody).
      inviter: n.inviter,
      invitationId: n.invitationId,
      invitationUrl: n.invitationUrl,
      note: n.note,
      noteKind: n.noteKind,
      unrecognised: n.unrecognised,
      language: n.language,
      subject: n.subject,
      messageId: n.messageId,
      date: n.date,
      linkedinTemplate: n.template,
    };
  } catch (err) {
    if (err instanceof UnparseableMessageError || err instanceof ParseTooSlowError)
      return failure(file, err.message, false);
    return failure(
      file,
      `parser error: ${err instanceof Error ? err.message : String(err)}`,
      false,
    );
  }
}

type Row = Awaited<ReturnType<typeof describeFile>>;

/**
 * A file that is not a readable email: `error` says why (it appears only here), and the other
 * fields are null so that a report still loads into one table.
 */
function failure(file: string, error: string, unreadable: boolean) {
  return {
    file,
    error,
    unreadable,
    kind: null,
    category: null,
    action: 'none' as const,
    draftTemplate: null,
    authenticity: null,
    reasons: [error],
    inviter: null,
    invitationId: null,
    invitationUrl: null,
    note: null,
    noteKind: null,
    unrecognised: null,
    language: null,
    subject: null,
    messageId: null,
    date: null,
    linkedinTemplate: null,
  };
}

function summarise(r: Row): string {
  if ('error' in r) return `${r.file}: error: ${r.error}`;
  const who = r.inviter.name ? ` ${r.inviter.name}` : '';
  const note = r.note ? ` "${r.note.replace(/\s+/g, ' ').slice(0, 60)}"` : '';
  return `${r.file}: ${r.kind} ${r.category ?? '-'} ${r.action} ${r.authenticity}${who}${note} (${r.reasons.join('; ')})`;
}
