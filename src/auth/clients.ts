/** The OAuth2 library for a provider: Google's own for Google, openid-client for the rest. */
import { googleClient } from './googleClient.ts';
import type { OAuth2Settings, OAuthClient } from './oauthClient.ts';
import { openidClient } from './openidClient.ts';

export function oauthClientFor(settings: OAuth2Settings): OAuthClient {
  return settings.provider === 'google' ? googleClient(settings) : openidClient(settings);
}
