// The frame reader's segment forms and what the learned frame may take, in the cases the blind
// evaluation (test/parse/blind/) found: names glued to Japanese, and one note sent by many.
import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../src/parse/frame.ts';
import { learnedFrameOf, shapeKey } from '../../src/parse/learnedFrame.ts';

const names = { inviter: 'Łukasz Zieliński', recipient: 'Anna Lindqvist' };

describe('FrameReader.tokenise', () => {
  it('abstracts a name written against Japanese text, which has no spaces', () => {
    const reader = new FrameReader(names);
    expect(reader.tokenise('Łukasz Zielińskiさんがつながりを希望しています').tokens).toBe(
      'NAMEさんがつながりを希望しています',
    );
    expect(reader.tokenise('Annaさん、こんにちは').tokens).toBe('NAMEさん、こんにちは');
  });

  it('still abstracts a name only as a whole word in Latin text', () => {
    expect(new FrameReader(names).tokenise('Annabel and Annas').tokens).toBe('annabel and annas');
  });
});

describe('the learned frame and the preheader', () => {
  const cluster = 'email_m2m_invite_single_01|fr';
  const note = 'On s’est croisés à VivaTech';
  const learned = learnedFrameOf([
    shapeKey("on s'est croisés à vivatech", cluster),
    shapeKey("on s'est croisés à viva tech", cluster),
    shapeKey('NAME souhaite se connecter', cluster),
  ]);
  const reader = (echoes: string[]) => new FrameReader(names, { learned, cluster, echoes });

  it("does not take for LinkedIn's a learned line that the preheader repeats: it is the note", () => {
    expect(reader([note]).role({ text: note, href: null }).kind).toBe('text');
    expect(reader(['On s’est croisés à VivaTe…']).role({ text: note, href: null }).kind).toBe(
      'text',
    );
  });

  it('does not teach it either', () => {
    const shapes = new Set<string>();
    new FrameReader(names, { cluster, shapes, echoes: [note] }).role({ text: note, href: null });
    expect(shapes.size).toBe(0);
  });

  it("still reads a learned line that names the inviter as LinkedIn's heading", () => {
    const heading = 'Łukasz Zieliński souhaite se connecter';
    expect(reader([heading]).role({ text: heading, href: null }).kind).toBe('frame');
  });

  it("reads the learned line as LinkedIn's where the preheader says something else", () => {
    expect(reader(['Bonjour !']).role({ text: note, href: null }).kind).toBe('frame');
  });
});
