// Strangers' answers to "where did we meet?" on real servers: `run` watching a Dovecot mailbox
// records each answer once against its invitation (email in the thread, email from the inviter's
// address, LinkedIn's message notification with and without the text, a name two inviters share),
// takes no decoy, sends nothing more, catches up on an answer that came while it was stopped, and
// the review page and the CLI show it and take the decision after it in one step.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendRaw } from '../harness/context.ts';
import { type SmtpSink, startSmtpSink } from '../harness/smtpSink.ts';
import { fixture, type RunningWorker, runCli, startWorker, testAccount, waitUntil } from './cli.ts';
import { clientSends, findDraftTo, invitationFrom } from './mailClient.ts';
import { launchChromium, overflow, screenshot, startServe } from './reviewSupport.ts';

interface Trail {
  id: string;
  inviterName: string | null;
  status: string;
  answer?: string;
  events: Array<{ event: string; via?: string; by?: string; excerpt?: string; pitch?: string[] }>;
}
interface Listed {
  id: string;
  to: string | null;
  inviterName: string | null;
  status: string;
  answer: { state: string; via: string | null; excerpt: string | null; pitch: string[] } | null;
}

/** LinkedIn's invitation from `first` (Reply-To first@example.org), with https links. */
function invitation(first: string, n: number, address?: string): string {
  const raw = invitationFrom(first, n).replace(
    /http:\/\/www\.linkedin\.com/g,
    'https://www.linkedin.com',
  );
  return address ? raw.replace(/\b[a-z]+@example\.org>/, `${address}>`) : raw;
}

const now = () => new Date().toUTCString().replace('GMT', '+0000');

function email(headers: Record<string, string>, body: string): string {
  const lines = Object.entries({
    Date: now(),
    'Message-ID': `<${Math.random().toString(36).slice(2)}@mail.example.org>`,
    'MIME-Version': '1.0',
    'Content-Type': 'text/plain; charset=UTF-8',
    ...headers,
  }).map(([k, v]) => `${k}: ${v}`);
  return `${lines.join('\r\n')}\r\n\r\n${body.replace(/\n/g, '\r\n')}\r\n`;
}

/** LinkedIn's message notification from `name`, with the text (2026 layout) or without (2025). */
function linkedInMessage(name: string, withText: boolean): string {
  const first = name.split(' ')[0] ?? name;
  if (withText)
    return fixture('other-linkedin/2026-member-message-with-text-en.eml')
      .toString()
      .replace(/Anna Tester/g, name)
      .replace(/Anna just/g, `${first} just`)
      .replace(/anna-tester-1/g, `${first.toLowerCase()}-tester-1`)
      .replace(/<1827364510\./, `<18273645${Math.floor(Math.random() * 90 + 10)}.`)
      .replace(/^Date: .*$/m, `Date: ${now()}`);
  return fixture('corpus/langmail-1.eml')
    .toString()
    .replace(/^From: .*$/m, `From: ${name} via LinkedIn <messages-noreply@linkedin.com>`)
    .replace(/^Subject: .*$/m, `Subject: ${first} just messaged you`)
    .replace(/^Date: .*$/m, `Date: ${now()}`)
    .replace(/^Message-ID: .*$/m, `Message-ID: <${first}-msg@ltx1-app1.prod.linkedin.com>`)
    .replace('Max Mustermann (Bringing', `${name} (Bringing`);
}

