// Forged senders (issue 19, finding 2), against a real Dovecot and Redis: a mail that claims to
// be LinkedIn's, with its Reply-To swapped for a phisher's, never gets a draft addressed to that
// address. The mailbox's own server (mx.example.org) writes an Authentication-Results on mail
// from every sender; wherewemet learns that from the mailbox, ignores a header a sender wrote
// under another server's name, makes a LinkedIn signature that fails our own check suspicious,
// and still counts a phishing link repeated in the "note". The control: a genuine invitation the
// server verified is answered at the inviter's own address.
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionRefused } from '../../src/errors.ts';
import { requestDraft } from '../../src/queue/requestDraft.ts';
import { accountBase } from '../../src/store/keys.ts';
import { StatusChanges } from '../../src/store/statusChange.ts';
import { Store } from '../../src/store/store.ts';
import { runCli } from '../integration/cli.ts';
import { fixture } from './support/invitations.ts';
import { appendAll, messagesIn } from './support/mail.ts';
import { account, type Servers, startServers, withRedis } from './support/scenario.ts';

const SERVER = 'mx.example.org';

/** Ordinary mail from unrelated senders, each with the server's own header on top. */
function ordinaryMail(i: number): string {
  const domain = `sender${i}.example`;
  return [
    `Received: from mail.${domain} (mail.${domain} [192.0.2.${10 + i}])`,
    `\tby ${SERVER} (Postfix) with ESMTPS id 4Ab${i}Cd for <marcus.webb@example.org>;`,
    `\tMon, 8 Jun 2026 0${i % 10}:15:00 +0000 (UTC)`,
    `Authentication-Results: ${SERVER};`,
    `\tdkim=pass header.d=${domain} header.s=s1 header.b=Zx${i}Qw;`,
    `\tspf=pass smtp.mailfrom=news@${domain};`,
    `\tdmarc=pass (p=NONE) header.from=${domain}`,
    `From: Newsletter ${i} <news@${domain}>`,
    'To: Marcus Webb <marcus.webb@example.org>',
    `Subject: Weekly update ${i}`,
    `Message-ID: <weekly-${i}@${domain}>`,
    'Date: Mon, 8 Jun 2026 09:15:00 +0000',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `This week at sender ${i}: nothing about anyone's network.`,
    '',
  ].join('\r\n');
}

/** A genuine invitation with the inviter's Reply-To, verified by the mailbox's server. */
const GENUINE = Buffer.from(
  `Authentication-Results: ${SERVER};\r\n\tdkim=pass header.d=linkedin.com header.s=proddkim1024;\r\n\tdmarc=pass header.from=linkedin.com\r\n${fixture(
    'invitations/2012-member-replyto-en.eml',
  ).toString('latin1')}`,
  'latin1',
);

const FORGED = {
  senderWritten: {
    file: 'suspicious/replyto-phisher-sender-authres.eml',
    key: 'id-7469660112958316544',
  },
  dkimFails: { file: 'suspicious/replyto-phisher-dkim-fail.eml', key: 'id-7469660198230574081' },
  linkInNote: { file: 'suspicious/phishing-link-in-note.eml', name: 'Ines Moreau' },
};

