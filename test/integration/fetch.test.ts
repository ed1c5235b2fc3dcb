// The catch-up's IMAP reads against a real Dovecot, with a second connection changing the mailbox
// between the SEARCH and the FETCH: what another client deletes meanwhile is "gone" only once a
// fresh view says so, and the rest is read in full.
import { describe, expect, it } from 'vitest';
import { SearchUnansweredError } from '../../src/errors.ts';
import {
  fetchHeaderSummaries,
  fetchSources,
  highestUid,
  searchCandidates,
} from '../../src/imap/fetch.ts';
import { makeInvitations } from '../faults/support/invitations.ts';
import { appendRaw, uniqueUser, withImap } from '../harness/context.ts';
import { fixture } from './cli.ts';

async function mailboxOf(count: number) {
  const user = uniqueUser('fetch');
  const raws = makeInvitations(count, 40).map((i) => i.raw);
  const uids = await withImap(user, async (client) => {
    const out: number[] = [];
    for (const raw of raws) {
      const appended = await client.append('INBOX', raw);
      if (!appended || appended.uid === undefined) throw new Error('APPEND returned no UID');
      out.push(appended.uid);
    }
    return out;
  });
  return { user, uids };
}

/** Deletes `uid` from INBOX on a connection of its own, as the user's mail client would. */
const deleteElsewhere = (user: string, uid: number) =>
  withImap(user, async (client) => {
    await client.mailboxOpen('INBOX');
    await client.messageDelete(String(uid), { uid: true });
  });

describe('catch-up reads while another client changes the mailbox', () => {
  it('headers: a candidate deleted after the SEARCH is gone, every other one is summed up', async () => {
    const { user, uids } = await mailboxOf(4);
    const [, second] = uids as [number, number];
    await withImap(user, async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      const found = await searchCandidates(client, {
        afterUid: 0,
        highUid: Math.max(...uids),
        since: null,
      });
      expect(found).toEqual(uids);
      await deleteElsewhere(user, second);
      const { summaries, gone } = await fetchHeaderSummaries(client, found);
      // Dovecot still answers for it, empty, until this connection hears of the EXPUNGE.
      expect(gone).toEqual([second]);
      expect(summaries.map((s) => s.uid)).toEqual(uids.filter((u) => u !== second));
      expect(summaries.every((s) => s.fromAddress?.endsWith('linkedin.com'))).toBe(true);
    });
  });

  it('bodies: a message deleted after the headers were read is gone, the others arrive whole', async () => {
    const { user, uids } = await mailboxOf(3);
    const [first] = uids as [number];
    await withImap(user, async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      const { summaries } = await fetchHeaderSummaries(client, uids);
      await deleteElsewhere(user, first);
      const read: number[] = [];
      const gone = await fetchSources(client, uids, async ({ uid, source }) => {
        expect(source.length).toBe(summaries.find((s) => s.uid === uid)?.size);
        read.push(uid);
      });
      expect(gone).toEqual([first]);
      expect(read).toEqual(uids.slice(1));
    });
  });
});

describe('the candidate search', () => {
  it("finds the user's forwards by the LinkedIn sender their text names, and not a person's mail", async () => {
    const user = uniqueUser('forwards');
    const uid = async (name: string) => (await appendRaw(user, 'INBOX', fixture(name))) as number;
    const wanted = [
      await uid('invitations/2016-nonote-en.eml'),
      await uid('forwarded/gmail-inline-2026-nonote-en.eml'), // quoted, in quoted-printable parts
      await uid('forwarded/outlook-inline-2020-note-en.eml'),
      await uid('forwarded/attached-outlook-2012-signed.eml'), // in the attached message's headers
    ];
    await uid('not-linkedin/personal-mentions-linkedin.eml');
    await uid('not-linkedin/reply-where-did-we-meet.eml');
    await withImap(user, async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      const range = { afterUid: 0, highUid: Math.max(...wanted) + 2, since: null };
      expect(await searchCandidates(client, range)).toEqual(wanted);
    });
  });
});

describe('catch-up reads on a connection whose mailbox went away', () => {
  it('calls nothing gone and finds no candidates only when the server said so', async () => {
    // A stop closes the mailbox under a pass: imapflow then answers SEARCH with false, not an
    // error. Taken as "none", the pass moved its cursor past mail it never read.
    const { user, uids } = await mailboxOf(2);
    await withImap(user, async (client) => {
      await client.mailboxOpen('INBOX', { readOnly: true });
      await client.mailboxClose();
      const range = { afterUid: 0, highUid: Math.max(...uids), since: null };
      await expect(searchCandidates(client, range)).rejects.toBeInstanceOf(SearchUnansweredError);
      await expect(highestUid(client, 0)).rejects.toBeInstanceOf(SearchUnansweredError);
      // imapflow's FETCH throws here by itself; what was not read is never "gone".
      await expect(fetchSources(client, uids, async () => {})).rejects.toThrow();
    });
  });
});
