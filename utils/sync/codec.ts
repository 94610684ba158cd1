// Articles as compact strings for storage.sync: positional arrays, stamps split into a shared
// table (device ids once, times as deltas), every article of the sync area coded in one stream by
// a context-mixing coder primed with French and English (they share words, and each article
// teaches the coder the next), written in base85. The first character names the format: an
// unknown one is reported and skipped, never guessed.
import { questionId } from '@/utils/extract/ids';
import type { AnswerForm } from '@/utils/extract/types';
import { isArticleUrl } from '@/utils/limits';
import { decodeStamp, encodeStamp, type Stamp } from '@/utils/positions/clock';
import type {
  ArticleMeta,
  ArticleRecord,
  HistoryEntry,
  Position,
  QuestionRecord,
  QuestionSnapshot,
  SavedQuestionKind,
  Stamped,
} from '@/utils/positions/model';
import { decodeBase85, encodeBase85 } from './base85';
import { ContextEncoder, decompress, type Mark, tableBitsFor } from './context-coder';
import { DEFLATE_DICTIONARY } from './dictionary';
import { isLegacyFormat, legacyLayouts, legacyPlaceholderFields } from './legacy-formats';

/**
 * Format 4: base85(ContextEncoder stream primed with DEFLATE_DICTIONARY) of one line per entry (its
 * JSON layout, then a newline); questions may be placeholders. Read by this version and later.
 */
const FORMAT_STREAM = '4';
/**
 * A sync area holds ~100 KB coded, ~500 KB of layout: a longer stream is refused when decoded (it
 * would take seconds), so the budget never writes one, however well the text compresses.
 */
export const MAX_STREAM_BYTES = 1 << 21;

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

export type DecodedItem =
  | { ok: true; entries: SyncEntry[] }
  | { ok: false; reason: 'unknown-format' | 'corrupt' };

/** The meta a tombstone carries: empty, stamped '' so any real meta wins a merge. */
export const EMPTY_META: Stamped<ArticleMeta> = {
  v: { title: '', siteName: '', lang: '', readingMinutes: 0 },
  at: '',
};

/** A deleted article travels as a tombstone: its URL and deletion, none of its content. */
export function tombstoneOf(article: ArticleRecord): ArticleRecord {
  return { url: article.url, meta: EMPTY_META, questions: {}, deleted: article.deleted! };
}

// --- Compact tier ---------------------------------------------------------------------------
// A page question's wording is on the page (and its id is the hash of it); the reader's data is
// not. Older articles travel without the snapshots of their page questions: each is replaced by a
// placeholder stamped '' (before every real stamp, so a merge always keeps a real snapshot).

// Appended only: an index is what a synced placeholder carries.
const FORM_TYPES = ['yes-no', 'agree-disagree', 'alternatives', 'open'] as const;

/** Whether a question's snapshot is the page's (derivable), not the reader's own words. */
export function isPageQuestion(s: QuestionSnapshot): boolean {
  return s.kind !== 'own' && s.anchor === undefined;
}

/**
 * What stands for a page question's snapshot in the compact tier: its kind, form type and order,
 * no text, label, attribution or poles (an alternatives form keeps its type, with empty poles).
 */
export function placeholderSnapshot(s: QuestionSnapshot): Stamped<QuestionSnapshot> {
  const form: AnswerForm =
    s.form.type === 'alternatives' ? { type: 'alternatives', poles: ['', ''] } : { type: s.form.type };
  return { v: { kind: s.kind, label: '', text: '', form, order: s.order }, at: '' };
}

/** A question register that is a placeholder (it packs short, and decodes back the same). */
export function isPlaceholder(q: Stamped<QuestionSnapshot>): boolean {
  if (q.at !== '' || !isPageQuestion(q.v)) return false;
  return JSON.stringify(placeholderSnapshot(q.v).v) === JSON.stringify(q.v);
}

/**
 * The article with its page questions' snapshots left out; every piece of reader data kept.
 * `synced` gives the placeholder storage.sync holds for a question, if any: the larger of it and
 * this device's (compared as a merge does) is packed, so devices whose real snapshots differ (they
 * do not travel in this tier) still write the same placeholder and settle.
 */
export function compactArticle(
  article: ArticleRecord,
  synced?: (id: string) => Stamped<QuestionSnapshot> | undefined,
): ArticleRecord {
  let changed = false;
  const questions: Record<string, QuestionRecord> = {};
  for (const [id, q] of Object.entries(article.questions)) {
    if (!isPageQuestion(q.q.v)) {
      questions[id] = q;
      continue;
    }
    let placeholder = isPlaceholder(q.q) ? q.q : placeholderSnapshot(q.q.v);
    const other = synced?.(id);
    if (other && isPlaceholder(other) && JSON.stringify(other.v) > JSON.stringify(placeholder.v))
      placeholder = other;
    if (placeholder !== q.q) changed = true;
    questions[id] = placeholder === q.q ? q : { ...q, q: placeholder };
  }
  return changed ? { ...article, questions } : article;
}

