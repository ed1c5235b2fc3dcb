/**
 * What wherewemet knows about mail providers and OAuth2 authorization servers, as plain data:
 * `provider: gmail` in the config fills in the rest. Sources: each provider's IMAP/SMTP help
 * pages, Google's OAuth2 for installed apps, Microsoft's identity platform (v2.0 endpoints).
 */

export const MAIL_PROVIDERS = ['gmail', 'outlook', 'fastmail', 'icloud', 'yahoo'] as const;
export type MailProvider = (typeof MAIL_PROVIDERS)[number];

export const OAUTH2_PROVIDERS = ['google', 'microsoft', 'custom'] as const;
export type OAuth2Provider = (typeof OAUTH2_PROVIDERS)[number];

export interface ProviderProfile {
  /** Name for people. */
  label: string;
  imap: { host: string; port: number; secure: boolean };
  /** For `approve`; smtps:// is TLS from the first byte, smtp:// must upgrade with STARTTLS. */
  smtpUrl: string;
  /** The provider files what it relays in Sent itself, so `approve` must not add a copy. */
  providerSavesToSent: boolean;
  /** Re-issue IDLE this often: Gmail and Exchange drop long IDLEs; RFC 2177 says under 29 minutes. */
  idleRestartSeconds: number;
  /** How to sign in: OAuth2 with this authorization server, or an app password. */
  auth: { oauth2: OAuth2Provider | null; appPassword: boolean };
  /** Where a person creates an app password, when the provider has them. */
  appPasswordUrl: string | null;
  /**
   * The authserv-id of the provider's Authentication-Results, where it is the same on every
   * mailbox: "" for a header that names no server (Exchange Online); null where it varies or is
   * not documented (then it is learned from the mailbox).
   */
  authservId: string | null;
}

// Gmail and Exchange Online cut IDLE after about 10 (Exchange) to 29 (Gmail, in practice less)
// minutes; 9 stays under both. Others get the 5 minutes wherewemet has always used.
const SHORT_IDLE = 9 * 60;
const IDLE = 5 * 60;

export const PROVIDER_PROFILES: Record<MailProvider, ProviderProfile> = {
  gmail: {
    label: 'Gmail / Google Workspace',
    imap: { host: 'imap.gmail.com', port: 993, secure: true },
    smtpUrl: 'smtps://smtp.gmail.com:465',
    providerSavesToSent: true,
    idleRestartSeconds: SHORT_IDLE,
    auth: { oauth2: 'google', appPassword: true },
    appPasswordUrl: 'https://myaccount.google.com/apppasswords',
    // Gmail's header on every received mail: "Authentication-Results: mx.google.com; dkim=pass …".
    authservId: 'mx.google.com',
  },
  outlook: {
    label: 'Outlook.com / Microsoft 365',
    imap: { host: 'outlook.office365.com', port: 993, secure: true },
    smtpUrl: 'smtp://smtp.office365.com:587',
    providerSavesToSent: true,
    idleRestartSeconds: SHORT_IDLE,
    // Passwords are refused for IMAP (basic auth is off), so there are no app passwords to offer.
    auth: { oauth2: 'microsoft', appPassword: false },
    appPasswordUrl: null,
    // Exchange Online (Microsoft 365 and Outlook.com) writes its header without the authserv-id
    // RFC 8601 asks for: "Authentication-Results: spf=pass (sender IP is …) smtp.mailfrom=…;
    // dkim=pass (signature was verified) header.d=…; dmarc=pass action=none header.from=…".
    authservId: '',
  },
  fastmail: {
    label: 'Fastmail',
    imap: { host: 'imap.fastmail.com', port: 993, secure: true },
    smtpUrl: 'smtps://smtp.fastmail.com:465',
    providerSavesToSent: false,
    idleRestartSeconds: IDLE,
    auth: { oauth2: null, appPassword: true },
    appPasswordUrl: 'https://app.fastmail.com/settings/security/apps',
    // One per receiving host (Fastmail's mx1…, Yahoo's per cluster), or not documented: learned.
    authservId: null,
  },
  icloud: {
    label: 'iCloud Mail',
    imap: { host: 'imap.mail.me.com', port: 993, secure: true },
    smtpUrl: 'smtp://smtp.mail.me.com:587',
    providerSavesToSent: false,
    idleRestartSeconds: IDLE,
    auth: { oauth2: null, appPassword: true },
    appPasswordUrl: 'https://account.apple.com (Sign-In and Security > App-Specific Passwords)',
    authservId: null,
  },
  yahoo: {
    label: 'Yahoo Mail',
    imap: { host: 'imap.mail.yahoo.com', port: 993, secure: true },
    smtpUrl: 'smtps://smtp.mail.yahoo.com:465',
    providerSavesToSent: false,
    idleRestartSeconds: IDLE,
    auth: { oauth2: null, appPassword: true },
    appPasswordUrl: 'https://login.yahoo.com/account/security (Generate app password)',
    authservId: null,
  },
};

/**
 * The user's mail server, by the authserv-id of its Authentication-Results: as configured, else
 * as the provider writes it; null when neither tells (run then learns it from the mailbox).
 */
export function configuredMailServer(
  trustedAuthservId: string | null,
  provider: MailProvider | null,
): string | null {
  return trustedAuthservId ?? (provider ? PROVIDER_PROFILES[provider].authservId : null);
}

/** Defaults when an account names no provider. */
export const DEFAULT_IDLE_RESTART_SECONDS = IDLE;

export interface OAuth2Endpoints {
  authorizeUrl: string;
  tokenUrl: string;
  deviceAuthorizationUrl: string | null;
  scopes: string[];
  /** Extra parameters of the authorization request. */
  authorizeParams: Record<string, string>;
}

export const OAUTH2_ENDPOINTS: Record<Exclude<OAuth2Provider, 'custom'>, OAuth2Endpoints> = {
  google: {
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    // Google's device flow does not grant the Gmail scope; the loopback redirect is the way.
    deviceAuthorizationUrl: null,
    scopes: ['https://mail.google.com/'],
    // access_type=offline asks for a refresh token; prompt=consent gets a new one on every login.
    authorizeParams: { access_type: 'offline', prompt: 'consent' },
  },
  microsoft: {
    // "common": work, school and personal accounts alike.
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
    deviceAuthorizationUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/devicecode',
    scopes: [
      'https://outlook.office.com/IMAP.AccessAsUser.All',
      'https://outlook.office.com/SMTP.Send',
      'offline_access',
    ],
    authorizeParams: {},
  },
};
