import { describe, expect, it } from 'vitest';
import { defaultStateDir, userConfigPath } from '../src/paths.ts';

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

describe('the config init writes by default', () => {
  it('is under XDG_CONFIG_HOME, else ~/.config, as the service files read it', () => {
    expect(userConfigPath({}, '/home/me')).toBe('/home/me/.config/wherewemet/wherewemet.yaml');
    expect(userConfigPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/me')).toBe(
      '/cfg/wherewemet/wherewemet.yaml',
    );
    expect(userConfigPath({ XDG_CONFIG_HOME: 'rel' }, '/home/me')).toBe(
      '/home/me/.config/wherewemet/wherewemet.yaml',
    );
  });
});
