/**
 * Approving a draft: sending it, exactly once. Step by step: the draft is read and checked under
 * the short hold; it is marked 'sending' in Redis (store/sending.ts), then MOVEd out of Drafts
 * into the holding folder (imap/holdingFolder.ts), so the mail client can no longer send it; an
 * edit shown on the page is saved into the held copy; Sent is checked for a copy the mail client
 * sent a moment ago; then the SMTP transaction runs while the sending record is renewed. Its outcome
 * decides the rest: sent (approved, filed in Sent), nothing sent (back in Drafts, pending), or not
 * known ("may have been sent": the draft stays held and only a forced approval sends it again).
 * Sending is a function handed in (src/smtp/sendApproved.ts): nothing the worker runs has it.
 */
import { randomUUID } from 'node:crypto';
import { reviseDraft } from '../draft/reviseDraft.ts';
import { DecisionRefused, describeError, SendFailed, SendUncertain } from '../errors.ts';
import type { HoldingFolder } from '../imap/holdingFolder.ts';
import { repeat } from '../repeat.ts';
import type { SendMail } from '../smtp/sendApproved.ts';
import type { SendingRecords } from '../store/sending.ts';
import type { InvitationRecord } from '../store/store.ts';
import { type DecideDeps, withHeldDraft } from './decide.ts';
import { beingSent, mayHaveBeenSent } from './listing.ts';
import { type OutgoingMessage, prepareOutgoing } from './outgoing.ts';

export interface ApproveDeps extends DecideDeps {
  send: SendMail;
  providerSavesToSent: boolean;
  holding: HoldingFolder;
  sending: SendingRecords;
  /** How long the sending record outlives a process that stopped mid-send; renewed meanwhile. */
  holdMs: number;
}

export interface ApproveRequest {
  /** The subject and text the person saw (the review page's form): sent as they stand. */
  change?: { subject: string; text: string };
  /** Send again a draft whose earlier approval may have been sent. */
  force?: boolean;
}

interface Taken {
  record: InvitationRecord;
  token: string;
  heldUid: number;
  outgoing: OutgoingMessage & { from: string };
}

export async function approveDraft(
  id: string,
  deps: ApproveDeps,
  request: ApproveRequest = {},
): Promise<{ to: string[]; subject: string; warnings: string[] }> {
  const record = await deps.store.getInvitation(id);
  if (!record || record.draftStatus === 'none') throw new DecisionRefused(`no draft with id ${id}`);
  const taken =
    record.draftStatus === 'sending'
      ? await takeAgain(record, deps, request.force === true)
      : await takeFromDrafts(id, deps, request.change);
  return sendTaken(taken, deps);
}

