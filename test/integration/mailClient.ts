// A simulated mail client acting on wherewemet's drafts, the way real clients do: sending gives
// the Sent copy a new Message-ID and may drop custom headers; editing saves a new message and
// deletes the old one.
import { readFileSync } from 'node:fs';
import { simpleParser } from 'mailparser';
import { type ListedMessage, listMessages, withImap } from '../harness/context.ts';

export async function findDraftTo(user: string, address: string): Promise<ListedMessage> {
  for (const m of await listMessages(user, 'Drafts')) {
    const parsed = await simpleParser(m.source);
    const to = Array.isArray(parsed.to) ? parsed.to : parsed.to ? [parsed.to] : [];
    if (to.some((t) => t.value.some((v) => v.address === address))) return m;
  }
  throw new Error(`no draft to ${address}`);
}

function withoutOurHeader(raw: string): string {
  return raw.replace(/^X-Wherewemet-Invitation:.*\r?\n/im, '');
}

function withNewMessageId(raw: string, id: string): string {
  return raw.replace(/^Message-ID:.*$/im, `Message-ID: <${id}@client.example>`);
}

async function deleteDraft(user: string, uid: number): Promise<void> {
  await withImap(user, async (client) => {
    const lock = await client.getMailboxLock('Drafts');
    try {
      await client.messageDelete(String(uid), { uid: true });
    } finally {
      lock.release();
    }
  });
}

/** Sends the draft from the client: a copy in Sent under a new Message-ID, the draft deleted. */
export async function clientSends(user: string, draft: ListedMessage): Promise<void> {
  await clientSendsCopyOnly(user, draft);
  await deleteDraft(user, draft.uid);
}

/** Only the filing half of sending: the copy in Sent (new Message-ID, our header dropped). */
export async function clientSendsCopyOnly(user: string, draft: ListedMessage): Promise<void> {
  const sent = withNewMessageId(withoutOurHeader(draft.source.toString()), 'sent-by-client');
  await withImap(user, (c) => c.append('Sent', sent, ['\\Seen']));
}

export async function clientDeletes(user: string, draft: ListedMessage): Promise<void> {
  await deleteDraft(user, draft.uid);
}

/** Edits the body and saves: a new message in Drafts, the old one deleted, our header dropped. */
export async function clientEdits(
  user: string,
  draft: ListedMessage,
  edit: (body: string) => string,
): Promise<void> {
  const raw = withNewMessageId(withoutOurHeader(draft.source.toString()), 'edited-by-client');
  const split = raw.search(/\r?\n\r?\n/);
  const edited = raw.slice(0, split) + edit(raw.slice(split));
  await withImap(user, (c) => c.append('Drafts', edited, ['\\Draft', '\\Seen']));
  await deleteDraft(user, draft.uid);
}

/**
 * LinkedIn's invitation with a Reply-To address, as if from someone else, verified by the
 * mailbox's server (so its draft is addressed to them).
 */
export function invitationFrom(first: string, n: number): string {
  const verified =
    'Authentication-Results: mx.example.net; dkim=pass header.d=linkedin.com; dmarc=pass header.from=linkedin.com\r\n';
  return `${verified}${readFileSync(
    new URL('../fixtures/invitations/2012-member-replyto-en.eml', import.meta.url),
  )
    .toString()
    .replace(/Dmitri Alvarez/g, `${first} Tester`)
    .replace(/Dmitri/g, first)
    .replace(/dmitri\.alvarez/g, first.toLowerCase())
    .replace('<2447466113.972832.', `<2447466113.97283${n}.`)}`;
}