describe('forged senders', () => {
  let servers: Servers;

  beforeAll(async () => {
    servers = await startServers();
  });
  afterAll(async () => {
    await servers?.stop();
  });

  it('get no draft to their address, and no "draft anyway" for an imitation', async () => {
    // The DKIM check stays on, as shipped: the copied signature fails before any DNS lookup.
    // Nothing names the server: it is learned from the mailbox.
    const acc = account(servers, {
      config: { 'authenticity.verifyDkim': true, 'authenticity.trustedAuthservId': null },
    });
    await appendAll(servers.dovecot, acc.user, 'INBOX', [
      ...Array.from({ length: 8 }, (_, i) => ordinaryMail(i)),
      GENUINE,
      ...Object.values(FORGED).map((f) => fixture(f.file)),
    ]);
    const result = await runCli(['run', '--once', '--config', acc.config], acc.env);
    expect(result.code, result.stderr).toBe(0);

    const drafts = await Promise.all(
      (await messagesIn(servers.dovecot, acc.user, 'Drafts')).map((m) => simpleParser(m.source)),
    );
    const addressed = drafts.map((d) => ({
      key: String(d.headers.get('x-wherewemet-invitation')),
      to: d.to && !Array.isArray(d.to) ? d.to.value.map((v) => v.address) : [],
      text: d.text ?? '',
    }));
    // The genuine invitation is answered at the inviter's address; nothing at the phisher's.
    expect(addressed.find((d) => d.to.includes('dmitri.alvarez@example.org'))).toBeDefined();
    expect(addressed.flatMap((d) => d.to)).not.toContain('collect@phisher.example');
    // The one with a sender-written header: a draft without an address, saying why.
    const unaddressed = addressed.find((d) => d.key === FORGED.senderWritten.key);
    expect(unaddressed?.to).toEqual([]);
    expect(unaddressed?.text).toMatch(/^\[The address in this invitation is left out/);
    // Our DKIM check failed: an imitation, no draft at all; the link in the note: the same.
    expect(addressed.map((d) => d.key)).not.toContain(FORGED.dkimFails.key);
    expect(drafts.some((d) => (d.text ?? '').includes('Ines'))).toBe(false);

    const { records, serverHash } = await withRedis(servers.redis.url, async (redis) => {
      const base = accountBase(acc.prefix, 'default');
      const keys = await redis.zrange(`${base}invitations`, '0', '-1');
      const all = await Promise.all(
        keys.map(
          async (k): Promise<Record<string, string>> => ({
            ...(await redis.hgetall(`${base}inv:${k}`)),
            notification: (await redis.get(`${base}notification:${k}`)) ?? '{}',
          }),
        ),
      );
      return { records: all, serverHash: await redis.hgetall(`${base}mail-servers`) };
    });
    const byName = (name: string) =>
      records.find((r) => (JSON.parse(r.notification ?? '{}').inviter?.name ?? '') === name);
    expect(byName('Tomas Varga')?.category).toBe('suspicious');
    expect(byName('Ines Moreau')?.category).toBe('suspicious');
    expect(byName('Lena Fischer')?.category).toBe('no-context');
    expect(JSON.parse(byName('Lena Fischer')?.notification ?? '{}').authenticity).toBe(
      'unverified',
    );
    expect(JSON.parse(byName('Dmitri Alvarez')?.notification ?? '{}').authenticity).toBe(
      'verified',
    );
    // What was learned: the server on every sender's mail, the forger's id on its own only; sender
    // domains are kept as digests alone.
    const senders = (field: string) => (serverHash[field] ?? '').split(' ').filter(Boolean);
    expect(Object.keys(serverHash).sort()).toEqual(['all', 'id:mx.example.net', `id:${SERVER}`]);
    // Eight senders and linkedin.com (every invitation, forged or not, is From linkedin.com).
    expect(senders(`id:${SERVER}`)).toHaveLength(9);
    expect(senders('id:mx.example.net')).toHaveLength(1);
    expect(senders('all')).toHaveLength(9);
    for (const value of Object.values(serverHash))
      expect(value).toMatch(/^[0-9a-f]{16}( [0-9a-f]{16})*$/);

    // "Draft a reply anyway" is refused for the imitation, as the page's route asks it.
    const imitation = records.find((r) => r.category === 'suspicious');
    await withRedis(servers.redis.url, async (redis) => {
      const store = new Store(redis, acc.prefix, 'default');
      await expect(
        requestDraft(imitation?.key ?? '', 'where-we-met', {
          store,
          changes: new StatusChanges(redis, acc.prefix, 'default'),
          queue: { redis, prefix: acc.prefix, account: 'default' },
          templates: ['where-we-met'],
          now: () => new Date(),
          via: 'test',
        }),
      ).rejects.toBeInstanceOf(DecisionRefused);
    });
    console.log(
      'FIGURES forged',
      JSON.stringify({
        drafts: drafts.length,
        addressed: addressed.filter((d) => d.to.length > 0).length,
        suspicious: records.filter((r) => r.category === 'suspicious').length,
      }),
    );
  });
});
