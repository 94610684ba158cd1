// One sync entry as positional JSON, and back: an article is an array whose stamps are split into
// a table (device ids once, times as deltas), whose page questions' ids are left out (they are the
// hash of the text, recomputed) and whose placeholders are short; a "this device only" marker is
// [0, key, stamp]. Reading trusts nothing: any unexpected shape, and any value the rest of Stance
// would refuse (the backup schema's bounds: ids, stamps), throws, and the caller reports the item
// as corrupt. format.ts frames these values into payloads.
import { questionId } from '@/utils/extract/ids';
import type { AnswerForm } from '@/utils/extract/types';
import { isRecordId, isReservedKey, LIMITS } from '@/utils/limits';
import { decodeStamp, encodeStamp, type Stamp } from '@/utils/positions/clock';
import type {
  ArticleRecord,
  HistoryEntry,
  Position,
  QuestionRecord,
  QuestionSnapshot,
  SavedQuestionKind,
  Stamped,
} from '@/utils/positions/model';
import { isPageQuestion, isPlaceholder, placeholderSnapshot } from './tiers';

type Json = unknown;

/** What one sync item holds: articles (or their tombstones) and "this device only" markers. */
export type SyncEntry =
  | {
      kind: 'article';
      article: ArticleRecord;
      /**
       * For page questions packed as placeholders: the stamp of the newest real snapshot any device
       * has had (format 4). A device that lacks it then defers to the sync area's tiers instead of
       * writing its own plan, which the device with the newer one would only overwrite again.
       */
      newest?: Record<string, Stamp>;
    }
  /** An article kept on one device only: its key (a hash of its URL) and stamp, no URL or content. */
  | { kind: 'localOnly'; key: string; localOnly: Stamped<boolean> };

/**
 * How a format lays out a placeholder question: how many fields it has (-1 if that format has no
 * compact tier), and whether the stamp of the newest wording follows its order.
 */
export interface PlaceholderLayout {
  fields: number;
  hint: boolean;
}

/** What this version writes: [id, kind, form type, order, hint, ...data]. */
export const PLACEHOLDER_LAYOUT: PlaceholderLayout = { fields: 10, hint: true };

// Appended only: an index is what a synced placeholder carries.
const FORM_TYPES = ['yes-no', 'agree-disagree', 'alternatives', 'open'] as const;

/**
 * questionId of a page question's text, remembered: every plan lays out every article again, and
 * the hash folds the text first (a tenth of a plan's time when it codes only its tail).
 */
const pageQuestionIds = new Map<string, string>();
function pageQuestionId(text: string): string {
  let id = pageQuestionIds.get(text);
  if (id === undefined) {
    id = questionId(text);
    if (pageQuestionIds.size >= 20_000) pageQuestionIds.clear();
    pageQuestionIds.set(text, id);
  }
  return id;
}

/** The JSON value of an entry. */
export function layoutOf(entry: SyncEntry): Json {
  if (entry.kind !== 'article') return [0, entry.key, entry.localOnly.at];
  return toLayout(entry.article, entry.newest ?? {});
}

/** The entry a JSON value lays out, placeholders as `placeholders` says; throws if it is not one. */
export function entryOf(layout: Json, placeholders: PlaceholderLayout): SyncEntry {
  const [first, key, at] = list(layout);
  if (first !== 0) return fromLayout(layout, placeholders);
  if (!decodeStamp(stampText(at))) fail('bad stamp');
  return { kind: 'localOnly', key: text(key), localOnly: { v: true, at: stampText(at) } };
}

// --- An article ------------------------------------------------------------------------------
// [url, stamps, meta, note, localOnly, deleted, questions]; a register is [stampIndex, value] or 0.
// A question is [id or 0, stamp, kind, label, text, form, order, attribution, anchor, ...data], or
// a placeholder [id, kind, form type, order, hint, ...data] (format 3: no hint; format 2: none);
// data is [position, note, shared, removed, history].

const KINDS: SavedQuestionKind[] = ['debate', 'raised', 'claim', 'own'];

class StampTable {
  private readonly sorted: Stamp[];
  private readonly index = new Map<Stamp, number>();
  constructor(stamps: Iterable<Stamp>) {
    this.sorted = [...new Set(stamps)].sort();
    for (const [i, s] of this.sorted.entries()) this.index.set(s, i);
  }
  at(s: Stamp): number {
    return this.index.get(s)!;
  }
  /** [devices, ...entries]: an entry is [ms delta, counter, device index], or the raw stamp if odd. */
  toLayout(): Json[] {
    const devices: string[] = [];
    let previous = 0;
    const entries = this.sorted.map((s) => {
      const d = decodeStamp(s);
      if (!d || encodeStamp(d.ms, d.counter, d.device) !== s || d.ms < previous) return s;
      let device = devices.indexOf(d.device);
      if (device < 0) device = devices.push(d.device) - 1;
      const entry = [d.ms - previous, d.counter, device];
      previous = d.ms;
      return entry;
    });
    return [devices, ...entries];
  }
}

