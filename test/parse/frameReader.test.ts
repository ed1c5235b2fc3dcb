// The frame reader's segment forms and what the learned frame may take, in the cases the blind
// evaluation (test/parse/blind/) found: names glued to Japanese, and one note sent by many; and
// LinkedIn's default note learned from the many inviters who send it unchanged.
import { describe, expect, it } from 'vitest';
import { FrameReader } from '../../src/parse/frame.ts';
import { defaultNoteCluster, learnedFrameOf, shapeKey } from '../../src/parse/learnedFrame.ts';

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

describe('FrameReader.role', () => {
  it("reads LinkedIn's 'text: URL' button as a button whatever the length of the name in it", () => {
    const reader = new FrameReader({ inviter: 'Zoë van der Berg', recipient: 'Rafael Oliveira' });
    const line = (name: string) =>
      `Harap konfirmasi bahwa Anda mengenal ${name}: https://www.linkedin.com/comm/start/accept-invitation?sharedKey=lxX_s1O7&invitationId=6235036502932958136`;
    expect(reader.role({ text: line('Zoë van der Berg'), href: null })).toMatchObject({
      kind: 'frame',
      languages: ['id'],
      link: true,
    });
  });
});

describe('a line with a LinkedIn link that a note pastes', () => {
  it("is the note's, not a button LinkedIn renamed, when it says where they met", () => {
    const reader = new FrameReader({ inviter: 'Olusegun Adeyemi', recipient: 'Marcus Webb' });
    const text =
      'Hi Marcus Webb, lovely chatting at the Oslo meetup: https://www.linkedin.com/events/7234567?trk=public_event';
    expect(reader.role({ text, href: null }).kind).toBe('text');
  });
});

describe('a template line that takes in a note', () => {
  const reader = new FrameReader({ inviter: 'Olusegun Adeyemi', recipient: 'Ingrid Solberg' });
  const kind = (text: string) => reader.role({ text, href: null }).kind;

  it("is the note's where its … holds words of context (the adversarial blind set)", () => {
    expect(kind('This email was intended for Ingrid: we met at KubeCon!')).toBe('text');
  });

  it("stays LinkedIn's where those words are the template's own, or the user's headline", () => {
    expect(
      kind(
        'You received an invitation to connect. LinkedIn will use your email address to make suggestions to our members in features like People You May Know.',
      ),
    ).toBe('frame');
    expect(
      kind('This email was intended for Ingrid Solberg (Program lead, Lisbon conference team)'),
    ).toBe('frame');
  });
});

describe('FrameReader.isNameHeading', () => {
  const reader = (inviter: string) => new FrameReader({ inviter, recipient: 'Ingrid Solberg' });

  it("is LinkedIn's heading in any wording: the inviter's whole name and a few plain words", () => {
    for (const [inviter, line] of [
      ['Rizky Pratama, S.Kom.', 'Rizky Pratama, S.Kom. voudrait rejoindre votre réseau'],
      ['Thiago "TJ" Nascimento', 'Thiago "TJ" Nascimento quiere conectar contigo en LinkedIn'],
      [
        'Olusegun Adeyemi, MBA, PMP®',
        'Olusegun Adeyemi, MBA, PMP® möchte sich mit Ihnen vernetzen',
      ],
      ['Dr. Adaeze B. Okonkwo, PhD', 'Novo convite de Dr. Adaeze B. Okonkwo, PhD'],
      // The verb after the invitation: the second blind set's German heading.
      [
        'Olusegun Adeyemi, MBA, PMP®',
        'Olusegun Adeyemi, MBA, PMP® hat Ihnen eine Einladung geschickt',
      ],
    ] as const)
      expect(reader(inviter).isNameHeading(line), line).toBe(true);
  });

  it('is never a note that opens with its writer’s name, says where, or runs on', () => {
    const olusegun = reader('Olusegun Adeyemi');
    for (const line of [
      'Olusegun Adeyemi, ancien collègue de la Société Générale',
      'Olusegun Adeyemi here. We met at KubeCon in Paris',
      'Olusegun Adeyemi - great meeting you at the Lisbon meetup',
      'Olusegun Adeyemi would love to hear more about your work on the new payments platform',
      'Olusegun would like to connect',
      'Your former colleague at Atlas Olusegun Adeyemi',
      // The adversarial blind set: a place, an event, a date beside the name.
      'Olusegun Adeyemi · KubeCon EU 2024',
      'Olusegun Adeyemi from the Lisbon meetup crowd',
      'Olusegun Adeyemi KubeCon Paris',
      // A review of the parser: a note that goes on past the connecting.
      'Olusegun Adeyemi quiere conectar tras la charla en madrid',
      'Olusegun Adeyemi wil graag connecten na de borrel in utrecht',
      'Olusegun Adeyemi invites you to her farewell party on friday',
      'Olusegun Adeyemi wants to connect again',
      // A review of the day's changes: a verb after the connecting that is not "sent", and a
      // note that opens with the recipient's name.
      'Olusegun Adeyemi from the Cilium booth wants to connect tomorrow',
      'Ingrid toll dass wir uns in Berlin vernetzt haben!',
      'Ingrid loved connecting tonight!',
      'Olusegun Adeyemi hat Sie zur Einladung nach Hamburg eingeladen',
    ])
      expect(olusegun.isNameHeading(line), line).toBe(false);
  });
});

