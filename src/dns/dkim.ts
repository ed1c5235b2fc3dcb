/**
 * Our own DKIM check of LinkedIn's signature, for mailboxes whose server writes no trustworthy
 * Authentication-Results. An adapter around mailauth: it needs DNS, so it lives outside the pure
 * parser, whose `verifyDkim` option asks it. The resolver is injectable so tests (and
 * a caching caller) need no network.
 */
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { isLinkedInDomain } from '../parse/authenticity.ts';

/** mailauth's resolver shape: TXT lookups answer chunked strings, as node:dns resolveTxt does. */
export type DnsResolver = (domain: string, rrtype: string) => Promise<string[][] | string[]>;

/**
 * True when a DKIM signature by linkedin.com (or a subdomain) verifies over the whole body; false
 * when such a signature is present but does not verify (tampered, key missing or revoked, body
 * only partly signed); null when there is none, or DNS could not be asked, so nothing is known.
 */
export async function verifyLinkedInDkim(
  raw: Buffer,
  resolver?: DnsResolver,
): Promise<boolean | null> {
  let results: Awaited<ReturnType<typeof dkimVerify>>['results'];
  try {
    ({ results } = await dkimVerify(raw, resolver ? { resolver } : {}));
  } catch {
    return null; // unreadable input: the parser will say why
  }
  const linkedIn = results.filter(
    (r) => typeof r.signingDomain === 'string' && isLinkedInDomain(r.signingDomain),
  );
  if (linkedIn.length === 0) return null;
  // l= lets anyone append unsigned text to a real message: such a pass proves nothing.
  if (linkedIn.some((r) => r.status.result === 'pass' && !r.status.underSized)) return true;
  if (linkedIn.some((r) => r.status.result === 'temperror')) return null;
  return false;
}
