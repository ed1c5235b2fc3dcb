/**
 * Who may use the review page. A one-time code (the link `serve` prints) or the access token
 * (review.token, typed on the sign-in page) is exchanged for a session that expires; the code
 * is void once used, so a link left in the browser's history or a log opens nothing. Kept in
 * memory, by SHA-256 of the secret: a restart signs everyone out, and nothing reaches Redis.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export interface Session {
  csrf: string;
  expiresAt: number;
}

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');
const secret = () => randomBytes(32).toString('base64url');

export class Sessions {
  private readonly sessions = new Map<string, Session>();
  private readonly codes = new Map<string, number>();

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
