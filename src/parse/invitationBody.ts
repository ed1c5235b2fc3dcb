/**
 * One rendering of an invitation (the text part, or the HTML's visible lines) → the inviter's
 * identity block and what is left. LinkedIn's layouts differ in order and wrapping, but all are
 * built from the same pieces: its frame (greeting, headings, buttons, footers), the identity block
 * (name, headline, location, mutual connections), and the note. So the note is found by
 * subtraction: every line that is not positively LinkedIn's or the inviter's identity is left
 * over, wherever it stands, and the caller decides what the leftovers are.
 */
import type { ParseBudget } from './budget.ts';
import type { FrameReader, Role } from './frame.ts';
import { isGatewayNotice } from './gatewayNotices.ts';
import type { Line } from './htmlLines.ts';
import { GREETING, type Language, LOCATION_WORDS } from './languages/index.ts';
import { isAcceptHref, profileKey } from './links.ts';
import { URL_IN_TEXT } from './textPart.ts';

export interface ViewReading {
  /** Whether the inviter's name stood on a line of its own (the identity block's head). */
  nameLine: boolean;
  headline: string | null;
  location: string | null;
  /** Leftover text of the invitation's card, one entry per run of consecutive lines, in mail order. */
  runs: string[];
  /**
   * Leftover text after the invitation's own call to action (its accept link), below an identity
   * block: where LinkedIn puts what it adds (people you may know, app promotions, insights).
   */
  trailing: string[];
  /**
   * Whether this rendering shows the whole card: the inviter's name and, after it, the accept
   * link. Only a complete rendering can say that text the other one has is layout.
   */
  complete: boolean;
  /**
   * Whether the rendering runs to LinkedIn's copyright (endsInFrame): it was not cut short, so
   * what it lacks the other rendering added, even where no identity block or accept link could
   * be placed in it.
   */
  ended: boolean;
  /** How many frame lines each language's templates recognised. */
  votes: Map<Language, number>;
  /** The part of the inviter's name LinkedIn's buttons or signature use alone: the given name. */
  givenName: string | null;
}

/**
 * LinkedIn's greeting stands alone on its line: "Hi NAME,", "Hola, NAME:", "NAME,", "Hi ,"
 * (a blank first name), or a greeting word with a name the mail does not otherwise give.
 */
const GREETING_LINE = new RegExp(
  `^(?:${GREETING}(?:[ ,]+NAME| [^\\s,:!]{1,40}(?: [^\\s,:!]{1,40}){0,2})?\\s*[,:!]?|NAME[,:]|[^\\s,:]{1,40},)$`,
  'u',
);
export function isGreetingLine(tokens: string): boolean {
  return GREETING_LINE.test(tokens);
}

/** A headline is one line; LinkedIn allows 220 characters. */
const MAX_HEADLINE = 220;

/** Where an invitation's structure is anchored: the inviter's profile among other people's. */
export interface Anchors {
  /** The inviter's profile (profileKey), when the links give it. */
  inviterProfile: string | null;
  /** This invitation's id: its own accept link carries it; other pending invitations' do not. */
  invitationId: string | null;
  /** The headline the other rendering read under the inviter's name (a text part links no name). */
  headline?: string | null;
}

export function readView(
  lines: Line[],
  reader: FrameReader,
  budget: ParseBudget,
  anchors: Anchors = { inviterProfile: null, invitationId: null },
): ViewReading {
  const roles = lines.map((line, i) => {
    if (i % 64 === 0) budget.check('reading the invitation');
    return reader.role(line);
  });
  const attributed = new Array<boolean>(lines.length).fill(false);
  const votes = new Map<Language, number>();
  let givenName: string | null = null;
  roles.forEach((role, i) => {
    if (role.kind === 'text') return;
    attributed[i] = true;
    if (role.kind !== 'frame') return;
    for (const lang of role.languages) votes.set(lang, (votes.get(lang) ?? 0) + 1);
    givenName ??= role.givenName;
  });

  const head = cardHead(lines, roles, anchors);
  const identity = readIdentity(lines, roles, attributed, reader, head);
  // LinkedIn's greeting is the first line that is no one else's, when it has a greeting's shape.
  const first = roles.findIndex((r, i) => r.kind === 'text' && !attributed[i]);
  const firstRole = roles[first];
  // "Hi again!", "Hello again Anna!" have a greeting's shape, but say they have met.
  if (
    firstRole?.kind === 'text' &&
    isGreetingLine(firstRole.tokens) &&
    !reader.saysSomething(firstRole.tokens)
  )
    attributed[first] = true;
  const cards = markOtherPeople(lines, roles, attributed, anchors.inviterProfile);
  const texts = lines.map((line, i) => {
    const role = roles[i];
    return role?.kind === 'text' && role.rest !== undefined ? role.rest : line.text;
  });
  const cta = callToAction(lines, head, anchors.invitationId);
  const end = cta ?? lines.length - 1;
  // Below the call to action, the note may follow the buttons; it never follows other people's
  // cards: what comes after the first of them is LinkedIn's (app promotion, footer).
  const trailingEnd = cards.find((i) => i > end) ?? lines.length;
  return {
    ...identity,
    runs: leftoverRuns(texts.slice(0, end + 1), attributed),
    trailing: leftoverRuns(texts.slice(end + 1, trailingEnd), attributed.slice(end + 1)),
    complete: cta !== null,
    ended: endsInFrame(lines, roles),
    votes,
    givenName,
  };
}

