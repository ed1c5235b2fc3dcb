import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { secureStateDir, TokenStore, UNREADABLE_FIX } from '../../src/auth/tokenStore.ts';
import { checkUnreadable } from '../../src/cli/login.ts';
import { removeTempDirs, tempDir } from '../harness/tempDir.ts';

afterAll(removeTempDirs);

const dir = async () => tempDir('wwm-store');
const TOKENS = {
  refreshToken: '1//refresh-secret',
  accessToken: 'ya29.access-secret',
  expiresAt: 1,
};

describe('the token store', () => {
  it('is a 0600 file in a 0700 directory, and keeps what was set', async () => {
    const state = join(await dir(), 'state');
    const store = new TokenStore(state, undefined);
    await store.set('me', TOKENS);
    expect((await stat(store.file)).mode & 0o777).toBe(0o600);
    expect((await stat(state)).mode & 0o777).toBe(0o700);
    expect(await new TokenStore(state, undefined).get('me')).toEqual(TOKENS);
  });

  it('with WHEREWEMET_SECRET, keeps no token readable in the file', async () => {
    const state = await dir();
    const store = new TokenStore(state, 'a long passphrase');
    await store.set('me', TOKENS);
    const text = await readFile(store.file, 'utf8');
    expect(text).not.toContain('refresh-secret');
    expect(text).not.toContain('access-secret');
    expect(await new TokenStore(state, 'a long passphrase').get('me')).toEqual(TOKENS);
  });

  it('says LOGIN_NEEDED for a wrong or missing secret, and for a damaged file', async () => {
    const state = await dir();
    await new TokenStore(state, 'right').set('me', TOKENS);
    await expect(new TokenStore(state, 'wrong').get('me')).rejects.toMatchObject({
      code: 'LOGIN_NEEDED',
      message: expect.stringContaining('encrypted with another WHEREWEMET_SECRET'),
    });
    await expect(new TokenStore(state, undefined).get('me')).rejects.toMatchObject({
      code: 'LOGIN_NEEDED',
      message: expect.stringContaining('WHEREWEMET_SECRET is not set'),
    });
    const damaged = new TokenStore(await dir(), undefined);
    await writeFile(damaged.file, '{"version": 1, "tok');
    await expect(damaged.get('me')).rejects.toMatchObject({ code: 'LOGIN_NEEDED' });
  });

  it('changes its fingerprint on every write', async () => {
    const store = new TokenStore(await dir(), undefined);
    const absent = await store.fingerprint();
    await store.set('me', TOKENS);
    const first = await store.fingerprint();
    await store.set('me', TOKENS);
    expect(new Set([absent, first, await store.fingerprint()]).size).toBe(3);
  });

  it('lets one holder of the lock in at a time', async () => {
    const store = new TokenStore(await dir(), undefined);
    const order: string[] = [];
    const hold = (name: string) =>
      store.locked(async () => {
        order.push(`${name} in`);
        await new Promise((r) => setImmediate(r));
        order.push(`${name} out`);
      });
    await Promise.all([hold('a'), hold('b')]);
    // Whichever gets it first, the other enters only after it left.
    const [first] = (order[0] ?? '').split(' ');
    const second = first === 'a' ? 'b' : 'a';
    expect(order).toEqual([`${first} in`, `${first} out`, `${second} in`, `${second} out`]);
  });
});

