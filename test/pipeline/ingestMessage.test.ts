// Ingesting downloaded messages over an in-memory store: an invitation is recorded once under
// all its aliases and its draft queued; a second copy or a reminder finds the first; a message
// that cannot be read is recorded once as unparseable; other LinkedIn mail is passed over.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.ts';
import { verifyLinkedInDkim } from '../../src/dns/dkim.ts';
import { Events } from '../../src/events.ts';
import { PARSER_VERSION } from '../../src/parse/version.ts';
import { type IngestDeps, ingestMessage } from '../../src/pipeline/ingestMessage.ts';
import { fixtureDkimResolver } from '../support/fixtureDkim.ts';
import { MemoryStore } from '../support/memoryStore.ts';

const config = parseConfig(
  'templates:\n  where-we-met: { subject: s, body: b }\n  not-now: { subject: s, body: b }',
  'test.yaml',
  {},
);
const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url));

function setUp(verifyDkim: IngestDeps['verifyDkim'] | null = null) {
  const store = new MemoryStore();
  const queued: string[] = [];
  const deps: IngestDeps = {
    account: 'default',
    store,
    enqueueDraft: async (key) => {
      queued.push(key);
    },
    settings: () => ({
      rules: config.rules,
      authenticity: { ...config.authenticity, verifyDkim: verifyDkim !== null },
      maxMessageBytes: config.sync.maxMessageBytes,
    }),
    verifyDkim: verifyDkim ?? (async () => null),
    events: new Events(),
    now: () => new Date('2026-12-01T10:00:00Z'),
  };
  let uid = 0;
  const ingest = (source: Buffer) =>
    ingestMessage(
      {
        ref: { mailbox: 'INBOX', uidValidity: '1', uid: ++uid },
        source,
        facts: { from: 'invitations@linkedin.com', subject: 'x', arrivedAt: null },
      },
      deps,
    );
  return { store, queued, ingest };
}

describe('ingesting a message', () => {
  it('records an invitation once and queues its draft; a second copy finds the first', async () => {
    const { store, queued, ingest } = setUp();
    const raw = fixture('invitations/2016-nonote-en.eml');
    const first = await ingest(raw);
    expect(first).toMatchObject({ kind: 'invitation', created: true });
    const again = await ingest(raw);
    expect(again).toMatchObject({ kind: 'invitation', created: false });
    expect(store.records.size).toBe(1);
    // Queued twice, under one deterministic job id: the queue keeps one.
    expect(new Set(queued)).toEqual(new Set([first.kind === 'invitation' ? first.key : '']));
    const events = (await store.history(first.kind === 'invitation' ? first.key : '')).map(
      (e) => e.event,
    );
    expect(events).toEqual(['received', 'classified', 'seen-again']);
  });

  it('queues no draft for a personal note, and records it for the user to read', async () => {
    const { store, queued, ingest } = setUp();
    expect(await ingest(fixture('invitations/2020-personal-flight-en-verified.eml'))).toMatchObject(
      {
        kind: 'invitation',
        created: true,
      },
    );
    expect(queued).toEqual([]);
    expect([...store.records.values()][0]).toMatchObject({
      category: 'has-context',
      draftStatus: 'none',
    });
  });

  it('records a message it cannot read once, with the reason, and goes on', async () => {
    const { store, ingest } = setUp();
    const garbage = Buffer.from(
      'From: invitations@linkedin.com\r\nSubject: Mallory, please add me to your LinkedIn network\r\n\r\n',
    );
    expect(await ingest(garbage)).toMatchObject({ kind: 'unparseable' });
    expect(store.unparseableEntries).toHaveLength(1);
    expect(store.unparseableEntries[0]?.reason).toMatch(/no invitation link/);
    expect(store.records.size).toBe(0);
  });

  it('records a refusal for its bytes as poison: no retry can help', async () => {
    const { store, ingest } = setUp();
    expect(await ingest(Buffer.from('not an email at all\r\n'))).toMatchObject({
      kind: 'unparseable',
      reason: 'no email headers found',
    });
    expect(store.unparseableEntries).toEqual([
      expect.objectContaining({ retry: 'poison', refusals: 1, parserVersion: PARSER_VERSION }),
    ]);
  });

  it("reads the user's forwarded invitation, LinkedIn's signature checked on the attached original", async () => {
    const asked: string[] = [];
    const { store, queued, ingest } = setUp(async (raw) => {
      asked.push(raw.toString('latin1').split('\r\n')[0] ?? '');
      return verifyLinkedInDkim(raw, fixtureDkimResolver);
    });
    const result = await ingest(fixture('forwarded/attached-outlook-2012-signed.eml'));
    expect(result).toMatchObject({ kind: 'invitation', created: true });
    // Asked about the original's bytes (LinkedIn's bounce address first), not about the forward's.
    expect(asked).toEqual([expect.stringContaining('@bounce.linkedin.com')]);
    expect(queued).toHaveLength(1);
    expect([...store.records.values()][0]?.notification).toMatchObject({
      authenticity: 'verified',
      inviter: { email: 'dmitri.alvarez@example.org' },
    });
  });

  it("passes over LinkedIn's other mail", async () => {
    const { store, queued, ingest } = setUp();
    expect(await ingest(fixture('other-linkedin/2023-job-alert-digest-en.eml'))).toEqual({
      kind: 'ignored',
      what: 'other-linkedin',
    });
    expect(store.records.size + queued.length + store.unparseableEntries.length).toBe(0);
  });
});
