import { describe, expect, it } from 'vitest';
import { defaultStateDir } from '../src/paths.ts';

describe('the state directory', () => {
  it('lives under XDG_STATE_HOME, or ~/.local/state', () => {
    expect(defaultStateDir({ XDG_STATE_HOME: '/x/state' }, '/home/me')).toBe('/x/state/wherewemet');
    // The spec says to ignore a relative path.
    expect(defaultStateDir({ XDG_STATE_HOME: 'rel' }, '/home/me')).toBe(
      '/home/me/.local/state/wherewemet',
    );
    expect(defaultStateDir({}, '/home/me')).toBe('/home/me/.local/state/wherewemet');
  });
});
