// The fixture table: every fixture file parsed and classified with the shipped rules, compared
// field by field with test/fixtures/expected.json. Every line of every fixture must be accounted
// for: `unrecognised` is [] unless the table lists what the parser cannot place.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { classify } from '../../src/classify/classify.ts';
import { loadConfig } from '../../src/config/load.ts';
import { verifyLinkedInDkim } from '../../src/dns/dkim.ts';
import { UnparseableMessageError } from '../../src/errors.ts';
import { parseNotification } from '../../src/parse/parseNotification.ts';
import { fixtureDkimResolver } from '../support/fixtureDkim.ts';

interface Expectation {
  file: string;
  expect: Record<string, unknown> & {
    why?: string;
    /** The reason an unreadable file is refused with (UnparseableMessageError). */
    error?: string;
    inviter?: Record<string, unknown> | null;
    /** The authserv-id of the recipient's mail server, where it is not USER_SERVER. */
    server?: string;
    /** Read with our own DKIM check, against the fixtures' key (test/support/fixtureDkim.ts). */
    dkim?: true;
  };
}

/** The recipient's mail server in the fixtures: mail to example.net/.com/.org is received there. */
const USER_SERVER = 'mx.example.net';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));
const table = JSON.parse(readFileSync(join(root, 'expected.json'), 'utf8')) as Expectation[];
const { rules } = await loadConfig(
  fileURLToPath(new URL('../../config/wherewemet.yaml', import.meta.url)),
);

function emlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return emlFiles(path);
    return name.endsWith('.eml') ? [relative(root, path)] : [];
  });
}

describe('fixture table', () => {
  it('has an expectation for every fixture', () => {
    expect(table.map((t) => t.file).sort()).toEqual(emlFiles(root).sort());
  });

  it.each(table.map((t) => [t.file, t] as const))('%s', async (file, { expect: want }) => {
    const raw = readFileSync(join(root, file));
    if (want.error) {
      const refusal = parseNotification(raw);
      await expect(refusal).rejects.toBeInstanceOf(UnparseableMessageError);
      await expect(refusal).rejects.toThrow(want.error);
      return;
    }
    const n = await parseNotification(raw, {
      trustedAuthservId: want.server ?? USER_SERVER,
      ...(want.dkim
        ? { verifyDkim: (bytes) => verifyLinkedInDkim(bytes, fixtureDkimResolver) }
        : {}),
    });
    const c = classify(n, rules);
    const got: Record<string, unknown> = { ...n, category: c.category, action: c.action };
    const { why, inviter, server, dkim, ...fields } = want;
    for (const [key, value] of Object.entries({ unrecognised: [], ...fields })) {
      expect(got[key], `${key} (${why ?? ''})`).toEqual(value);
    }
    if (inviter === null) {
      expect(
        Object.values(n.inviter).every((v) => v === null),
        'inviter fields all null',
      ).toBe(true);
    } else if (inviter) {
      for (const [key, value] of Object.entries(inviter)) {
        expect(n.inviter[key as keyof typeof n.inviter], `inviter.${key} (${why ?? ''})`).toEqual(
          value,
        );
      }
    }
  });
});
