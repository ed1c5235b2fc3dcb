/**
 * The few error classes wherewemet raises on purpose. Each has a stable `code`; `retryable`
 * tells the queue whether trying again can help (a dropped connection) or not (a malformed
 * message), so poison input is recorded once instead of retried forever.
 */
export class WherewemetError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(code: string, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable;
  }
}

/** The config file or environment is wrong; the message names the key. */
export class ConfigError extends WherewemetError {
  readonly problems: string[];

  constructor(problems: string[]) {
    super('CONFIG_INVALID', problems.join('\n'), { retryable: false });
    this.problems = problems;
  }
}

/** A message could not be read as an email or is too large to read. Never retried. */
export class UnparseableMessageError extends WherewemetError {
  constructor(message: string, cause?: unknown) {
    super('MESSAGE_UNPARSEABLE', message, { retryable: false, cause });
  }
}

/** The mailbox server refused or dropped us; the next attempt may succeed. */
export class MailboxUnavailableError extends WherewemetError {
  constructor(message: string, cause?: unknown) {
    super('MAILBOX_UNAVAILABLE', message, { retryable: true, cause });
  }
}

/** Login refused, unknown host, bad certificate, missing Drafts folder: a person must act. */
export class MailboxSetupError extends WherewemetError {
  constructor(message: string, cause?: unknown) {
    super('MAILBOX_SETUP', message, { retryable: false, cause });
  }
}

/** One line for a person: the message, without a stack trace. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message.split('\n')[0] ?? err.name;
  return String(err);
}
