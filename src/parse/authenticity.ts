/**
 * Is this mail really from LinkedIn? Only what the receiving side established counts as proof:
 * the Authentication-Results header of the user's own mail server (known by its authserv-id:
 * configured, from the provider, or learned from the mailbox) or a DKIM signature verified by us.
 * Anything a sender can write (X-LinkedIn-* headers, Received lines, display names, an
 * Authentication-Results header of its own) proves nothing, but can prove an imitation: a
 * look-alike domain, a failed check, or links that lead away from LinkedIn.
 */
import { domainToUnicode } from 'node:url';
import type { MailInput } from './readMessage.ts';

export type Authenticity = 'verified' | 'unverified' | 'suspicious';

export interface AuthenticityInput {
  fromAddress: string | null;
  fromName: string | null;
  /** Authentication-Results header values, topmost (most recently added) first. */
  authenticationResults: string[];
  /**
   * The user's mail server, by its authserv-id ("" for one that writes none, as Exchange Online):
   * only its Authentication-Results count. null: not known, so no header's pass proves anything
   * (the topmost one's failures still count against the mail).
   */
  trustedAuthservId: string | null;
  /** Targets of the links a reader can click. */
  linkHrefs: string[];
  /** The inviter's note: a link typed in it is the inviter's text, once LinkedIn is proven to have sent it. */
  note?: string | null;
  /** Our own DKIM verdict for a linkedin.com signature, when one was checked. */
  dkimVerified: boolean | null;
}

export interface AuthenticityVerdict {
  authenticity: Authenticity;
  reasons: string[];
}

const LINKEDIN_DOMAINS = ['linkedin.com', 'licdn.com', 'lnkd.in'];
/** App-store badges in LinkedIn's own footers. */
const APP_STORE_HOSTS = [
  'apps.apple.com',
  'itunes.apple.com',
  'play.google.com',
  'apps.microsoft.com',
];

export function isLinkedInDomain(domain: string): boolean {
  const d = domain.toLowerCase().replace(/\.$/, '');
  return LINKEDIN_DOMAINS.some((root) => d === root || d.endsWith(`.${root}`));
}

export function domainOf(address: string | null): string | null {
  const at = address?.lastIndexOf('@') ?? -1;
  return address && at >= 0 ? address.slice(at + 1).toLowerCase() : null;
}

/**
 * Only mail that presents itself as LinkedIn's can be a LinkedIn notification: by its sender
 * (a LinkedIn or look-alike domain, "LinkedIn" in the display name) or LinkedIn's own headers.
 */
export function claimsLinkedIn(mail: Pick<MailInput, 'from' | 'headers'>): boolean {
  const fromDomain = domainOf(mail.from?.address ?? null);
  return (
    (fromDomain !== null && (isLinkedInDomain(fromDomain) || looksLikeLinkedIn(fromDomain))) ||
    /linked\s*in/i.test(mail.from?.name ?? '') ||
    (!fromDomain && [...mail.headers.keys()].some((k) => k.startsWith('x-linkedin-')))
  );
}

export function assessAuthenticity(input: AuthenticityInput): AuthenticityVerdict {
  const suspicious: string[] = [];
  const fromDomain = domainOf(input.fromAddress);
  const fromIsLinkedIn = fromDomain !== null && isLinkedInDomain(fromDomain);

  if (fromDomain && !fromIsLinkedIn && looksLikeLinkedIn(fromDomain)) {
    suspicious.push(`sender domain ${fromDomain} imitates linkedin.com`);
  } else if (fromDomain && !fromIsLinkedIn && /linked\s*in/i.test(input.fromName ?? '')) {
    suspicious.push(`display name claims LinkedIn but the address is at ${fromDomain}`);
  }

  const trusted = input.trustedAuthservId;
  const header = trusted === null ? input.authenticationResults[0] : trustedHeader(input, trusted);
  let serverPassed = false;
  for (const r of header ? resultsOf(header) : []) {
    const domain =
      r.props['header.d'] ??
      r.props['header.i']?.replace(/^.*@/, '') ??
      r.props['header.from'] ??
      r.props['smtp.mailfrom']?.replace(/^.*@/, '');
    if (!domain || !isLinkedInDomain(domain)) continue;
    if ((r.method === 'dkim' || r.method === 'dmarc') && r.result === 'pass') serverPassed = true;
    if (
      ['fail', 'softfail', 'permerror'].includes(r.result) &&
      ['dkim', 'spf', 'dmarc'].includes(r.method)
    ) {
      suspicious.push(`${r.method}=${r.result} for ${domain} (Authentication-Results)`);
    }
  }
  // Without knowing the user's server, a pass may be the sender's own header: it proves nothing.
  if (trusted === null) serverPassed = false;
  // Our check fails where the server (which saw the mail as it arrived) passed when something on
  // the way re-encoded the body; otherwise a LinkedIn signature that does not verify is forged.
  if (input.dkimVerified === false && !serverPassed)
    suspicious.push("LinkedIn's DKIM signature does not verify (our own check)");
  const passed = serverPassed || input.dkimVerified === true;

  // A URL the inviter typed into the note is their text, not a button of the mail: but only
  // where LinkedIn is proven to have sent it, or an imitation would hide its links that way.
  const note = passed && fromIsLinkedIn ? (input.note ?? null) : null;
  const leaving = new Set<string>();
  for (const href of input.linkHrefs) {
    if (note?.includes(href)) continue;
    const host = linkHost(href);
    if (host && !isLinkedInDomain(host) && !APP_STORE_HOSTS.includes(host)) leaving.add(host);
  }
  if (leaving.size > 0)
    suspicious.push(`links lead away from LinkedIn: ${[...leaving].slice(0, 3).join(', ')}`);

  if (suspicious.length > 0) return { authenticity: 'suspicious', reasons: suspicious };
  if (passed && fromIsLinkedIn) {
    return {
      authenticity: 'verified',
      reasons: [
        serverPassed
          ? 'your mail server verified DKIM/DMARC for linkedin.com'
          : "LinkedIn's DKIM signature verified (our own check)",
      ],
    };
  }
  return { authenticity: 'unverified', reasons: [unverifiedReason(input, fromIsLinkedIn)] };
}

