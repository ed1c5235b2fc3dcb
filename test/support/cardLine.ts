/**
 * LinkedIn's 2026 invitation (test/fixtures/invitations/2026-text-nonote-en.eml: no note) with
 * a line no language pack knows added to the card under the inviter's, in both renderings, as
 * LinkedIn adds badges and "follows you" lines: a known layout, and one new line in it.
 */
import { readFileSync } from 'node:fs';

export const CARD_LINE = 'Follows you and 3 of your colleagues';

export interface CardLineInviter {
  name: string;
  vanity: string;
  id: string;
}

/** Different people, each with an invitation of their own. */
export const CARD_LINE_INVITERS: readonly CardLineInviter[] = [
  { name: 'Daniel Okafor', vanity: 'daniel-okafor-data', id: '7469659703082808977' },
  { name: 'Priya Raman', vanity: 'priya-raman-ml', id: '7469659703082800001' },
  { name: 'Tomasz Nowak', vanity: 'tomasz-nowak-ops', id: '7469659703082800002' },
  { name: 'Aiko Tanaka', vanity: 'aiko-tanaka-dev', id: '7469659703082800003' },
];

const FIXTURE = new URL('../fixtures/invitations/2026-text-nonote-en.eml', import.meta.url);

export function withCardLine(inviter: CardLineInviter): Buffer {
  const raw = readFileSync(FIXTURE)
    .toString('latin1')
    .replace('12 connections in common\r\n', `12 connections in common\r\n\r\n${CARD_LINE}\r\n`)
    .replace('12 connections in common</p>', `12 connections in common</p><p>${CARD_LINE}</p>`)
    .replaceAll('Daniel Okafor', inviter.name)
    .replaceAll('daniel-okafor-data', inviter.vanity)
    .replaceAll('7469659703082808977', inviter.id)
    .replace('<663634873.', `<${inviter.id}.`);
  return Buffer.from(raw, 'latin1');
}
