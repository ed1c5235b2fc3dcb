// The draft writer over an in-memory store and Drafts folder: one draft per invitation on every
// path — the normal one, a retry after a crash that may have appended, a worker whose claim was
// taken over before or during its APPEND — and the daily limit.
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { parseConfig } from '../../src/config/load.ts';
import { Events } from '../../src/events.ts';
import type { DraftsFolder } from '../../src/imap/accountFolders.ts';
import { createLogger } from '../../src/log.ts';
import { type DraftDeps, writeDraft } from '../../src/pipeline/writeDraft.ts';
import { MemoryStore } from '../support/memoryStore.ts';
import { invitation } from '../support/notifications.ts';

const config = parseConfig(
  'me: { name: Paul Tester, address: paul@example.net }\ntemplates:\n  where-we-met: { subject: "Your invitation", body: "Hi {{greetingName}}" }\n  not-now: { subject: "x", body: "y" }',
  'test.yaml',
  {},
);

/**
 * Drafts as a list of raw messages by UID; `beforeAppend` runs just before each APPEND lands.
 * `takenOut`: the invitations whose draft the user moved to Trash or sent.
 */
function draftsFolder(beforeAppend: () => void = () => {}) {
  const messages = new Map<number, string>();
  const takenOut = new Set<string>();
  let next = 1;
  const folder: DraftsFolder = {
    find: async (key) =>
      [...messages]
        .filter(([, raw]) => raw.includes(`X-Wherewemet-Invitation: ${key}`))
        .map(([uid]) => uid),
    append: async (raw) => {
      beforeAppend();
      messages.set(next, raw.toString());
      return next++;
    },
    remove: async (uid) => {
      messages.delete(uid);
    },
    takenOut: async (key) => takenOut.has(key),
  };
  return { folder, messages, takenOut };
}

async function setUp(options: { dailyDraftLimit?: number } = {}) {
  const store = new MemoryStore();
  const notification = invitation({});
  const { record } = await store.claimInvitation(['id-1'], {
    key: 'id-1',
    notification,
    classification: classify(notification, config.rules),
    at: new Date('2026-12-01T10:00:00Z'),
  });
  const deps = (folder: DraftsFolder): DraftDeps => ({
    account: 'default',
    store,
    drafts: folder,
    settings: () => ({
      me: config.me,
      templates: config.templates,
      dailyDraftLimit: options.dailyDraftLimit ?? null,
    }),
    events: new Events(),
    log: createLogger({ level: 'silent' }),
    now: () => new Date('2026-12-01T10:00:01Z'),
  });
  return { store, key: record.key, deps };
}

const job = (key: string) => ({ invitationKey: key, arrivedAt: null });

/** The new owner confirms the draft at `uid` under the claim that takenOverBy gave it. */
const recordAsTheirs = (store: MemoryStore, key: string, uid: number | null) =>
  store.confirmDraft(
    { key, token: 'theirs', recovering: true },
    { uid, messageId: '<theirs@example.net>', to: null, subject: null, at: new Date() },
  );

/** The new owner of the account claims the invitation while our APPEND is on its way. */
const takenOverBy = (store: MemoryStore, key: string) => () => {
  store.claims.set(key, {
    token: 'theirs',
    fence: 'lease-2',
    until: Date.now() + 60_000,
    appendStarted: true,
  });
};

