/**
 * The OAuth2 library for a provider: Google's own for Google, openid-client for the rest. Each is
 * loaded when first needed, so that an account with a password never loads either.
 */
import type { OAuth2Settings, OAuthClient } from './oauthClient.ts';

export async function loadOAuthClient(settings: OAuth2Settings): Promise<OAuthClient> {
  if (settings.provider === 'google')
    return (await import('./googleClient.ts')).googleClient(settings);
  return (await import('./openidClient.ts')).openidClient(settings);
}
