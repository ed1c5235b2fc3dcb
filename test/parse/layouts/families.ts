// The layout families of test/fixtures, as renderers: each copies its fixtures' frame (wording,
// order, markup shape) and renders any Variant in it, with the note in one of the places the
// family (or a plausible rearrangement of it) puts it. A family's `fixtures` are the ones it is
// checked against: rendering their people and note must parse as the fixtures do.
import { guest, guestReminder } from './families/guest.ts';
import { m2m2016, memberReminder } from './families/m2m.ts';
import { member2011 } from './families/member2011.ts';
import { mercado } from './families/mercado.ts';
import type { Family } from './families/shared.ts';

export type { Family };

export const FAMILIES: Family[] = [
  m2m2016,
  mercado,
  guest,
  member2011,
  memberReminder,
  guestReminder,
];
