/**
 * The errors wherewemet raises on purpose, in four kinds that decide what happens next:
 *
 *   retryable  the next attempt may succeed (network, DNS, time-outs, a server that drops us,
 *              Redis down): retried with backoff for as long as it takes; no work is dropped.
 *   poison     this input can never be processed (a message that cannot be read): recorded once,
 *              never retried, and the work goes on with the next item.
 *   blocked    this account waits for a person (login refused, folder missing, certificate not
 *              trusted): its work pauses with every job kept, `status` shows the `fix` (what the
 *              person should do), and it resumes by itself once the cause is gone.
 *   refused    a request that cannot be done as asked (a decision on a draft decided meanwhile, a
 *              send whose outcome is unknown, a config with errors): nothing is done, the person
 *              is told why in one line, and nothing waits; the review page answers with the
 *              code's HTTP status (REFUSED_STATUS).
 *
 * Every class has a stable `code` (one of ERROR_CODES); scripts and tests match on codes, never on
 * message text. `kindOf` classifies anything thrown, including errors from libraries.
 */
export type ErrorKind = 'retryable' | 'poison' | 'blocked' | 'refused';

export const ERROR_CODES = {
  // retryable
  MAILBOX_UNAVAILABLE: 'retryable',
  REDIS_UNAVAILABLE: 'retryable',
  MESSAGE_NOT_SERVED: 'retryable',
  SEARCH_UNANSWERED: 'retryable',
  LEASE_LOST: 'retryable',
  SMTP_FAILED: 'retryable',
  AUTH_SERVER_UNAVAILABLE: 'retryable',
  TOKEN_REFUSED: 'retryable',
  PARSE_TOO_SLOW: 'retryable',
  SERVER_NOT_STARTED: 'retryable',
  // poison
  MESSAGE_UNPARSEABLE: 'poison',
  // blocked
  LOGIN_REFUSED: 'blocked',
  LOGIN_NEEDED: 'blocked',
  TLS_UNVERIFIED: 'blocked',
  TLS_REQUIRED: 'blocked',
  FOLDER_MISSING: 'blocked',
  FOLDER_REFUSED: 'blocked',
  REDIS_EVICTS: 'blocked',
  TEMPLATE_MISSING: 'blocked',
  NO_FROM_ADDRESS: 'blocked',
  // refused
  CONFIG_INVALID: 'refused',
  DECISION_REFUSED: 'refused',
  SEND_UNCERTAIN: 'refused',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The codes of one kind. */
type CodeOf<K extends ErrorKind> = {
  [C in ErrorCode]: (typeof ERROR_CODES)[C] extends K ? C : never;
}[ErrorCode];

/**
 * The HTTP status the review page answers a refused request with. 409 (Conflict) for each: the
 * request is well formed, but the draft's state (or the config) does not allow it now.
 */
export const REFUSED_STATUS = {
  CONFIG_INVALID: 409,
  DECISION_REFUSED: 409,
  SEND_UNCERTAIN: 409,
} as const satisfies Record<CodeOf<'refused'>, number>;

type RefusedStatus = (typeof REFUSED_STATUS)[CodeOf<'refused'>];

/** The base of every error below; not raised itself, so that each code has its class. */
export abstract class WherewemetError extends Error {
  readonly code: ErrorCode;
  readonly kind: ErrorKind;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.kind = ERROR_CODES[code];
  }
}

/**
 * This account waits for a person; `fix` says what to do, in one line, for `status` and the log.
 */
export class BlockedError extends WherewemetError {
  readonly fix: string;

  constructor(code: CodeOf<'blocked'>, message: string, fix: string, cause?: unknown) {
    super(code, message, { cause });
    this.fix = fix;
  }
}

/** A request that cannot be done as asked; `httpStatus` is the review page's answer to it. */
export abstract class RefusedError extends WherewemetError {
  readonly httpStatus: RefusedStatus;

  constructor(code: CodeOf<'refused'>, message: string) {
    super(code, message);
    this.httpStatus = REFUSED_STATUS[code];
  }
}

