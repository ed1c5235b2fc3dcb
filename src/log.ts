/**
 * Structured logs (pino) on stderr, so that stdout stays free for machine-readable output.
 * Pretty-printed when stderr is a terminal. Keys that may carry secrets are redacted as a
 * second line of defence: no code logs credentials on purpose.
 */
import { createRequire } from 'node:module';
import { type Logger, pino } from 'pino';
import { forTerminal } from './text.ts';

export type { Logger };

/** Secret keys, as our settings, token responses (RFC 6749 names) and nodemailer's auth call them. */
const SECRET_KEYS = [
  'password',
  'pass',
  'auth',
  'accessToken',
  'refreshToken',
  'access_token',
  'refresh_token',
  'id_token',
  'clientSecret',
  'client_secret',
  'credentials',
];

const REDACT = [
  ...SECRET_KEYS,
  ...SECRET_KEYS.map((key) => `*.${key}`),
  ...SECRET_KEYS.map((key) => `*.*.${key}`),
  '*.imapUrl',
  '*.redisUrl',
  '*.smtpUrl',
];

export function createLogger(
  options: {
    level?: string;
    destination?: NodeJS.WritableStream;
    /** On a terminal: pretty lines into this, in this thread (with bars: terminal/terminal.ts). */
    terminal?: { write(text: string): void };
  } = {},
): Logger {
  const level = options.level ?? process.env.LOG_LEVEL ?? 'info';
  const redact = { paths: REDACT, censor: '[redacted]' };
  if (options.destination) return pino({ level, redact }, options.destination);
  // Through process.stderr rather than straight to fd 2, so that a caller who runs a command
  // in its own process (the tests) sees the lines too.
  if (!process.stderr.isTTY) return pino({ level, redact }, process.stderr);
  // Loaded only for a terminal: services log JSON and need none of it. In this thread, so that
  // each line is made safe before pino-pretty turns its escapes back into characters.
  const { prettyFactory } = createRequire(import.meta.url)(
    'pino-pretty',
  ) as typeof import('pino-pretty');
  const pretty = prettyFactory({ colorize: true });
  const out = options.terminal ?? process.stderr;
  return pino({ level, redact }, { write: (line: string) => out.write(pretty(safeLine(line))) });
}

/**
 * A log line whose strings are safe on a terminal: a subject, a name or a reason from a stranger
 * may carry escapes that retitle or clear it (src/text.ts forTerminal).
 */
export function safeLine(line: string): string {
  return JSON.stringify(JSON.parse(line), (_key, value: unknown) =>
    typeof value === 'string' ? forTerminal(value) : value,
  );
}
