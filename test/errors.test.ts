// The errors' codes and kinds, which scripts, `status`, the queue and the review page act on:
// each class raises its one code, every code has a class, a blocked error always carries a fix,
// and a refused one its HTTP status.
import { describe, expect, it } from 'vitest';
import {
  AccessTokenRefusedError,
  AuthServerUnavailableError,
  BlockedError,
  ConfigError,
  DecisionRefused,
  describeError,
  ERROR_CODES,
  type ErrorCode,
  GrantRevokedError,
  httpStatusOf,
  kindOf,
  LaunchError,
  LeaseLostError,
  MailboxUnavailableError,
  MessageNotServedError,
  ParseTooSlowError,
  REFUSED_STATUS,
  RedisUnavailableError,
  RefusedError,
  SearchUnansweredError,
  SendFailed,
  SendUncertain,
  UnparseableMessageError,
  type WherewemetError,
} from '../src/errors.ts';

const blockedCodes = (Object.keys(ERROR_CODES) as ErrorCode[]).filter(
  (code) => ERROR_CODES[code] === 'blocked',
) as ConstructorParameters<typeof BlockedError>[0][];

/** One of each class, and a BlockedError for each blocked code. */
const everyError: WherewemetError[] = [
  new MailboxUnavailableError('imap.example.org:993 timed out'),
  new RedisUnavailableError('127.0.0.1:6379', 'connection refused'),
  new MessageNotServedError(42),
  new SearchUnansweredError('INBOX'),
  new LeaseLostError('work'),
  new SendFailed('554 Message refused', false),
  new AuthServerUnavailableError('https://auth.example.org/token', new Error('ECONNRESET')),
  new AccessTokenRefusedError('IMAP login refused for paul@example.com at imap.example.org:993'),
  new ParseTooSlowError('took longer than the 2000 ms parse budget'),
  new LaunchError('redis-server failed to start', 'Address already in use'),
  new UnparseableMessageError('not a readable email: bad MIME'),
  new GrantRevokedError('invalid_grant', 'revoked'),
  new ConfigError(['imap.host: required']),
  new DecisionRefused('draft id-anna was decided elsewhere meanwhile'),
  new SendUncertain('id-anna', 'draft id-anna may have been sent to anna@example.org'),
  ...blockedCodes.map((code) => new BlockedError(code, `${code} happened`, 'do this')),
];

describe('error codes and kinds', () => {
  it('gives every error the kind of its code, and its class name', () => {
    for (const err of everyError) {
      expect(err.kind, err.code).toBe(ERROR_CODES[err.code]);
      expect(err.name).toBe(err.constructor.name);
    }
  });

  it('raises every code of the table (no code without a class)', () => {
    const raised = new Set(everyError.map((err) => err.code));
    expect([...raised].sort()).toEqual(Object.keys(ERROR_CODES).sort());
  });

  it('has four kinds, each meaning one thing', () => {
    const codesOf = (kind: string) =>
      new Set(everyError.filter((err) => err.kind === kind).map((err) => err.code));
    expect(new Set(everyError.map((err) => err.kind))).toEqual(
      new Set(['retryable', 'poison', 'blocked', 'refused']),
    );
    expect(codesOf('poison')).toEqual(new Set(['MESSAGE_UNPARSEABLE']));
    expect(codesOf('refused')).toEqual(
      new Set(['CONFIG_INVALID', 'DECISION_REFUSED', 'SEND_UNCERTAIN']),
    );
  });

  it('tells the person what to do about every blocked error', () => {
    for (const err of everyError.filter((e) => e.kind === 'blocked')) {
      expect(err, err.code).toBeInstanceOf(BlockedError);
      expect((err as BlockedError).fix, err.code).not.toBe('');
    }
    expect(new GrantRevokedError('invalid_grant', undefined).fix).toContain('wherewemet login');
  });

  it('gives every refused error the HTTP status of its code', () => {
    for (const err of everyError.filter((e) => e.kind === 'refused')) {
      expect(err, err.code).toBeInstanceOf(RefusedError);
      const code = err.code as keyof typeof REFUSED_STATUS;
      expect((err as RefusedError).httpStatus).toBe(REFUSED_STATUS[code]);
      expect(httpStatusOf(err)).toBe(REFUSED_STATUS[code]);
    }
    expect(Object.keys(REFUSED_STATUS).sort()).toEqual(
      Object.keys(ERROR_CODES)
        .filter((code) => ERROR_CODES[code as ErrorCode] === 'refused')
        .sort(),
    );
  });

  it('answers a request that failed otherwise with 409 while blocked, 503 when it may pass', () => {
    expect(httpStatusOf(new BlockedError('TLS_UNVERIFIED', 'x', 'y'))).toBe(409);
    expect(httpStatusOf(new SendFailed('nothing was sent', false))).toBe(503);
    expect(httpStatusOf(new UnparseableMessageError('bad MIME'))).toBe(503);
  });

  it('counts anything we did not raise as retryable', () => {
    expect(kindOf(new Error('socket hang up'))).toBe('retryable');
    expect(kindOf('a string')).toBe('retryable');
    expect(kindOf(new DecisionRefused('no draft with id x'))).toBe('refused');
  });
});

describe('describeError', () => {
  it('is the first line, and the fix when blocked', () => {
    expect(describeError(new LaunchError('redis-server failed to start', 'port in use'))).toBe(
      'redis-server failed to start',
    );
    expect(describeError(new GrantRevokedError('invalid_grant', 'revoked'))).toBe(
      'invalid_grant: revoked; run `wherewemet login` to sign in again',
    );
    expect(describeError(new ConfigError(['a: required', 'b: required']))).toBe('a: required');
    expect(describeError(42)).toBe('42');
  });
});
