/**
 * The months' results kept between calls, so that reading them does not compute every score again after each
 * keystroke. A month is computed once; a score save declares whose scores it changed, and only those workers are
 * worked out again (with the community-wide marks and the ranks redone over everyone); any other change to the data
 * file — another call that writes, a failed call, a write from outside the dispatcher or from another program on the
 * same file (a second host on the same data folder) — drops every kept month. SQLite's total_changes() and
 * data_version tell whether anything was written since the cache last looked: the cache never serves a month across a
 * write it was not told of. tests/unit/results-cache.test.ts holds it against a full recompute.
 */
import type { Database } from 'better-sqlite3';
import { dataVersion, totalChanges } from '../db/unchanged';

interface Cache {
  /** total_changes() when the kept months were last known to match the file. */
  seen: number;
  /** data_version then: it moves when another connection commits, which total_changes() does not count. */
  version: number;
  /** Each kept month's state, as compute.ts reads and reworks it (opaque here). */
  months: Map<number, unknown>;
  /** Workers whose scores a save changed, by month, not yet worked in. */
  stale: Map<number, Set<number>>;
  /** What the call running in trackWrites declared it changed; null outside such a call. */
  declared: Map<number, Set<number>> | null;
}

const caches = new WeakMap<Database, Cache>();

function cacheOf(db: Database): Cache {
  let cache = caches.get(db);
  if (!cache) {
    cache = { seen: totalChanges(db), version: dataVersion(db), months: new Map(), stale: new Map(), declared: null };
    caches.set(db, cache);
  }
  return cache;
}

/** Drops every kept month if anything was written since the cache last looked, here or by another connection. */
function catchUp(db: Database, cache: Cache): void {
  const now = totalChanges(db);
  const version = dataVersion(db);
  if (now === cache.seen && version === cache.version) return;
  cache.months.clear();
  cache.stale.clear();
  cache.seen = now;
  cache.version = version;
}

/** The month's state, kept or read afresh; workers whose scores changed since are reworked first. */
export function cachedMonth<State>(
  db: Database,
  monthId: number,
  read: () => State,
  rework: (db: Database, state: State, personIds: ReadonlySet<number>) => void,
): State {
  const cache = cacheOf(db);
  // inside a call that has written, the file is ahead of what trackWrites will settle: compute it afresh, keep nothing
  if (cache.declared !== null && totalChanges(db) !== cache.seen) return read();
  catchUp(db, cache);
  let state = cache.months.get(monthId) as State | undefined;
  if (state === undefined) {
    state = read();
    cache.months.set(monthId, state);
  }
  const stale = cache.stale.get(monthId);
  if (stale) {
    rework(db, state, stale);
    cache.stale.delete(monthId);
  }
  return state;
}

/** Said by a score save inside its call: these workers' scores in this month may have changed. */
export function declareScoresChanged(db: Database, monthId: number, personIds: Iterable<number>): void {
  const declared = caches.get(db)?.declared;
  if (!declared) return; // nothing kept, or not inside trackWrites: any change will drop the kept months anyway
  const set = declared.get(monthId) ?? new Set<number>();
  for (const id of personIds) set.add(id);
  declared.set(monthId, set);
}

/**
 * Runs one synchronous call (its whole transaction) for the dispatcher. What it wrote is settled at once, with no other
 * call in between: if it committed and declared its changes, the kept months stay, those workers marked to be
 * reworked; anything else written drops them all.
 */
export function trackWrites<T>(db: Database, work: () => T): T {
  const cache = caches.get(db);
  if (!cache) return work();
  catchUp(db, cache);
  cache.declared = new Map();
  let committed = false;
  try {
    const out = work();
    committed = true;
    return out;
  } finally {
    const declared = cache.declared;
    cache.declared = null;
    // this call's own writes (another connection's commit since catchUp leaves `version` behind: the next catchUp drops all)
    const now = totalChanges(db);
    if (now !== cache.seen) {
      cache.seen = now;
      if (committed && declared.size > 0) {
        for (const [monthId, people] of declared) {
          const stale = cache.stale.get(monthId) ?? new Set<number>();
          for (const id of people) stale.add(id);
          cache.stale.set(monthId, stale);
        }
      } else {
        cache.months.clear();
        cache.stale.clear();
      }
    }
  }
}
