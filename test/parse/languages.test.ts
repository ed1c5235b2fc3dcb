// The language packs: each one's default notes are recognised as that language's, its frame
// lines as LinkedIn's in that language, and nothing else is mistaken for them.
import { describe, expect, it } from 'vitest';
import {
  defaultNoteLanguage,
  detectLanguage,
  frameLanguages,
  isMutualLine,
  LANGUAGES,
  nameInFrameLine,
  PACKS,
} from '../../src/parse/languages/index.ts';
import { compileLines } from '../../src/parse/languages/templates.ts';

describe('language packs', () => {
  it.each(LANGUAGES)(
    '%s: its default notes are its own, in any case and with curly quotes',
    (lang) => {
      for (const note of PACKS[lang].defaultNotes) {
        expect(defaultNoteLanguage(note), note).toBe(lang);
        expect(defaultNoteLanguage(note.toUpperCase().replace(/'/g, '’')), note).toBe(lang);
      }
    },
  );

  it('tells the language of a text part in an unknown layout by its words, not its links', () => {
    // Every button of a text part is a linkedin.com address: "com" is a Portuguese word, and
    // counted it made every such mail Portuguese, putting mail of all languages in one cluster
    // of the learned frame.
    const button = (label: string) =>
      `${label}: https://www.linkedin.com/comm/in/aroha-ngata?midToken=AQGd&trk=eml-email_m2m_invite_single_02-hero-4-prof`;
    const text = [
      'Aroha Ngata',
      'Wir haben gesehen, dass Sie sich kennen könnten.',
      button('In mein Netzwerk aufnehmen'),
      button('Seite öffnen'),
      button('Diese E-Mails beenden'),
      button('Hilfebereich'),
    ].join('\n');
    expect(detectLanguage(new Map(), null, text)).toBe('de');
  });

  it('recognises frame lines with the names, numbers and links of one message in them', () => {
    expect(frameLanguages('NAME wants to connect')).toEqual(['en']);
    expect(frameLanguages('NAME möchte sich mit ihnen vernetzen')).toEqual(['de']);
    expect(frameLanguages('você está recebendo e-mails de convites.')).toEqual(['pt']);
    expect(frameLanguages('© NUM linkedin corporation, NUM west maude avenue')).toEqual([]);
    expect(isMutualLine('NUM connections in common')).toBe(true);
    expect(isMutualLine('NUM conexões em comum')).toBe(true);
  });

  it('takes nothing a person would write for a frame line', () => {
    for (const line of [
      'we met at the rust meetup last thursday.',
      'NAME wants to connect about the conference we both spoke at',
      'you are receiving this because we met at pycon',
      'thanks for the invitation, see you in berlin',
    ]) {
      expect(frameLanguages(line), line).toBeNull();
    }
  });

  it('finds the inviter in a heading when the sender does not name them', () => {
    expect(
      nameInFrameLine(
        'Halvard Tenstad would like to connect on LinkedIn. How would you like to respond?',
      ),
    ).toBe('Halvard Tenstad');
    expect(
      nameInFrameLine(
        'You have a new invitation from James Walker (HR Manager at Petrovia Energy).',
      ),
    ).toBe('James Walker');
  });

  it('refuses a template with unbalanced braces', () => {
    expect(() => compileLines(['accept{ invitation'])).toThrow(/unbalanced braces/);
  });
});
