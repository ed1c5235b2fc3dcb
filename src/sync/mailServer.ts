/**
 * Learns the user's mail server from the mailbox itself, for accounts whose config and provider
 * do not name it: the newest SAMPLE messages of the watched mailbox, whoever sent them, are
 * looked at for two things only, the sender's domain and the authserv-id of the topmost
 * Authentication-Results (one small header FETCH; no body is read). What they show is added to
 * the account's counts in Redis, which decide (src/parse/mailServer.ts).
 */
import type { ImapFlow } from 'imapflow';
import { domainOf } from '../parse/authenticity.ts';
import { learnedMailServer, topAuthservId } from '../parse/mailServer.ts';
import type { MailServerStore, SenderSeen } from '../store/mailServers.ts';

/** Enough mail to meet many senders, little enough to read in one short FETCH. */
export const SAMPLE = 200;

/** Samples the selected mailbox, records what it shows, and returns the server it points to. */
export async function learnMailServer(
  client: ImapFlow,
  store: MailServerStore,
): Promise<string | null> {
  await store.record(await sampleSenders(client));
  const { servers, allSenders } = await store.counts();
  return learnedMailServer(servers, allSenders);
}

async function sampleSenders(client: ImapFlow): Promise<SenderSeen[]> {
  const exists = client.mailbox ? client.mailbox.exists : 0;
  if (exists === 0) return [];
  const seen: SenderSeen[] = [];
  const range = `${Math.max(1, exists - SAMPLE + 1)}:*`;
  for await (const msg of client.fetch(range, {
    envelope: true,
    headers: ['authentication-results'],
  })) {
    const senderDomain = domainOf(msg.envelope?.from?.[0]?.address ?? null);
    if (!senderDomain) continue;
    seen.push({ authservId: topAuthservId(msg.headers?.toString('utf8') ?? ''), senderDomain });
  }
  return seen;
}
