/**
 * Which lines of a message are LinkedIn's. Each line is put in a comparable form (lower case,
 * straight apostrophes, the names this message knows replaced by NAME, numbers, links and
 * addresses by NUM, URL, EMAIL) and matched whole against the language packs' line templates.
 * A line that matches nothing is not LinkedIn's: the caller reads it as the inviter's.
 */
import { alternation, MAX_INLINE_CHARS, wholePhrases } from '../text.ts';
import { isLinkedInDomain } from './authenticity.ts';
import { isGatewayNotice } from './gatewayNotices.ts';
import type { Line } from './htmlLines.ts';
import {
  CONTEXT_CUES,
  comparable,
  extendsDefaultNote,
  frameLanguages,
  GREETING,
  isMutualLine,
  type Language,
  PITCH_PHRASES,
} from './languages/index.ts';
import {
  clusterOf,
  defaultNoteCluster,
  type LearnedFrame,
  MAX_LESSON_SHAPES,
  MAX_SHAPE_CHARS,
  NOTHING_LEARNED,
  shapeKey,
} from './learnedFrame.ts';
import { firstNameOf, isCjkName, isTitle, nameKey } from './names.ts';

export interface KnownNames {
  inviter: string | null;
  recipient: string | null;
}

export interface ReaderOptions {
  /** Segment shapes this installation learned are LinkedIn's (learnedFrame.ts). */
  learned?: LearnedFrame;
  /** Collects the shape key of every segment read: what this mail can teach. */
  shapes?: Set<string>;
  /** Collects the shape key of a note that may be LinkedIn's default note (isLearnedDefaultNote). */
  noteShapes?: Set<string>;
  /** The mail's cluster (learnedFrame.ts clusterOf): what it learns and looks up is keyed by it. */
  cluster?: string;
  /**
   * An invitation's hidden preheader, which repeats its note (maybe cut short): a segment it
   * repeats is not taught, unless it names someone (LinkedIn's "NAME wants to connect"). Several
   * people may send one note (a conference's, a recruiter's script): taught by each of their
   * mails, it would be learned as LinkedIn's, and a note that says where lost.
   */
  echoes?: string[];
}

export type Role =
  | { kind: 'blank' }
  /** LinkedIn's: a template line (in these languages; none for the copyright), a button, a rule. */
  /**
   * `givenName`: the part of the inviter's name the line uses alone, when it is a signature or a
   * button ("- Hannelore", "Accept Mei Ling's invitation"): LinkedIn writes the given name there.
   */
  | {
      kind: 'frame';
      languages: Language[];
      link: boolean;
      givenName: string | null;
      tokens: string;
      /** The recipient's own name (the header's "LinkedIn Jane Doe"). */
      recipient?: boolean;
      /** Known only from the learned frame: a headline or a location several inviters share may be. */
      learned?: boolean;
    }
  | { kind: 'mutual' }
  /** The inviter's name alone on its line: the head of the identity block. */
  | { kind: 'name' }
  /**
   * Not LinkedIn's, or not all of it: `rest` is the line less the frame pieces it also holds
   * ("Alex would love to be in your circle. We met at KubeCon." → "We met at KubeCon.").
   */
  | { kind: 'text'; tokens: string; rest?: string };

