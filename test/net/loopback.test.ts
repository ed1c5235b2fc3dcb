import { describe, expect, it } from 'vitest';
import { isLoopback, isLoopbackUrl } from '../../src/net/loopback.ts';

describe('whether an address is this machine', () => {
  it('accepts localhost, all of 127.0.0.0/8, ::1 and 127.x mapped into IPv6', () => {
    for (const host of [
      'localhost',
      'LocalHost',
      '127.0.0.1',
      '127.0.0.2',
      '127.255.255.254',
      '::1',
      '[::1]',
      '0:0:0:0:0:0:0:1',
      '::ffff:127.0.0.1',
      '[::ffff:127.1.2.3]',
      '::ffff:7f00:1',
    ])
      expect(isLoopback(host), host).toBe(true);
  });

  it('refuses every other address, wildcards and look-alike names included', () => {
    for (const host of [
      '0.0.0.0',
      '::',
      '128.0.0.1',
      '10.127.0.1',
      '192.168.1.10',
      '::2',
      '::ffff:10.0.0.1',
      '::ffff:8000:1',
      'fe80::1',
      'localhost.example.net',
      '127.0.0.1.example.net',
      'example.net',
      '',
    ])
      expect(isLoopback(host), host).toBe(false);
  });

  it('judges a URL by its host', () => {
    for (const url of [
      'http://127.0.0.1:8080/token',
      'http://127.0.0.2/token',
      'http://localhost/token',
      'http://[::1]:9000/',
      'http://[::ffff:127.0.0.1]/',
    ])
      expect(isLoopbackUrl(url), url).toBe(true);
    for (const url of ['http://example.net/', 'https://10.0.0.1/', 'not a url', ''])
      expect(isLoopbackUrl(url), url).toBe(false);
  });
});
