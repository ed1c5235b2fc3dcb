/**
 * The two ways a person signs in for `login`: the browser comes back to a one-off HTTP server on
 * 127.0.0.1 (RFC 8252 loopback redirect, with PKCE), or the person types a code on any device
 * (RFC 8628 device flow). `tell` shows them what to do, one line each.
 */
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as oidc from 'openid-client';
import { BlockedError, describeError } from '../errors.ts';
import {
  type DeviceAuthorization,
  type OAuthClient,
  oauthRefusal,
  type TokenSet,
} from './oauthClient.ts';

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
  let settle: { resolve: (tokens: TokenSet) => void; reject: (err: Error) => void } | undefined;
  const signedIn = new Promise<TokenSet>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let redirectUri = '';
  let answered = false;
  const server = createServer((req, res) => {
    // The token request repeats the redirect URI exactly, port and all (RFC 6749 section 4.1.3).
    const callbackUrl = new URL(req.url ?? '/', redirectUri);
    // Browsers also ask for /favicon.ico and the like: only the redirect with our state counts.
    if (callbackUrl.searchParams.get('state') !== state || answered) {
      res.writeHead(404).end();
      return;
    }
    answered = true;
    // The page waits for the token exchange, so that it says "signed in" only once it is true.
    client.exchangeCode({ callbackUrl, redirectUri, state, codeVerifier }).then(
      (tokens) => page(res, 200, SIGNED_IN, () => settle?.resolve(tokens)),
      (err: unknown) => {
        const failed = signInFailed(err);
        page(res, 400, `wherewemet: ${describeError(failed)}\n\n${FAILED_NEXT}`, () =>
          settle?.reject(failed),
        );
      },
    );
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
    return await signedIn.finally(() => clearTimeout(timer));
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

const SIGNED_IN = 'wherewemet: signed in. You can close this tab and go back to the terminal.';

const FAILED_NEXT = 'Nothing was saved. The terminal says the same and what to do next.';

/** What a person can do about the refusals a first sign-in meets. */
const REFUSAL_HINTS: Record<string, string> = {
  invalid_client: 'check the client ID and client secret',
  invalid_grant:
    'the code was refused (used already, expired, or issued to another client): sign in again',
  access_denied:
    'the sign-in was declined; while an app is in testing, only its test users may sign in',
  unauthorized_client:
    'the app registration does not allow this sign-in: check its type and settings',
};

function signInFailed(err: unknown): BlockedError {
  const { error, text } = oauthRefusal(err);
  const hint = error ? REFUSAL_HINTS[error] : undefined;
  return new BlockedError(
    'LOGIN_REFUSED',
    `sign-in failed: ${text}`,
    hint ?? 'sign in again; if it fails the same way, check the app registration',
    err,
  );
}

/**
 * Plain text, so that nothing the authorization server sent back can become markup. `then` runs
 * once the page is sent, or at once if the browser has gone: the server closes after it.
 */
function page(res: ServerResponse, status: number, text: string, then: () => void): void {
  if (res.destroyed) {
    then();
    return;
  }
  res.on('close', then);
  res
    .writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' })
    .end(`${text}\n`);
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