/** LinkedIn's longest frame line (a guest footer) has about 330 characters. */
const MAX_FRAME_LINE = 1500;
const SEPARATOR = /^[-=._*~·|—–\s]{2,}$/;
const LINK = /https?:\/\/\S+/g;
// Tried only where a run of address characters starts: from every position it would be quadratic.
const EMAIL = /(?<![^\s<>()"',;:])[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/g;
const APOSTROPHES = /[\u2018\u2019\u02bc`´]/g;
const ASCII = /^[\x20-\x7e]*$/;
const DIGIT = /\d/;
const SEGMENT = /\s+[|·•]\s+/;
/** Where one paragraph joins sentences or separated links: after . ! ? 。 or around · | •. */
const SENTENCE_JOINT = /(?<=[.!?。])\s+(?=\S)|\s+[|·•]\s+/u;
/** Before a capital: buttons side by side, with a space or none ("AcceptView profile"). */
const CAPITAL_JOINT = /(?<=\p{Ll})(?=\p{Lu})|\s+(?=\p{Lu})/u;
/** Lines longer than this are not split: LinkedIn's longest footer paragraph has about 700. */
const MAX_SEGMENTED_LINE = 1000;
/** Sentences or buttons tried in one line; the tests grow with the square of this. */
const MAX_PIECES = 8;
/** A row of buttons is short. */
const MAX_BUTTON_ROW = 80;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
/** What comparable() makes spaces of, separators ("·", "|") and spaces: gone from a segment compared with the preheader. */
const SQUEEZED = /[\s.!。,;:…"“”„«»()\-–—·•|/]+/g;
/** A preheader cut shorter than this (letters, no spaces) says too little to be matched by its start. */
const MIN_ECHO = 16;
const CJK_CHAR = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]$/u;
/** Whether a name's edge character and its neighbour in the line are in different words. */
function boundary(neighbour: string, edge: string): boolean {
  return !WORD_CHAR.test(neighbour) || (CJK_CHAR.test(neighbour) && !CJK_CHAR.test(edge));
}
/** A phrase of context or of a pitch: text no learning may take for LinkedIn's. */
const SAYS_SOMETHING = (() => {
  const pattern = wholePhrases([...CONTEXT_CUES, ...PITCH_PHRASES]);
  return (tokens: string) => pattern.test(tokens);
})();
/**
 * Phrases of context, each one: where a template's … takes them in, the line is a note's. Global,
 * for replace; searched with search(), which keeps no state between calls (test() would).
 */
const CONTEXT = wholePhrases(CONTEXT_CUES, 'gu');
/** "hi NAME, " opening a note: LinkedIn's 2016 HTML puts its greeting in the note's block. */
const OPENING_GREETING = new RegExp(`^(?:${GREETING})[ ,]+NAME\\s*[,:!]\\s*`, 'u');
/**
 * LinkedIn's heading in any wording: the name, then 1-8 words of letters alone ending in one that
 * says connecting, an invitation or a network, or LinkedIn, or in a verb that says it was sent ("NAME wants
 * to connect", "NAME voudrait rejoindre votre réseau", "NAME quiere conectar contigo en linkedin",
 * "NAME hat Ihnen eine Einladung geschickt"); or 1-4 such words, one of them saying so, then the
 * name ("Novo convite de NAME"). A note that goes on past the connecting ("NAME quiere conectar
 * tras la charla en madrid") is not.
 */
const LETTERS = "[\\p{Ll}\\p{Lo}\\p{M}'’-]";
const WORD = `${LETTERS}+`;
const CONNECT =
  '(?:connect|conect|contact|vernetz|netzwerk|network|netwerk|réseau|collegar|invit|convit|einlad|uitnodig|terhubung|jaringan|koneksi|kontakt|rete|rede|red)';
/** The verb after "an invitation" in a heading that says it was sent ("… eine Einladung geschickt"). */
const SENT =
  '(?:geschickt|gesendet|gesandt|envoyée?|enviad[oa]|gestuurd|verstuurd|inviat[oa]|sent)';
const NAME_HEADING = new RegExp(
  `^(?:NAME(?: ${WORD}){0,7} (?:${CONNECT}${LETTERS}*|linkedin)(?: ${SENT})?|(?:${WORD} ){0,3}${CONNECT}${LETTERS}*(?: ${WORD}){0,2} NAME)[.!]?$`,
  'u',
);

/** Whether the tokens have the shape of LinkedIn's heading and say nothing else (NAME_HEADING). */
function isHeadingShape(tokens: string): boolean {
  return NAME_HEADING.test(tokens.trim()) && !SAYS_SOMETHING(tokens);
}

/**
 * A line that names someone in a few plain words and says nothing of context or of a pitch: how
 * any LinkedIn heading reads, also in a redesign's wording ("NAME would love to be part of your
 * circle"). Repeated as the preheader of mail with no note, it is taught; a note is not shaped so.
 */
const NAME_LINE = new RegExp(`^(?:NAME(?: ${WORD}){1,8}|(?:${WORD} ){1,6}NAME)[.!]?$`, 'u');
/**
 * LinkedIn's default notes are one plain sentence on one line: no digit, no emoji, no brackets,
 * no second sentence. A note several people share that has one of those ("…on LinkedIn. Row 12
 * at JSConf.", "… (CS 161 TA)", "… 🙂 Table 7!") is theirs, however many send it.
 */
function hasDefaultNoteShape(note: string): boolean {
  return !/[\n\d()[\]{}\p{Extended_Pictographic}]/u.test(note) && !/[.!?。]\s*\S/u.test(note);
}
/** LinkedIn limits a note to 300 characters. */
const MAX_NOTE_LENGTH = 300;
/**
 * LinkedIn's own buttons carry its email tracking (midToken, lipi, trk=eml-…); a link pasted into a
 * note carries at most a public trk ("…/events/123?trk=public_event").
 */
const TRACKING = /[?&](?:(?:trkEmail|lipi|midToken|midSig)=|trk=eml-)/;
const BUTTON_PATH = /^\/(?:comm|e|help|psettings)\/|\/blk\//;

export class FrameReader {
  private readonly pattern: RegExp | null;
  /** The inviter's forms that are a part of the name, not all of it. */
  private readonly inviterParts: ReadonlySet<string>;
  /** The inviter's whole name, in the forms the text may write it. */
  private readonly inviterWhole: ReadonlySet<string>;

  private readonly inviterKey: string | null;
  private readonly recipientKey: string | null;

  private readonly learned: LearnedFrame;
  private readonly shapes: Set<string>;
  private readonly noteShapes: Set<string>;
  private readonly cluster: string;
  private learnedSeen = 0;
  private echoes: { whole: string; cut: string }[] = [];

  constructor(
    private readonly names: KnownNames,
    options: ReaderOptions = {},
  ) {
    this.learned = options.learned ?? NOTHING_LEARNED;
    this.shapes = options.shapes ?? new Set();
    this.noteShapes = options.noteShapes ?? new Set();
    this.cluster = options.cluster ?? clusterOf(null);
    this.inviterKey = names.inviter ? nameKey(names.inviter) : null;
    this.recipientKey = names.recipient ? nameKey(names.recipient) : null;
    const inviterForms = forms(names.inviter);
    const all = new Set([...inviterForms, ...forms(names.recipient)]);
    const whole = names.inviter ? wholeForms(names.inviter) : [];
    this.inviterParts = new Set(inviterForms.filter((form) => !whole.includes(form)));
    this.inviterWhole = new Set(whole);
    // Without the u flag and \p classes: V8 takes about a millisecond to compile those, once per
    // message. Whole words are checked in tokenise instead.
    this.pattern = all.size > 0 ? new RegExp(alternation([...all]), 'g') : null;
    this.echoes = (options.echoes ?? []).map((text) => {
      // A preheader cut short may end in half a word: compared up to the last whole one too.
      const form = comparable(this.tokenise(text).tokens);
      const squeeze = (t: string) => t.replace(SQUEEZED, '');
      return { whole: squeeze(form), cut: squeeze(form.replace(/\s*\S+$/u, '')) };
    });
  }

  /** The line's comparable form, which parts of the inviter's name it held, and whether it held all of it. */
  tokenise(text: string): { tokens: string; inviterParts: string[]; inviterNamed: boolean } {
    const inviterParts: string[] = [];
    let inviterNamed = false;
    // Each step only where it can change something: this runs for every line of every message.
    let tokens = (
      ASCII.test(text) && !text.includes('`')
        ? text
        : text.normalize('NFKC').replace(APOSTROPHES, "'")
    ).toLowerCase();
    if (tokens.includes('://')) tokens = tokens.replace(LINK, 'URL');
    if (tokens.includes('@')) tokens = tokens.replace(EMAIL, 'EMAIL');
    if (this.pattern) {
      tokens = tokens.replace(this.pattern, (form: string, at: number, line: string) => {
        // Han, Kana and Hangul have no spaces around names, also around a name in another
        // script ("Anna Lindqvistさん"); elsewhere a name is a whole word.
        const whole =
          isCjkName(form) ||
          (boundary(line.charAt(at - 1), form.charAt(0)) &&
            boundary(line.charAt(at + form.length), form.charAt(form.length - 1)));
        if (!whole) return form;
        if (this.inviterParts.has(form)) inviterParts.push(form);
        else if (this.inviterWhole.has(form)) inviterNamed = true;
        return 'NAME';
      });
    }
    return {
      tokens: DIGIT.test(tokens) ? tokens.replace(/\d+/g, 'NUM') : tokens,
      inviterParts,
      inviterNamed,
    };
  }

  role(line: Line): Role {
    const { text } = line;
    if (text === '') return { kind: 'blank' };
    if (text.length > MAX_FRAME_LINE) return { kind: 'text', tokens: text };
    if (this.inviterKey !== null && nameKey(text) === this.inviterKey) return { kind: 'name' };
    const { tokens, inviterParts } = this.tokenise(text);
    const frame = (languages: Language[], link: boolean) => {
      const signature = /^[-–—~]/.test(tokens);
      const [part] = inviterParts;
      const givenName =
        (link || signature) && part && inviterParts.every((p) => p === part)
          ? this.inOriginalCase(part)
          : null;
      return { kind: 'frame', languages, link, givenName, tokens } as const;
    };
    if (SEPARATOR.test(text) || isGatewayNotice(text)) return frame([], false);
    if (this.recipientKey !== null && nameKey(text) === this.recipientKey)
      return { ...frame([], line.href !== null), recipient: true };
    if (isLinkLine(line, tokens)) {
      const label = tokens
        .replace(/URL/g, ' ')
        .replace(/\s+/g, ' ')
        .replace(/[\s:]+$/, '')
        .trim();
      const hrefs = line.href ? [line.href] : (text.match(LINK) ?? []);
      const tracked = hrefs.length > 0 && hrefs.every(isLinkedInButtonUrl);
      if (label === '') return tracked ? frame([], true) : { kind: 'text', tokens };
      const languages = templateLanguages(label);
      if (languages) return frame(languages, true);
      // A button LinkedIn has renamed: its own tracked link with a short label, not a sentence,
      // and nothing of where they met ("…at the Oslo meetup: https://www.linkedin.com/events/…").
      if (tracked && label.length <= 60 && !/[.!?]$/.test(label) && !SAYS_SOMETHING(label))
        return frame([], true);
      return this.isLearned(tokens) ? frame([], true) : { kind: 'text', tokens };
    }
    // Buttons side by side in one cell, renamed: all LinkedIn's tracked links, a short label.
    if (
      line.hrefs?.every(isLinkedInButtonUrl) &&
      text.length <= MAX_BUTTON_ROW &&
      !/[.!?]$/.test(text)
    )
      return frame([], true);
    if (isMutualLine(tokens)) return { kind: 'mutual' };
    const languages = templateLanguages(tokens);
    if (languages) return frame(languages, false);
    if (this.isLearned(tokens)) return { ...frame([], false), learned: true };
    const pieces = this.pieces(text);
    if (pieces === null) return { kind: 'text', tokens };
    if (pieces.rest === '') return frame(pieces.languages, false);
    return { kind: 'text', tokens: this.tokenise(pieces.rest).tokens, rest: pieces.rest };
  }

  /**
   * A line made of several pieces of frame, or of frame and text: sentences joined in one
   * paragraph ("You are receiving Invitation emails. This email was intended for …"), buttons
   * side by side ("Accept View profile", "AcceptView profile"). Null when no piece is frame.
   * Sentences are tried as runs of neighbours (a template may span two); a short sentence is also
   * tried split before each capital, where only a line made wholly of frame counts. Bounded: a
   * few dozen tests a line, whatever its length.
   */
  private pieces(text: string): { languages: Language[]; rest: string } | null {
    if (text.length > MAX_SEGMENTED_LINE) return null;
    const sentences = text.split(SENTENCE_JOINT);
    if (sentences.length > MAX_PIECES) return null;
    const languages = new Set<Language>();
    const rest: string[] = [];
    let framed = false;
    for (let i = 0; i < sentences.length; ) {
      const run = this.frameRun(sentences, i);
      if (run) {
        for (const lang of run.languages) languages.add(lang);
        framed = true;
        i = run.end;
        continue;
      }
      const sentence = sentences[i] as string;
      const buttons = sentence.length <= MAX_BUTTON_ROW ? this.buttonRow(sentence) : null;
      if (buttons) for (const lang of buttons) languages.add(lang);
      else rest.push(sentence);
      framed ||= buttons !== null;
      i++;
    }
    return framed ? { languages: [...languages], rest: rest.join(' ') } : null;
  }

  /** "Accept View profile", "AcceptView profile": every piece before a capital is a button. */
  private buttonRow(sentence: string): Language[] | null {
    const words = sentence.split(CAPITAL_JOINT).filter((w) => w.trim() !== '');
    if (words.length < 2 || words.length > MAX_PIECES) return null;
    const languages = new Set<Language>();
    for (let i = 0; i < words.length; ) {
      // Looked up, never taught: split before its capitals, a headline gives pieces several
      // inviters share ("Recruiterin |", "Celonis"), which learned would make headlines frame.
      const run = this.frameRun(words, i, false);
      if (!run) return null;
      for (const lang of run.languages) languages.add(lang);
      i = run.end;
    }
    return [...languages];
  }

  /** The longest run of parts from `i` on that is one piece of frame, and its languages. */
  private frameRun(
    parts: string[],
    i: number,
    teach = true,
  ): { end: number; languages: Language[] } | null {
    for (let end = parts.length; end > i; end--) {
      const languages = this.frameOf(parts.slice(i, end).join(' '), teach);
      if (languages) return { end, languages };
    }
    return null;
  }

  /** The languages of a piece of LinkedIn's frame ([] for learned or neutral), null if it is not. */
  private frameOf(piece: string, teach: boolean): Language[] | null {
    const { tokens } = this.tokenise(piece.trim());
    return templateLanguages(tokens) ?? (this.isLearned(tokens, teach) ? [] : null);
  }

  /** Whether the installation learned this shape as frame; notes the shape as one to teach. */
  isLearned(tokens: string, teach = true): boolean {
    if (tokens.length > MAX_SHAPE_CHARS || SAYS_SOMETHING(tokens)) return false;
    const key = shapeKey(tokens, this.cluster);
    // What the preheader repeats is the note: the mail never teaches it. A person still can
    // ("That is LinkedIn's text"), and what they taught is read as LinkedIn's here too.
    if (teach && this.shapes.size < MAX_LESSON_SHAPES && !this.echoed(tokens)) this.shapes.add(key);
    const learned = this.learned.has(key);
    if (learned) this.learnedSeen++;
    return learned;
  }

  /**
   * Whether the text is a heading that names the inviter in full and says, in a few plain words,
   * that they want to connect ("Rizky Pratama, S.Kom. voudrait rejoindre votre réseau", "Novo
   * convite de Dr. Adaeze B. Okonkwo, PhD"): LinkedIn's, in whatever wording. A note that opens
   * with its writer's name sets it off ("Olusegun Adeyemi, ancien collègue…", "Olusegun Adeyemi ·
   * KubeCon EU 2024"), says something else ("… from the Lisbon meetup"), or a cue of context or
   * of a pitch.
   */
  isNameHeading(text: string): boolean {
    // The whole name: a part of it alone ("Olusegun would like…") is how a note signs.
    // The inviter's: a note may open with the recipient's name ("Nora, loved connecting tonight").
    const { tokens, inviterParts, inviterNamed } = this.tokenise(text.trim());
    return inviterNamed && inviterParts.length === 0 && isHeadingShape(tokens);
  }

  /** Whether tokenised text holds a phrase of context or of a pitch: never LinkedIn's. */
  saysSomething(tokens: string): boolean {
    return SAYS_SOMETHING(tokens);
  }

  /**
   * Whether many inviters wrote this note word for word: LinkedIn's default note in a wording no
   * pack knows (learnedFrame.ts defaultNoteCluster). Only a short note of one paragraph that
   * names LinkedIn, as every default note does, and says nothing of context or of a pitch, can
   * be; notes the shape as one to teach.
   */
  isLearnedDefaultNote(note: string): boolean {
    // The text's own checks first: most notes never name LinkedIn, and are not tokenised again.
    if (note.length > MAX_NOTE_LENGTH || !/linked\s?in/i.test(note) || !hasDefaultNoteShape(note))
      return false;
    const { tokens } = this.tokenise(note);
    if (SAYS_SOMETHING(tokens) || /NUM|URL|EMAIL/.test(tokens) || extendsDefaultNote(tokens))
      return false;
    const key = shapeKey(tokens, defaultNoteCluster(this.cluster));
    this.noteShapes.add(key);
    return this.learned.has(key);
  }

  /**
   * Whether the preheader repeats this segment (whole, or up to where it was cut) and it names no
   * one, once a greeting that opens it is set aside ("hi NAME, congratulations on …").
   */
  echoed(segment: string): boolean {
    const tokens = segment.replace(OPENING_GREETING, '');
    // LinkedIn's own heading names the inviter ("NAME wants to connect") and may be repeated as
    // the preheader of mail with no note: it is taught. A note that names someone is guarded.
    const heading = NAME_LINE.test(tokens.trim()) && !SAYS_SOMETHING(tokens);
    if (this.echoes.length === 0 || (tokens.includes('NAME') && heading)) return false;
    // Without spaces: a piece may be the note split before a capital ("Viva Tech"). Tokens are
    // already normalised: only punctuation and spaces go (as comparable's would), and the
    // placeholders (NUM, URL, EMAIL) are lower case in the preheader's comparable form.
    const form = tokens.toLowerCase().replace(SQUEEZED, '');
    return (
      form !== '' &&
      this.echoes.some(
        ({ whole, cut }) =>
          whole.includes(form) ||
          [whole, cut].some((start) => start.length >= MIN_ECHO && form.startsWith(start)),
      )
    );
  }

  /** How many lines or pieces read so far were frame the installation learned. */
  get learnedCount(): number {
    return this.learnedSeen;
  }

  /** "mei ling" → "Mei Ling", as the inviter's name writes it. */
  private inOriginalCase(form: string): string {
    const name = this.names.inviter?.normalize('NFKC') ?? '';
    const at = name.toLowerCase().indexOf(form);
    return at >= 0 && name.toLowerCase().length === name.length
      ? name.slice(at, at + form.length)
      : form;
  }
}

