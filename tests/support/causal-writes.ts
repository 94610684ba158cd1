// Which writes a reader made, and which writes each writer had seen when it made its own, for
// the rule the multi-device property checks (see `lostWrites`). Every register of a record is a
// "field"; a write is one stamped value of one field, made by one writer (a panel).
import type { Stamp } from '@/utils/positions/clock';
import type { ArticleRecord } from '@/utils/positions/model';

/** One stamped value in a record: `path` names the field, e.g. `q|qa|position` or `q|qa|history|<at>`. */
export interface Register {
  path: string;
  at: Stamp;
  /** The value as JSON, as mergeRegister compares values of one stamp. */
  json: string;
}

/** Every register of an article, history entries included (each a field written once). */
export function registers(article: ArticleRecord): Register[] {
  const out: Register[] = [];
  const add = (path: string, reg: { v: unknown; at: Stamp } | undefined) => {
    if (reg) out.push({ path, at: reg.at, json: JSON.stringify(reg.v) });
  };
  add('meta', article.meta);
  add('note', article.note);
  add('localOnly', article.localOnly);
  add('deleted', article.deleted);
  for (const [id, q] of Object.entries(article.questions)) {
    add(`q|${id}|q`, q.q);
    add(`q|${id}|position`, q.position);
    add(`q|${id}|note`, q.note);
    add(`q|${id}|shared`, q.shared);
    add(`q|${id}|removed`, q.removed);
    for (const [at, entry] of Object.entries(q.history)) {
      add(`q|${id}|history|${at}`, { v: { from: entry.from, to: entry.to }, at });
      add(`q|${id}|reason|${at}`, entry.reason);
    }
  }
  return out;
}

export interface Write extends Register {
  id: number;
  url: string;
  writer: string;
  /** Ids of every write the writer had seen when it made this one: its causal past. */
  past: ReadonlySet<number>;
}

const keyOf = (url: string, r: Register) => `${url}\n${r.path}\n${r.at}\n${r.json}`;
const fieldOf = (url: string, path: string) => `${url}\n${path}`;

/** mergeRegister's order: the later stamp, then for one stamp the larger JSON. */
export const lwwAfter = (a: Register, b: Register) => a.at > b.at || (a.at === b.at && a.json >= b.json);

/** How the writes of a schedule ended: kept, superseded by one that had seen them, or by a concurrent one. */
export interface WriteOutcomes {
  writes: number;
  kept: number;
  supersededAfterSeen: number;
  supersededConcurrently: number;
  /** Losses the rule forbids but `KnownBugs` let pass, by bug. */
  known: Record<keyof KnownBugs, number>;
}

export const noOutcomes = (): WriteOutcomes => ({
  writes: 0,
  kept: 0,
  supersededAfterSeen: 0,
  supersededConcurrently: 0,
  known: { unobservedSnapshots: 0, sameStampHistory: 0 },
});

/**
 * Product bugs the property found, each let pass (and counted) only in its exact shape, so the
 * property keeps checking everything else. Each has a schedule that fails without it.
 */
export interface KnownBugs {
  /**
   * lastActivity (utils/positions/model.ts) leaves out question snapshots' stamps (`q.q.at`), so a
   * read does not observe them: a snapshot write made after seeing a later-stamped snapshot of
   * the same question loses to it. Shape: a `q|<id>|q` write lost to one its writer had seen,
   * stamped after it.
   */
  unobservedSnapshots?: boolean;
  /**
   * Two panels of one device stamp with one device id and separate clocks, so they can take the
   * same stamp for different changes; history entries are keyed by stamp and mergeHistory keeps
   * the first argument's (what storage held): the other panel's entry is lost whatever its value.
   * Shape: a history entry lost to one of the same stamp by another writer.
   */
  sameStampHistory?: boolean;
}

export class CausalLog {
  readonly writes: Write[] = [];
  private readonly byKey = new Map<string, Write[]>();
  /** What each writer has seen: closed under `past` (seeing a write is seeing what it had seen). */
  private readonly seen = new Map<string, Set<number>>();

  private seenBy(writer: string): Set<number> {
    let set = this.seen.get(writer);
    if (!set) {
      set = new Set();
      this.seen.set(writer, set);
    }
    return set;
  }

