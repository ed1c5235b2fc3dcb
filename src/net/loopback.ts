/**
 * Whether an address is this machine: the one answer to the security questions that depend on
 * it (plain text allowed, TLS optional, reachable from elsewhere), for the config's URLs, IMAP,
 * the OpenID token endpoint and the review page alike. This machine is localhost, 127.0.0.0/8,
 * ::1, and 127.x written as an IPv4-mapped IPv6 address (::ffff:127.0.0.1), brackets or not.
 */
import { isIP } from 'node:net';

export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) !== 6) return false;
  // The URL parser writes each IPv6 address one way: ::1, and ::ffff:7fxx:xxxx for a mapped 127.x.
  const canonical = hostOf(`http://[${bare}]/`);
  return canonical === '[::1]' || /^\[::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}\]$/.test(canonical ?? '');
}

/** True for URLs whose host is this machine. */
export function isLoopbackUrl(value: string): boolean {
  const host = hostOf(value);
  return host !== null && isLoopback(host);
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}
