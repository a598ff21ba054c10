/**
 * Finding a unit or a person in a picker as one types, the way the roster's search box reads what is typed
 * (classifySearch): Chinese finds by name, letters by pinyin initials ('zs' → 张三) or full pinyin ('zhangsan'),
 * digits by a code (a unit's code, an ID number). Keys are computed once per list (pickKeys), so matching a
 * thousand people is a few string comparisons each. A match says which characters of the name it matched, for
 * highlighting, and how good it is (rank 0 best), for ordering.
 */
import { classifySearch, pinyinSyllables, type SearchQuery } from './pinyin';
import type { Marks } from './pick-marks';

export { markRuns, type Marks } from './pick-marks';

export interface PickKeys {
  name: string;
  lower: string;
  /** The reading of each character that has one, with its place in the name. */
  syllables: { at: number; length: number; syllable: string }[];
  full: string;
  initials: string;
  /** Where each syllable starts in `full`. */
  starts: number[];
  /** Codes in lower case: a unit's code; a person's ID number (as the reader sees it, masked or whole). */
  codes: string[];
}

export function pickKeys(name: string, codes: readonly string[] = []): PickKeys {
  const syllables = pinyinSyllables(name).filter((s) => s.syllable !== '');
  const starts: number[] = [];
  let full = '';
  for (const s of syllables) {
    starts.push(full.length);
    full += s.syllable;
  }
  return {
    name,
    lower: name.toLowerCase(),
    syllables,
    full,
    initials: syllables.map((s) => s.syllable[0]).join(''),
    starts,
    codes: codes.filter((c) => c !== '').map((c) => c.toLowerCase()),
  };
}


export interface PickMatch {
  /** 0: the name (or its pinyin, or a code) starts with what was typed; higher: found further in. */
  rank: number;
  marks: Marks;
}

const EVERYTHING: PickMatch = { rank: 0, marks: [] };

/** The characters read by syllables first … last (inclusive), as ranges. */
function syllableMarks(k: PickKeys, first: number, last: number): Marks {
  return k.syllables.slice(first, last + 1).map((s) => [s.at, s.at + s.length]);
}

function codeMatch(k: PickKeys, text: string): PickMatch | null {
  const t = text.toLowerCase();
  if (k.codes.some((c) => c.startsWith(t))) return { rank: 0, marks: [] };
  if (k.codes.some((c) => c.includes(t))) return { rank: 2, marks: [] };
  return null;
}

function nameMatch(k: PickKeys, text: string): PickMatch | null {
  const at = k.lower.indexOf(text.toLowerCase());
  return at < 0 ? null : { rank: at === 0 ? 0 : 1, marks: [[at, at + text.length]] };
}

function pinyinMatch(k: PickKeys, q: string): PickMatch | null {
  if (k.initials.startsWith(q)) return { rank: 0, marks: syllableMarks(k, 0, q.length - 1) };
  if (k.full.startsWith(q)) return { rank: 0, marks: fullMarks(k, 0, q.length) };
  const boundary = k.starts.findIndex((s) => k.full.startsWith(q, s));
  if (boundary >= 0) return { rank: 1, marks: fullMarks(k, k.starts[boundary]!, q.length) };
  const initial = k.initials.indexOf(q);
  if (initial >= 0) return { rank: 2, marks: syllableMarks(k, initial, initial + q.length - 1) };
  const anywhere = k.full.indexOf(q);
  if (anywhere >= 0) return { rank: 3, marks: fullMarks(k, anywhere, q.length) };
  return null;
}

/** The characters whose syllables overlap full[from, from + length). */
function fullMarks(k: PickKeys, from: number, length: number): Marks {
  let first = -1;
  let last = -1;
  k.starts.forEach((s, i) => {
    const end = s + k.syllables[i]!.syllable.length;
    if (s < from + length && end > from) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return first < 0 ? [] : syllableMarks(k, first, last);
}

/** How a query matches one item's keys, or null. */
export function matchPick(query: SearchQuery, k: PickKeys): PickMatch | null {
  const found: (PickMatch | null)[] = [];
  switch (query.kind) {
    case 'none':
      return EVERYTHING;
    case 'name':
      found.push(nameMatch(k, query.text), codeMatch(k, query.text));
      break;
    case 'pinyin':
      // letters may also be a code ('gs01'), or Latin letters in a name ('A区')
      found.push(pinyinMatch(k, query.text), codeMatch(k, query.text), nameMatch(k, query.text));
      break;
    case 'digits':
      found.push(codeMatch(k, query.text), nameMatch(k, query.text));
      break;
  }
  return found.reduce<PickMatch | null>((best, m) => (m && (!best || m.rank < best.rank) ? m : best), null);
}

/**
 * The items matching what was typed, best first (items of the same rank keep their order: the roster's pinyin order,
 * the tree's order). `limit` caps the rows returned; `total` still counts them all.
 */
export function pickFilter<T>(
  items: readonly T[],
  keysOf: (item: T) => PickKeys,
  typed: string,
  limit = Infinity,
): { rows: { item: T; match: PickMatch }[]; total: number } {
  const query = classifySearch(typed);
  const found: { item: T; match: PickMatch; order: number }[] = [];
  items.forEach((item, order) => {
    const match = matchPick(query, keysOf(item));
    if (match) found.push({ item, match, order });
  });
  found.sort((a, b) => a.match.rank - b.match.rank || a.order - b.order);
  return { rows: found.slice(0, limit).map(({ item, match }) => ({ item, match })), total: found.length };
}

/**
 * The units a tree filter shows: those matching, and every ancestor of one (so each match stays in its place, under
 * its community). Matches are keyed by id.
 */
export function withAncestors(
  units: readonly { id: number; parentId: number | null }[],
  matched: Iterable<number>,
): Set<number> {
  const parentOf = new Map(units.map((u) => [u.id, u.parentId]));
  const shown = new Set<number>();
  for (const id of matched) {
    let at: number | null | undefined = id;
    while (at !== null && at !== undefined && !shown.has(at)) {
      shown.add(at);
      at = parentOf.get(at);
    }
  }
  return shown;
}