  /** `writer` read `article` through its store: it has seen every write the record holds. */
  read(writer: string, article: ArticleRecord): void {
    const seen = this.seenBy(writer);
    for (const r of registers(article)) {
      for (const w of this.byKey.get(keyOf(article.url, r)) ?? []) {
        if (seen.has(w.id)) continue;
        seen.add(w.id);
        for (const p of w.past) seen.add(p);
      }
    }
  }

  /**
   * `writer` changed its record from `before` to `after` with `stamp`: every register `after`
   * holds at that stamp, and `before` did not, is a write.
   */
  changed(writer: string, before: ArticleRecord | null, after: ArticleRecord | null, stamp: Stamp): Write[] {
    if (!after) return [];
    const had = new Set(before ? registers(before).map((r) => keyOf(before.url, r)) : []);
    const seen = this.seenBy(writer);
    const made: Write[] = [];
    for (const r of registers(after)) {
      if (r.at !== stamp || had.has(keyOf(after.url, r))) continue;
      const w: Write = { ...r, id: this.writes.length, url: after.url, writer, past: new Set(seen) };
      this.writes.push(w);
      const key = keyOf(w.url, w);
      this.byKey.set(key, [...(this.byKey.get(key) ?? []), w]);
      made.push(w);
    }
    // A writer sees its own writes.
    for (const w of made) seen.add(w.id);
    return made;
  }

  /**
   * THE RULE. For every field, let F be the write whose value the final state holds. Every other
   * write W to that field may be absent only if
   *   (a) W is in F's causal past: F's writer had seen W (through what it read) before writing F, or
   *   (b) W and F are concurrent (neither writer had seen the other's write) and F wins the
   *       last-writer-wins order (later stamp; for one stamp, the larger JSON value).
   * So the survivor F must never be in the causal past of another write to its field: an edit
   * made after seeing a value is never lost to it, whatever the clocks say. Also: a field written
   * must still hold a value, and every value the final state holds must be one some writer wrote.
   * Returns the violations, in words; `outcomes` counts how the writes ended.
   */
  lostWrites(
    final: Map<string, ArticleRecord>,
    options: { outcomes?: WriteOutcomes; known?: KnownBugs } = {},
  ): string[] {
    const { outcomes = noOutcomes(), known = {} } = options;
    const problems: string[] = [];
    outcomes.writes += this.writes.length;
    const byField = new Map<string, Write[]>();
    for (const w of this.writes) {
      const field = fieldOf(w.url, w.path);
      byField.set(field, [...(byField.get(field) ?? []), w]);
    }
    const finalRegs = new Map<string, Register>();
    for (const [url, article] of final)
      for (const r of registers(article)) {
        finalRegs.set(fieldOf(url, r.path), r);
        if (r.at !== '' && !this.byKey.has(keyOf(url, r)))
          problems.push(`${url} ${r.path} holds ${r.json} @${r.at}, which no writer wrote`);
      }
    for (const [field, writes] of byField) {
      const held = finalRegs.get(field);
      const where = field.replace('\n', ' ');
      if (!held) {
        problems.push(`${where}: every write lost (${writes.map(describe).join(', ')})`);
        continue;
      }
      const survivors = writes.filter((w) => w.at === held.at && w.json === held.json);
      outcomes.kept += survivors.length;
      for (const w of writes) {
        if (survivors.includes(w)) continue;
        if (survivors.some((f) => f.past.has(w.id))) {
          outcomes.supersededAfterSeen++;
          continue;
        }
        if (survivors.some((f) => !w.past.has(f.id) && lwwAfter(f, w))) {
          outcomes.supersededConcurrently++;
          continue;
        }
        const seenSurvivor = survivors.some((f) => w.past.has(f.id));
        if (
          known.unobservedSnapshots &&
          w.path.endsWith('|q') &&
          survivors.some((f) => w.past.has(f.id) && f.at > w.at)
        ) {
          outcomes.known.unobservedSnapshots++;
          continue;
        }
        if (
          known.sameStampHistory &&
          w.path.includes('|history|') &&
          survivors.some((f) => f.at === w.at && f.writer !== w.writer)
        ) {
          outcomes.known.sameStampHistory++;
          continue;
        }
        problems.push(
          `${where}: ${describe(w)} lost to ${survivors.map(describe).join(' / ')}${
            seenSurvivor ? `, though ${w.writer} had seen it` : ' (concurrent, and it should win)'
          }`,
        );
      }
    }
    return problems;
  }
}

function describe(w: Write): string {
  return `#${w.id} ${w.json} @${w.at} by ${w.writer}`;
}