/** Marks the draft 'sending' and moves it out of Drafts, with the page's edit saved in it. */
async function takeFromDrafts(
  id: string,
  deps: ApproveDeps,
  change: ApproveRequest['change'],
): Promise<Taken> {
  return withHeldDraft(id, deps, async ({ record, uid, source }) => {
    const at = deps.now();
    const current = await prepareOutgoing(source, at);
    const revised =
      change && isChanged(current, change)
        ? await reviseDraft(source, { ...change, invitationKey: id, now: at })
        : null;
    const outgoing = revised ? await prepareOutgoing(revised, at) : current;
    const from = outgoing.from;
    if (outgoing.recipients.length === 0)
      throw new DecisionRefused(
        `draft ${id} has no recipient: LinkedIn gave no address for ${record.notification.inviter.name ?? 'the inviter'}; reply on LinkedIn, then record it with \`wherewemet replied ${id}\``,
      );
    if (!from) throw new DecisionRefused(`draft ${id} has no From address`);
    const token = randomUUID();
    const attempt = {
      token,
      at,
      via: deps.via,
      to: outgoing.recipients,
      subject: outgoing.subject,
    };
    const began = await deps.sending.begin(id, attempt, 'fresh', deps.holdMs);
    if (began !== 'ok') throw new DecisionRefused(`draft ${id} is ${began}, not pending`);

    const heldUid = await deps.holding.take(uid).catch(async (err: unknown) => {
      await deps.sending.finish(id, token, 'pending', at);
      throw err;
    });
    if (heldUid === null) {
      await deps.sending.finish(id, token, 'pending', at);
      throw new DecisionRefused(
        `draft ${id} left Drafts just now (sent or deleted in your mail client?); nothing was sent`,
      );
    }
    let held = heldUid;
    try {
      if (revised) {
        held = await deps.holding.replace(heldUid, revised);
        await deps.store.addHistory(id, { at: at.toISOString(), event: 'edited', via: deps.via });
      }
      await deps.sending.held(id, token, held);
      // A mail client that sends files its copy in Sent before it deletes the draft.
      if (await repliedInSent(record, outgoing.recipients, deps)) {
        await deps.sending.finish(id, token, 'sent', at);
        await deps.store.addHistory(id, {
          at: at.toISOString(),
          event: 'decided',
          decision: 'sent',
          via: 'mail client',
        });
        await deps.holding.drop(held).catch(() => undefined);
        throw new DecisionRefused(
          `draft ${id} was already sent from your mail client (its copy is in Sent); not sent again`,
        );
      }
    } catch (err) {
      if (!(err instanceof DecisionRefused)) await putBack(id, token, held, deps, err);
      throw err;
    }
    return { record, token, heldUid: held, outgoing: { ...outgoing, from } };
  });
}

/** A draft an earlier approval holds: refused while it runs, or unless `force` after "may have
 * been sent"; sent again from the held copy otherwise. */
async function takeAgain(
  record: InvitationRecord,
  deps: ApproveDeps,
  force: boolean,
): Promise<Taken> {
  const id = record.key;
  const attempt = await deps.sending.get(id);
  if (!attempt)
    throw new DecisionRefused(
      `draft ${id} is marked as being sent, but its sending record is gone`,
    );
  if (attempt.live) throw new DecisionRefused(beingSent(id, attempt));
  const at = deps.now();
  if (attempt.phase !== 'not-sent') {
    if (await repliedInSent(record, attempt.to, deps)) {
      if (await deps.sending.finish(id, null, 'approved', at))
        await deps.store.addHistory(id, {
          at: at.toISOString(),
          event: 'decided',
          decision: 'approved',
          via: 'wherewemet',
          to: attempt.to,
          subject: attempt.subject,
          confirmedBy: 'its copy in Sent',
        });
      throw new DecisionRefused(`draft ${id} was sent after all: its copy is in Sent`);
    }
    if (!force) throw new SendUncertain(id, mayHaveBeenSent(id, attempt));
  }
  if (attempt.heldUid === null)
    throw new DecisionRefused(
      `draft ${id} was being set aside when wherewemet stopped; look for it in Trash`,
    );
  const token = randomUUID();
  const again = { token, at, via: deps.via, to: attempt.to, subject: attempt.subject };
  const began = await deps.sending.begin(id, again, 'again', deps.holdMs);
  if (began !== 'ok')
    throw new DecisionRefused(`draft ${id} is ${began === 'busy' ? 'being sent' : began} now`);
  const source = await deps.holding.source(attempt.heldUid);
  const outgoing = source ? await prepareOutgoing(source, at) : null;
  if (!outgoing?.from) {
    const phase = attempt.phase === 'not-sent' ? 'not-sent' : 'unknown';
    await deps.sending.stopped(id, token, phase, 'its set-aside copy is no longer in Trash', at);
    throw new DecisionRefused(`draft ${id}: its set-aside copy is no longer in Trash`);
  }
  return {
    record,
    token,
    heldUid: attempt.heldUid,
    outgoing: { ...outgoing, from: outgoing.from },
  };
}

