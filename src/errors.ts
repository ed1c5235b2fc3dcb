/**
 * The errors wherewemet raises on purpose, in three kinds that decide what happens next:
 *
 *   retryable  the next attempt may succeed (network, DNS, time-outs, a server that drops us,
 *              Redis down): retried with backoff for as long as it takes; no work is dropped.
 *   poison     this input can never be processed (a message that cannot be read): recorded once,
 *              never retried, and the work goes on with the next item.
 *   blocked    a person must act (login refused, folder missing, certificate not trusted, bad
 *              config): the account's work pauses with every job kept, `status` says what to do,
 *              and it resumes by itself once the cause is gone.
 *
 * Every class has a stable `code` (one of ERROR_CODES); scripts and tests match on codes, never on
 * message text. `kindOf` classifies anything thrown, including errors from libraries.
 */
export type ErrorKind = 'retryable' | 'poison' | 'blocked';

export const ERROR_CODES = {
  // retryable
  MAILBOX_UNAVAILABLE: 'retryable',
  REDIS_UNAVAILABLE: 'retryable',
  MESSAGE_NOT_SERVED: 'retryable',
  LEASE_LOST: 'retryable',
  CLAIM_LOST: 'retryable',
  SMTP_FAILED: 'retryable',
  AUTH_SERVER_UNAVAILABLE: 'retryable',
  PARSE_TOO_SLOW: 'retryable',
  // poison
  MESSAGE_UNPARSEABLE: 'poison',
  // blocked
  CONFIG_INVALID: 'blocked',
  LOGIN_REFUSED: 'blocked',
  LOGIN_NEEDED: 'blocked',
  TLS_UNVERIFIED: 'blocked',
  TLS_REQUIRED: 'blocked',
  FOLDER_MISSING: 'blocked',
  FOLDER_REFUSED: 'blocked',
  REDIS_EVICTS: 'blocked',
  TEMPLATE_MISSING: 'blocked',
  NO_FROM_ADDRESS: 'blocked',
  DECISION_REFUSED: 'blocked',
  SEND_UNCERTAIN: 'blocked',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class WherewemetError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.kind = ERROR_CODES[code];
  }
}

/** The config file or environment is wrong; each problem names its key. */
export class ConfigError extends WherewemetError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super('CONFIG_INVALID', problems.join('\n'));
    this.problems = problems;
  }
}

/** A message could not be read as an email, or is too large to be a LinkedIn notification. */
export class UnparseableMessageError extends WherewemetError {
  constructor(message: string, cause?: unknown) {
    super('MESSAGE_UNPARSEABLE', message, { cause });
  }
}

/**
 * A message's parse spent its CPU budget. Retryable: CPU that other work in the process spent
 * meanwhile may have been charged to it, so it is tried again before it is recorded unreadable.
 */
export class ParseTooSlowError extends WherewemetError {
  constructor(message: string) {
    super('PARSE_TOO_SLOW', message);
  }
}

/** The mailbox server is unreachable, refused the connection, timed out or dropped us. */
export class MailboxUnavailableError extends WherewemetError {
  constructor(message: string, cause?: unknown) {
    super('MAILBOX_UNAVAILABLE', message, { cause });
  }
}

/** Redis is unreachable or refused a command; `where` is its host:port. */
export class RedisUnavailableError extends WherewemetError {
  constructor(where: string, reason: string, cause?: unknown) {
    super('REDIS_UNAVAILABLE', `Redis at ${where} unavailable: ${reason}`, { cause });
  }
}

/**
 * A person must act before this account can go on; `fix` says what to do, in one line, for
 * `status` and the log.
 */
export class BlockedError extends WherewemetError {
  readonly fix: string;

  constructor(
    code: Extract<
      ErrorCode,
      | 'LOGIN_REFUSED'
      | 'LOGIN_NEEDED'
      | 'TLS_UNVERIFIED'
      | 'TLS_REQUIRED'
      | 'FOLDER_MISSING'
      | 'FOLDER_REFUSED'
      | 'REDIS_EVICTS'
      | 'TEMPLATE_MISSING'
      | 'NO_FROM_ADDRESS'
    >,
    message: string,
    fix: string,
    cause?: unknown,
  ) {
    super(code, message, { cause });
    this.fix = fix;
  }
}

/** Sending failed; `mayHaveBeenSent` once the message data had started to go to the server. */
export class SendFailed extends WherewemetError {
  constructor(
    message: string,
    readonly mayHaveBeenSent: boolean,
    cause?: unknown,
  ) {
    super('SMTP_FAILED', message, { cause });
  }
}

/** What kind of failure `err` is; anything we did not raise ourselves counts as retryable. */
export function kindOf(err: unknown): ErrorKind {
  return err instanceof WherewemetError ? err.kind : 'retryable';
}

/** One line for a person: the message (and, when blocked, what to do), without a stack trace. */
export function describeError(err: unknown): string {
  if (err instanceof BlockedError) return `${firstLine(err)}; ${err.fix}`;
  if (err instanceof Error) return firstLine(err);
  return String(err);
}

function firstLine(err: Error): string {
  return err.message.split('\n')[0] ?? err.name;
}