function unverifiedReason(input: AuthenticityInput, fromIsLinkedIn: boolean): string {
  if (!fromIsLinkedIn) return 'not sent from linkedin.com';
  const first = input.authenticationResults[0];
  if (input.trustedAuthservId === null && first !== undefined) {
    const id = authservId(first);
    return `from linkedin.com; its Authentication-Results (${id || 'no server named'}) are not known to be your mail server's (authenticity.trustedAuthservId)`;
  }
  return 'from linkedin.com, but no server check proves it';
}

/**
 * The topmost header the trusted server wrote. A server adds its header above those already in
 * the mail, so a sender's copy of the same authserv-id lies below the server's own.
 */
function trustedHeader(input: AuthenticityInput, trusted: string): string | undefined {
  const id = trusted.toLowerCase();
  return input.authenticationResults.find((h) => authservId(h) === id);
}

interface AuthResult {
  method: string;
  result: string;
  props: Record<string, string>;
}

/** The results of one Authentication-Results header (RFC 8601). */
function resultsOf(header: string): AuthResult[] {
  const parts = withoutComments(header).split(';');
  // Exchange Online names no server: its first part is already a result.
  return parts.slice(namesServer(header) ? 1 : 0).flatMap((part) => {
    const words = part.trim().split(/\s+/);
    const [method, result] = (words[0] ?? '').toLowerCase().split('=');
    if (!method || !result) return [];
    const props: Record<string, string> = {};
    for (const word of words.slice(1)) {
      const eq = word.indexOf('=');
      if (eq > 0)
        props[word.slice(0, eq).toLowerCase()] = word
          .slice(eq + 1)
          .replace(/^"|"$/g, '')
          .toLowerCase();
    }
    return [{ method, result, props }];
  });
}

/**
 * The authserv-id of an Authentication-Results header value, lower case: "mx.google.com" for
 * "mx.google.com; dkim=pass …", "" for Exchange Online's "spf=pass (…) smtp.mailfrom=…; …".
 */
export function authservId(header: string): string {
  if (!namesServer(header)) return '';
  return (withoutComments(header).split(';')[0] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
}

function namesServer(header: string): boolean {
  const first = (withoutComments(header).split(';')[0] ?? '').trim().split(/\s+/)[0] ?? '';
  return first !== '' && !first.includes('=');
}

function withoutComments(value: string): string {
  return value.replace(/\([^()]*\)/g, ' ').replace(/\s+/g, ' ');
}

function linkHost(href: string): string | null {
  if (!/^https?:/i.test(href)) return null;
  return URL.canParse(href) ? new URL(href).hostname.toLowerCase() : 'an unreadable address';
}

/** Confusable characters folded to the Latin letters they imitate. */
const CONFUSABLES: Record<string, string> = {
  '1': 'l',
  '|': 'l',
  ӏ: 'l',
  ı: 'i',
  і: 'i',
  ï: 'i',
  í: 'i',
  ì: 'i',
  '0': 'o',
  о: 'o',
  е: 'e',
  é: 'e',
  ė: 'e',
  к: 'k',
  ķ: 'k',
  ո: 'n',
  ń: 'n',
  ñ: 'n',
  ԁ: 'd',
  ɗ: 'd',
};

/** True for domains that read like linkedin.com without being it: linkedln, linnkedin, linkedin-x.net. */
export function looksLikeLinkedIn(domain: string): boolean {
  const unicode = domainToUnicode(domain) || domain;
  const folded = [...unicode.toLowerCase()].map((c) => CONFUSABLES[c] ?? c).join('');
  const labels = folded.split('.');
  return labels.some((label) => {
    const plain = label.replace(/[-_]/g, '');
    return (
      plain.includes('linkedin') ||
      plain.includes('linkdin') ||
      editDistance(plain, 'linkedin') <= 2
    );
  });
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