/** A whole line, or every part of "Unsubscribe | Help", matched against the templates. */
function templateLanguages(tokens: string): Language[] | null {
  const languages = templateMatch(tokens);
  if (!languages || tokens.replace(BRACKETED, ' ').search(CONTEXT) < 0) return languages;
  // A template's … may take in a note ("This email was intended for Ingrid: we met at KubeCon!").
  // Words of context that the template's own words do not hold ("your email address" in a guest
  // footer), outside the brackets where a footer gives the user's own headline, are a note's: the
  // line still matches with them blanked out.
  return templateMatch(tokens.replace(CONTEXT, '\u2022')) ? null : languages;
}

const BRACKETED = /\([^()]*\)/g;

function templateMatch(tokens: string): Language[] | null {
  const whole = frameLanguages(tokens);
  if (whole) return whole;
  const parts = tokens.split(SEGMENT);
  if (parts.length < 2) return null;
  const languages = new Set<Language>();
  for (const part of parts) {
    const found = frameLanguages(part);
    if (!found) return null;
    for (const lang of found) languages.add(lang);
  }
  return [...languages];
}

/**
 * A button, or a "View profile: https://…" line. A URL inside a sentence is the inviter's text
 * ("the slides are at https://… if you want them"), not the end of the note. Words are counted
 * in the line's tokens, where a name is one word whatever its length ("… mengenal Zoë van der
 * Berg: https://…").
 */