describe('answers to our question', { timeout: 240_000 }, () => {
  let sink: SmtpSink;
  let worker: RunningWorker | null = null;
  const { user, config, env } = testAccount('answers', {
    'me.name': 'Paul Tester',
    'me.address': 'paul@example.net',
    'drafts.missingGraceSeconds': 0,
    'metrics.port': 0,
  });
  const cli = (...args: string[]) => runCli([...args, '--config', config], env);
  const ids: Record<string, string> = {};
  const notification: Record<string, string> = {};
  let sentToAnna = '';

  const trails = async (): Promise<Trail[]> => {
    const result = await cli('history', '--json');
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as Trail[];
  };
  const trailOf = async (first: string) => (await trails()).find((t) => t.id === ids[first]);
  const answeredEvents = (t: Trail | undefined) =>
    (t?.events ?? []).filter((e) => e.event === 'answered' || e.event === 'possible-answer');

  beforeAll(async () => {
    sink = await startSmtpSink();
    env.SMTP_URL = sink.url;
    const people: Array<[string, number, string?]> = [
      ['Anna', 0],
      ['Boris', 1],
      ['Carla', 2],
      ['Dora', 3],
      ['Dora', 5, 'dora.second@example.org'],
      ['Emil', 4],
      ['Fiona', 6],
      ['Gina', 7],
    ];
    for (const [first, n, address] of people) {
      const raw = invitation(first, n, address);
      notification[address ?? first] = /^Message-ID: (.*)$/m.exec(raw)?.[1]?.trim() ?? '';
      await appendRaw(user, 'INBOX', raw);
    }
    expect((await cli('run', '--once')).code).toBe(0);
    const listed = JSON.parse((await cli('drafts', '--json')).stdout) as Listed[];
    for (const d of listed)
      ids[d.to === 'dora.second@example.org' ? 'Dora2' : (d.inviterName?.split(' ')[0] ?? '')] =
        d.id;
    expect(Object.keys(ids).sort()).toEqual(
      ['Anna', 'Boris', 'Carla', 'Dora', 'Dora2', 'Emil', 'Fiona', 'Gina'].sort(),
    );

    // Anna and Fiona: approved and sent over SMTP. Boris: sent from the mail client (a new
    // Message-ID). Carla, both Doras and Gina: answered on LinkedIn. Emil: the draft is still
    // pending.
    for (const first of ['Anna', 'Fiona'])
      expect((await cli('approve', ids[first] ?? '')).code).toBe(0);
    sentToAnna = (await simpleParser(sink.messages[0]?.raw ?? Buffer.alloc(0))).messageId ?? '';
    expect(sentToAnna).toMatch(/^<.+>$/);
    await clientSends(user, await findDraftTo(user, 'boris@example.org'));
    for (const first of ['Carla', 'Dora', 'Dora2', 'Gina'])
      expect((await cli('replied', ids[first] ?? '')).code).toBe(0);
    const statuses = JSON.parse((await cli('drafts', '--json')).stdout) as Listed[];
    expect(Object.fromEntries(statuses.map((d) => [d.id, d.status]))).toMatchObject({
      [ids.Anna ?? '']: 'approved',
      [ids.Boris ?? '']: 'sent',
      [ids.Carla ?? '']: 'replied',
      [ids.Emil ?? '']: 'pending',
    });
    expect(sink.messages).toHaveLength(2);
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGTERM');
      await new Promise((r) => worker?.child.once('close', r));
    }
    await sink.stop();
  });

  it('records each real answer within 30 s of its arrival, once, and no decoy', async () => {
    worker = startWorker(config, env);
    await worker.logged('working account');
    const emilDraft = await findDraftTo(user, 'emil@example.org');
    const emilDraftId = (await simpleParser(emilDraft.source)).messageId ?? '';
    const arrived = Date.now();
    // Decoys first (the catch-up reads in arrival order: once the last real answer is in, they
    // have been read), in the names of people who have not answered: a look-alike subject from
    // an address the server's SEARCH FROM also matches, and a forged "via LinkedIn" notification.
    await appendRaw(
      user,
      'INBOX',
      email(
        {
          From: 'Fiona Tester <fiona@example.org.decoy.example>',
          To: 'paul@example.net',
          Subject: 'Re: Your LinkedIn invitation',
        },
        'decoy: we never met',
      ),
    );
    await appendRaw(
      user,
      'INBOX',
      email(
        {
          From: 'Gina Tester via LinkedIn <gina@decoy.example>',
          To: 'paul@example.net',
          Subject: 'Gina just messaged you',
          'X-LinkedIn-Template': 'email_member_message_v2',
        },
        'You have 1 new message\n\nGina Tester\n\ndecoy: click here\n\nView message: https://decoy.example/',
      ),
    );

    // In the thread of the reply wherewemet sent, with a hostile line and the question quoted.
    await appendRaw(
      user,
      'INBOX',
      email(
        {
          From: 'Anna Tester <anna@example.org>',
          To: 'Paul Tester <paul@example.net>',
          Subject: 'Re: Your LinkedIn invitation',
          'In-Reply-To': sentToAnna,
          References: `${notification.Anna} ${sentToAnna}`,
        },
        'Hi Paul,\n\nwe met at the Berlin meetup <script>alert(1)</script> in March.\n\nOn Mon, 7 Dec 2026 Paul Tester <paul@example.net> wrote:\n> could you remind me where we met?',
      ),
    );
    // From the inviter's address, a new subject, no thread: it reads as a pitch.
    await appendRaw(
      user,
      'INBOX',
      email(
        { From: 'Boris Tester <boris@example.org>', To: 'paul@example.net', Subject: 'Hello' },
        'We met in Lisbon. Our platform could save you time: book a call?',
      ),
    );
    // Emil answers in the thread of a draft not known to be sent yet (nothing in Sent).
    await appendRaw(
      user,
      'INBOX',
      email(
        {
          From: 'Emil Tester <emil@example.org>',
          To: 'paul@example.net',
          Subject: 'Re: Your LinkedIn invitation',
          'In-Reply-To': emilDraftId,
          References: `${notification.Emil} ${emilDraftId}`,
        },
        'At the Hamburg hackathon.',
      ),
    );
    // LinkedIn: Carla with the message text; Anna again (the same answer twice, recorded once);
    // last, a Dora without the text (two inviters are Dora Tester).
    await appendRaw(user, 'INBOX', linkedInMessage('Carla Tester', true));
    await appendRaw(user, 'INBOX', linkedInMessage('Anna Tester', true));
    await appendRaw(user, 'INBOX', linkedInMessage('Dora Tester', false));
    const expected = ['Anna', 'Boris', 'Carla', 'Dora', 'Dora2', 'Emil'];
    await waitUntil(
      async () => {
        const all = await trails();
        return expected.every(
          (first) => answeredEvents(all.find((t) => t.id === ids[first])).length > 0,
        );
      },
      30_000,
      () => worker?.log() ?? '',
    );
    expect(Date.now() - arrived).toBeLessThan(30_000);
    const all = await trails();
    const of = (first: string) => all.find((t) => t.id === ids[first]);

    const anna = answeredEvents(of('Anna'));
    expect(anna).toHaveLength(1);
    expect(anna[0]).toMatchObject({ event: 'answered', via: 'email', by: 'thread' });
    expect(anna[0]?.excerpt).toBe(
      'Hi Paul, we met at the Berlin meetup <script>alert(1)</script> in March.',
    );
    expect(of('Anna')?.answer).toBe('answered');

    expect(answeredEvents(of('Boris'))[0]).toMatchObject({ via: 'email', by: 'address' });
    expect(answeredEvents(of('Boris'))[0]?.pitch).toEqual(
      expect.arrayContaining(['our platform', 'book a call']),
    );
    expect(answeredEvents(of('Emil'))[0]).toMatchObject({ via: 'email', by: 'thread' });
    expect(of('Emil')?.status).toBe('pending');

    expect(answeredEvents(of('Carla'))[0]).toMatchObject({ via: 'linkedin', by: 'name' });
    expect(answeredEvents(of('Carla'))[0]?.excerpt).toMatch(
      /^Hi Paul, we met at the Berlin Kubernetes meetup/,
    );
    for (const dora of ['Dora', 'Dora2']) {
      expect(answeredEvents(of(dora))).toEqual([
        expect.objectContaining({ event: 'possible-answer', via: 'linkedin' }),
      ]);
      expect(answeredEvents(of(dora))[0]?.excerpt).toBeUndefined();
      expect(of(dora)?.answer).toBe('possible answer');
    }
    // Fiona and Gina did not answer; no decoy reached any invitation.
    expect(answeredEvents(of('Fiona'))).toEqual([]);
    expect(answeredEvents(of('Gina'))).toEqual([]);
    expect(of('Gina')?.answer).toBe('awaiting answer');
    expect(JSON.stringify(all)).not.toContain('decoy');
    // Nothing more was sent: only the two approvals.
    expect(sink.messages).toHaveLength(2);

    // /metrics counts each sure answer once, by where it came and whether it reads as a pitch.
    const metricsUrl = /metrics at (http:\/\/\S+\/metrics)/.exec(worker.log())?.[1] ?? '';
    const metrics = await (await fetch(metricsUrl)).text();
    const answersTotal = (via: string, pitch: boolean) =>
      new RegExp(
        `^wherewemet_answers_total\\{account="[^"]+",via="${via}",pitch="${pitch}"\\} (\\d+)$`,
        'm',
      ).exec(metrics)?.[1];
    expect(answersTotal('email', false)).toBe('2'); // Anna, Emil
    expect(answersTotal('email', true)).toBe('1'); // Boris
    expect(answersTotal('linkedin', false)).toBe('1'); // Carla; the Doras are possible answers

    const status = JSON.parse((await cli('status', '--json')).stdout) as {
      accounts: Array<{ answersWaiting: number }>;
    };
    expect(status.accounts[0]?.answersWaiting).toBe(6);
  });

  it('records an answer that arrived while `run` was stopped, once it runs again', async () => {
    const stopping = worker;
    stopping?.child.kill('SIGTERM');
    await new Promise((r) => stopping?.child.once('close', r));
    const fionaSent =
      (await simpleParser(sink.messages[1]?.raw ?? Buffer.alloc(0))).messageId ?? '';
    await appendRaw(
      user,
      'INBOX',
      email(
        {
          From: 'Fiona Tester <fiona@example.org>',
          To: 'paul@example.net',
          Subject: 'Re: Your LinkedIn invitation',
          'In-Reply-To': fionaSent,
          References: fionaSent,
        },
        'We met on the train to Paris.',
      ),
    );
    expect(answeredEvents(await trailOf('Fiona'))).toEqual([]);
    worker = startWorker(config, env);
    await waitUntil(
      async () => answeredEvents(await trailOf('Fiona')).length === 1,
      30_000,
      () => worker?.log() ?? '',
    );
    expect(answeredEvents(await trailOf('Fiona'))[0]?.excerpt).toBe(
      'We met on the train to Paris.',
    );
    // The catch-up after the restart read everything again from its cursor: still one each.
    for (const first of ['Anna', 'Boris', 'Carla', 'Emil'])
      expect(answeredEvents(await trailOf(first))).toHaveLength(1);
    expect(sink.messages).toHaveLength(2);
  });

  it('shows the answers on the review page beside the question, newest first, encoded', async () => {
    const serving = await startServe(['--config', config], env);
    try {
      const login = await fetch(serving.login, { redirect: 'manual' });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const page = await (await fetch(`${serving.origin}/`, { headers: { cookie } })).text();
      expect(page).toContain('Their answers');
      expect(page).toContain('we met at the Berlin meetup &lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).not.toContain('<script>alert(1)');
      expect(page).not.toContain('decoy');
      const order = ['Fiona', 'Carla', 'Emil', 'Anna'].map((n) => page.indexOf(`${n} Tester</h3>`));
      for (const at of order) expect(at).toBeGreaterThan(0);
      // Newest answer first: Fiona's came last; Carla's notification after Anna's email.
      expect(order[0]).toBeLessThan(order[3] ?? 0);
      expect(page).toContain('Maybe their answer');
      expect(page).toContain('Reads as a pitch');

      // In a browser, at 1280 and at 390 px: the answers above the drafts, nothing sideways.
      const browser = await launchChromium();
      try {
        // The one-time link is spent: the browser takes the session it opened.
        const [cookieName = '', cookieValue = ''] = cookie.split('=');
        await browser.context.addCookies([
          { name: cookieName, value: cookieValue, url: serving.origin },
        ]);
        const tab = await browser.context.newPage();
        for (const width of [1280, 390]) {
          await tab.setViewportSize({ width, height: width === 390 ? 844 : 900 });
          await tab.goto(`${serving.origin}/`);
          await screenshot(tab, `answers-${width}`);
          expect(await overflow(tab)).toEqual({ scrollWidth: width, width, outside: [] });
          const anna = tab.locator('article.answer', { hasText: 'Anna Tester' });
          await expect(anna.locator('blockquote').textContent()).resolves.toBe(
            'Hi Paul, we met at the Berlin meetup <script>alert(1)</script> in March.',
          );
          await expect(
            anna
              .getByRole('button', { name: "Accept on LinkedIn Anna Tester's invitation" })
              .count(),
          ).resolves.toBe(1);
        }
      } finally {
        await browser.close();
      }

      // Accept on LinkedIn: one post records it and lands on the invitation's own accept link.
      const csrf = /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
      const accept = await fetch(
        `${serving.origin}/answers/${encodeURIComponent(ids.Anna ?? '')}/accept`,
        {
          method: 'POST',
          redirect: 'manual',
          headers: {
            cookie,
            origin: serving.origin,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({ csrf, back: '/' }).toString(),
        },
      );
      expect(accept.status).toBe(303);
      expect(accept.headers.get('location')).toMatch(
        /^https:\/\/www\.linkedin\.com\/e\/0mgrya-3qyul8nx-99\/.*\/EML_comm_afe\//,
      );
      expect(accept.headers.get('content-security-policy')).toContain('https://www.linkedin.com');
    } finally {
      await serving.stop();
    }
    expect((await trailOf('Anna'))?.answer).toBe('accepted');
  });

  it('takes the decision in one step in the CLI, and lists an invitation without an answer as no answer', async () => {
    const ignore = await cli('ignore', ids.Boris ?? '');
    expect(ignore.code, ignore.stderr).toBe(0);
    expect(ignore.stdout).toBe('https://www.linkedin.com/mynetwork/invitation-manager/\n');
    expect((await trailOf('Boris'))?.events.at(-1)).toMatchObject({
      event: 'decided',
      decision: 'ignored',
      via: 'cli',
    });
    const again = await cli('ignore', ids.Boris ?? '');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/ignored already/);
    // Emil's draft still waits in Drafts, but his answer proved the question went out.
    const accept = await cli('accept', ids.Emil ?? '');
    expect(accept.code, accept.stderr).toBe(0);
    // The invitation's own accept link, alone on stdout.
    expect(accept.stdout).toMatch(/^https:\/\/www\.linkedin\.com\/e\/0mgrya-3qyul8nx-99\/\S+\n$/);

    // Gina never answered: with rules.answerWaitDays 0 she is listed as "no answer" at once.
    const impatient = join(dirname(config), 'impatient.yaml');
    writeFileSync(
      impatient,
      readFileSync(config, 'utf8').replace(/answerWaitDays: 14\b/, 'answerWaitDays: 0'),
    );
    const listed = JSON.parse(
      (await runCli(['drafts', '--json', '--config', impatient], env)).stdout,
    ) as Listed[];
    expect(listed.find((d) => d.id === ids.Gina)?.answer?.state).toBe('no answer');
    expect(listed.find((d) => d.id === ids.Carla)?.answer?.state).toBe('answered');
    const gina = await runCli(['ignore', ids.Gina ?? '', '--config', impatient], env);
    expect(gina.stdout).toBe('https://www.linkedin.com/mynetwork/invitation-manager/\n');
    expect(sink.messages).toHaveLength(2);
  });
});