/**
 * Whether the last line is LinkedIn's copyright, which ends its footer in every layout: a part cut
 * short may end on any other line of LinkedIn's (its heading), and a gateway that cut it may still
 * append a notice of its own.
 */
function endsInFrame(lines: Line[], roles: Role[]): boolean {
  const last = lines.findLastIndex((line) => line.text.trim() !== '');
  const line = lines[last];
  return (
    line !== undefined &&
    roles[last]?.kind === 'frame' &&
    !isGatewayNotice(line.text) &&
    COPYRIGHT.test(line.text)
  );
}

const COPYRIGHT = /©|\(c\)|&copy;/i;

/**
 * The last line that holds this invitation's own accept link (the one with its id, where the id
 * is known: a block of other pending invitations may follow with theirs), when the inviter's
 * identity block (the name on its own line) comes before it; otherwise null, and nothing trails.
 */
function callToAction(lines: Line[], name: number, invitationId: string | null): number | null {
  if (name < 0) return null;
  const own = (href: string) =>
    isAcceptHref(href) && (!invitationId || href.includes(invitationId));
  for (let i = lines.length - 1; i > name; i--) {
    if (linksOf(lines[i] as Line).some(own)) return i;
  }
  return null;
}

/**
 * The line of the inviter's name that heads their card, where a note may open with the name on a
 * line of its own too: the one linked to their profile, else one linked at all, else the one over
 * the headline the other rendering read, else the first; -1 when the name stands alone on no line.
 */
function cardHead(lines: Line[], roles: Role[], anchors: Anchors): number {
  const { inviterProfile, headline } = anchors;
  const names = roles.flatMap((role, i) => (role.kind === 'name' ? [i] : []));
  if (names.length < 2) return names[0] ?? -1;
  // The next line that is not blank; linear over the mail, however many lines repeat the name.
  const over = (i: number) => {
    let next = i + 1;
    while (lines[next]?.text === '') next++;
    return lines[next]?.text === headline;
  };
  const linked = names.find((i) =>
    linksOf(lines[i] as Line).some(
      (href) => inviterProfile !== null && profileKey(href) === inviterProfile,
    ),
  );
  // 2016-2022 layouts link the profile by member id (profile/view?id=…): a linked name then.
  const anyLinked = names.find((i) => linksOf(lines[i] as Line).length > 0);
  return linked ?? anyLinked ?? (headline ? names.find(over) : undefined) ?? (names[0] as number);
}

/**
 * Other people's cards ("More people you may know"): a line that links to another member's
 * profile, with the unplaced lines under it up to the card's next link (their own button), or
 * in a text part the lines above it back to a blank line. None of that is the inviter's note.
 * Returns the lines that link to them, in order.
 */
function markOtherPeople(
  lines: Line[],
  roles: Role[],
  attributed: boolean[],
  inviterProfile: string | null,
): number[] {
  const cards: number[] = [];
  if (inviterProfile === null) return cards;
  // An unplaced linked name, or a button ("View profile: URL") to someone else's profile; the
  // recipient's own linked name in the header is not a card.
  const isOther = (line: Line, role: Role | undefined) =>
    (role?.kind === 'text' || (role?.kind === 'frame' && role.link && !role.recipient)) &&
    isLinkLineOf(line) &&
    linksOf(line).some((href) => {
      const key = profileKey(href);
      return key !== null && key !== inviterProfile;
    });
  lines.forEach((line, i) => {
    const role = roles[i];
    if (role?.kind === 'name' || !isOther(line, role)) return;
    cards.push(i);
    attributed[i] = true;
    const below = line.href !== null;
    for (let k = 1; k <= MAX_CARD_LINES; k++) {
      const j = below ? i + k : i - k;
      const next = lines[j];
      if (!next || next.text === '' || roles[j]?.kind === 'name') break;
      attributed[j] = true;
      if (below && linksOf(next).length > 0) break;
    }
  });
  return cards;
}

/** A card of someone LinkedIn suggests: name, headline, a line of insight, a button. */
const MAX_CARD_LINES = 4;

function linksOf(line: Line): string[] {
  if (line.hrefs) return line.hrefs;
  return line.href !== null ? [line.href] : (line.text.match(URL_IN_TEXT) ?? []);
}

/** A linked name or a "Name: URL" line, not a sentence that quotes a link. */
function isLinkLineOf(line: Line): boolean {
  return line.href !== null || line.text.split(/\s+/).length <= 6;
}

/**
 * The identity block: the inviter's name on its own line, or in 2008-2012 layouts (which show
 * the name only in buttons, and the details under them) the last "… invitation from Jane Doe"
 * button; then the lines right under it: the headline, a location, mutual connections. Anything
 * else in the block is left over.
 */
