// Security: text from an invitation (names, notes, plain or as encoded words that decode to
// CRLF) never becomes a header of the real draft in Drafts; the password never shows in the
// worker's logs, errors, status output or anything it stores in Redis (job data included).
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../integration/cli.ts';
import { fixture } from './support/invitations.ts';
import { appendAll, messagesIn } from './support/mail.ts';
import { account, type Servers, startServers, withRedis } from './support/scenario.ts';
import { startWorker, stopWorker } from './support/worker.ts';

const PASSWORD = 'Hunter2-Zq9vX-never-log-me';
/** The mailbox's own server, as the fixtures have it: only its Authentication-Results count. */
const USER_SERVER = 'mx.example.net';
const base64 = (s: string) => Buffer.from(s).toString('base64');

/** Invitations whose name or note tries to add a Bcc and a header of its own. */
const INJECTIONS = {
  // From display name as a B encoded word: "Ana Lima\r\nBcc: everyone@example.net\r\nX-Injected: yes"
  'encoded word in the display name': fixture('ugly/header-injection-display-name.eml'),
  // Reply-To (the inviter's address, so the draft gets a To: the user's server verified the mail)
  // with a Q encoded CRLF in the name.
  'encoded CRLF in the name of the inviter address': Buffer.from(
    `Authentication-Results: ${USER_SERVER}; dkim=pass header.d=linkedin.com; dmarc=pass header.from=linkedin.com\r\n${fixture(
      'invitations/2012-member-replyto-en.eml',
    ).toString('latin1')}`
      .replace(
        'Reply-To: Dmitri Alvarez <',
        'Reply-To: =?UTF-8?Q?Dmitri_Alvarez=0D=0ABcc:_victim@example.net=0D=0AX-Injected:_yes?= <',
      )
      .replace(
        'From: Dmitri Alvarez via LinkedIn',
        // Encoded twice: decoded once, the name still holds an encoded word that decodes to CRLF.
        `From: =?UTF-8?B?${base64(`Dmitri Alvarez =?UTF-8?B?${base64('\r\nBcc: victim@example.net\r\n')}?=`)}?= via LinkedIn`,
      ),
    'latin1',
  ),
  // A note with CRLF lines that look like headers, and a literal encoded word that decodes to CRLF,
  // in both renderings (a note only one of them carries is layout, not a note).
  // Its 2011 links are given the https: LinkedIn has used since: an http: link is not LinkedIn's
  // (issue 19), and an invitation with no link of LinkedIn's has no one to answer.
  'CRLF and an encoded word in the note': Buffer.from(
    fixture('invitations/2011-member-personal-en.eml')
      .toString('latin1')
      .replaceAll('http://www.linkedin.com/', 'https://www.linkedin.com/')
      .replace(
        "promised, I'll send over the InfiniBand benchmark scripts this week.",
        `promised,=0D=0ABcc: victim@example.net=0D=0AX-Injected: yes=0D=0A=3D?UTF-8?B?${base64('\r\nBcc: victim@example.net\r\n')}?=3D the scripts.`,
      )
      .replace(
        'As promised, I&#39;ll send over the InfiniBand =\r\nbenchmark scripts this week.',
        `As promised,=0D=0ABcc: victim@example.net=0D=0AX-Injected: yes=0D=0A=3D?UTF-8?B?${base64('\r\nBcc: victim@example.net\r\n')}?=3D the scripts.`,
      ),
    'latin1',
  ),
};

/** Headers a draft may have; anything else came from somewhere it should not. */
const DRAFT_HEADERS = new Set([
  'from',
  'to',
  'subject',
  'message-id',
  'date',
  'in-reply-to',
  'references',
  'x-wherewemet-invitation',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
]);