describe('the learned frame and the preheader', () => {
  const cluster = 'email_m2m_invite_single_01|fr';
  const note = 'On s’est croisés à VivaTech';
  const taught = (echoes: string[], text = note) => {
    const shapes = new Set<string>();
    new FrameReader(names, { cluster, shapes, echoes }).role({ text, href: null });
    return shapes;
  };

  it('a line the preheader repeats (its note) is not taught, whole or cut short', () => {
    expect(taught([note]).size).toBe(0);
    expect(taught(['On s’est croisés à VivaTe…']).size).toBe(0);
    // Split before a capital ("Viva Tech"), as a row of buttons would be tried.
    expect(taught([note]).has(shapeKey("on s'est croisés à viva tech", cluster))).toBe(false);
  });

  it('a note that opens with a greeting to the user is not taught when the preheader repeats it', () => {
    // LinkedIn's 2016 HTML puts "Hi Anna," in the note's block; the preheader has the note alone.
    const line = `Hi Anna, ${note}`;
    const shape = shapeKey("hi NAME, on s'est croisés à vivatech", cluster);
    expect(taught([note], line).has(shape)).toBe(false);
    expect(taught(['Bonjour !'], line).has(shape)).toBe(true);
  });

  it('a note with a number, a link or an address is not taught when the preheader repeats it', () => {
    for (const text of [
      'Berlin, Germany · JSConf EU',
      'I was your TA for CS 161 at Berkeley, spring 2019!',
      'Slides from the meetup: https://example.org/slides',
      'Write to me at lucas@example.org',
    ])
      expect(taught([text], text).size, text).toBe(0);
  });

  it("a line that names the inviter is taught though the preheader repeats it: LinkedIn's heading", () => {
    // A heading of a redesign no pack knows.
    const heading = 'Łukasz Zieliński vous propose de rester en contact';
    expect(
      taught([heading], heading).has(shapeKey('NAME vous propose de rester en contact', cluster)),
    ).toBe(true);
  });

  it('a line the preheader does not repeat is taught', () => {
    expect(taught(['Bonjour !']).has(shapeKey("on s'est croisés à vivatech", cluster))).toBe(true);
  });

  it("what a person taught is read as LinkedIn's, though the preheader repeats it", () => {
    const learned = learnedFrameOf([shapeKey("on s'est croisés à vivatech", cluster)]);
    const reader = new FrameReader(names, { learned, cluster, echoes: [note] });
    expect(reader.role({ text: note, href: null }).kind).toBe('frame');
  });
});

describe("LinkedIn's default note in a wording no pack knows", () => {
  const cluster = 'email_m2m_invite_single_01|pl';
  const shapeOf = (note: string) =>
    shapeKey(new FrameReader(names).tokenise(note).tokens, defaultNoteCluster(cluster));
  /** Whether a reader that learned `learned` takes `note` for the default note, and what it teaches. */
  const read = (note: string, learned: string[]) => {
    const noteShapes = new Set<string>();
    const reader = new FrameReader(names, {
      cluster,
      noteShapes,
      learned: learnedFrameOf(learned.map(shapeOf)),
    });
    return { isDefault: reader.isLearnedDefaultNote(note), taught: [...noteShapes] };
  };
  const DEFAULT = 'Chciałbym dodać Cię do mojej sieci zawodowej na LinkedIn.';

  it('is one once learned, and every such note teaches its shape', () => {
    expect(read(DEFAULT, [DEFAULT])).toEqual({ isDefault: true, taught: [shapeOf(DEFAULT)] });
    expect(read(DEFAULT, [])).toEqual({ isDefault: false, taught: [shapeOf(DEFAULT)] });
  });

  it('is never a note that says where, a pitch, one that does not name LinkedIn, or more than one plain sentence', () => {
    for (const note of [
      'We met at the LinkedIn Local meetup in Oslo.',
      'We help SaaS companies grow on LinkedIn.',
      'Cześć! Poznaliśmy się na Infoshare w Gdańsku.',
      `${DEFAULT}\n\nPoznaliśmy się na Infoshare.`,
      // The adversarial blind set: the default note, or one like it, with a detail of their own.
      `${DEFAULT}\nRząd 12, Berlin JS`,
      'Anna, please add me to your LinkedIn network. Row 12 at JSConf.',
      'Me gustaría añadirte a mi red profesional en LinkedIn. 🙂 Table 7!',
      'Hi Anna, Me gustaría añadirte a mi red profesional en LinkedIn. (CS 161 TA)',
      'Adding everyone from Row 12 on LinkedIn.',
      'linkedin.com/events/kubecon-eu-2024 👋',
      // A pack's default note with words added: never partly edited by LinkedIn.
      "I'd like to add you to my professional network on LinkedIn and say hello from the team",
    ])
      expect(read(note, [note]), note).toEqual({ isDefault: false, taught: [] });
  });
});
