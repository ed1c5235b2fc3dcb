/**
 * The shape of a language pack: everything LinkedIn writes in one language, and the words the
 * classifier looks for in notes written in it. Adding a language is one file of this type, one
 * line in index.ts (its ISO 639-1 code, as in `<html lang>` and in the `languages` keys of a
 * template) and fixtures; every field is required, so the compiler says what a new pack lacks.
 *
 * Line templates (`buttons`, `headings`, `footers`, `mutualConnections`) describe a whole line
 * in lower case, as the parser sees it once known values are replaced by tokens:
 *   NAME   the inviter's or the recipient's name (any known form: full, first, "Last, First")
 *   NUM    a number          URL  a link          EMAIL  an address
 *   …      any text (up to 500 characters)
 *   {a|b}  one of the alternatives; an empty one makes the group optional: "connection{s|}"
 * A final ".", ":", "!" or "?" is always allowed. Everything else is literal: write the line as
 * LinkedIn does, in lower case, with straight apostrophes.
 */
export interface LanguagePack {
  /** LinkedIn's default invitation notes, as written (noteKind "default"). */
  defaultNotes: readonly string[];
  /** Words a greeting opens with, lower case: LinkedIn's "Hi Paul," and people's own. */
  greetings: readonly string[];
  /** Labels of LinkedIn's buttons and footer links. */
  buttons: readonly string[];
  /** Lines LinkedIn writes about the inviter around the note ("NAME wants to connect"). */
  headings: readonly string[];
  /** LinkedIn's other fixed lines: notices, footers, promotions. */
  footers: readonly string[];
  /** The mutual-connections line of the inviter's identity block. */
  mutualConnections: readonly string[];
  /** Lower-case words a location may contain ("Greater Seattle Area", "Madrid y alrededores"). */
  locationWords: readonly string[];
  /** The word in "Jane Doe via LinkedIn", the display name of 2008-2012 invitations. */
  via: readonly string[];
  /** Titles written before a name that are not a first name ("Herr", "Dr."), lower case, no dot. */
  titles: readonly string[];
  /** Words in the label of LinkedIn's profile button ("View profile"), lower case. */
  profileWords: readonly string[];
  /** Words in the label of LinkedIn's accept button, lower case. */
  acceptWords: readonly string[];
  /** Phrases, lower case, that make a LinkedIn mail an invitation, a reminder, an acceptance. */
  invitationPhrases: readonly string[];
  reminderPhrases: readonly string[];
  acceptedPhrases: readonly string[];
  /** Phrases of a note that sells, recruits or asks for work (lower case, whole words). */
  pitchPhrases: readonly string[];
  /** Phrases of a note that says where or how the inviter knows the user. */
  contextCues: readonly string[];
  /**
   * Words and phrases of a note that says nothing but "let's connect": a note made only of these
   * (and names) is generic. Phrases that imply the two know each other do not belong here.
   */
  fillerWords: readonly string[];
  /** Short, frequent words that give the language away when LinkedIn's frame says nothing. */
  commonWords: readonly string[];
}
