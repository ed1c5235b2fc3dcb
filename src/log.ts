/**
 * Structured logs (pino) on stderr, so that stdout stays free for machine-readable output.
 * Pretty-printed when stderr is a terminal. Keys that may carry secrets are redacted as a
 * second line of defence: no code logs credentials on purpose.
 */
import { createRequire } from 'node:module';
import { type Logger, pino } from 'pino';

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
  const { terminal } = options;
  if (terminal && process.stderr.isTTY) {
    // Loaded only for a terminal: services log JSON and need none of it.
    const { prettyFactory } = createRequire(import.meta.url)(
      'pino-pretty',
    ) as typeof import('pino-pretty');
    const pretty = prettyFactory({ colorize: true });
    return pino({ level, redact }, { write: (line: string) => terminal.write(pretty(line)) });
  }
  if (process.stderr.isTTY) {
    return pino({
      level,
      redact,
      transport: { target: 'pino-pretty', options: { destination: 2, colorize: true } },
    });
  }
  // Through process.stderr rather than straight to fd 2, so that a caller who runs a command
  // in its own process (the tests) sees the lines too.
  return pino({ level, redact }, process.stderr);
}
