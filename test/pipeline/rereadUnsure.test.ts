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
import type { MessageRef } from '../../src/store/records.ts';
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
    expect(await store.unsureReadWith()).toBe(readMark(0));
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
