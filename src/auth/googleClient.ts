/**
 * OAuth2 for Gmail through google-auth-library, Google's own client: it knows Google's token
 * responses and errors. Google offers no device flow for the Gmail scope, so `login` uses the
 * loopback redirect with PKCE, as Google's guide for installed apps says.
 */
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { GrantRevokedError } from '../errors.ts';
import {
  NEEDS_LOGIN,
  type OAuth2Settings,
  type OAuthClient,
  type TokenSet,
} from './oauthClient.ts';

export function googleClient(settings: OAuth2Settings): OAuthClient {
  const client = (redirectUri?: string) =>
    new OAuth2Client({
      clientId: settings.clientId,
      ...(settings.clientSecret ? { clientSecret: settings.clientSecret } : {}),
      ...(redirectUri ? { redirectUri } : {}),
      endpoints: {
        oauth2TokenUrl: settings.tokenUrl,
        ...(settings.authorizeUrl ? { oauth2AuthBaseUrl: settings.authorizeUrl } : {}),
      },
    });

  return {
    async refresh(refreshToken) {
      const google = client();
      google.setCredentials({ refresh_token: refreshToken });
      return tokens(() => google.refreshAccessToken().then((r) => r.credentials));
    },
    authorizationUrl({ redirectUri, state, codeChallenge }) {
      if (!settings.authorizeUrl) return null;
      const url = client(redirectUri).generateAuthUrl({
        scope: settings.scopes,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: CodeChallengeMethod.S256,
        ...settings.authorizeParams,
      });
      return new URL(url);
    },
    async exchangeCode({ callbackUrl, redirectUri, state, codeVerifier }) {
      const params = callbackUrl.searchParams;
      if (params.get('state') !== state) throw new Error('the sign-in answered another request');
      const error = params.get('error');
      if (error) throw new GrantRevokedError(error, params.get('error_description') ?? undefined);
      const code = params.get('code');
      if (!code) throw new Error('the sign-in came back without a code');
      return tokens(() =>
        client(redirectUri)
          .getToken({ code, codeVerifier, redirect_uri: redirectUri })
          .then((r) => r.tokens),
      );
    },
    startDevice: () => null,
  };
}

async function tokens(
  request: () => Promise<{
    access_token?: string | null;
    refresh_token?: string | null;
    expiry_date?: number | null;
  }>,
): Promise<TokenSet> {
  let credentials: Awaited<ReturnType<typeof request>>;
  try {
    credentials = await request();
  } catch (err) {
    // A GaxiosError carries the token endpoint's JSON error body.
    const body = (err as { response?: { data?: { error?: string; error_description?: string } } })
      .response?.data;
    if (body?.error && NEEDS_LOGIN.has(body.error)) {
      throw new GrantRevokedError(body.error, body.error_description);
    }
    throw err;
  }
  if (!credentials.access_token) throw new Error('the token response has no access_token');
  return {
    accessToken: credentials.access_token,
    ...(credentials.refresh_token ? { refreshToken: credentials.refresh_token } : {}),
    ...(credentials.expiry_date
      ? { expiresIn: Math.round((credentials.expiry_date - Date.now()) / 1000) }
      : {}),
  };
}
