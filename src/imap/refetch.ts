/**
 * Reads messages again by the MessageRef they were first read under (unsure invitations,
 * src/pipeline/rereadUnsure.ts), on the watcher's connection with its mailbox selected. A message
 * counts as gone only when a fresh view of the server says so (fetchSources); one of another
 * mailbox or of an earlier UIDVALIDITY cannot be named by its UID here, and says so.
 */
import type { ImapFlow } from 'imapflow';
import type { MessageRef } from '../store/records.ts';
import { fetchSources } from './fetch.ts';

export interface Refetched {
  /** No longer on the server. */
  gone: MessageRef[];
  /** Its mailbox is not the selected one, or was renumbered (UIDVALIDITY changed). */
  unreachable: MessageRef[];
}

export async function refetchSources(
  client: ImapFlow,
  refs: MessageRef[],
  each: (ref: MessageRef, source: Buffer) => Promise<void>,
): Promise<Refetched> {
  const selected = client.mailbox;
  const here = (r: MessageRef) =>
    selected !== false &&
    r.mailbox === selected.path &&
    r.uidValidity === String(selected.uidValidity);
  const reachable = new Map(refs.filter(here).map((r) => [r.uid, r]));
  const goneUids = await fetchSources(client, [...reachable.keys()], async ({ uid, source }) => {
    const ref = reachable.get(uid);
    if (ref) await each(ref, source);
  });
  return {
    gone: goneUids.flatMap((uid) => reachable.get(uid) ?? []),
    unreachable: refs.filter((r) => !here(r)),
  };
}
