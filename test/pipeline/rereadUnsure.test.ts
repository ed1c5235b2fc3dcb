// Unsure invitations read again over in-memory stores: held with the message they came from,
// placed (and drafted once) when the learned frame grows, never re-read when nothing changed,
// and for the person to read when the message is gone or rules.unsureDays have passed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { Events } from '../../src/events.ts';
import { placeUnsure } from '../../src/lifecycle/placeUnsure.ts';
import type { Logger } from '../../src/log.ts';
import { parseMail } from '../../src/parse/parseNotification.ts';
import { shapesOfText } from '../../src/parse/shapesOfText.ts';
import { type IngestDeps, ingestMessage } from '../../src/pipeline/ingestMessage.ts';
import {
  type RereadDeps,
  readMark,
  rereadDue,
  rereadUnsure,
} from '../../src/pipeline/rereadUnsure.ts';
import type { InvitationRecord, MessageRef } from '../../src/store/records.ts';
import { CARD_LINE_INVITERS, type CardLineInviter, withCardLine } from '../support/cardLine.ts';
import { MemoryFrameStore } from '../support/memoryFrameStore.ts';
import { MemoryStore } from '../support/memoryStore.ts';

const config = parseConfig(
  'templates:\n  where-we-met: { subject: s, body: b }\n  not-now: { subject: s, body: b }',
  'test.yaml',
  {},
);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));
/** No note and, after the buttons, one line no pack knows: unsure until that line is placed. */
const UNSURE = fixture('invitations/2026-htmlonly-nonote-unknown-line-en.eml');
const DAY_MS = 24 * 60 * 60 * 1000;
const silent = { info: () => {}, warn: () => {}, debug: () => {} } as unknown as Logger;

