/**
 * Is this mail really from LinkedIn? Only what the receiving side established counts as proof:
 * the topmost Authentication-Results header (written by the user's own mail server, optionally
 * pinned by its authserv-id) or a DKIM signature verified by us. Anything a sender can write
 * (X-LinkedIn-* headers, Received lines, display names) proves nothing, but can prove an imitation:
 * a look-alike domain, a failed check, or links that lead away from LinkedIn.
 */
import { domainToUnicode } from 'node:url';

export type Authenticity = 'verified' | 'unverified' | 'suspicious';

export interface AuthenticityInput {
  fromAddress: string | null;
  fromName: string | null;
  /** Authentication-Results header values, topmost (most recently added) first. */
  authenticationResults: string[];
  /** Only trust Authentication-Results from this server (its authserv-id); null: the topmost. */
  trustedAuthservId: string | null;
  /** Targets of the links a reader can click. */
  linkHrefs: string[];
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

export function assessAuthenticity(input: AuthenticityInput): AuthenticityVerdict {
  const suspicious: string[] = [];
  const fromDomain = domainOf(input.fromAddress);
  const fromIsLinkedIn = fromDomain !== null && isLinkedInDomain(fromDomain);

  if (fromDomain && !fromIsLinkedIn && looksLikeLinkedIn(fromDomain)) {
    suspicious.push(`sender domain ${fromDomain} imitates linkedin.com`);
  } else if (fromDomain && !fromIsLinkedIn && /linked\s*in/i.test(input.fromName ?? '')) {
    suspicious.push(`display name claims LinkedIn but the address is at ${fromDomain}`);
  }

  const results = trustedResults(input.authenticationResults, input.trustedAuthservId);
  let passed = false;
  for (const r of results) {
    const domain =
      r.props['header.d'] ??
      r.props['header.i']?.replace(/^.*@/, '') ??
      r.props['header.from'] ??
      r.props['smtp.mailfrom']?.replace(/^.*@/, '');
    if (!domain || !isLinkedInDomain(domain)) continue;
    if ((r.method === 'dkim' || r.method === 'dmarc') && r.result === 'pass') passed = true;
    if (
      ['fail', 'softfail', 'permerror'].includes(r.result) &&
      ['dkim', 'spf', 'dmarc'].includes(r.method)
    ) {
      suspicious.push(`${r.method}=${r.result} for ${domain} (Authentication-Results)`);
    }
  }
  if (input.dkimVerified === true) passed = true;

  const leaving = new Set<string>();
  for (const href of input.linkHrefs) {
    const host = linkHost(href);
    if (host && !isLinkedInDomain(host) && !APP_STORE_HOSTS.includes(host)) leaving.add(host);
  }
  if (leaving.size > 0)
    suspicious.push(`links lead away from LinkedIn: ${[...leaving].slice(0, 3).join(', ')}`);

  if (suspicious.length > 0) return { authenticity: 'suspicious', reasons: suspicious };
  if (passed && fromIsLinkedIn) {
    return {
      authenticity: 'verified',
      reasons: ['mail server verified DKIM/DMARC for linkedin.com'],
    };
  }
  return {
    authenticity: 'unverified',
    reasons: [
      fromIsLinkedIn
        ? 'from linkedin.com, but no server check proves it'
        : 'not sent from linkedin.com',
    ],
  };
}

interface AuthResult {
  method: string;
  result: string;
  props: Record<string, string>;
}

/** Parses the results of the trusted Authentication-Results header (RFC 8601). */
function trustedResults(headers: string[], trustedAuthservId: string | null): AuthResult[] {
  const header = trustedAuthservId
    ? headers.find((h) => authservId(h) === trustedAuthservId.toLowerCase())
    : headers[0];
  if (!header) return [];
  return withoutComments(header)
    .split(';')
    .slice(1)
    .flatMap((part) => {
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

function authservId(header: string): string {
  return (withoutComments(header).split(';')[0] ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '';
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