function readIdentity(
  lines: Line[],
  roles: Role[],
  attributed: boolean[],
  reader: FrameReader,
  head: number,
): Pick<ViewReading, 'nameLine' | 'headline' | 'location'> {
  let anchor = head;
  const nameLine = anchor >= 0;
  if (!nameLine) {
    for (let i = roles.length - 1; i >= 0 && anchor < 0; i--) {
      const role = roles[i];
      if (role?.kind === 'frame' && role.link && /invitation from NAME/.test(role.tokens))
        anchor = i;
    }
  }
  let headline: string | null = null;
  let location: string | null = null;
  if (!nameLine) {
    // Under a button the details are trusted only in their 2011 shape: exactly a headline and a
    // location, then LinkedIn's frame; anything else there may be the note.
    const [first, second, after] = [anchor + 1, anchor + 2, anchor + 3];
    const text = (i: number) => (roles[i]?.kind === 'text' ? (lines[i]?.text ?? null) : null);
    const headlineText = text(first);
    const locationText = text(second);
    if (
      anchor >= 0 &&
      headlineText !== null &&
      headlineText.length <= MAX_HEADLINE &&
      locationText !== null &&
      looksLikeLocation(locationText, lineTokens(roles[second], locationText, reader), reader) &&
      text(after) === null
    ) {
      attributed[first] = attributed[second] = true;
      return { nameLine, headline: headlineText, location: locationText };
    }
    return { nameLine, headline: null, location: null };
  }
  const packMutual = roles.some((role) => role.kind === 'mutual');
  for (let i = anchor + 1; i < lines.length; i++) {
    const role = roles[i];
    const text = lines[i]?.text ?? '';
    if (role?.kind === 'mutual') continue;
    // A headline or a location that several inviters share ("Software Engineer", "Berlin,
    // Germany") may have been learned as frame: under the name, it is still the card's.
    if (role?.kind === 'frame' && role.learned) {
      if (i === anchor + 1) headline = text;
      else if (location === null && headline !== null && lines[i - 1]?.text === headline)
        location = text;
      else break;
      continue;
    }
    if (role?.kind !== 'text' || attributed[i] || /https?:\/\//.test(text)) break;
    if (headline !== null && !packMutual && isMutualShape(lineTokens(role, text, reader), reader)) {
      attributed[i] = true;
      continue;
    }
    if (headline === null) {
      if (text.length > MAX_HEADLINE) break;
      headline = text;
      attributed[i] = true;
    } else if (
      location === null &&
      looksLikeLocation(text, lineTokens(role, text, reader), reader)
    ) {
      location = text;
      attributed[i] = true;
    }
  }
  return { nameLine, headline, location };
}

/**
 * "10 koneksi yang sama", "77 conexões em comum": under the headline, a count and up to three
 * plain words are the mutual connections, in a wording no pack knows, where no line in a pack's
 * wording is; a note that opens so is repeated by the preheader.
 */
const MUTUAL_SHAPE = /^NUM\+? [\p{L}\p{M}'’-]+(?: [\p{L}\p{M}'’-]+){0,2}$/u;
function isMutualShape(tokens: string, reader: FrameReader): boolean {
  // "5 years together" is a note: the preheader repeats it.
  return MUTUAL_SHAPE.test(tokens) && !reader.saysSomething(tokens) && !reader.echoed(tokens);
}

/** Consecutive leftover lines (blank lines between them kept) → one text per run. */
function leftoverRuns(lines: string[], attributed: boolean[]): string[] {
  const runs: string[] = [];
  let run: string[] = [];
  const end = () => {
    const text = run
      .join('\n')
      .trim()
      .replace(/\n{3,}/g, '\n\n');
    if (text) runs.push(text);
    run = [];
  };
  lines.forEach((text, i) => {
    if (text === '') run.push('');
    else if (attributed[i]) end();
    else run.push(text);
  });
  end();
  return runs;
}

/** The line's tokens as its role read them, unless the role kept only part of it. */
function lineTokens(role: Role | undefined, text: string, reader: FrameReader): string {
  return role?.kind === 'text' && role.rest === undefined
    ? role.tokens
    : reader.tokenise(text).tokens;
}

/**
 * "Greater Seattle Area", "Madrid y alrededores", "Köln, Nordrhein-Westfalen, Deutschland":
 * short, no sentence, every word capitalised or a word locations use. A note is rarely shaped
 * like that; when one is, the other rendering or the preheader still has it.
 */
function looksLikeLocation(text: string, tokens: string, reader: FrameReader): boolean {
  if (text.length > 80 || /[!?;:@#|/\\()\d"“”\p{Extended_Pictographic}]|\.$/u.test(text))
    return false;
  // "Ex-Fjordline", "Former Acme": a note's, however capitalised.
  if (reader.saysSomething(tokens)) return false;
  const words = text.split(/[\s,]+/).filter(Boolean);
  return (
    words.length <= 8 &&
    words.every((w) => !/^\p{Ll}/u.test(w) || LOCATION_WORDS.has(w.toLowerCase()))
  );
}