describe('security', () => {
  let servers: Servers;

  beforeAll(async () => {
    servers = await startServers({ password: PASSWORD });
  });
  afterAll(async () => {
    await servers?.stop();
  });

  it('names and notes never reach the headers of the draft', async () => {
    const acc = account(servers, {
      config: {
        // Put the inviter's name and note where a header injection would matter: the subject.
        'templates.where-we-met.subject': 'Re: {{fullName}} {{note}}',
        'rules.actions.has-context': 'where-we-met',
        'authenticity.trustedAuthservId': USER_SERVER,
      },
    });
    await appendAll(servers.dovecot, acc.user, 'INBOX', Object.values(INJECTIONS));
    const result = await runCli(['run', '--once', '--config', acc.config], acc.env);
    expect(result.code, result.stderr).toBe(0);
    const drafts = await messagesIn(servers.dovecot, acc.user, 'Drafts');
    expect(drafts).toHaveLength(Object.keys(INJECTIONS).length);
    let withRecipient = 0;
    for (const draft of drafts) {
      const names = draft.header
        .split(/\r\n(?![ \t])/)
        .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
      for (const name of names) expect(DRAFT_HEADERS, draft.header).toContain(name);
      expect(draft.header).not.toMatch(/^(bcc|x-injected):/im);
      const parsed = await simpleParser(draft.source);
      expect(parsed.headers.has('bcc')).toBe(false);
      expect(parsed.headers.has('x-injected')).toBe(false);
      expect(parsed.subject ?? '').not.toMatch(/[\r\n]/);
      if (parsed.to) {
        withRecipient++;
        const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
        expect(to.flatMap((a) => a.value.map((v) => v.address))).toEqual([
          'dmitri.alvarez@example.org',
        ]);
        for (const a of to) for (const v of a.value) expect(v.name).not.toMatch(/[\r\n]/);
      }
    }
    expect(withRecipient).toBe(1);
  });

  it('the password is in no log line, status output, error or Redis value', async () => {
    const acc = account(servers);
    await appendAll(servers.dovecot, acc.user, 'INBOX', [
      INJECTIONS['encoded word in the display name'],
    ]);
    const worker = startWorker(['run', '--config', acc.config], { ...acc.env, LOG_LEVEL: 'debug' });
    await worker.waitForLog(/draft written/);
    const status = await runCli(['status', '--json', '--config', acc.config], acc.env);
    const listed = await runCli(['unparseable', '--config', acc.config], acc.env);
    await stopWorker(worker, 'SIGTERM');
    // A failure path too: Redis unreachable, with the password in IMAP_URL.
    const failing = await runCli(['run', '--once', '--config', acc.config], {
      ...acc.env,
      REDIS_URL: 'redis://127.0.0.1:1',
    });
    expect(failing.code).not.toBe(0);

    const values = await withRedis(servers.redis.url, async (redis) => {
      const found: string[] = [];
      for (const key of await redis.keys('*')) {
        const type = await redis.type(key);
        if (type === 'string') found.push(String(await redis.get(key)));
        else if (type === 'hash') found.push(JSON.stringify(await redis.hgetall(key)));
        else if (type === 'list') found.push(...(await redis.lrange(key, 0, -1)));
        else if (type === 'set') found.push(...(await redis.smembers(key)));
        else if (type === 'zset') found.push(...(await redis.zrange(key, '0', '-1')));
        else if (type === 'stream') found.push(JSON.stringify(await redis.xrange(key, '-', '+')));
        found.push(key);
      }
      return found;
    });
    // The account's own keys were read (a draft job's hash is gone once the job completes).
    expect(values.some((v) => v.includes(acc.prefix))).toBe(true);
    const everything = [
      worker.stderr,
      status.stdout,
      status.stderr,
      listed.stdout,
      failing.stderr,
      ...values,
    ];
    const forms = [
      PASSWORD,
      encodeURIComponent(PASSWORD),
      Buffer.from(PASSWORD).toString('base64'),
    ];
    const hits = everything.filter((text) => forms.some((form) => text.includes(form))).length;
    console.log(
      'FIGURES secrets',
      JSON.stringify({
        logBytes: worker.stderr.length,
        logLines: worker.stderr.split('\n').length,
        redisValues: values.length,
        hits,
      }),
    );
    expect(hits).toBe(0);
  });
});
