/**
 * How long from an invitation's arrival in INBOX to its draft in Drafts, with `run` idling.
 * Starts a throwaway Dovecot and Redis (the test harness), the real CLI as a child process,
 * appends invitations one at a time and watches Drafts. Prints p50/p95/max in milliseconds.
 *
 *   npm run bench:latency            (20 invitations; BENCH_ROUNDS=50 for more)
 */
import { spawn } from 'node:child_process';
import { ImapFlow } from 'imapflow';
import { startDovecot } from '../test/harness/dovecot.ts';
import { startRedis } from '../test/harness/redis.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

/** A plain invitation from a different person each time (same id or profile = same invitation). */
function invitation(i: number): string {
  const id = String(7100000000000000000n + BigInt(i));
  return [
    `From: Person ${i} Bench <invitations@linkedin.com>`,
    'To: Nora Lindqvist <nora@example.net>',
    'Subject: Nora, please add me to your LinkedIn network',
    `Message-ID: <bench-${i}.${Date.now()}@lva1-app1.prod.linkedin.com>`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    'Hi Nora,',
    "I'd like to join your LinkedIn network.",
    '',
    `Person ${i} Bench`,
    'Engineer at Example',
    '',
    `View profile: https://www.linkedin.com/comm/in/person-${i}-bench?trk=eml-email_m2m_invite_single_01-hero-3-prof%7Ecta`,
    `Accept: https://www.linkedin.com/comm/mynetwork/invite-accept/invitationId/${id}/sharedKey/abc/?trk=eml-email_m2m_invite_single_01-hero-0-accept%7Ecta`,
    '',
  ].join('\r\n');
}

async function main(): Promise<void> {
  const dovecot = await startDovecot();
  const redis = await startRedis({ appendOnly: false });
  const user = `bench-${Date.now()}`;
  const bin = new URL('../bin/wherewemet', import.meta.url).pathname;
  const worker = spawn(bin, ['run'], {
    env: {
      ...process.env,
      IMAP_URL: dovecot.imapUrl(user),
      REDIS_URL: redis.url,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user, pass: dovecot.password },
    logger: false,
  });
  await client.connect();
  const drafts = async () => {
    const status = await client.status('Drafts', { messages: true });
    return status === false ? 0 : (status.messages ?? 0);
  };
  const latencies: number[] = [];
  try {
    await new Promise((r) => setTimeout(r, 3000)); // start-up and first catch-up
    for (let i = 0; i < ROUNDS; i++) {
      const raw = invitation(i);
      const before = await drafts();
      const arrived = performance.now();
      await client.append('INBOX', raw);
      while ((await drafts()) === before) {
        if (performance.now() - arrived > 30_000)
          throw new Error(`no draft after 30 s (round ${i})`);
        await new Promise((r) => setTimeout(r, 10));
      }
      latencies.push(performance.now() - arrived);
      await new Promise((r) => setTimeout(r, 300)); // back to IDLE, as between real emails
    }
  } finally {
    await client.logout();
    worker.kill('SIGTERM');
    await new Promise((r) => worker.on('exit', r));
    await dovecot.stop();
    await redis.stop();
  }
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  console.log(
    `arrival → draft, ${ROUNDS} invitations: p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${at(1).toFixed(0)} ms (node ${process.version})`,
  );
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
