// Merging two replicas of the reader's data (another device via sync, or a restored backup):
// each register keeps the later stamp, history is a union, so the result is the same whatever
// the order of delivery (commutative, associative, idempotent). Keys are outside data (URLs,
// question ids, stamps from another device or a file): they go through Maps, never a plain-object
// lookup, where "constructor" would find Object's and "__proto__" would set a prototype.
import type { ArticleRecord, HistoryEntry, QuestionRecord, Stamped } from './model';

export function mergeRegister<T>(
  a: Stamped<T> | undefined,
  b: Stamped<T> | undefined,
): Stamped<T> | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  if (a.at !== b.at) return a.at > b.at ? a : b;
  // Same stamp means the same write; compare values only so that a corrupt duplicate still converges.
  return JSON.stringify(a.v) >= JSON.stringify(b.v) ? a : b;
}

function mergeHistory(a: Record<string, HistoryEntry>, b: Record<string, HistoryEntry>) {
  return mergeByKey(a, b, (mine, entry) => {
    const reason = mergeRegister(mine.reason, entry.reason);
    if (reason === mine.reason) return mine;
    return reason ? { from: mine.from, to: mine.to, reason } : { from: mine.from, to: mine.to };
  });
}

export function mergeQuestion(a: QuestionRecord, b: QuestionRecord): QuestionRecord {
  const merged: QuestionRecord = {
    q: mergeRegister(a.q, b.q)!,
    history: mergeHistory(a.history, b.history),
  };
  assignIfSet(merged, 'position', mergeRegister(a.position, b.position));
  assignIfSet(merged, 'note', mergeRegister(a.note, b.note));
  assignIfSet(merged, 'shared', mergeRegister(a.shared, b.shared));
  assignIfSet(merged, 'removed', mergeRegister(a.removed, b.removed));
  return sameFields(merged, a) ? a : merged;
}

export function mergeArticle(a: ArticleRecord, b: ArticleRecord): ArticleRecord {
  const questions = mergeByKey(a.questions, b.questions, mergeQuestion);
  const merged: ArticleRecord = { url: a.url, meta: mergeRegister(a.meta, b.meta)!, questions };
  assignIfSet(merged, 'note', mergeRegister(a.note, b.note));
  assignIfSet(merged, 'localOnly', mergeRegister(a.localOnly, b.localOnly));
  assignIfSet(merged, 'deleted', mergeRegister(a.deleted, b.deleted));
  return sameFields(merged, a) ? a : merged;
}

/**
 * True when every field of `merged` is `a`'s own object: the merge learnt nothing from the other
 * side. Returning `a` itself then keeps the panel from re-rendering 10,000 unchanged questions, and
 * a save's echo from costing a copy of the whole record.
 */
function sameFields<T extends object>(merged: T, a: T): boolean {
  const keys = Object.keys(merged) as (keyof T)[];
  return keys.length === Object.keys(a).length && keys.every((key) => merged[key] === a[key]);
}

/** Merge two whole libraries, keyed by article URL. */
export function mergeLibraries(
  a: Record<string, ArticleRecord>,
  b: Record<string, ArticleRecord>,
): Record<string, ArticleRecord> {
  return mergeByKey(a, b, mergeArticle);
}

/**
 * `a`'s entries and `b`'s, merged by `merge` where both have the key. Object.fromEntries makes
 * every key an own property, "__proto__" included; the order is `a`'s keys, then `b`'s new ones.
 */
function mergeByKey<T>(
  a: Record<string, T>,
  b: Record<string, T>,
  merge: (mine: T, theirs: T) => T,
): Record<string, T> {
  const out = new Map(Object.entries(a));
  let changed = false;
  for (const [key, theirs] of Object.entries(b)) {
    const mine = out.get(key);
    const merged = mine ? merge(mine, theirs) : theirs;
    if (merged !== mine) {
      out.set(key, merged);
      changed = true;
    }
  }
  // Nothing new from `b`: `a` itself, so callers can tell "unchanged" by identity.
  return changed ? Object.fromEntries(out) : a;
}

// Optional fields stay absent rather than `undefined`, so merged records compare equal by JSON.
function assignIfSet<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined) {
  if (value !== undefined) target[key] = value;
}
