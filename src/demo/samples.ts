/**
 * The demo's mailbox: real-shaped LinkedIn mail of every kind, taken from the test fixtures
 * (fictional people; see test/fixtures/README.md), so that the demo shows what the tests check.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../paths.ts';

export const FIXTURES_DIR = join(PACKAGE_ROOT, 'test', 'fixtures');

/** Files under test/fixtures, each with what it shows. */
export const DEMO_MAIL: readonly string[] = [
  'invitations/2026-text-nonote-en.eml', // no note: drafted
  'invitations/2018-default-connect-de.eml', // LinkedIn's default note, in German: drafted in German
  'invitations/2019-name-japanese-en.eml', // a name in Japanese script: greeted by the full name
  'invitations/2017-pitch-sales-en.eml', // a sales pitch: a "not now" draft
  'invitations/2026-htmlonly-note-after-location-en.eml', // a personal note: left for you
  'invitations/2020-personal-flight-en-verified.eml', // a note that says where you met: left for you
  'invitations/2019-default-join-en-verified.eml', // someone in knownPeople: left for you
  'reminders/2019-member-waiting-en.eml', // a reminder of that invitation: still one invitation
  'suspicious/lookalike-linkedln-com.eml', // an imitation from linkedln.com: never answered
  'suspicious/linkedin-from-auth-fail.eml', // an imitation failing DKIM, SPF and DMARC: never answered
  'other-linkedin/2024-new-message-en.eml', // LinkedIn mail that is not an invitation: passed over
];

/** The inviter the demo's config lists under rules.knownPeople. */
export const DEMO_KNOWN_PERSON = 'Theo Brandt';

/** The sample mail's bytes; null when this is not a clone of the repository (no test/fixtures). */
export async function readDemoMail(): Promise<Buffer[] | null> {
  try {
    return await Promise.all(DEMO_MAIL.map((file) => readFile(join(FIXTURES_DIR, file))));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
