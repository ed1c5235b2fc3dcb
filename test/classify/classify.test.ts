import { describe, expect, it } from 'vitest';
import { classify, type Rules } from '../../src/classify/classify.ts';
import { configSchema } from '../../src/config/schema.ts';
import { invitation } from '../support/notifications.ts';

const TEMPLATES = {
  'where-we-met': { subject: 's', body: 'b' },
  'not-now': { subject: 's', body: 'b' },
};
const rules = (changes: Record<string, unknown> = {}): Rules =>
  configSchema.parse({ templates: TEMPLATES, rules: changes }).rules;

const personal = (note: string) => invitation({ note, noteKind: 'personal' });

describe('classify', () => {
  it('drafts the "where we met" reply for a stranger with no note or the default note', () => {
    expect(classify(invitation(), rules())).toEqual({
      category: 'no-context',
      reasons: ['no note'],
      action: 'draft',
      template: 'where-we-met',
    });
    const withDefault = invitation({
      note: "I'd like to join your LinkedIn network.",
      noteKind: 'default',
    });
    expect(classify(withDefault, rules())).toMatchObject({
      category: 'no-context',
      action: 'draft',
    });
  });

  it('treats a short friendly note with nothing in it as no context', () => {
    expect(classify(personal("Hi, I'd love to connect!"), rules())).toMatchObject({
      category: 'no-context',
      reasons: ['generic note'],
    });
  });

  it('does not call a short note generic when it holds anything but filler', () => {
    // Four words, and they say where: the user may well remember the standup.
    expect(classify(personal('From the Tuesday standup'), rules())).toMatchObject({
      category: 'has-context',
      action: 'none',
    });
    expect(classify(personal('Hello Priyanka, I would love to connect.'), rules()).category).toBe(
      'no-context',
    );
  });

  it('treats a greeting and a name, with no punctuation or with an emoji, as no context', () => {
    // Short notes of the blind evaluation (test/parse/blind/): filed as personal notes before.
    for (const note of [
      'Hello Anna',
      'Hi Jonas 👋',
      'Hi Bob 👋🏽',
      'Salut Anna',
      'Hola, Jonas!',
      "Let's connect!",
      // A greeting of two words, or opened the Spanish way (the second blind set).
      'Good morning 🙂',
      'Good morning Anna',
      '¡Buenas!',
      '¡Hola Jonas!',
      // Small talk says nothing of where they met.
      'Olá Ingrid, tudo bem?',
      'Hola Ingrid, ¿qué tal?',
      'Hallo Anna, wie geht es Ihnen?',
      'Hi Anna, hope you are well!',
    ])
      expect(classify(personal(note), rules()), note).toMatchObject({
        category: 'no-context',
        reasons: ['generic note'],
      });
    // A word after the greeting that is not written as a name, or more than one, is read.
    for (const note of [
      'Hi neighbour',
      'Hi Neighbour',
      'Hallo Nachbarin',
      'Hello from Berlin',
      'Hallo Herr Weber',
      'Good morning neighbour',
      'Hi Anna, how was the Lisbon meetup?',
      '3 connections in common — all from the Fjordline offsite',
      "Stanford '09",
    ])
      expect(classify(personal(note), rules()), note).toMatchObject({
        category: 'has-context',
        action: 'none',
      });
  });

  it('holds as unsure, without a draft, an invitation with text the parser could not place', () => {
    const unplaced = invitation({
      note: "Hi, I'd love to connect!\n\nYou and Jane both worked at Brightwater Labs",
      noteKind: 'personal',
      unrecognised: ["Hi, I'd love to connect!", 'You and Jane both worked at Brightwater Labs'],
    });
    const result = classify(unplaced, rules());
    expect(result).toMatchObject({ category: 'unsure', action: 'none', template: null });
    expect(result.reasons[0]).toMatch(
      /not yet placed.*"You and Jane both worked at Brightwater Labs"/,
    );
  });

  it('answers the one unplaced text of an unknown layout by its words where they decide', () => {
    // A layout none of whose wording is known: its one unplaced text is the note or LinkedIn's.
    const unknownLayout = (text: string) =>
      invitation({ note: text, noteKind: 'personal', unrecognised: [text], layoutKnown: false });
    // A pitch or a note that says where is the inviter's either way; a greeting is answered alike.
    expect(classify(unknownLayout('We met at the Grafana meetup in Oslo'), rules())).toMatchObject({
      category: 'has-context',
      action: 'none',
    });
    expect(classify(unknownLayout("Hi, I'd love to connect!"), rules())).toMatchObject({
      category: 'no-context',
      action: 'draft',
    });
    // Nothing in the words decides: held, as in a known layout.
    expect(
      classify(unknownLayout('Hannah Lindgren would love to be part of your circle'), rules()),
    ).toMatchObject({ category: 'unsure', action: 'none' });
    // In a known layout the parser doubted it: only a bare greeting is answered (alike, whether
    // it is the note or LinkedIn's); words of context may be a line LinkedIn added to the card.
    const known = (text: string) =>
      invitation({ note: text, noteKind: 'personal', unrecognised: [text] });
    expect(classify(known("Hi, I'd love to connect!"), rules())).toMatchObject({
      category: 'no-context',
      action: 'draft',
    });
    for (const text of ['You both worked at Brightwater Labs', 'We met at the Grafana meetup'])
      expect(classify(known(text), rules()).category, text).toBe('unsure');
  });

  it('knows greetings of languages without a pack, and nothing more in them', () => {
    for (const note of [
      'Cześć!',
      'Dzień dobry Anna',
      'Merhaba!',
      'Selam Jonas',
      'こんにちは！',
      'Jonasさん、よろしくお願いします',
      'Hej Anna 👋',
      'Здравствуйте, Анна!',
    ])
      expect(classify(personal(note), rules()), note).toMatchObject({
        category: 'no-context',
        reasons: ['generic note'],
      });
    // A greeting with more after it, and a French word that is a greeting in Finnish slang.
    for (const note of [
      "Merhaba Anna, DevFest İstanbul'da tanıştık",
      'こんにちは、楽天時代の同僚です',
      'Moi aussi',
      'Cześć sąsiedzie',
    ])
      expect(classify(personal(note), rules()).category, note).toBe('has-context');
  });

  it('leaves a note that says where they met to the user', () => {
    const result = classify(
      personal('We met at the PyCon sprint in Berlin last week, great chat about packaging!'),
      rules(),
    );
    expect(result).toMatchObject({ category: 'has-context', action: 'none', template: null });
    expect(result.reasons[0]).toMatch(/note gives context/);
  });

  it('recognises a sales pitch and a recruiter, and answers them with their own template', () => {
    const sales = classify(
      personal('Hi! We help SaaS companies grow revenue. Open to a quick call next week?'),
      rules(),
    );
    expect(sales).toMatchObject({ category: 'pitch', action: 'draft', template: 'not-now' });
    const recruiter = classify(
      personal('I have an exciting opportunity for a Staff Engineer role, great fit for you.'),
      rules(),
    );
    expect(recruiter.category).toBe('pitch');
  });

  it('recognises pitches and "let\'s connect" notes in the languages of the packs', () => {
    // The blind mailbox set (test/parse/blind/mailbox.ts) filed these as personal notes.
    for (const note of [
      'Guten Tag, wir bieten Cloud-Migrationen zum Festpreis an. Interesse?',
      'Für einen Kunden in Leipzig suche ich eine Data Engineerin.',
      "Bonjour, j'accompagne une startup qui recrute des développeurs Go : votre profil a retenu mon attention.",
      'Hola, busco un perfil DevOps para un cliente en Valencia.',
      'Olá! Nossa agência cria sites com desconto para novos clientes.',
      'Hoi, ons bureau bouwt apps voor een vaste prijs.',
    ])
      expect(classify(personal(note), rules()).category, note).toBe('pitch');
    for (const note of [
      'Lass uns vernetzen!',
      'Connectons-nous !',
      'Bonjour, au plaisir d’échanger ici.',
      '¡Conectemos!',
      'Oi, prazer em me conectar.',
      'Hallo, leuk om contact te maken.',
    ])
      expect(classify(personal(note), rules()), note).toMatchObject({
        category: 'no-context',
        reasons: ['generic note'],
      });
    // Where they met still comes first; words that sell in one sentence say where in another.
    for (const note of [
      "Bonjour Camille, on s'est croisées à la remise des prix de la French Tech à Lyon. Bravo encore !",
      'Hi Nora, I was the one asking about your portfolio at the Dutch Design Week booth in Eindhoven.',
      'Hola Lucía, colaboro con Marta en la fundación; nos vimos en su boda en Sevilla. ¡Un abrazo!',
      'Hallo Anna, we hebben maandag gebeld over de vacature projectleider. Zoals afgesproken voeg ik je toe.',
      "Ciao Jonas, ti ho conosciuta al career day dell'Università di Pisa; sono recruiter in Leonardo.",
      'Schön, dass wir uns auf der re:publica getroffen haben, lass uns vernetzen!',
      'Ravi de vous avoir rencontré au meetup Go de Lyon.',
    ])
      expect(classify(personal(note), rules()).category, note).toBe('has-context');
  });

  it("reads a personal note that talks of hiring or of staying in touch as the inviter's", () => {
    for (const note of [
      'Hi Anna, your thread on hiring your first data engineer was spot on. I am in the same situation.',
      'Hallo Lena, lass uns in Kontakt bleiben!',
    ])
      expect(classify(personal(note), rules()).category, note).toBe('has-context');
  });

  it('takes pitch phrases the user adds, and leaves out those they ignore or switch off', () => {
    const note = personal('Would you like to see our white label dashboard? We help agencies.');
    expect(classify(note, rules()).category).toBe('pitch');
    expect(classify(note, rules({ pitch: { ignore: ['we help'] } })).category).not.toBe('pitch');
    const own = rules({ pitch: { defaults: false, add: ['White Label'] } });
    expect(classify(note, own)).toMatchObject({
      category: 'pitch',
      reasons: ['note reads as a pitch: "white label"'],
    });
    expect(classify(personal('We help each other at the Berlin Rust meetup.'), own).category).toBe(
      'has-context',
    );
  });

  it('never drafts for suspicious mail, whatever the note', () => {
    const n = invitation({
      authenticity: 'suspicious',
      authenticityReasons: ['sender domain linkedln.com imitates linkedin.com'],
    });
    expect(classify(n, rules())).toEqual({
      category: 'suspicious',
      reasons: ['sender domain linkedln.com imitates linkedin.com'],
      action: 'none',
      template: null,
    });
  });

  it('knows people by email, domain, name or profile', () => {
    const byEmail = invitation({ inviter: { email: 'Jane@Example.org' } });
    expect(
      classify(byEmail, rules({ knownPeople: { emails: ['jane@example.org'] } })).category,
    ).toBe('known');
    expect(classify(byEmail, rules({ knownPeople: { domains: ['example.org'] } })).category).toBe(
      'known',
    );
    expect(classify(invitation(), rules({ knownPeople: { names: ['jane  DOE'] } })).category).toBe(
      'known',
    );
    const byProfile = rules({
      knownPeople: { profileUrls: ['https://www.linkedin.com/in/jane-doe-42/'] },
    });
    expect(classify(invitation(), byProfile)).toMatchObject({ category: 'known', action: 'none' });
  });

  it('follows the actions the user configured', () => {
    const quiet = rules({ actions: { 'no-context': 'none' } });
    expect(classify(invitation(), quiet)).toMatchObject({
      category: 'no-context',
      action: 'none',
      template: null,
    });
  });

  it('has nothing to say about mail that is not an invitation', () => {
    expect(classify(invitation({ kind: 'accepted' }), rules())).toMatchObject({
      category: null,
      action: 'none',
    });
  });
});
