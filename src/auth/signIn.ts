/**
 * The two ways a person signs in for `login`: the browser comes back to a one-off HTTP server on
 * 127.0.0.1 (RFC 8252 loopback redirect, with PKCE), or the person types a code on any device
 * (RFC 8628 device flow). `tell` shows them what to do, one line each.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import type { DeviceAuthorization, OAuthClient, TokenSet } from './oauthClient.ts';

const LOOPBACK = '127.0.0.1';

export interface SignInOptions {
  tell: (line: string) => void;
  /** Give up after this long; the person may have walked away. */
  timeoutMs?: number;
}

export async function signInWithBrowser(
  client: OAuthClient,
  options: SignInOptions,
): Promise<TokenSet> {
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const codeChallenge = await oidc.calculatePKCECodeChallenge(codeVerifier);
  const state = oidc.randomState();
  let settle: { resolve: (url: URL) => void; reject: (err: Error) => void } | undefined;
  const callback = new Promise<URL>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let redirectUri = '';
  const server = createServer((req, res) => {
    // The token request repeats the redirect URI exactly, port and all (RFC 6749 section 4.1.3).
    const url = new URL(req.url ?? '/', redirectUri);
    // Browsers also ask for /favicon.ico and the like: only the redirect with our state counts.
    if (url.searchParams.get('state') !== state) {
      res.writeHead(404).end();
      return;
    }
    const failed = url.searchParams.has('error');
    res
      .writeHead(failed ? 400 : 200, { 'content-type': 'text/plain; charset=utf-8' })
      .end(
        failed
          ? 'wherewemet: sign-in was not completed. You can close this tab.\n'
          : 'wherewemet: signed in. You can close this tab and go back to the terminal.\n',
      );
    settle?.resolve(url);
  });
  await new Promise<void>((resolve) => server.listen(0, LOOPBACK, resolve));
  redirectUri = `http://${LOOPBACK}:${(server.address() as AddressInfo).port}/`;
  try {
    const url = client.authorizationUrl({ redirectUri, state, codeChallenge });
    if (!url) throw new Error('this provider has no authorization endpoint (authorizeUrl)');
    options.tell(`Open this address in a browser on this machine and sign in: ${url.href}`);
    const timer = setTimeout(
      () => settle?.reject(new Error('no sign-in within the time allowed')),
      options.timeoutMs ?? 5 * 60_000,
    );
    const callbackUrl = await callback.finally(() => clearTimeout(timer));
    return await client.exchangeCode({ callbackUrl, redirectUri, state, codeVerifier });
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

export async function signInWithDevice(
  client: OAuthClient,
  options: SignInOptions,
): Promise<TokenSet> {
  const started = client.startDevice();
  if (!started) throw new Error('this provider has no device flow (deviceAuthorizationUrl)');
  const device: DeviceAuthorization = await started;
  options.tell(
    device.verificationUriComplete
      ? `On any device, open ${device.verificationUriComplete} (or ${device.verificationUri} and enter the code ${device.userCode})`
      : `On any device, open ${device.verificationUri} and enter the code ${device.userCode}`,
  );
  return device.tokens();
}
