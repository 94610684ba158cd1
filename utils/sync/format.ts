// The payloads of storage.sync items: every entry of the sync area (its JSON layout, see
// layout.ts) coded in one stream by a context-mixing coder primed with French and English (they
// share words, and each article teaches the coder the next), written in base85. The first
// character names the format: this version writes 4 and reads 2 and 3 too (legacy-formats.ts); an
// unknown one is reported and skipped, never guessed.
import { isArticleUrl } from '@/utils/limits';
import type { ArticleRecord } from '@/utils/positions/model';
import { decodeBase85, encodeBase85 } from './base85';
import { ContextEncoder, continuation, decompress, type Mark, tableBitsFor } from './context-coder';
import { DEFLATE_DICTIONARY } from './dictionary';
import { entryOf, layoutOf, PLACEHOLDER_LAYOUT, type SyncEntry } from './layout';
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

export type DecodedItem =
  | { ok: true; entries: SyncEntry[] }
  | { ok: false; reason: 'unknown-format' | 'corrupt' };

/** An entry as format 4 codes it: its JSON layout and a newline (JSON never holds a raw one). */
export function entryLine(entry: SyncEntry): string {
  return `${JSON.stringify(layoutOf(entry))}\n`;
}

const utf8 = new TextEncoder();

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
  /** The lines written, in order (see linesAt). */
  private written: string[] = [];

  /**
   * `expectedBytes`: about how many bytes of lines will be written (sizes the coder's tables); or
   * a stream to copy (see clone).
   */
  constructor(expectedBytes: number | EntryStream) {
    if (expectedBytes instanceof EntryStream) {
      this.encoder = expectedBytes.encoder.clone();
      this.written = expectedBytes.written.slice();
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
    this.written = from.written.slice();
    return this;
  }

  write(line: string): void {
    this.encoder.write(utf8.encode(line));
    this.written.push(line);
  }

  /** The lines `payloadAt(mark)` holds: what decoding it gives back (see entriesOfLines). */
  linesAt(mark: StreamMark): string[] {
    return this.written.slice(0, mark.entries);
  }

  mark(): StreamMark {
    return { coder: this.encoder.mark(), entries: this.written.length };
  }

  /**
   * The lines a payload holds when it continues this stream (this stream's lines, then the ones
   * another device's plan wrote after them; see continuation), without decoding the shared ones;
   * null when it does not continue it. `scratch` (the same table size) is used for the work.
   */
  linesContinuedIn(payload: string, scratch: EntryStream): string[] | null {
    if (payload[0] !== FORMAT_STREAM) return null;
    const bytes = decodeBase85(payload.slice(1));
    if (!bytes) return null;
    const rest = continuation(this.encoder, bytes, scratch.encoder, MAX_STREAM_BYTES);
    // The shared lines end with a newline, so the rest decodes as UTF-8 on its own.
    const lines = rest && linesOf(rest);
    return lines ? [...this.written, ...lines.map((line) => `${line}\n`)] : null;
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
    if (format === FORMAT_STREAM) {
      const raw = decompress(bytes, DEFLATE_DICTIONARY, MAX_STREAM_BYTES);
      const lines = raw && linesOf(raw);
      return lines ? entriesOfLines(lines) : { ok: false, reason: 'corrupt' };
    }
    return entriesOf(legacyLayouts(bytes), { fields: legacyPlaceholderFields(format), hint: false });
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
}

/** Format-4 lines (UTF-8, each ending with a newline) without their newlines, or null. */
function linesOf(bytes: Uint8Array): string[] | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const lines = text.split('\n');
  return lines.pop() === '' ? lines : null;
}

/**
 * The entries format-4 lines hold, as unpackItem gives them once the coder has given the lines
 * back. The engine calls it on the lines of a payload it has just planned, so reading its own
 * write back costs no decoding: the coder gives back the bytes it was given, and a line (JSON)
 * never holds a lone surrogate, so those bytes are the line's UTF-8 exactly.
 */
export function entriesOfLines(lines: readonly string[]): DecodedItem {
  try {
    return entriesOf(
      lines.map((line) => JSON.parse(line)),
      PLACEHOLDER_LAYOUT,
    );
  } catch {
    return { ok: false, reason: 'corrupt' };
  }
}

function entriesOf(layouts: unknown[], placeholders: Parameters<typeof entryOf>[1]): DecodedItem {
  const entries = layouts.map((e) => entryOf(e, placeholders));
  // An article whose URL is not an article address (javascript:, 50 KB…) is left out, never
  // stored or shown as a link; planSync never writes one, so devices agree on what is here.
  return { ok: true, entries: entries.filter((e) => e.kind !== 'article' || isArticleUrl(e.article.url)) };
}