// retryable

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

/** The server listed a message in a search but did not send it when it was fetched. */
export class MessageNotServedError extends WherewemetError {
  constructor(uid: number) {
    super('MESSAGE_NOT_SERVED', `the server listed message ${uid} but did not send it`);
  }
}

/**
 * A SEARCH gave no answer: no mailbox was selected any more (the connection closing) or the
 * server refused it. Read as "nothing matched", it would make messages gone and drafts missing.
 */
export class SearchUnansweredError extends WherewemetError {
  constructor(mailbox: string | null) {
    super('SEARCH_UNANSWERED', `a search of ${mailbox ?? 'the mailbox'} got no answer`);
  }
}

/** This process no longer holds the account's lease: another one works it now. */
export class LeaseLostError extends WherewemetError {
  constructor(account: string) {
    super('LEASE_LOST', `account ${account} is now worked by another process`);
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

/** The OAuth2 token endpoint did not answer, or not with tokens. */
export class AuthServerUnavailableError extends WherewemetError {
  constructor(tokenUrl: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super('AUTH_SERVER_UNAVAILABLE', `OAuth2 token endpoint ${tokenUrl} unavailable: ${reason}`, {
      cause,
    });
  }
}

/**
 * The mail server refused an OAuth2 access token that a refresh may replace (revoked with a
 * password change, expired early): the next attempt refreshes it, and only a refused fresh token
 * needs a person.
 */
export class AccessTokenRefusedError extends WherewemetError {
  constructor(message: string, cause?: unknown) {
    super('TOKEN_REFUSED', `${message}: the next attempt refreshes the access token`, { cause });
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

/** A server we start did not; `log` is its log tail, so callers tell a port clash from a bug. */
export class LaunchError extends WherewemetError {
  constructor(
    message: string,
    readonly log: string,
  ) {
    super('SERVER_NOT_STARTED', log ? `${message}\n--- log tail ---\n${log}` : message);
  }
}

// poison

/** A message could not be read as an email, or is too large to be a LinkedIn notification. */
export class UnparseableMessageError extends WherewemetError {
  constructor(message: string, cause?: unknown) {
    super('MESSAGE_UNPARSEABLE', message, { cause });
  }
}

// blocked

/**
 * The authorization server refused the grant (RFC 6749 section 5.2 `invalid_grant`: revoked,
 * expired, or issued to another client) or wants the person back (`interaction_required`).
 */
export class GrantRevokedError extends BlockedError {
  constructor(
    readonly error: string,
    readonly description: string | undefined,
  ) {
    super(
      'LOGIN_NEEDED',
      description ? `${error}: ${description}` : error,
      'run `wherewemet login` to sign in again',
    );
  }
}

// refused

/** The config file or environment is wrong; each problem names its key. */
export class ConfigError extends RefusedError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super('CONFIG_INVALID', problems.join('\n'));
    this.problems = problems;
  }
}

/** A decision the draft is not in a state for; the message is one line for a person. */
export class DecisionRefused extends RefusedError {
  constructor(message: string) {
    super('DECISION_REFUSED', message);
  }
}

/** An approval whose message may have gone out: a person looks in Sent before sending again. */
export class SendUncertain extends RefusedError {
  constructor(
    readonly draftId: string,
    message: string,
  ) {
    super('SEND_UNCERTAIN', message);
  }
}

/** What kind of failure `err` is; anything we did not raise ourselves counts as retryable. */
export function kindOf(err: unknown): ErrorKind {
  return err instanceof WherewemetError ? err.kind : 'retryable';
}

/**
 * The review page's status for a request that failed with `err`: a refusal's own; 409 while the
 * account waits for a person; 503 for a failure that may pass.
 */
export function httpStatusOf(err: WherewemetError): RefusedStatus | 409 | 503 {
  if (err instanceof RefusedError) return err.httpStatus;
  return err.kind === 'blocked' ? 409 : 503;
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
