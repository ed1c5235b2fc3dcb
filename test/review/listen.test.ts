import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../src/net/loopback.ts';
import { linkHost, listenRefusal } from '../../src/review/listen.ts';

describe('where the review page may listen', () => {
  it('listens on loopback always', () => {
    for (const host of ['127.0.0.1', '127.0.0.2', 'localhost', '::1', '[::1]'])
      expect(listenRefusal(host, { tls: false, allowRemote: false })).toBeNull();
  });

  it('refuses every other address over plain HTTP, naming the settings that allow it', () => {
    for (const host of ['0.0.0.0', '::', '192.168.1.10', 'review.example.net']) {
      expect(isLoopback(host)).toBe(false);
      expect(listenRefusal(host, { tls: false, allowRemote: false })).toMatch(
        /review\.tls\.cert and review\.tls\.key, or set review\.allowRemote: true/,
      );
      expect(listenRefusal(host, { tls: true, allowRemote: false })).toBeNull();
      expect(listenRefusal(host, { tls: false, allowRemote: true })).toBeNull();
    }
  });

  it('prints a link that a browser on this machine can open', () => {
    expect(linkHost('0.0.0.0')).toBe('localhost');
    expect(linkHost('::')).toBe('localhost');
    expect(linkHost('::1')).toBe('[::1]');
    expect(linkHost('127.0.0.1')).toBe('127.0.0.1');
  });
});
