/**
 * What wherewemet needs from an OAuth2 authorization server, whichever library talks to it:
 * refresh an access token, and for `login` the authorization code flow with PKCE (RFC 7636) on a
 * loopback redirect (RFC 8252) and the device flow (RFC 8628). clients.ts picks the library.
 */
/** An account's OAuth2 settings with the provider's defaults filled in. */
export interface OAuth2Settings {
  provider: 'google' | 'microsoft' | 'custom';
  clientId: string;
  clientSecret: string | null;
  tokenUrl: string;
  authorizeUrl: string | null;
  deviceAuthorizationUrl: string | null;
  scopes: string[];
  /** Extra authorization request parameters (Google's access_type=offline). */
  authorizeParams: Record<string, string>;
  /** From the config; the token store's is used once this one has rotated. */
  refreshToken: string | null;
}

export interface TokenSet {
  accessToken: string;
  /** A new refresh token when the server rotates them. */
  refreshToken?: string;
  /** Seconds. */
  expiresIn?: number;
}

export interface DeviceAuthorization {
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  /** Resolves once the person has approved on their device. */
  tokens(): Promise<TokenSet>;
}

export interface OAuthClient {
  /** Throws GrantRevokedError when the server says the refresh token is no good any more. */
  refresh(refreshToken: string): Promise<TokenSet>;
  /** The URL to send the person to; null when the server has no authorization endpoint. */
  authorizationUrl(p: { redirectUri: string; state: string; codeChallenge: string }): URL | null;
  /** Exchanges the code in the redirect the browser came back with. */
  exchangeCode(p: {
    callbackUrl: URL;
    redirectUri: string;
    state: string;
    codeVerifier: string;
  }): Promise<TokenSet>;
  /** null when the server has no device authorization endpoint. */
  startDevice(): Promise<DeviceAuthorization> | null;
}

/** Error codes of a token response that only a new sign-in can cure. */
export const NEEDS_LOGIN = new Set([
  'invalid_grant',
  'interaction_required',
  'consent_required',
  'login_required',
  'unauthorized_client',
  'invalid_client',
]);

/**
 * An authorization server's refusal as its RFC 6749 error code and one line, `error:
 * error_description`, whichever library carried it; else the error's first line. It never holds a
 * token.
 */
export function oauthRefusal(err: unknown): { error: string | undefined; text: string } {
  const carried = err as {
    error?: unknown;
    error_description?: unknown;
    description?: unknown;
    response?: { data?: { error?: unknown; error_description?: unknown } };
  };
  const body = carried.response?.data ?? carried;
  const description = body.error_description ?? carried.description;
  if (typeof body.error === 'string') {
    const text =
      typeof description === 'string' && description ? `${body.error}: ${description}` : body.error;
    return { error: body.error, text };
  }
  const text = err instanceof Error ? (err.message.split('\n')[0] ?? err.name) : String(err);
  return { error: undefined, text };
}