describe('a token store this secret cannot read (issue 19, finding 8)', () => {
  const FIX = 'set the old secret, or run `wherewemet login --reset`';

  it('names the exact fix, for a wrong secret, a missing one and a damaged file', async () => {
    expect(UNREADABLE_FIX).toBe(FIX);
    const state = await dir();
    await new TokenStore(state, 'old secret').set('old', TOKENS);
    for (const store of [new TokenStore(state, 'new secret'), new TokenStore(state, undefined)]) {
      await expect(store.get('old')).rejects.toMatchObject({ code: 'LOGIN_NEEDED', fix: FIX });
      // What `login` did before: decrypt everything to save one more, and fail the same way.
      await expect(store.set('new', TOKENS)).rejects.toMatchObject({ fix: FIX });
      expect(await store.unreadable()).toEqual(['old']);
    }
    const damaged = new TokenStore(await dir(), undefined);
    await writeFile(damaged.file, '{"version": 1, "tok');
    await expect(damaged.get('me')).rejects.toMatchObject({
      fix: expect.stringContaining('wherewemet login --reset'),
    });
    expect(await damaged.unreadable()).toEqual(['*']);
  });

  it('replaces only what it cannot read when told to, and is readable afterwards', async () => {
    const state = await dir();
    await new TokenStore(state, 'old secret').set('old', TOKENS);
    const store = new TokenStore(state, 'new secret');
    expect(await store.unreadable()).toEqual(['old']);
    await store.set('new', { refreshToken: '1//new-secret' }, { replaceUnreadable: true });
    expect(await store.unreadable()).toEqual([]);
    expect(await store.get('old')).toBeUndefined();
    expect(await store.get('new')).toEqual({ refreshToken: '1//new-secret' });
    // A readable entry is kept by a later reset, and the store works without one afterwards.
    await store.set('other', { refreshToken: '1//other-secret' }, { replaceUnreadable: true });
    await store.set('third', TOKENS);
    expect(await store.get('new')).toEqual({ refreshToken: '1//new-secret' });
    expect(await new TokenStore(state, 'new secret').get('other')).toEqual({
      refreshToken: '1//other-secret',
    });
    const text = await readFile(store.file, 'utf8');
    expect(text).not.toContain('new-secret');
    expect(text).not.toContain('other-secret');

    const damaged = new TokenStore(await dir(), 's');
    await writeFile(damaged.file, 'not json');
    await damaged.set('me', TOKENS, { replaceUnreadable: true });
    expect(await damaged.get('me')).toEqual(TOKENS);
  });

  it('login stops before signing in with the fix, or with --reset says what it replaces', async () => {
    const state = await dir();
    await new TokenStore(state, 'old secret').set('a', TOKENS);
    await new TokenStore(state, 'old secret').set('b', TOKENS);
    const store = new TokenStore(state, 'new secret');
    const said: string[] = [];
    await expect(checkUnreadable(store, false, (l) => said.push(l))).rejects.toMatchObject({
      code: 'LOGIN_NEEDED',
      message: `the token store ${store.file} holds 2 entries that the WHEREWEMET_SECRET given (or its absence) cannot decrypt`,
      fix: FIX,
    });
    expect(said).toEqual([]);
    await checkUnreadable(store, true, (l) => said.push(l));
    expect(said).toEqual([
      `the token store ${store.file} holds 2 entries that the WHEREWEMET_SECRET given (or its absence) cannot decrypt: --reset replaces them; any other account in it must run \`wherewemet login\` again`,
    ]);
    // Nothing to say about a store it can read.
    await checkUnreadable(new TokenStore(await dir(), 'x'), false, (l) => said.push(l));
    expect(said).toHaveLength(1);
  });
});

describe('state.dir', () => {
  it('is tightened to 0700 when it exists looser, and the log says so once', async () => {
    const state = join(await dir(), 'state');
    await mkdir(state, { mode: 0o755 });
    await chmod(state, 0o755);
    const warnings: string[] = [];
    const log = { warn: (line: string) => warnings.push(line) };
    await secureStateDir(state, log, { create: false });
    expect((await stat(state)).mode & 0o777).toBe(0o700);
    await chmod(state, 0o750);
    await secureStateDir(state, log);
    expect((await stat(state)).mode & 0o777).toBe(0o700);
    expect(warnings).toEqual([
      `state.dir ${state} was open to others (mode 0755): tightened to 0700, as it holds the token store`,
    ]);
  });

  it('is tightened by the token store too, and not created by run when it is absent', async () => {
    const state = join(await dir(), 'state');
    await mkdir(state, { mode: 0o777 });
    await chmod(state, 0o777);
    await new TokenStore(state, undefined).set('me', TOKENS);
    expect((await stat(state)).mode & 0o777).toBe(0o700);
    const absent = join(await dir(), 'absent');
    await secureStateDir(absent, undefined, { create: false });
    await expect(stat(absent)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
