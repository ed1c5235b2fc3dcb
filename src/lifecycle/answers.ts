/**
 * The stranger's answers as the CLI and the review page show them, and the one-step decision after
 * one: accept on LinkedIn (the invitation's own accept link), ignore (LinkedIn's invitation
 * manager), or keep waiting (nothing). wherewemet records the decision and hands back the page
 * to open; it sends nothing, and it does not act on LinkedIn for the person.
 */
import {
  type AnswerState,
  acceptTarget,
  answerState,
  INVITATION_MANAGER,
} from '../answer/state.ts';
import { DecisionRefused } from '../errors.ts';
import type { AnswerRecord, AnswerStore } from '../store/answers.ts';
import type { InvitationRecord } from '../store/records.ts';

export interface AnswerView {
  id: string;
  state: AnswerState;
  askedAt: string | null;
  answeredAt: string | null;
  via: 'email' | 'linkedin' | null;
  from: string | null;
  /** A stranger's text, at most 500 characters: encode it wherever it is shown. */
  excerpt: string | null;
  /** Pitch phrases found in it (the same rules as invitations' notes). */
  pitch: string[];
  /** For a possible answer: the other invitations whose inviter has the same name. */
  possibleWith: string[];
  decidedAt: string | null;
}

type Answers = Pick<AnswerStore, 'get' | 'askedSince' | 'answeredKeys' | 'decide'>;

/** When the question of `record` went out, as far as the records say. */
function askedAtOf(record: InvitationRecord, asked: Map<string, number>): string | null {
  const since = asked.get(record.key);
  if (since !== undefined) return new Date(since).toISOString();
  const out = ['approved', 'sent', 'replied'].includes(record.draftStatus);
  return out ? record.decidedAt : null;
}

/** The answer side of each invitation that has one (asked, answered or decided). */
export async function answerViews(
  records: InvitationRecord[],
  answers: Answers,
  now: Date,
  waitDays: number,
): Promise<Map<string, AnswerView>> {
  const asked = await answers.askedSince();
  const views = new Map<string, AnswerView>();
  for (const r of records) {
    const answer = await answers.get(r.key);
    const view = viewOf(r, answer, askedAtOf(r, asked), now, waitDays);
    if (view) views.set(r.key, view);
  }
  return views;
}

export function viewOf(
  record: InvitationRecord,
  answer: AnswerRecord | null,
  askedAt: string | null,
  now: Date,
  waitDays: number,
): AnswerView | null {
  const state = answerState(
    { askedAt, match: answer?.match ?? null, decision: answer?.decision ?? null },
    now,
    waitDays,
  );
  if (!state) return null;
  return {
    id: record.key,
    state,
    askedAt,
    answeredAt: answer?.at ?? null,
    via: answer?.via ?? null,
    from: answer?.from ?? null,
    excerpt: answer?.excerpt ?? null,
    pitch: answer?.pitch ?? [],
    possibleWith: answer?.possibleWith ?? [],
    decidedAt: answer?.decidedAt ?? null,
  };
}

/** How many answers wait for the person's decision (sure or possible). */
export function waitingAnswers(views: Iterable<AnswerView>): number {
  let n = 0;
  for (const v of views) if (v.state === 'answered' || v.state === 'possible answer') n++;
  return n;
}

export interface AnswerDecisionDeps {
  getInvitation(key: string): Promise<InvitationRecord | null>;
  answers: Answers;
  now(): Date;
  via: string;
}

/**
 * Accept or ignore after the answer (or after none came): records it once and returns the page
 * where the person does it on LinkedIn. Refused for an invitation whose question never went out.
 */
export async function decideAfterAnswer(
  id: string,
  decision: 'accepted' | 'ignored',
  deps: AnswerDecisionDeps,
): Promise<{ open: string }> {
  const record = await deps.getInvitation(id);
  if (!record) throw new DecisionRefused(`no invitation ${id}`);
  const answer = await deps.answers.get(id);
  const asked = await deps.answers.askedSince();
  if (!answer?.match && !askedAtOf(record, asked))
    throw new DecisionRefused(
      `invitation ${id} was not asked "where did we meet?": approve, send or reply to it first`,
    );
  const at = deps.now();
  const done = await deps.answers.decide(id, decision, at, {
    at: at.toISOString(),
    event: 'decided',
    decision,
    via: deps.via,
    after:
      answer?.match === 'sure'
        ? 'answer'
        : answer?.match === 'possible'
          ? 'possible answer'
          : 'no answer',
  });
  if (!done)
    throw new DecisionRefused(`invitation ${id} is ${answer?.decision ?? 'decided'} already`);
  return {
    open:
      decision === 'accepted'
        ? acceptTarget(record.notification.invitationUrl)
        : INVITATION_MANAGER,
  };
}
