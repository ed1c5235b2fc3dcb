/**
 * Where the review page may listen: on loopback always; beyond it only over HTTPS
 * (review.tls) or when review.allowRemote says a TLS proxy or a container's port mapping stands
 * in front. Pure, so the rule is tested without opening a port.
 */
import { isIP } from 'node:net';
import { isLoopback } from '../net/loopback.ts';

/** Why the page must not listen on `host` with these settings, or null when it may. */
export function listenRefusal(
  host: string,
  settings: { tls: boolean; allowRemote: boolean },
): string | null {
  if (isLoopback(host) || settings.tls || settings.allowRemote) return null;
  return `review.host ${host} reaches beyond this machine, and the page would be served over plain HTTP: give review.tls.cert and review.tls.key, or set review.allowRemote: true (only behind a TLS proxy, or in a container published on 127.0.0.1)`;
}

/** 0.0.0.0 or ::, every address of the machine. */
export function isWildcard(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return bare === '0.0.0.0' || bare === '::';
}

/** The host to print in the sign-in link: a wildcard address is reached as localhost. */
export function linkHost(host: string): string {
  if (isWildcard(host)) return 'localhost';
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) === 6 ? `[${bare}]` : bare;
}