function readStamps(layout: Json): Stamp[] {
  const [devices, ...entries] = list(layout);
  const names = list(devices).map(text);
  let previous = 0;
  return entries.map((e) => {
    if (typeof e === 'string') return stampText(e);
    const [delta, counter, device] = list(e).map(int);
    previous += delta!;
    const name = names[device!];
    if (name === undefined) throw new Error('bad device');
    return stampText(encodeStamp(previous, counter!, name));
  });
}

function allStamps(a: ArticleRecord): Stamp[] {
  const out = [a.meta.at];
  for (const r of [a.note, a.localOnly, a.deleted]) if (r) out.push(r.at);
  for (const q of Object.values(a.questions)) {
    if (!isPlaceholder(q.q)) out.push(q.q.at);
    for (const r of [q.position, q.note, q.shared, q.removed]) if (r) out.push(r.at);
    for (const [at, h] of Object.entries(q.history)) {
      out.push(at);
      if (h.reason) out.push(h.reason.at);
    }
  }
  return out;
}

const positionCode = (p: Position | null): number => (p === null ? -1 : p === 'undecided' ? 0 : p);
function positionOf(code: Json): Position | null {
  if (code === -1) return null;
  if (code === 0) return 'undecided';
  if (code === 1 || code === 2 || code === 3 || code === 4 || code === 5) return code;
  throw new Error('bad position');
}

/** `newest`: the hints written after each placeholder (format 4). */
function toLayout(a: ArticleRecord, newest: Record<string, Stamp>): Json[] {
  const hint = (id: string) => newest[id];
  const stamps = new StampTable([
    ...allStamps(a),
    ...Object.entries(a.questions).flatMap(([id, q]) => {
      const at = isPlaceholder(q.q) ? hint(id) : undefined;
      return at ? [at] : [];
    }),
  ]);
  const reg = <T>(r: Stamped<T> | undefined, value: (v: T) => Json = (v) => v): Json =>
    r ? [stamps.at(r.at), value(r.v)] : 0;
  const flag = (v: boolean) => (v ? 1 : 0);
  const meta = a.meta.v;
  const questions = Object.keys(a.questions)
    .sort()
    .map((id) => {
      const q = a.questions[id]!;
      const s = q.q.v;
      const form = s.form.type === 'alternatives' ? s.form.poles : FORM_CODE[s.form.type];
      const history = Object.keys(q.history)
        .sort()
        .map((at) => {
          const h = q.history[at]!;
          return [stamps.at(at), positionCode(h.from), positionCode(h.to), reg(h.reason)];
        });
      const data = [
        reg(q.position, positionCode),
        reg(q.note),
        reg(q.shared, flag),
        reg(q.removed, flag),
        history,
      ];
      if (isPlaceholder(q.q)) {
        const at = hint(id);
        return [
          id,
          KINDS.indexOf(s.kind),
          FORM_TYPES.indexOf(s.form.type),
          s.order,
          at ? stamps.at(at) : -1,
          ...data,
        ];
      }
      return [
        // Page questions' ids are hashes of their text: stored as 0 and recomputed on decode.
        id === pageQuestionId(s.text) ? 0 : id,
        stamps.at(q.q.at),
        KINDS.indexOf(s.kind),
        s.label,
        s.text,
        form,
        s.order,
        s.attribution ?? 0,
        s.anchor ?? 0,
        ...data,
      ];
    });
  return [
    a.url,
    stamps.toLayout(),
    [stamps.at(a.meta.at), meta.title, meta.siteName, meta.lang, meta.readingMinutes],
    reg(a.note),
    reg(a.localOnly, flag),
    reg(a.deleted, flag),
    questions,
  ];
}