function isLinkLine(line: Line, tokens: string): boolean {
  if (line.href !== null) return true;
  if (!/https?:\/\//.test(line.text)) return false;
  const prose = tokens.replace(/URL/g, ' ').trim();
  const words = prose.split(/\s+/).filter(Boolean).length;
  return words <= 4 || (words <= 8 && prose.endsWith(':'));
}

/** Read off the string: parsing every button's URL costs more than the rest of the line. */
function isLinkedInButtonUrl(href: string): boolean {
  const m = /^https?:\/\/([^/?#:@]+)(?::\d+)?(\/[^?#]*)?(\?[^#]*)?/i.exec(href);
  if (!m?.[1] || !isLinkedInDomain(m[1])) return false;
  const path = m[2] ?? '/';
  return path === '/' || BUTTON_PATH.test(path) || TRACKING.test(m[3] ?? '');
}

/**
 * The forms a name may take in LinkedIn's lines, lower case: "mei ling tan", "mei ling", "mei";
 * without titles ("helen carter" for "Dr. Helen Carter"); the given name of "Whitaker, James";
 * each part of a CJK name. None for a name too long to be one.
 */
function forms(name: string | null): string[] {
  if (!name || name.length > MAX_INLINE_CHARS) return [];
  const words = lowerWords(name);
  const untitled = words.slice(words.findIndex((w) => !isTitle(w)));
  const out = new Set([...wholeForms(name), firstNameOf(words.join(' ')).toLowerCase()]);
  for (const list of [words, untitled]) {
    for (let n = 1; n < list.length && n <= 4; n++) out.add(list.slice(0, n).join(' '));
  }
  if (isCjkName(name)) for (const part of words) out.add(part);
  return [...out].filter((form) => form.length >= 2 && !isTitle(form));
}

/** The whole name as written ("marisol vega, mba"), and without commas and titles. */
function wholeForms(name: string): string[] {
  const words = lowerWords(name);
  const written = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/\s+/g, ' ')
    .trim();
  return [written, words.join(' '), words.slice(words.findIndex((w) => !isTitle(w))).join(' ')];
}

function lowerWords(name: string): string[] {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .trim()
    .split(/\s+/)
    .map((w) => w.replace(/,$/, ''));
}
