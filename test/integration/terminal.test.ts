// Safe terminals (issue 19, finding 5): a hostile mail, whose note and encoded-word subject hold
// ESC]0;…BEL (retitles a terminal), ESC[2J (clears it), a C1 CSI and bidi overrides, is fed to
// every command that prints what a stranger wrote; no control character but the line break
// reaches stdout, in human output or JSON. The hostile text is there, each control shown as
// U+FFFD: what was written can be read, never obeyed.
import { describe, expect, it } from 'vitest';
import { appendRaw } from '../harness/context.ts';
import { fixture, runCli, testAccount } from './cli.ts';

const path = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;
const NOTE = 'ugly/terminal-escapes-note.eml';
const SUBJECT = 'ugly/terminal-escapes-subject.eml';

/** What a terminal would obey: C0 but the line break, DEL, C1, line separators, bidi controls. */
const CONTROL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is looked for
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
/** The escape that retitles the terminal, as the output shows it. */
const SHOWN = '\ufffd]0;owned by eve';

describe('every command prints a hostile mail without its controls', () => {
  // The note is a personal one: it gets a draft here, so drafts and history list it too.
  const { user, config, env } = testAccount('terminal', {
    'rules.actions.has-context': 'where-we-met',
    'me.name': 'Marcus Webb',
  });

  it('parse, preview, run, drafts, history, status and unparseable', async () => {
    await appendRaw(user, 'INBOX', fixture(NOTE));
    await appendRaw(user, 'INBOX', fixture(SUBJECT));
    const commands: Array<{ args: string[]; shows?: string }> = [
      { args: ['parse', path(NOTE), path(SUBJECT)], shows: SHOWN },
      { args: ['parse', '--json', path(NOTE), path(SUBJECT)] },
      { args: ['preview', path(NOTE)], shows: SHOWN },
      { args: ['preview', path(SUBJECT)] },
      { args: ['run', '--once'] },
      { args: ['drafts'], shows: 'Eve Hostile' },
      { args: ['drafts', '--json'] },
      { args: ['history'], shows: 'Eve Hostile' },
      { args: ['history', '--json'] },
      { args: ['status'] },
      { args: ['status', '--json'] },
      { args: ['unparseable'], shows: SHOWN },
      { args: ['unparseable', '--json'], shows: '\\u001b]0;owned by eve' },
    ];
    const found: string[] = [];
    for (const { args, shows } of commands) {
      const result = await runCli([...args, '--config', config], env);
      const what = `wherewemet ${args[0]} ${args[1] ?? ''}`;
      // status is a healthcheck: with no worker running, it exits 1 (and still reports).
      expect(result.code, `${what}\n${result.stderr}`).toBe(args[0] === 'status' ? 1 : 0);
      const control = CONTROL.exec(result.stdout);
      expect(
        control,
        `${what} printed U+${control?.[0].codePointAt(0)?.toString(16)}: ${JSON.stringify(result.stdout.slice(0, 400))}`,
      ).toBeNull();
      if (shows) expect(result.stdout, what).toContain(shows);
      if (args.includes('--json'))
        for (const line of result.stdout.split('\n').filter((l) => l.startsWith('{')))
          expect(() => JSON.parse(line), what).not.toThrow();
      found.push(what);
    }
    console.log('FIGURES terminal', JSON.stringify({ commands: found.length }));
  });
});