/** The SMTP transaction, with the sending record renewed while it runs, and its outcome. */
async function sendTaken(
  { record, token, heldUid, outgoing }: Taken,
  deps: ApproveDeps,
): Promise<{ to: string[]; subject: string; warnings: string[] }> {
  const id = record.key;
  const renewal = repeat(
    Math.max(100, deps.holdMs / 3),
    () => deps.sending.renew(id, token, deps.holdMs),
    () => undefined,
  );
  try {
    await deps.send({ raw: outgoing.raw, from: outgoing.from, to: outgoing.recipients });
  } catch (err) {
    clearInterval(renewal);
    const at = deps.now();
    const reason = describeError(err);
    if (err instanceof SendFailed && !err.mayHaveBeenSent) {
      const where = await putBack(id, token, heldUid, deps, err);
      await deps.store.addHistory(id, {
        at: at.toISOString(),
        event: 'send-failed',
        via: deps.via,
        reason,
      });
      throw new SendFailed(`sending failed, nothing was sent: ${reason}; ${where}`, false, err);
    }
    await deps.sending.stopped(id, token, 'unknown', reason, at);
    await deps.store.addHistory(id, {
      at: at.toISOString(),
      event: 'send-uncertain',
      via: deps.via,
      to: outgoing.recipients,
      reason,
    });
    const attempt = await deps.sending.get(id);
    throw new SendUncertain(id, attempt ? mayHaveBeenSent(id, attempt) : reason);
  } finally {
    clearInterval(renewal);
  }
  const at = deps.now();
  const warnings: string[] = [];
  // Recorded at once: whatever fails after this, the mail is out and must never go twice.
  if (await deps.sending.finish(id, token, 'approved', at)) {
    await deps.store.addHistory(id, {
      at: at.toISOString(),
      event: 'decided',
      decision: 'approved',
      via: deps.via,
      to: outgoing.recipients,
      subject: outgoing.subject,
    });
  } else {
    warnings.push(
      `the approval could not be recorded: another approval of draft ${id} took over meanwhile; check Sent for a second copy`,
    );
  }
  // The mail is out: tidying up may fail without undoing that, so it only warns.
  if (!deps.providerSavesToSent) {
    const filed = await deps.mailbox.fileSent(outgoing.raw).catch((err: unknown) => {
      warnings.push(`could not file the sent message in Sent: ${describeError(err)}`);
      return true;
    });
    if (!filed) warnings.push('there is no Sent folder, so no copy was filed');
  }
  await deps.holding.drop(heldUid).catch((err: unknown) => {
    warnings.push(`could not remove the set-aside draft from Trash: ${describeError(err)}`);
  });
  return { to: outgoing.recipients, subject: outgoing.subject, warnings };
}

/** Nothing was sent: the held draft goes back to Drafts, pending again. Says where it is. */
async function putBack(
  id: string,
  token: string,
  heldUid: number,
  deps: ApproveDeps,
  cause: unknown,
): Promise<string> {
  const at = deps.now();
  const back = await deps.holding.giveBack(heldUid).catch(() => null);
  if (back !== null && (await deps.sending.finish(id, token, 'pending', at, back)))
    return 'the draft is back in Drafts';
  await deps.sending.stopped(id, token, 'not-sent', describeError(cause), at);
  return 'the draft is set aside in Trash; approve it again to send it';
}

async function repliedInSent(
  record: InvitationRecord,
  recipients: string[],
  deps: DecideDeps,
): Promise<boolean> {
  const notificationId = record.notification.messageId;
  if (!notificationId) return false;
  const wanted = new Set(recipients.map((r) => r.toLowerCase()));
  const replies = await deps.mailbox.replies(notificationId);
  return replies.some((r) => r.recipients.some((to) => wanted.has(to.toLowerCase())));
}

/** The page's subject and text differ from the draft's (line ends and trailing space aside). */
function isChanged(current: OutgoingMessage, change: { subject: string; text: string }): boolean {
  const norm = (t: string) => t.replace(/\r\n?/g, '\n').trimEnd();
  return (
    change.subject.trim() !== current.subject.trim() || norm(change.text) !== norm(current.text)
  );
}