describe('writing a draft', () => {
  it('appends one draft and records it; a second run does nothing', async () => {
    const { store, key, deps } = await setUp();
    const drafts = draftsFolder();
    expect(await writeDraft(job(key), deps(drafts.folder))).toEqual({ done: 'drafted (uid 1)' });
    expect((await store.getInvitation(key))?.draftStatus).toBe('pending');
    expect(await writeDraft(job(key), deps(drafts.folder))).toEqual({
      done: 'nothing to do (pending)',
    });
    expect(drafts.messages.size).toBe(1);
    expect(drafts.messages.get(1)).toMatch(/^Hi Jane/m);
  });

  it('after a crash that may have appended, finds the draft instead of writing a second', async () => {
    const { store, key, deps } = await setUp();
    const drafts = draftsFolder();
    // A first attempt appends, then its process dies before recording it.
    const claim = await store.beginDraft(key, new Date());
    if (!('token' in claim)) throw new Error('not claimed');
    await drafts.folder.append(Buffer.from(`X-Wherewemet-Invitation: ${key}\r\n\r\nHi`), key);
    await store.releaseDraft(claim, true);
    expect(await writeDraft(job(key), deps(drafts.folder))).toEqual({
      done: 'draft already in Drafts (uid 1)',
    });
    expect(drafts.messages.size).toBe(1);
    expect((await store.getInvitation(key))?.draftUid).toBe(1);
    expect((await store.history(key)).at(-1)).toMatchObject({ event: 'drafted', recovered: true });
  });

  it('adopts the draft in Drafts when Redis lost its record (a failover to a replica behind)', async () => {
    const { store, key, deps } = await setUp();
    const drafts = draftsFolder();
    await drafts.folder.append(Buffer.from(`X-Wherewemet-Invitation: ${key}\r\n\r\nHi`), key);
    expect(await writeDraft(job(key), deps(drafts.folder))).toEqual({
      done: 'draft already in Drafts (uid 1)',
    });
    expect(drafts.messages.size).toBe(1);
    expect((await store.getInvitation(key))?.draftUid).toBe(1);
  });

  it('writes none when the user took the draft out of Drafts before Redis lost its record', async () => {
    const { store, key, deps } = await setUp();
    const drafts = draftsFolder();
    drafts.takenOut.add(key);
    expect(await writeDraft(job(key), deps(drafts.folder))).toEqual({
      done: 'draft already taken out of Drafts by the user',
    });
    expect(drafts.messages.size).toBe(0);
    // Pending without a draft: the draft check finds it gone and says sent or discarded.
    expect(await store.getInvitation(key)).toMatchObject({
      draftStatus: 'pending',
      draftUid: null,
    });
    expect((await store.history(key)).at(-1)).toMatchObject({ event: 'drafted', takenOut: true });
  });

  it('writes nothing when the account was taken over before its APPEND', async () => {
    const { store, key, deps } = await setUp();
    const drafts = draftsFolder();
    store.leaseToken = 'lease-2'; // another process holds the account now
    await expect(writeDraft(job(key), deps(drafts.folder))).rejects.toThrow(/another process/);
    expect(drafts.messages.size).toBe(0);
  });

  it('removes its own copy when the new owner recorded another draft while it appended', async () => {
    const { store, key, deps } = await setUp();
    const drafts = draftsFolder(() => {
      takenOverBy(store, key)();
      // The new owner writes and records its own draft before our APPEND lands.
      drafts.messages.set(99, `X-Wherewemet-Invitation: ${key}\r\n\r\nHi`);
      void recordAsTheirs(store, key, 99);
    });
    expect(await writeDraft(job(key), deps(drafts.folder))).toEqual({
      done: 'taken over by another worker; our copy removed',
    });
    expect([...drafts.messages.keys()]).toEqual([99]);
    expect((await store.getInvitation(key))?.draftUid).toBe(99);
  });

  it('keeps its copy when the new owner found it in Drafts and recorded it as the draft', async () => {
    const { store, key, deps } = await setUp();
    const drafts = draftsFolder();
    const adopted: DraftsFolder = {
      ...drafts.folder,
      append: async (raw, k) => {
        // Our APPEND lands; we stall; the new owner's recovery finds our copy and keeps it.
        const uid = await drafts.folder.append(raw, k);
        takenOverBy(store, key)();
        await recordAsTheirs(store, key, uid);
        return uid;
      },
    };
    expect(await writeDraft(job(key), deps(adopted))).toEqual({
      done: 'taken over by another worker; our copy left to the draft check',
    });
    expect(drafts.messages.size).toBe(1);
    expect((await store.getInvitation(key))?.draftUid).toBe(1);
  });

  it('leaves its copy to the new owner while that has recorded no draft yet', async () => {
    const { store, key, deps } = await setUp();
    const drafts = draftsFolder(takenOverBy(store, key));
    expect(await writeDraft(job(key), deps(drafts.folder))).toEqual({
      done: 'taken over by another worker; our copy left to the draft check',
    });
    expect(drafts.messages.size).toBe(1);
    expect((await store.getInvitation(key))?.draftStatus).toBe('queued');
  });

  it('says so, and claims nothing, when taken over while appending to a server that gives no UID', async () => {
    const { store, key, deps } = await setUp();
    const drafts = draftsFolder(takenOverBy(store, key));
    const noUid: DraftsFolder = {
      ...drafts.folder,
      append: async (raw, k) => {
        await drafts.folder.append(raw, k);
        return null;
      },
    };
    expect(await writeDraft(job(key), deps(noUid))).toEqual({
      done: 'taken over by another worker; our copy left to the draft check',
    });
    expect((await store.getInvitation(key))?.draftStatus).toBe('queued');
  });

  it('puts a draft off to the next day when the daily limit is reached', async () => {
    const { store, key, deps } = await setUp({ dailyDraftLimit: 1 });
    await store.reserveDailyDraft('2026-12-01', 1);
    const drafts = draftsFolder();
    const outcome = await writeDraft(job(key), deps(drafts.folder));
    expect(outcome).toMatchObject({ deferred: expect.stringMatching(/daily limit of 1/) });
    expect(drafts.messages.size).toBe(0);
    expect((await store.getInvitation(key))?.draftStatus).toBe('queued');
  });
});