/** What storage.sync holds for a page question packed compact: the placeholder and its hint. */
export interface SyncedPlaceholder {
  placeholder: Stamped<QuestionSnapshot>;
  newest?: Stamp;
}

/**
 * The newest real snapshot stamp known for each page question: this device's, or the one storage.sync
 * reports; the larger, so every device writes the same hint and settles.
 */
export function newestSnapshots(
  article: ArticleRecord,
  synced?: (id: string) => SyncedPlaceholder | undefined,
): Record<string, Stamp> {
  const newest: Record<string, Stamp> = {};
  for (const [id, q] of Object.entries(article.questions)) {
    if (!isPageQuestion(q.q.v)) continue;
    const own = isPlaceholder(q.q) ? '' : q.q.at;
    const other = synced?.(id)?.newest ?? '';
    // Stamps compare as strings (code units), so not Math.max.
    const at = [own, other].sort().pop()!;
    if (at) newest[id] = at;
  }
  return newest;
}

/** Whether another device has a newer wording of some page question (this one's is older, or absent). */
export function lacksNewestWording(article: ArticleRecord, newest: Record<string, Stamp>): boolean {
  return Object.entries(article.questions).some(
    ([id, q]) => isPageQuestion(q.q.v) && (newest[id] ?? '') > (isPlaceholder(q.q) ? '' : q.q.at),
  );
}

/** Which page wordings an article holds (question ids and stamps): equal means the same wording. */
export function pageWordings(article: ArticleRecord): string {
  return Object.entries(article.questions)
    .filter(([, q]) => isPageQuestion(q.q.v) && !isPlaceholder(q.q))
    .map(([id, q]) => `${id}@${q.q.at}`)
    .sort()
    .join(' ');
}

/** Whether the compact form of an article is smaller than it (it has page snapshots to leave out). */
export function hasPageSnapshots(article: ArticleRecord): boolean {
  return Object.values(article.questions).some((q) => isPageQuestion(q.q.v) && !isPlaceholder(q.q));
}

/** An entry as format 4 codes it: its JSON layout and a newline (JSON never holds a raw one). */
export function entryLine(entry: SyncEntry): string {
  return `${JSON.stringify(layoutOf(entry))}\n`;
}

const utf8 = new TextEncoder();

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

function layoutOf(entry: SyncEntry): Json {
  if (entry.kind !== 'article') return [0, entry.key, entry.localOnly.at];
  return toLayout(entry.article, entry.newest ?? {});
}

/** Where an EntryStream was: the coder's mark and how many entries it held. */
export interface StreamMark {
  readonly coder: Mark;
  readonly entries: number;
}

/**
 * A format-4 payload written entry by entry: the payload of every prefix can be measured and taken
 * without coding again, so the budget adds articles until the quota is reached and keeps the last
 * prefix that fits.
 */
export class EntryStream {
  private readonly encoder: ContextEncoder;
  private count = 0;

  /**
   * `expectedBytes`: about how many bytes of lines will be written (sizes the coder's tables); or
   * a stream to copy (see clone).
   */
  constructor(expectedBytes: number | EntryStream) {
    if (expectedBytes instanceof EntryStream) {
      this.encoder = expectedBytes.encoder.clone();
      this.count = expectedBytes.count;
    } else this.encoder = new ContextEncoder(tableBitsFor(expectedBytes), DEFLATE_DICTIONARY);
  }

  /** Log2 of the coder's table size: streams of the same size class can continue each other's work. */
  get tableBits(): number {
    return this.encoder.bits;
  }

  /** A copy in this stream's state: what is written to it next codes as it would to this one. */
  clone(): EntryStream {
    return new EntryStream(this);
  }

  /** Takes `from`'s state (same table size) into this stream's memory; returns this stream. */
  copyFrom(from: EntryStream): this {
    this.encoder.copyFrom(from.encoder);
    this.count = from.count;
    return this;
  }

  write(line: string): void {
    this.encoder.write(utf8.encode(line));
    this.count++;
  }

  mark(): StreamMark {
    return { coder: this.encoder.mark(), entries: this.count };
  }

  /** The length of `payloadAt(mark)`, without building it. */
  payloadLength(mark: StreamMark): number {
    return FORMAT_STREAM.length + base85Length(this.encoder.sizeAt(mark.coder));
  }

  payloadAt(mark: StreamMark): string {
    return FORMAT_STREAM + encodeBase85(this.encoder.finishAt(mark.coder));
  }
}

function base85Length(bytes: number): number {
  const rest = bytes % 4;
  return Math.floor(bytes / 4) * 5 + (rest ? rest + 1 : 0);
}

