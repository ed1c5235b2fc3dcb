/**
 * What `init` tells a person about registering wherewemet with Google or Microsoft before it asks
 * for the client ID (and Google's client secret): the console page, the client type that fits
 * how `login` signs in, the scopes, the redirect. Checked against the consoles of 2026; the
 * same words answer an empty or malformed answer, and a missing flag with --yes.
 */
import type { OAuth2Provider } from '../config/providers.ts';

export interface AnswerGuide {
  /** What to enter and where to find it, after "needed: ". */
  needed: string;
  /** A message when the answer cannot be right; undefined when it may be. */
  check(value: string): string | undefined;
}

export interface OAuth2Guide {
  /** Shown before the questions, one step a line. */
  steps: string[];
  clientId: AnswerGuide;
  /** Null where the client has no secret (a public client). */
  clientSecret: AnswerGuide | null;
  /** The environment variable the config names for the secret: `clientSecret: ${NAME}`. */
  clientSecretEnv: string | null;
}

const GOOGLE_CREDENTIALS = 'https://console.cloud.google.com/apis/credentials';
const MICROSOFT_APPS =
  'https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade';

const anything = (): undefined => undefined;

export const OAUTH2_GUIDES: Record<OAuth2Provider, OAuth2Guide> = {
  google: {
    steps: [
      `Create the OAuth client at ${GOOGLE_CREDENTIALS}: "Create credentials" > "OAuth client ID", application type "Desktop app".`,
      'Redirect URI: none to enter. A Desktop app client accepts http://127.0.0.1:<any port>/, where wherewemet waits for your browser to come back.',
      'On the OAuth consent screen (Data access) add the scope https://mail.google.com/, and while the app is in Testing add your address as a test user (Audience).',
    ],
    clientId: {
      needed: `the Client ID of your Desktop app client (it ends in .apps.googleusercontent.com), on ${GOOGLE_CREDENTIALS}`,
      check: (v) =>
        v.endsWith('.apps.googleusercontent.com')
          ? undefined
          : 'a Google client ID ends in .apps.googleusercontent.com',
    },
    clientSecret: {
      needed: `the Client secret of your Desktop app client: open the client on ${GOOGLE_CREDENTIALS} (Google does not treat a desktop client's secret as confidential, but it stays out of the config file)`,
      check: anything,
    },
    clientSecretEnv: 'GOOGLE_CLIENT_SECRET',
  },
  microsoft: {
    steps: [
      `Register an app at ${MICROSOFT_APPS} ("New registration"), for accounts in any organizational directory and personal Microsoft accounts.`,
      'Authentication: set "Allow public client flows" to Yes; the sign-in is a code you enter on any device, so no redirect URI and no client secret.',
      'API permissions: add Microsoft Graph delegated permissions IMAP.AccessAsUser.All, SMTP.Send and offline_access.',
    ],
    clientId: {
      needed: `the Application (client) ID on your app's Overview page, at ${MICROSOFT_APPS}`,
      check: (v) =>
        /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v)
          ? undefined
          : 'an Application (client) ID looks like 00000000-0000-0000-0000-000000000000',
    },
    clientSecret: null,
    clientSecretEnv: null,
  },
  custom: {
    steps: [],
    clientId: { needed: 'the client ID your authorization server registered', check: anything },
    clientSecret: null,
    clientSecretEnv: null,
  },
};
