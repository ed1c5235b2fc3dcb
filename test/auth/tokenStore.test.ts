import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultStateDir, TokenStore } from '../../src/auth/tokenStore.ts';
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

  it('lives under XDG_STATE_HOME, or ~/.local/state', () => {
    expect(defaultStateDir({ XDG_STATE_HOME: '/x/state' }, '/home/me')).toBe('/x/state/wherewemet');
    // The spec says to ignore a relative path.
    expect(defaultStateDir({ XDG_STATE_HOME: 'rel' }, '/home/me')).toBe(
      '/home/me/.local/state/wherewemet',
    );
    expect(defaultStateDir({}, '/home/me')).toBe('/home/me/.local/state/wherewemet');
  });
});
