/**
 * Who may use the review page. A one-time code (the link `serve` prints) or the access token
 * (review.token, typed on the sign-in page) is exchanged for a session that expires; the code
 * is void once used, so a link left in the browser's history or a log opens nothing. A signed-in
 * page can also show a device code: short enough to type on a phone, so it lives minutes, works
 * once, and its wrong guesses are throttled like wrong tokens (throttle.ts). Kept in memory, by
 * SHA-256 of the secret: a restart signs everyone out, and nothing reaches Redis.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

export interface Session {
  csrf: string;
  expiresAt: number;
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

/** How long a device code works: time to pick up the other device and type it. */
export const DEVICE_CODE_MS = 5 * 60_000;
/** Live device codes at most; a new one past this retires the oldest. */
const DEVICE_CODES = 5;
/** No 0/O, 1/I/L, 5/S, 8/B, U/V: letters that are misread on a screen or a phone's keyboard. */
const DEVICE_ALPHABET = '234679ACDEFGHJKMNPQRTWXYZ';
const DEVICE_CODE_LENGTH = 8;

/** "K7QF-3MXP" as typed in any case, with or without the dash and spaces. */
const normalCode = (typed: string) => typed.toUpperCase().replace(/[\s-]/g, '');

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly codes = new Map<string, number>();
  /** Device codes by digest, oldest first (a Map keeps insertion order), with their expiry. */
  private readonly deviceCodes = new Map<string, number>();

  constructor(
    private readonly options: { token: string | null; lifetimeMs: number; now(): number },
  ) {}

  /** A one-time code, valid for one session's lifetime or until used. */
  issueCode(): string {
    const code = secret();
    this.codes.set(digest(code), this.options.now() + this.options.lifetimeMs);
    return code;
  }

  /** A new session for a valid, unused code; the code is spent either way. */
  exchangeCode(code: string): { id: string; session: Session } | null {
    const key = digest(code);
    const until = this.codes.get(key);
    this.codes.delete(key);
    return until !== undefined && until > this.options.now() ? this.open() : null;
  }

  /** A short code another device types on the sign-in page: DEVICE_CODE_MS, once. */
  issueDeviceCode(): string {
    const now = this.options.now();
    for (const [key, until] of this.deviceCodes) if (until <= now) this.deviceCodes.delete(key);
    while (this.deviceCodes.size >= DEVICE_CODES)
      this.deviceCodes.delete(this.deviceCodes.keys().next().value as string);
    const chars = Array.from(
      { length: DEVICE_CODE_LENGTH },
      () => DEVICE_ALPHABET[randomInt(DEVICE_ALPHABET.length)],
    ).join('');
    this.deviceCodes.set(digest(chars), now + DEVICE_CODE_MS);
    return `${chars.slice(0, 4)}-${chars.slice(4)}`;
  }

  /** A new session for a live device code, which is then spent; null for any other. */
  exchangeDeviceCode(typed: string): { id: string; session: Session } | null {
    const key = digest(normalCode(typed));
    const until = this.deviceCodes.get(key);
    if (until === undefined) return null;
    this.deviceCodes.delete(key);
    return until > this.options.now() ? this.open() : null;
  }

  signIn(token: string): { id: string; session: Session } | null {
    const expected = this.options.token;
    if (expected === null) return null;
    const a = Buffer.from(digest(token));
    const b = Buffer.from(digest(expected));
    return timingSafeEqual(a, b) ? this.open() : null;
  }

  get(id: string): Session | null {
    const key = digest(id);
    const session = this.sessions.get(key);
    if (!session) return null;
    if (session.expiresAt > this.options.now()) return session;
    this.sessions.delete(key);
    return null;
  }

  end(id: string): void {
    this.sessions.delete(digest(id));
  }

  private open(): { id: string; session: Session } {
    const id = secret();
    const session = { csrf: secret(), expiresAt: this.options.now() + this.options.lifetimeMs };
    this.sessions.set(digest(id), session);
    return { id, session };
  }
}
