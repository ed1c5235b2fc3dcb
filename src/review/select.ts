/** Which invitations a page of the review list shows: a filter, a search, 50 a page. Pure. */
import type { InvitationRecord } from '../store/store.ts';

export const FILTERS = [
  'waiting',
  'unsure',
  'has-context',
  'pitch',
  'known',
  'suspicious',
  'no-draft',
  'decided',
  'all',
] as const;
export type Filter = (typeof FILTERS)[number];

export const FILTER_LABELS: Record<Filter, string> = {
  waiting: 'Waiting for you',
  unsure: 'Unsure',
  'has-context': 'Personal notes',
  pitch: 'Pitches',
  known: 'People you know',
  suspicious: 'Imitations',
  'no-draft': 'No draft',
  decided: 'Decided',
  all: 'All',
};

export const PAGE_SIZE = 50;

const DECIDED = new Set(['approved', 'sent', 'discarded', 'expired', 'replied', 'ignored']);

export interface ListQuery {
  show: Filter;
  q: string;
  page: number;
}

/** Without a tab named, a list shows what waits for you, and a search looks in every tab. */
const defaultFilter = (q: string): Filter => (q ? 'all' : 'waiting');

/** A query from the URL's parameters; anything unknown falls back to the defaults, page 1. */
export function parseQuery(params: Record<string, string | undefined>): ListQuery {
  const q = (params.q ?? '').trim().slice(0, 200);
  const show = FILTERS.find((f) => f === params.show) ?? defaultFilter(q);
  const page = Number.parseInt(params.page ?? '1', 10);
  return { show, q, page: Number.isFinite(page) && page > 0 ? page : 1 };
}

/** The URL of a list page: only what differs from the defaults. */
export function queryUrl(query: Partial<ListQuery>): string {
  const params = new URLSearchParams();
  if (query.show && query.show !== defaultFilter(query.q ?? '')) params.set('show', query.show);
  if (query.q) params.set('q', query.q);
  if (query.page && query.page > 1) params.set('page', String(query.page));
  const text = params.toString();
  return text ? `/?${text}` : '/';
}

/** The tabs an invitation is listed under, "All" aside: where a search result was found. */
export function tabsOf(record: Pick<InvitationRecord, 'draftStatus' | 'category'>): Filter[] {
  return FILTERS.filter((f) => f !== 'all' && matchesFilter(record, f));
}

export function matchesFilter(
  record: Pick<InvitationRecord, 'draftStatus' | 'category'>,
  filter: Filter,
): boolean {
  const status = record.draftStatus;
  switch (filter) {
    case 'waiting':
      return status === 'pending' || status === 'sending';
    case 'no-draft':
      return status === 'none';
    case 'decided':
      return DECIDED.has(status);
    case 'all':
      return true;
    default:
      return record.category === filter;
  }
}

/** Case-insensitive words, every one found in the name, headline, location, note, address or id. */
export function matchesSearch(record: InvitationRecord, q: string): boolean {
  const words = q.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const { inviter, note } = record.notification;
  const text = [
    inviter.name,
    inviter.headline,
    inviter.location,
    inviter.email,
    note,
    record.draftTo,
    record.key,
  ]
    .filter(Boolean)
    .join('\n')
    .toLocaleLowerCase();
  return words.every((w) => text.includes(w));
}

export interface Selection {
  /** How many each filter holds under the current search. */
  counts: Record<Filter, number>;
  records: InvitationRecord[];
  page: number;
  pages: number;
  total: number;
}

/** `records` newest first; the page is clamped to the last one. */
export function selectInvitations(records: InvitationRecord[], query: ListQuery): Selection {
  const found = records.filter((r) => matchesSearch(r, query.q));
  const counts = Object.fromEntries(
    FILTERS.map((f) => [f, found.filter((r) => matchesFilter(r, f)).length]),
  ) as Record<Filter, number>;
  const shown = found.filter((r) => matchesFilter(r, query.show));
  const pages = Math.max(1, Math.ceil(shown.length / PAGE_SIZE));
  const page = Math.min(query.page, pages);
  return {
    counts,
    records: shown.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE),
    page,
    pages,
    total: shown.length,
  };
}
