import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';

function logged(write: (log: ReturnType<typeof createLogger>) => void): string {
  const out = new PassThrough();
  let text = '';
  out.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  write(createLogger({ level: 'info', destination: out }));
  return text;
}

describe('the log', () => {
  it('redacts access and refresh tokens wherever a token response or our settings put them', () => {
    const text = logged((log) =>
      log.info(
        {
          accessToken: 'ya29.access-1',
          tokens: { refresh_token: '1//refresh-2', access_token: 'ya29.access-3' },
          account: { oauth2: { refreshToken: '1//refresh-4', clientSecret: 'client-secret-5' } },
          user: 'me@example.com',
        },
        'refreshed',
      ),
    );
    for (const secret of ['access-1', 'refresh-2', 'access-3', 'refresh-4', 'client-secret-5']) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[redacted]');
    expect(text).toContain('me@example.com');
  });
});
