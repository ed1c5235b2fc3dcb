// Learning the user's mail server from the mailbox: the authserv-id topmost on mail from many
// unrelated senders, and never one a few senders wrote themselves.
import { describe, expect, it } from 'vitest';
import { learnedMailServer, MIN_SENDERS, topAuthservId } from '../../src/parse/mailServer.ts';

describe('learnedMailServer', () => {
  it("is the id on most senders' mail once enough senders are seen", () => {
    const counts = [
      { authservId: 'mx.example.org', senders: MIN_SENDERS + 3 },
      { authservId: 'mx.example.net', senders: 1 },
    ];
    expect(learnedMailServer(counts, MIN_SENDERS + 4)).toBe('mx.example.org');
  });

  it('is not known from too few senders, whatever the count of messages', () => {
    expect(learnedMailServer([{ authservId: 'mx.example.org', senders: MIN_SENDERS - 1 }], 4)).toBe(
      null,
    );
  });

  it('is not the id a minority of senders wrote, where the server writes none', () => {
    // Twenty senders, six of them with an Authentication-Results of their own naming the same id.
    expect(learnedMailServer([{ authservId: 'mx.phisher.example', senders: 6 }], 20)).toBe(null);
  });

  it('is not decided between two ids seen about as often', () => {
    const counts = [
      { authservId: 'mx1.example.org', senders: 12 },
      { authservId: 'mx2.example.org', senders: 9 },
    ];
    expect(learnedMailServer(counts, 21)).toBe(null);
  });

  it('may be a server that names none (Exchange Online)', () => {
    expect(learnedMailServer([{ authservId: '', senders: 30 }], 31)).toBe('');
  });
});

describe('topAuthservId', () => {
  it('reads the first, unfolded, of several headers', () => {
    const block =
      'Authentication-Results: mx.example.org (amavis);\r\n\tdkim=pass header.d=example.com\r\nAuthentication-Results: mx.example.net; dkim=pass\r\n\r\n';
    expect(topAuthservId(block)).toBe('mx.example.org');
  });

  it('says "" for a header that names no server and null for none', () => {
    expect(
      topAuthservId(
        'Authentication-Results: spf=pass (sender IP is 192.0.2.1)\r\n smtp.mailfrom=example.com\r\n',
      ),
    ).toBe('');
    expect(topAuthservId('\r\n')).toBe(null);
  });
});