function setUp() {
  const store = new MemoryStore();
  const frame = new MemoryFrameStore();
  let now = new Date('2026-12-01T10:00:00Z');
  const mailbox = new Map<number, Buffer>();
  const enqueued: string[] = [];
  const fetched: number[] = [];
  const settings = () => ({
    rules: config.rules,
    authenticity: {
      ...config.authenticity,
      trustedAuthservId: 'mx.example.net',
      verifyDkim: false,
    },
    maxMessageBytes: config.sync.maxMessageBytes,
  });
  const ingestDeps: IngestDeps = {
    account: 'default',
    store,
    frame,
    enqueueDraft: async (key) => {
      enqueued.push(key);
    },
    settings,
    verifyDkim: async () => null,
    events: new Events(),
    now: () => now,
  };
  const deps: RereadDeps = {
    account: 'default',
    store,
    frame,
    refetch: async (refs, each) => {
      const gone: MessageRef[] = [];
      for (const ref of refs) {
        const source = mailbox.get(ref.uid);
        fetched.push(ref.uid);
        if (source) await each(ref, source);
        else gone.push(ref);
      }
      return { gone, unreachable: [] };
    },
    enqueueDraft: async (key) => {
      enqueued.push(key);
    },
    settings,
    verifyDkim: async () => null,
    events: new Events(),
    log: silent,
    now: () => now,
  };
  let uid = 0;
  const deliver = async (source: Buffer) => {
    mailbox.set(++uid, source);
    return ingestMessage(
      {
        ref: { mailbox: 'INBOX', uidValidity: '7', uid },
        source,
        facts: { from: 'invitations@linkedin.com', subject: 'x', arrivedAt: null },
      },
      ingestDeps,
    );
  };
  const keyOf = (outcome: Awaited<ReturnType<typeof deliver>>) =>
    outcome.kind === 'invitation' ? outcome.key : '';
  return {
    store,
    frame,
    mailbox,
    enqueued,
    fetched,
    deps,
    deliver,
    keyOf,
    later: (ms: number) => {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** What a person's "That is LinkedIn's text" teaches for this invitation. */
async function shapesOfUnplaced(raw: Buffer): Promise<string[]> {
  const { notification: n, cluster } = await parseMail(raw);
  return n.unrecognised.flatMap((t) =>
    shapesOfText(t, { inviter: n.inviter.name, recipient: null }, cluster),
  );
}

describe('unsure invitations', () => {
  it('are held, with the message they came from, and drafted nothing', async () => {
    const { store, enqueued, deliver, keyOf } = setUp();
    const key = keyOf(await deliver(UNSURE));
    const record = await store.getInvitation(key);
    expect(record).toMatchObject({
      category: 'unsure',
      action: 'none',
      draftStatus: 'none',
      source: { mailbox: 'INBOX', uidValidity: '7', uid: 1 },
    });
    expect(await store.unsureKeys()).toEqual([key]);
    expect(enqueued).toEqual([]);
  });

  it('are read again once the frame grew, then drafted once, and not read while nothing changes', async () => {
    const { store, frame, enqueued, fetched, deps, deliver, keyOf } = setUp();
    const key = keyOf(await deliver(UNSURE));
    expect(await rereadDue(deps)).toBe(true); // never read with this parser and frame
    expect(await rereadUnsure(deps)).toEqual({ read: 1, placed: 0, toRead: 0 });
    expect(await store.unsureReadWith()).toBe(readMark(0, 0));
    expect(await rereadDue(deps)).toBe(false);

    await frame.teach(await shapesOfUnplaced(UNSURE), new Date());
    expect(await rereadDue(deps)).toBe(true);
    expect(await rereadUnsure(deps)).toEqual({ read: 1, placed: 1, toRead: 0 });
    const record = await store.getInvitation(key);
    expect(record).toMatchObject({
      category: 'no-context',
      action: 'draft',
      draftStatus: 'queued',
    });
    expect(enqueued).toEqual([key]);
    expect(await store.unsureKeys()).toEqual([]);
    const events = (await store.history(key)).map((e) => e.event);
    expect(events).toEqual(['received', 'classified', 'reclassified']);

    // Nothing unsure, nothing changed: no pass, no fetch, no second draft.
    expect(await rereadDue(deps)).toBe(false);
    await rereadUnsure(deps);
    expect(fetched).toEqual([1, 1]);
    expect(enqueued).toEqual([key]);
  });

  it("teach, when a person said the text is LinkedIn's, its shapes in the mail's own cluster", async () => {
    const { store, frame, enqueued, deps, deliver, keyOf } = setUp();
    const key = keyOf(await deliver(UNSURE));
    await rereadUnsure(deps);
    expect((await store.getInvitation(key))?.category).toBe('unsure');
    await placeUnsure(key, 'linkedin', { store, now: deps.now, via: 'review page' });
    expect(await rereadDue(deps)).toBe(true);
    expect(await rereadUnsure(deps)).toMatchObject({ placed: 1 });
    expect(await store.getInvitation(key)).toMatchObject({
      category: 'no-context',
      draftStatus: 'queued',
    });
    expect(enqueued).toEqual([key]);
    // What was taught is what the parser asks about: the same mail is placed by the frame alone.
    const { notification } = await parseMail(UNSURE, {
      trustedAuthservId: 'mx.example.net',
      learnedFrame: (await frame.snapshot()).frame,
    });
    expect(notification.unrecognised).toEqual([]);
  });

  it("teach, when a person said the text is LinkedIn's, the shapes the mail's own names make", async () => {
    // A redesign: the footer names the recipient as the mail's To does, which the page may not know.
    const raw = readFileSync(
      new URL('../integration/redesign/01-nonote-hannah.eml', import.meta.url),
    );
    const { store, frame, enqueued, deps, deliver, keyOf } = setUp();
    const key = keyOf(await deliver(raw));
    await rereadUnsure(deps);
    expect((await store.getInvitation(key))?.category).toBe('unsure');
    await placeUnsure(key, 'linkedin', { store, now: deps.now, via: 'review page' });
    expect(await rereadDue(deps)).toBe(true);
    expect(await rereadUnsure(deps)).toMatchObject({ placed: 1 });
    expect(await store.getInvitation(key)).toMatchObject({
      category: 'no-context',
      draftStatus: 'queued',
    });
    expect(enqueued).toEqual([key]);
    expect((await frame.counts()).learned).toBeGreaterThan(0);
  });

  it('read what a person said during a pass at the next one, not never', async () => {
    const { store, enqueued, deps, deliver, keyOf } = setUp();
    const key = keyOf(await deliver(UNSURE));
    // "That is LinkedIn's text" arrives while a pass has the message in hand, already read.
    const during: RereadDeps = {
      ...deps,
      refetch: (refs, each) =>
        deps.refetch(refs, async (ref, source) => {
          await each(ref, source);
          await placeUnsure(key, 'linkedin', { store, now: deps.now, via: 'review page' });
        }),
    };
    expect(await rereadUnsure(during)).toMatchObject({ placed: 0 });
    expect(await rereadDue(deps)).toBe(true);
    expect(await rereadUnsure(deps)).toMatchObject({ placed: 1 });
    expect(enqueued).toEqual([key]);
  });

  it('queues the draft of one placed before a crash, once the next pass comes', async () => {
    const { store, frame, enqueued, deps, deliver, keyOf } = setUp();
    const key = keyOf(await deliver(UNSURE));
    await frame.teach(await shapesOfUnplaced(UNSURE), new Date());
    const failing = {
      ...deps,
      enqueueDraft: async () => {
        throw new Error('Redis went away');
      },
    };
    await expect(rereadUnsure(failing)).rejects.toThrow('Redis went away');
    expect((await store.getInvitation(key))?.draftStatus).toBe('queued');
    expect(await store.unsureKeys()).toEqual([key]); // kept until its draft is queued
    expect(await rereadDue(deps)).toBe(true);
    await rereadUnsure(deps);
    expect(enqueued).toEqual([key]);
    expect(await store.unsureKeys()).toEqual([]);
  });

  it('learn from every verified LinkedIn mail, one vote per inviter, and from no other', async () => {
    const { frame, deliver } = setUp();
    await deliver(fixture('invitations/2020-personal-flight-en-verified.eml'));
    await deliver(fixture('invitations/2020-personal-flight-en-verified.eml'));
    const once = await frame.counts();
    expect(once.candidates).toBeGreaterThan(0);
    expect(once.learned).toBe(0);
    // The same inviter again adds no vote: the candidates hold one source each.
    expect([...frame.candidates.values()].every((t) => t.sources.length === 1)).toBe(true);
    const before = frame.candidates.size;
    await deliver(fixture('suspicious/linkedin-from-auth-fail.eml'));
    await deliver(fixture('suspicious/lookalike-linkedln-com.eml'));
    expect(frame.candidates.size).toBe(before);
  });

  it('become invitations to read when their message is gone from the server', async () => {
    const { store, mailbox, enqueued, deps, deliver, keyOf } = setUp();
    const key = keyOf(await deliver(UNSURE));
    mailbox.delete(1);
    expect(await rereadUnsure(deps)).toEqual({ read: 0, placed: 0, toRead: 1 });
    const record = await store.getInvitation(key);
    expect(record?.category).toBe('has-context');
    expect(record?.draftStatus).toBe('none');
    expect(record?.reasons[0]).toMatch(/for you to read: its message is gone from INBOX/);
    expect((await store.history(key)).at(-1)).toMatchObject({ event: 'to-read' });
    expect(await store.unsureKeys()).toEqual([]);
    expect(enqueued).toEqual([]);
  });

  it(`become invitations to read after rules.unsureDays (${config.rules.unsureDays}), never waiting silently`, async () => {
    const { store, deps, deliver, keyOf, later } = setUp();
    const key = keyOf(await deliver(UNSURE));
    await rereadUnsure(deps);
    later((config.rules.unsureDays - 1) * DAY_MS);
    expect(await rereadDue(deps)).toBe(false);
    later(DAY_MS);
    expect(await rereadDue(deps)).toBe(true);
    expect(await rereadUnsure(deps)).toMatchObject({ toRead: 1 });
    const record = await store.getInvitation(key);
    expect(record).toMatchObject({ category: 'has-context', action: 'none', draftStatus: 'none' });
    expect(record?.reasons[0]).toBe(
      `for you to read: still unsure after ${config.rules.unsureDays} days`,
    );
  });
});

describe('provisional notes', () => {
  it('are read again as the frame learns, and drafted once when their text was LinkedIn’s', async () => {
    const { store, enqueued, deps, deliver, keyOf } = setUp();
    // A known layout with one new line in the card: read as the inviter's note, not drafted.
    const key = keyOf(await deliver(withCardLine(CARD_LINE_INVITERS[0] as CardLineInviter)));
    expect(await store.getInvitation(key)).toMatchObject({
      category: 'has-context',
      reasons: ['personal note'],
      draftStatus: 'none',
    });
    expect(await store.provisionalKeys()).toEqual([key]);
    expect(await store.unsureKeys()).toEqual([]);
    expect(await rereadUnsure(deps)).toMatchObject({ placed: 0 });
    expect(enqueued).toEqual([]);

    // Three other inviters' mail shows the same line: it is LinkedIn's, learned as frame.
    const others = [];
    for (const inviter of CARD_LINE_INVITERS.slice(1))
      others.push(keyOf(await deliver(withCardLine(inviter))));
    expect(await rereadDue(deps)).toBe(true);
    // The first three are placed now; the fourth was drafted as it came: the frame knew the line.
    expect(await rereadUnsure(deps)).toMatchObject({ read: 3, placed: 3 });
    for (const k of [key, ...others])
      expect(await store.getInvitation(k)).toMatchObject({
        category: 'no-context',
        action: 'draft',
        draftStatus: 'queued',
      });
    expect(enqueued.sort()).toEqual([key, ...others].sort());
    expect((await store.history(key)).at(-1)).toMatchObject({
      event: 'reclassified',
      from: 'has-context',
      category: 'no-context',
    });
    expect(await store.provisionalKeys()).toEqual([]);
    // Nothing left to read: no second draft.
    await rereadUnsure(deps);
    expect(enqueued).toHaveLength(4);
  });

  it(`stay the note they were after rules.unsureDays (${config.rules.unsureDays}) when nothing placed them`, async () => {
    const { store, deps, deliver, keyOf, later } = setUp();
    const key = keyOf(await deliver(withCardLine(CARD_LINE_INVITERS[0] as CardLineInviter)));
    later(config.rules.unsureDays * DAY_MS);
    expect(await rereadDue(deps)).toBe(true);
    expect(await rereadUnsure(deps)).toEqual({ read: 1, placed: 0, toRead: 0 });
    expect(await store.getInvitation(key)).toMatchObject({
      category: 'has-context',
      reasons: ['personal note'],
    });
    expect((await store.history(key)).map((e) => e.event)).toEqual(['received', 'classified']);
    expect(await store.provisionalKeys()).toEqual([]);
    expect(await rereadDue(deps)).toBe(false);
  });

  it('are not read again once a person decided on them, nor when the note says something', async () => {
    const { store, deps, deliver, keyOf } = setUp();
    const key = keyOf(await deliver(withCardLine(CARD_LINE_INVITERS[0] as CardLineInviter)));
    // "Draft a reply anyway" (review page): the person's decision, never undone by a reading.
    store.records.set(key, {
      ...(store.records.get(key) as InvitationRecord),
      draftStatus: 'queued',
    });
    await rereadUnsure(deps);
    expect(await store.provisionalKeys()).toEqual([]);
    // A note that says where they met is has-context for what it says, not provisionally.
    const met = keyOf(await deliver(fixture('invitations/2026-text-note-after-identity-en.eml')));
    expect((await store.getInvitation(met))?.category).toBe('has-context');
    expect(await store.provisionalKeys()).toEqual([]);
  });
});
