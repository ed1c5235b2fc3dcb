/**
 * The token store: one JSON file under state.dir (mode 0600, in a 0700 directory) holding each
 * account's refresh token and its latest access token. With WHEREWEMET_SECRET set, token values
 * are encrypted (AES-256-GCM, key from scrypt) so that a copied file or backup gives nothing away.
 * Writes are atomic (temporary file and rename); a lock file serialises refreshes between
 * processes, since a refresh token that rotates may be used only once. Entries this secret cannot
 * decrypt (a secret changed or lost) block their accounts until the old secret is set again, or
 * until `login --reset` replaces them (`replaceUnreadable`): nothing else drops a token.
 */
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { BlockedError } from '../errors.ts';
import type { Logger } from '../log.ts';

export interface StoredTokens {
  refreshToken: string;
  accessToken?: string;
  /** When the access token stops working, ms since the epoch. */
  expiresAt?: number;
  /** When to refresh it instead of using it, ms since the epoch. */
  refreshAfter?: number;
  /** SHA-256 of the config's refreshToken this one descends from (rotation); none after `login`. */
  seed?: string;
}

interface StoreFile {
  version: 1;
  /** Salt of the encryption key; present once a value was encrypted. */
  salt?: string;
  tokens: Record<string, StoredTokens>;
}

const ENCRYPTED = 'enc:v1:';
const SECRET_FIELDS = ['refreshToken', 'accessToken'] as const;
/** A lock older than this was left by a process that died mid-refresh. */
const STALE_LOCK_MS = 30_000;
const LOCK_WAIT_MS = 60_000;
/** The one fix for a store this process cannot read, in `status`, errors and `login`. */
export const UNREADABLE_FIX = 'set the old secret, or run `wherewemet login --reset`';

export interface SetOptions {
  /** `login --reset`: drop the entries (or the whole file) this secret cannot read. */
  replaceUnreadable?: boolean;
}

export class TokenStore {
  readonly file: string;
  private readonly secret: string | undefined;
  private readonly keys = new Map<string, Buffer>();

  constructor(stateDir: string, secret: string | undefined = process.env.WHEREWEMET_SECRET) {
    this.file = join(stateDir, 'tokens.json');
    this.secret = secret || undefined;
  }

  /** Changes whenever the file is written (each write is a new inode) or removed. */
  async fingerprint(): Promise<string> {
    try {
      const s = await stat(this.file);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'absent';
      throw err;
    }
  }

  async get(key: string): Promise<StoredTokens | undefined> {
    const data = await this.readFile();
    const entry = data.tokens[key];
    return entry && this.decrypt(entry, data.salt);
  }

  /**
   * The entries this secret cannot decrypt, by key; ['*'] when the file itself is unreadable. For
   * `login`, to say what --reset would replace before it asks anyone to sign in.
   */
  async unreadable(): Promise<string[]> {
    const data = await this.readFile().catch((err: unknown) => {
      if (err instanceof BlockedError) return null;
      throw err;
    });
    if (!data) return ['*'];
    return Object.entries(data.tokens)
      .filter(([, v]) => this.readable(v, data.salt) === null)
      .map(([k]) => k);
  }

