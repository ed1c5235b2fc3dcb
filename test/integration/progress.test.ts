// A long first run, as a person sees it: on a terminal a progress bar and one summary line per
// account instead of a line per invitation; off a terminal, the same as log lines.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { makeInvitations } from '../faults/support/invitations.ts';
import { withImap } from '../harness/context.ts';
import { fixture, spawnCli, testAccount } from './cli.ts';

const BIN = new URL('../../bin/wherewemet', import.meta.url).pathname;

/** Over the 50 messages from which a pass counts as long. */
const GENERATED = 60;

async function mailboxWithBacklog(tag: string) {
  const account = testAccount(tag, { 'authenticity.verifyDkim': false });
  const raws = [
    ...makeInvitations(GENERATED).map((i) => i.raw),
    fixture('invitations/2017-pitch-sales-en.eml'),
    fixture('invitations/2016-personal-met-en-verified.eml'),
  ];
  await withImap(account.user, async (client) => {
    for (const raw of raws) await client.append('INBOX', raw);
  });
  const total = raws.length;
  // The generated ones and the pitch get a draft; the personal note is left for the user.
  const summary = `caught up on ${total} messages in`;
  const split = `${total} invitations: ${GENERATED + 1} drafts (1 to pitches), 1 with a personal note; 0 unreadable`;
  return { ...account, total, summary, split };
}

/** `wherewemet ARGS` on a pseudo-terminal (util-linux `script`): what the terminal received. */
function onTerminal(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; screen: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qfec', [BIN, ...args].join(' '), '/dev/null'], {
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => {
      screen += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      screen += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, screen }));
  });
}

describe('progress of a long catch-up', () => {
  it('on a terminal: a bar with count, rate and time left, then one summary line', async () => {
    const { config, env, total, summary, split } = await mailboxWithBacklog('progress-tty');
    const { code, screen } = await onTerminal(['run', '--once', '--config', config], env);
    expect(code, screen).toBe(0);
    // The bar, redrawn in place (cursor to column 1), with the count out of the total.
    expect(screen).toMatch(
      new RegExp(`\\x1b\\[1Gcatching up \\[[=-]+\\] \\d+/${total} messages \\| `),
    );
    expect(screen).toMatch(/\| (starting|[\d.]+ a second) \| (time left unknown|about \d+ s left)/);
    expect(screen).toContain(summary);
    expect(screen).toContain(split);
    // The summary replaces a line per invitation and per draft.
    expect(screen).not.toContain('invitation from');
    expect(screen).not.toContain('draft written for');
  });

  it('off a terminal: log lines, the first saying how many messages, the last summing up', async () => {
    const { config, env, total, summary, split } = await mailboxWithBacklog('progress-log');
    const result = await spawnCli(['run', '--once', '--config', config], env);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { level: number; msg: string; [k: string]: unknown });
    const info = lines.filter((l) => l.level === 30).map((l) => l.msg);
    expect(info).toContain(`catching up: ${total} messages to look at`);
    const last = lines.find((l) => l.msg.startsWith(summary));
    expect(last?.msg).toContain(split);
    expect(last).toMatchObject({ messages: total, invitations: total, drafts: GENERATED + 1 });
    expect(result.stderr).not.toContain('[=');
    expect(info.filter((m) => m.startsWith('invitation from'))).toEqual([]);
  });
});