function fromLayout(layout: Json, placeholders: PlaceholderLayout): Extract<SyncEntry, { kind: 'article' }> {
  const newest: Record<string, Stamp> = {};
  const [url, stampLayout, meta, note, localOnly, deleted, questions] = list(layout);
  const stamps = readStamps(stampLayout);
  const stamp = (i: Json) => {
    const s = stamps[int(i)];
    if (s === undefined) throw new Error('bad stamp index');
    return s;
  };
  const reg = <T>(r: Json, value: (v: Json) => T): Stamped<T> | undefined => {
    if (r === 0) return undefined;
    const [at, v] = list(r);
    return { v: value(v), at: stamp(at) };
  };
  const bool = (v: Json) => {
    if (v !== 0 && v !== 1) throw new Error('bad flag');
    return v === 1;
  };
  const [metaAt, title, siteName, lang, readingMinutes] = list(meta);
  const article: ArticleRecord = {
    url: text(url),
    meta: {
      v: {
        title: text(title),
        siteName: text(siteName),
        lang: text(lang),
        readingMinutes: num(readingMinutes),
      },
      at: stamp(metaAt),
    },
    questions: {},
  };
  for (const qLayout of list(questions)) {
    const fields = list(qLayout);
    let id: string;
    let q: Stamped<QuestionSnapshot>;
    let data: Json[];
    if (fields.length === placeholders.fields) {
      // A page question without its snapshot: the placeholder it stood for, stamped ''.
      const [qId, kind, formType, order, ...afterOrder] = fields;
      const rest = placeholders.hint ? afterOrder.slice(1) : afterOrder;
      const hint = placeholders.hint ? afterOrder[0] : -1;
      id = questionKey(text(qId));
      if (hint !== -1) newest[id] = stamp(hint);
      const type = FORM_TYPES[int(formType)] ?? fail('bad form type');
      q = placeholderSnapshot({
        kind: KINDS[int(kind)] ?? fail('bad kind'),
        label: '',
        text: '',
        form: type === 'alternatives' ? { type, poles: ['', ''] } : { type },
        order: num(order),
      });
      if (!isPageQuestion(q.v)) fail('own question without text');
      data = rest;
    } else {
      const [qId, qAt, kind, label, qText, form, order, attribution, anchor, ...rest] = fields;
      const snapshot: QuestionSnapshot = {
        kind: KINDS[int(kind)] ?? fail('bad kind'),
        label: text(label),
        text: text(qText),
        form: formOf(form),
        order: num(order),
      };
      if (attribution !== 0) snapshot.attribution = text(attribution);
      if (anchor !== 0) snapshot.anchor = text(anchor);
      q = { v: snapshot, at: stamp(qAt) };
      id = qId === 0 ? pageQuestionId(snapshot.text) : questionKey(text(qId));
      data = rest;
    }
    // The encoder writes each id once: a second would silently replace the first.
    if (Object.hasOwn(article.questions, id)) fail('question listed twice');
    const [position, qNote, shared, removed, history] = data;
    const record: QuestionRecord = { q, history: {} };
    setIf(record, 'position', reg(position, positionOf));
    setIf(record, 'note', reg(qNote, text));
    setIf(record, 'shared', reg(shared, bool));
    setIf(record, 'removed', reg(removed, bool));
    for (const h of list(history)) {
      const [at, from, to, reason] = list(h);
      const entry: HistoryEntry = { from: positionOf(from), to: positionOf(to) };
      setIf(entry, 'reason', reg(reason, text));
      const when = stamp(at);
      // History is keyed by stamp: a key that reaches a prototype (a backup drops it) or a repeat
      // (it would replace the first) is damage.
      if (isReservedKey(when) || Object.hasOwn(record.history, when)) fail('bad history stamp');
      record.history[when] = entry;
    }
    article.questions[id] = record;
  }
  setIf(article, 'note', reg(note, text));
  setIf(article, 'localOnly', reg(localOnly, bool));
  setIf(article, 'deleted', reg(deleted, bool));
  return Object.keys(newest).length > 0 ? { kind: 'article', article, newest } : { kind: 'article', article };
}

// A form without poles travels as a number; `open` (2) came after the others.
const FORM_CODE = { 'yes-no': 0, 'agree-disagree': 1, open: 2 } as const;

function formOf(form: Json): AnswerForm {
  if (form === 0) return { type: 'yes-no' };
  if (form === 1) return { type: 'agree-disagree' };
  if (form === 2) return { type: 'open' };
  const [a, b, ...rest] = list(form);
  if (rest.length) fail('bad form');
  return { type: 'alternatives', poles: [text(a), text(b)] };
}

// Decoding trusts nothing: any unexpected shape throws, and the caller reports the item as corrupt.
function fail(why: string): never {
  throw new Error(why);
}
function list(v: Json): Json[] {
  return Array.isArray(v) ? v : fail('expected an array');
}
function text(v: Json): string {
  return typeof v === 'string' ? v : fail('expected a string');
}
function num(v: Json): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : fail('expected a number');
}
/** A question id as the file schemas take it (isRecordId); a page question's is its hash. */
function questionKey(id: string): string {
  return isRecordId(id) ? id : fail('bad question id');
}
/** A stamp no longer than a backup keeps (odd ones, '' included, are kept as they are). */
function stampText(v: Json): Stamp {
  const s = text(v);
  return s.length <= LIMITS.stampChars ? s : fail('stamp too long');
}
function int(v: Json): number {
  return Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : fail('expected an index');
}
function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined) {
  if (value !== undefined) target[key] = value;
}
