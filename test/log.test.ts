import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { safeLine } from '../src/log.ts';

const HOSTILE = 'Jane\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202eDoe';

describe('log lines on a terminal', () => {
  it('show a stranger’s controls as U+FFFD, keep line breaks, and stay the same JSON otherwise', () => {
    const line = JSON.stringify({
      level: 30,
      msg: `draft written for ${HOSTILE}`,
      n: 3,
      err: { stack: 'a\nb' },
    });
    const safe = JSON.parse(safeLine(line));
    expect(safe.msg).toBe('draft written for Jane\ufffd]0;pwned\ufffd\ufffd[2J\ufffd31m\ufffdDoe');
    expect(safe).toMatchObject({ level: 30, n: 3, err: { stack: 'a\nb' } });
  });

  it('leave pino-pretty only its own colours to print', () => {
    const { prettyFactory } = createRequire(import.meta.url)(
      'pino-pretty',
    ) as typeof import('pino-pretty');
    const pretty = prettyFactory({ colorize: true });
    const line = JSON.stringify({ level: 30, time: 0, msg: HOSTILE, subject: HOSTILE });
    const printed = pretty(safeLine(line));
    // Every escape left is a colour (SGR) that pino-pretty wrote; nothing retitles or clears.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the colour escapes are what is kept
    const colours = /\u001b\[[0-9;]*m/g;
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what is checked
    const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
    expect(printed.replace(colours, '')).not.toMatch(controls);
    // Without it, pino-pretty drops C0 controls from the message but prints a bidi override,
    // which turns the rest of the line around.
    expect(pretty(line)).toContain('\u202e');
  });
});