/** Entries as one format-4 payload. */
export function packEntries(entries: SyncEntry[]): string {
  const lines = entries.map(entryLine);
  const stream = new EntryStream(lines.reduce((sum, line) => sum + line.length, 0));
  for (const line of lines) stream.write(line);
  return stream.payloadAt(stream.mark());
}

/** One article alone (tests and benchmarks measure with it). */
export function packArticle(article: ArticleRecord): string {
  return packEntries([{ kind: 'article', article }]);
}

/**
 * Whether a format character is one a later version of Stance would write: a digit after this
 * version's. Anything else that is not a known format ('0', '1', a letter, a '*' left from a damaged
 * head) is damage. A later version writes its payloads behind a checksummed head too (see
 * splitIntoItems): then any character after '4' is taken as a newer format (isNewerChecked).
 */
export function isNewerFormat(format: string): boolean {
  return format > FORMAT_STREAM && format <= '9';
}

/** A format character, from a payload whose checksum held: anything after this version's is newer. */
export function isNewerChecked(format: string): boolean {
  return format > FORMAT_STREAM;
}

export function unpackItem(payload: unknown): DecodedItem {
  if (typeof payload !== 'string' || payload.length === 0) return { ok: false, reason: 'corrupt' };
  const format = payload[0]!;
  if (!isLegacyFormat(format) && format !== FORMAT_STREAM)
    return { ok: false, reason: isNewerFormat(format) ? 'unknown-format' : 'corrupt' };
  try {
    const bytes = decodeBase85(payload.slice(1));
    if (!bytes) return { ok: false, reason: 'corrupt' };
    let layouts: Json[];
    if (format === FORMAT_STREAM) {
      const raw = decompress(bytes, DEFLATE_DICTIONARY, MAX_STREAM_BYTES);
      if (!raw) return { ok: false, reason: 'corrupt' };
      const lines = new TextDecoder('utf-8', { fatal: true }).decode(raw).split('\n');
      if (lines.pop() !== '') return { ok: false, reason: 'corrupt' };
      layouts = lines.map((line) => JSON.parse(line));
    } else layouts = legacyLayouts(bytes);
    const entries = layouts.map((e): SyncEntry => {
      const [first, key, at] = list(e);
      if (first !== 0) return fromLayout(e, format);
      if (!decodeStamp(text(at))) fail('bad stamp');
      return { kind: 'localOnly', key: text(key), localOnly: { v: true, at: text(at) } };
    });
    // An article whose URL is not an article address (javascript:, 50 KB…) is left out, never
    // stored or shown as a link; planSync never writes one, so devices agree on what is here.
    return { ok: true, entries: entries.filter((e) => e.kind !== 'article' || isArticleUrl(e.article.url)) };
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
}

// --- Layout ---------------------------------------------------------------------------------
// [url, stamps, meta, note, localOnly, deleted, questions]; a register is [stampIndex, value] or 0.
// A question is [id or 0, stamp, kind, label, text, form, order, attribution, anchor, ...data], or
// (format 3) a placeholder [id, kind, form type, order, ...data]; data is
// [position, note, shared, removed, history].

type Json = unknown;
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
    if (typeof e === 'string') return e;
    const [delta, counter, device] = list(e).map(int);
    previous += delta!;
    const name = names[device!];
    if (name === undefined) throw new Error('bad device');
    return encodeStamp(previous, counter!, name);
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

function fromLayout(layout: Json, format: string): Extract<SyncEntry, { kind: 'article' }> {
  // Placeholders: none in format 2, [id, kind, form type, order, ...data] in 3, a hint after the order in 4.
  const placeholderLength = format === FORMAT_STREAM ? 10 : legacyPlaceholderFields(format);
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
    let id: Json;
    let q: Stamped<QuestionSnapshot>;
    let data: Json[];
    if (fields.length === placeholderLength) {
      // A page question without its snapshot: the placeholder it stood for, stamped ''.
      const [qId, kind, formType, order, ...afterOrder] = fields;
      const rest = format === FORMAT_STREAM ? afterOrder.slice(1) : afterOrder;
      const hint = format === FORMAT_STREAM ? afterOrder[0] : -1;
      if (hint !== -1) newest[text(qId)] = stamp(hint);
      const type = FORM_TYPES[int(formType)] ?? fail('bad form type');
      q = placeholderSnapshot({
        kind: KINDS[int(kind)] ?? fail('bad kind'),
        label: '',
        text: '',
        form: type === 'alternatives' ? { type, poles: ['', ''] } : { type },
        order: num(order),
      });
      if (!isPageQuestion(q.v)) fail('own question without text');
      id = text(qId);
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
      id = qId === 0 ? pageQuestionId(snapshot.text) : text(qId);
      data = rest;
    }
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
      record.history[stamp(at)] = entry;
    }
    article.questions[id as string] = record;
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
function int(v: Json): number {
  return Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : fail('expected an index');
}
function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined) {
  if (value !== undefined) target[key] = value;
}
