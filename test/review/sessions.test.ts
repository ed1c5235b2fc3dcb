import { describe, expect, it } from 'vitest';
import { DEVICE_CODE_MS, Sessions } from '../../src/review/sessions.ts';

describe('device codes', () => {
  const sessions = (now: () => number) => new Sessions({ token: null, lifetimeMs: 3_600_000, now });

  it('keep the five newest live: a sixth retires the oldest', () => {
    const s = sessions(() => 0);
    const codes = Array.from({ length: 6 }, () => s.issueDeviceCode());
    expect(new Set(codes).size).toBe(6);
    expect(s.exchangeDeviceCode(codes[0] ?? '')).toBeNull();
    for (const code of codes.slice(1)) expect(s.exchangeDeviceCode(code)).not.toBeNull();
  });

  it('are typed in any case, with or without the dash; expire; open a session of their own', () => {
    let now = 0;
    const s = sessions(() => now);
    const code = s.issueDeviceCode();
    const opened = s.exchangeDeviceCode(` ${code.replace('-', ' ').toLowerCase()} `);
    expect(opened && s.get(opened.id)).toMatchObject({ expiresAt: 3_600_000 });
    const late = s.issueDeviceCode();
    now = DEVICE_CODE_MS;
    expect(s.exchangeDeviceCode(late)).toBeNull();
    expect(s.exchangeDeviceCode('')).toBeNull();
  });
});
