/**
 * OAuth2 through openid-client (certified, standards-only) for Microsoft's identity platform and
 * custom servers: their token, authorization and device endpoints are plain RFC 6749/7636/8628.
 */
import * as oidc from 'openid-client';
import { GrantRevokedError } from '../errors.ts';
import { isLoopbackUrl } from '../net/loopback.ts';
import {
  NEEDS_LOGIN,
  type OAuth2Settings,
  type OAuthClient,
  type TokenSet,
} from './oauthClient.ts';

export function openidClient(settings: OAuth2Settings): OAuthClient {
  const server: oidc.ServerMetadata = {
    // Only the endpoints are configured; the issuer is used for nothing but this label.
    issuer: new URL(settings.tokenUrl).origin,
    token_endpoint: settings.tokenUrl,
    ...(settings.authorizeUrl ? { authorization_endpoint: settings.authorizeUrl } : {}),
    ...(settings.deviceAuthorizationUrl
      ? { device_authorization_endpoint: settings.deviceAuthorizationUrl }
      : {}),
  };
  const config = new oidc.Configuration(
    server,
    settings.clientId,
    settings.clientSecret ?? undefined,
    settings.clientSecret ? oidc.ClientSecretPost(settings.clientSecret) : oidc.None(),
  );
  // The schema allows http only for a server on this machine (a local test server).
  if (isLoopbackUrl(settings.tokenUrl)) oidc.allowInsecureRequests(config);
  const scope = settings.scopes.join(' ');

  return {
    refresh: (refreshToken) =>
      tokenRequest(() => oidc.refreshTokenGrant(config, refreshToken, { scope })),
    authorizationUrl({ redirectUri, state, codeChallenge }) {
      if (!settings.authorizeUrl) return null;
      return oidc.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: 'S256',
        ...settings.authorizeParams,
      });
    },
    exchangeCode({ callbackUrl, state, codeVerifier }) {
      // openid-client takes the redirect URI from the callback URL. The RFC 9207 `iss` parameter names the issuer, which the config does not: we sent the
      // person to this very server ourselves, so there is no mix-up to detect.
      const url = new URL(callbackUrl);
      url.searchParams.delete('iss');
      return tokenRequest(() =>
        oidc.authorizationCodeGrant(config, url, {
          expectedState: state,
          pkceCodeVerifier: codeVerifier,
        }),
      );
    },
    startDevice() {
      if (!settings.deviceAuthorizationUrl) return null;
      return oidc.initiateDeviceAuthorization(config, { scope }).then((device) => ({
        userCode: device.user_code,
        verificationUri: device.verification_uri,
        ...(device.verification_uri_complete
          ? { verificationUriComplete: device.verification_uri_complete }
          : {}),
        tokens: () => tokenRequest(() => oidc.pollDeviceAuthorizationGrant(config, device)),
      }));
    },
  };
}

async function tokenRequest(request: () => Promise<oidc.TokenEndpointResponse>): Promise<TokenSet> {
  let response: oidc.TokenEndpointResponse;
  try {
    response = await request();
  } catch (err) {
    if (err instanceof oidc.ResponseBodyError && NEEDS_LOGIN.has(err.error)) {
      throw new GrantRevokedError(err.error, err.error_description);
    }
    throw err;
  }
  return {
    accessToken: response.access_token,
    ...(response.refresh_token ? { refreshToken: response.refresh_token } : {}),
    ...(response.expires_in !== undefined ? { expiresIn: response.expires_in } : {}),
  };
}