  async set(key: string, tokens: StoredTokens, options: SetOptions = {}): Promise<void> {
    const replace = options.replaceUnreadable === true;
    const data: StoreFile = await this.readFile().catch((err: unknown) => {
      if (replace && err instanceof BlockedError) return { version: 1 as const, tokens: {} };
      throw err;
    });
    const plain: Record<string, StoredTokens> = {};
    for (const [k, v] of Object.entries(data.tokens)) {
      const entry = replace ? this.readable(v, data.salt) : this.decrypt(v, data.salt);
      if (entry) plain[k] = entry;
    }
    plain[key] = tokens;
    // What was kept is decrypted now, so a fresh salt (and key) does: the old one may be the lost secret's.
    if (replace) delete data.salt;
    const salt = this.secret ? (data.salt ?? randomBytes(16).toString('base64url')) : undefined;
    const out: StoreFile = {
      version: 1,
      ...(salt ? { salt } : {}),
      tokens: Object.fromEntries(
        Object.entries(plain).map(([k, v]) => [k, salt ? this.encrypt(v, salt) : v]),
      ),
    };
    await secureStateDir(dirname(this.file));
    const temporary = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, `${JSON.stringify(out, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.file);
  }

  /** Runs `fn` holding the store's lock file, so that one process at a time refreshes. */
  async locked<T>(fn: () => Promise<T>): Promise<T> {
    const lock = `${this.file}.lock`;
    await secureStateDir(dirname(this.file));
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const handle = await open(lock, 'wx', 0o600);
        await handle.close();
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const age = await stat(lock).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age > STALE_LOCK_MS) await rm(lock, { force: true });
        else if (Date.now() > deadline) throw new Error(`token store lock ${lock} is held`);
        else await new Promise((r) => setTimeout(r, 25));
      }
    }
    try {
      return await fn();
    } finally {
      await rm(lock, { force: true });
    }
  }

  private async readFile(): Promise<StoreFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, tokens: {} };
      throw err;
    }
    try {
      const data = JSON.parse(text) as StoreFile;
      if (data.version !== 1 || typeof data.tokens !== 'object') throw new Error('unknown format');
      return data;
    } catch {
      throw new BlockedError(
        'LOGIN_NEEDED',
        `the token store ${this.file} is unreadable`,
        'run `wherewemet login --reset` to sign in again (it rewrites the file)',
      );
    }
  }

  private key(salt: string): Buffer {
    const secret = this.secret;
    if (!secret) {
      throw new BlockedError(
        'LOGIN_NEEDED',
        `the token store ${this.file} is encrypted and WHEREWEMET_SECRET is not set`,
        UNREADABLE_FIX,
      );
    }
    let key = this.keys.get(salt);
    if (!key) {
      key = scryptSync(secret, Buffer.from(salt, 'base64url'), 32);
      this.keys.set(salt, key);
    }
    return key;
  }

  private encrypt(tokens: StoredTokens, salt: string): StoredTokens {
    const out = { ...tokens };
    for (const field of SECRET_FIELDS) {
      const value = out[field];
      if (value === undefined) continue;
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', this.key(salt), iv);
      const data = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
      const parts = [iv, cipher.getAuthTag(), data].map((b) => b.toString('base64url'));
      out[field] = `${ENCRYPTED}${parts.join(':')}`;
    }
    return out;
  }

  /** The entry decrypted, or null when this secret cannot (for --reset, which replaces it). */
  private readable(tokens: StoredTokens, salt: string | undefined): StoredTokens | null {
    try {
      return this.decrypt(tokens, salt);
    } catch (err) {
      if (err instanceof BlockedError) return null;
      throw err;
    }
  }

  private decrypt(tokens: StoredTokens, salt: string | undefined): StoredTokens {
    const out = { ...tokens };
    for (const field of SECRET_FIELDS) {
      const value = out[field];
      if (!value?.startsWith(ENCRYPTED)) continue;
      const [iv, tag, data] = value
        .slice(ENCRYPTED.length)
        .split(':')
        .map((p) => Buffer.from(p, 'base64url'));
      try {
        if (!salt || !iv || !tag || !data) throw new Error('malformed');
        const decipher = createDecipheriv('aes-256-gcm', this.key(salt), iv);
        decipher.setAuthTag(tag);
        out[field] = Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
      } catch (err) {
        if (err instanceof BlockedError) throw err;
        throw new BlockedError(
          'LOGIN_NEEDED',
          `the token store ${this.file} was encrypted with another WHEREWEMET_SECRET`,
          UNREADABLE_FIX,
        );
      }
    }
    return out;
  }
}

/** Directories this process tightened and said so: once each. */
const tightened = new Set<string>();

/**
 * state.dir holds the token store and the data of wherewemet's own Redis: 0700. mkdir's mode
 * applies only to a directory it creates, so one that exists already (made by hand, by an older
 * version, or by a umask) is tightened here, and the log says so once.
 */
export async function secureStateDir(
  dir: string,
  log?: Pick<Logger, 'warn'>,
  { create = true }: { create?: boolean } = {},
): Promise<void> {
  if (create) await mkdir(dir, { recursive: true, mode: 0o700 });
  const found = await stat(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' && !create) return null;
    throw err;
  });
  if (!found) return;
  const mode = found.mode & 0o777;
  if ((mode & 0o077) === 0) return;
  await chmod(dir, 0o700);
  if (!log || tightened.has(dir)) return;
  tightened.add(dir);
  log.warn(
    `state.dir ${dir} was open to others (mode 0${mode.toString(8)}): tightened to 0700, as it holds the token store`,
  );
}
