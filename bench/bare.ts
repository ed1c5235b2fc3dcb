/**
 * The bare script `bench/sync.bench.ts` measures wherewemet against: what a careful person would
 * write with imapflow, mailparser and nodemailer's MailComposer to draft "where did we meet?"
 * replies. No state, no rules, no retries: SEARCH the LinkedIn mail, one header FETCH to pick the
 * invitations, download only those, parse each, APPEND a reply to Drafts.
 *
 *   IMAP_URL=imap://user:pass@host:port node bare.js          one pass over INBOX, then exit
 *   IMAP_URL=imap://user:pass@host:port node bare.js --idle   IDLE; the same for each new message
 *
 * Prints one JSON line when done: {"drafts": n, ...}; with --idle, "idling" once it is.
 */
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import MailComposer from 'nodemailer/lib/mail-composer';

const url = new URL(process.env.IMAP_URL ?? 'imap://user:secret@127.0.0.1:143');
const client = new ImapFlow({
  host: url.hostname,
  port: Number(url.port || 143),
  secure: url.protocol === 'imaps:',
  auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
  logger: false,
});

/** Invitations (not "X accepted your invitation"), by LinkedIn's template header or subject. */
function isInvitation(template: string | undefined, subject: string | undefined): boolean {
  if (template) return /invite/i.test(template) && !/accept/i.test(template);
  return /add me to your LinkedIn network|invitation/i.test(subject ?? '');
}

/** Drafts for the invitations among UIDs `range` (e.g. "1:*"); returns how many. */
async function draftInvitations(range: string): Promise<number> {
  const found = await client.search({ uid: range, from: 'linkedin' }, { uid: true });
  if (!found || found.length === 0) return 0;
  const picked: number[] = [];
  for await (const msg of client.fetch(
    found,
    { uid: true, envelope: true, headers: ['x-linkedin-template'] },
    { uid: true },
  )) {
    const template = /^x-linkedin-template:\s*(.+)$/im.exec(msg.headers?.toString() ?? '')?.[1];
    if (isInvitation(template?.trim(), msg.envelope?.subject)) picked.push(msg.uid);
  }
  if (picked.length === 0) return 0;
  const drafts: Buffer[] = [];
  for await (const msg of client.fetch(picked, { uid: true, source: true }, { uid: true })) {
    if (!msg.source) continue;
    const mail = await simpleParser(msg.source);
    const name = mail.from?.value[0]?.name || 'there';
    const to = mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined;
    drafts.push(
      await new MailComposer({
        from: to,
        to: mail.from?.text,
        subject: 'Your LinkedIn invitation',
        inReplyTo: mail.messageId,
        references: mail.messageId,
        text: `Hi ${name.split(' ')[0]},\n\nThanks for the invitation. I only connect with people I know: could you remind me where we met, or what prompted you to connect?\n\nBest regards,\nPaul\n`,
      })
        .compile()
        .build(),
    );
  }
  for (const raw of drafts) await client.append('Drafts', raw, ['\\Draft']);
  return drafts.length;
}

async function main(): Promise<void> {
  await client.connect();
  const mailbox = await client.mailboxOpen('INBOX');
  if (!process.argv.includes('--idle')) {
    const drafts = await draftInvitations('1:*');
    await client.logout();
    console.log(JSON.stringify({ drafts }));
    return;
  }
  // IDLE: on each new message, handle the UIDs above the last one handled, one pass at a time.
  let lastUid = mailbox.uidNext - 1;
  let pass: Promise<unknown> = Promise.resolve();
  let total = 0;
  client.on('exists', () => {
    pass = pass.then(async () => {
      const high = (await client.search({ uid: `${lastUid + 1}:*` }, { uid: true })) || [];
      const top = Math.max(lastUid, ...high);
      if (top > lastUid) total += await draftInvitations(`${lastUid + 1}:${top}`);
      lastUid = top;
      void client.idle();
    });
  });
  const stop = async () => {
    await pass;
    await client.logout();
    console.log(JSON.stringify({ drafts: total }));
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  void client.idle();
  console.log('idling');
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
