// A real OAuth2 authorization server (oidc-provider, OpenID certified) on loopback for tests: the
// authorization code flow with PKCE and loopback redirects, the device flow, refresh tokens that
// rotate, revocation, and token introspection for Dovecot. Access tokens live `accessTokenTtl`
// seconds so that tests see them expire. The built-in development login page accepts any login.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type ResponseType } from 'oidc-provider';
import type { Page } from 'playwright-core';
import { LOOPBACK } from './freePort.ts';

/** The resource server (the mailbox) the access tokens are for; Dovecot introspects them. */
const RESOURCE = 'urn:wherewemet:test:mail';
/** Scopes the mailbox accepts: a neutral one and the ones Google and Microsoft document. */
const MAIL_SCOPES = [
  'mail',
  'https://mail.google.com/',
  'https://outlook.office.com/IMAP.AccessAsUser.All',
  'https://outlook.office.com/SMTP.Send',
];

export interface OAuthServer {
  issuer: string;
  tokenUrl: string;
  authorizeUrl: string;
  deviceAuthorizationUrl: string;
  /** With Dovecot's client credentials in it, as Dovecot's introspection_url wants. */
  introspectionUrl: string;
  /** A public client (no secret), as a desktop app registers. */
  publicClientId: string;
  /** A confidential client, as Google registers "desktop" clients (the secret is not secret). */
  confidentialClient: { id: string; secret: string };
  /** Requests to the token endpoint so far, any grant. */
  readonly tokenRequests: number;
  /** A refresh token for `user` (the IMAP login name), as if `user` had consented just now. */
  refreshTokenFor(user: string, clientId?: string): Promise<string>;
  /** Revokes every grant of `user` with its tokens, as a user does in their account settings. */
  revoke(user: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startOAuthServer(
  options: { accessTokenTtl?: number } = {},
): Promise<OAuthServer> {
  const accessTokenTtl = options.accessTokenTtl ?? 3;
  let tokenRequests = 0;
  let handler: ReturnType<Provider['callback']> | undefined;
  const http: Server = createServer((req, res) => {
    if (req.method === 'POST' && req.url?.split('?')[0] === '/token') tokenRequests++;
    if (handler) handler(req, res);
    else res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => http.listen(0, LOOPBACK, resolve));
  const issuer = `http://${LOOPBACK}:${(http.address() as AddressInfo).port}`;
  const dovecot = { id: 'dovecot', secret: 'dovecot-introspection-secret' };
  const confidentialClient = { id: 'wherewemet-desktop', secret: 'desktop-client-secret' };
  const publicClientId = 'wherewemet-public';
  const grantTypes = [
    'authorization_code',
    'refresh_token',
    'urn:ietf:params:oauth:grant-type:device_code',
  ];
  const app = {
    application_type: 'native' as const,
    // Native clients may use any port on the loopback address (RFC 8252 section 7.3).
    redirect_uris: [`http://${LOOPBACK}/`],
    grant_types: grantTypes,
    response_types: ['code'] as ResponseType[],
  };

  const provider = new Provider(issuer, {
    clients: [
      { ...app, client_id: publicClientId, token_endpoint_auth_method: 'none' },
      { ...app, client_id: confidentialClient.id, client_secret: confidentialClient.secret },
      {
        client_id: dovecot.id,
        client_secret: dovecot.secret,
        grant_types: [],
        redirect_uris: [],
        response_types: [],
      },
    ],
    scopes: ['openid', 'offline_access', ...MAIL_SCOPES],
    features: {
      devInteractions: { enabled: true },
      deviceFlow: { enabled: true },
      // Dovecot authenticates as its own client and may ask about any token.
      introspection: { enabled: true, allowedPolicy: async () => true },
      revocation: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: MAIL_SCOPES.join(' '),
          accessTokenFormat: 'opaque',
          accessTokenTTL: accessTokenTtl,
        }),
      },
    },
    // Every grant gets a refresh token, as Google's with access_type=offline and Microsoft's with offline_access.
    issueRefreshToken: async () => true,
    // The login name is the subject, and Dovecot checks it against the IMAP user (username_attribute = sub).
    findAccount: async (_ctx, sub) => ({ accountId: sub, claims: async () => ({ sub }) }),
    pkce: { required: () => true, methods: ['S256'] },
    cookies: { keys: ['wherewemet-test-cookie-key'] },
    ttl: {
      AccessToken: accessTokenTtl,
      DeviceCode: 300,
      RefreshToken: 3600,
      Grant: 3600,
      Session: 3600,
      Interaction: 300,
    },
  });
  const grants = new Map<string, Set<string>>();
  provider.on('grant.saved', (grant: { accountId?: string; jti: string }) => {
    if (!grant.accountId) return;
    grants.set(grant.accountId, (grants.get(grant.accountId) ?? new Set()).add(grant.jti));
  });
  // Loopback HTTP is this server's whole point; oidc-provider warns about it in development mode.
  provider.proxy = false;
  handler = provider.callback();

  return {
    issuer,
    tokenUrl: `${issuer}/token`,
    authorizeUrl: `${issuer}/auth`,
    deviceAuthorizationUrl: `${issuer}/device/auth`,
    introspectionUrl: `http://${dovecot.id}:${dovecot.secret}@${LOOPBACK}:${new URL(issuer).port}/token/introspection`,
    publicClientId,
    confidentialClient,
    get tokenRequests() {
      return tokenRequests;
    },
    async refreshTokenFor(user, clientId = confidentialClient.id) {
      const client = await provider.Client.find(clientId);
      if (!client) throw new Error(`no client ${clientId}`);
      const scope = `offline_access ${MAIL_SCOPES.join(' ')}`;
      const grant = new provider.Grant({ accountId: user, clientId });
      grant.addOIDCScope('offline_access');
      grant.addResourceScope(RESOURCE, MAIL_SCOPES.join(' '));
      const grantId = await grant.save();
      const token = new provider.RefreshToken({
        accountId: user,
        client,
        grantId,
        scope,
        resource: RESOURCE,
        gty: 'authorization_code',
      });
      return token.save();
    },
    async revoke(user) {
      for (const grantId of grants.get(user) ?? []) {
        await (await provider.Grant.find(grantId))?.destroy();
        await provider.RefreshToken.revokeByGrantId(grantId);
        await provider.AccessToken.revokeByGrantId(grantId);
      }
      grants.delete(user);
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        http.closeAllConnections();
        http.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** In a browser at the server's authorization URL: its development login page (any password), then its consent page. */
export async function signInAs(page: Page, user: string): Promise<void> {
  await page.locator('input[name=login]').fill(user);
  await page.locator('input[name=password]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}
