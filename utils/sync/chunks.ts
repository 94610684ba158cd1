// Where articles live in storage.sync: one stream, one payload behind a head that carries its
// checksum, split into parts when it would pass 8,192 bytes.
import { itemBytes, SYNC_QUOTA_BYTES_PER_ITEM, type SyncBrowser } from './limits';

/**
 * The key of the stream (its parts are `b0.1`, `b0.2`…): every article coded in one stream
 * compresses best (each article teaches the coder the next), so 300+ typical articles fit. When
 * all fit in full the stream is coded oldest first, so an edit to a recent article changes the
 * head and the last part or two, and only those are written (see budget.ts and engine.ts
 * reconcile).
 */
export const SYNC_STREAM_KEY = 'b0';
const PART_SEPARATOR = '.';
/** Head of every item this version writes: `*<parts>.<checksum>|` then the first slice. */
const SPLIT_MARK = '*';

/**
 * An article's identity without its URL (for "this device only" markers): 8 base-36 characters of
 * a 53-bit hash, a collision needing about a million articles to be likely.
 */
export function articleKey(url: string): string {
  return hash53(url).toString(36).padStart(11, '0').slice(-8);
}

const BUCKET_KEY = /^b\d+(\.\d+)?$/;
/**
 * Whether a key is Stance's: the stream's head or parts, or a bucket of the versions before format
 * 4, which spread articles over 8 buckets (b0–b7) by a hash of the URL; their items are still
 * read, merged and then removed (legacy-formats.ts). Anything else is left alone.
 */
export function isBucketKey(key: string): boolean {
  return BUCKET_KEY.test(key);
}

/** The head an item belongs to (itself for a head, `b0` for `b0.2`). */
export function headKeyOf(key: string): string {
  const dot = key.indexOf(PART_SEPARATOR);
  return dot < 0 ? key : key.slice(0, dot);
}

/**
 * The items that store one payload under `key`, each within the per-item quota in both browsers.
 * Always behind a head `*<parts>.<checksum>|`, one part or more: whatever is read back is what was
 * written, or is known not to be (versions before this one wrote an unsplit payload bare, and read
 * a one-part head as any other).
 */
export function splitIntoItems(key: string, payload: string, browser: SyncBrowser): Record<string, string> {
  const whole = `${SPLIT_MARK}1${PART_SEPARATOR}${checksum(payload)}|${payload}`;
  if (itemBytes(key, whole, browser) <= SYNC_QUOTA_BYTES_PER_ITEM) return { [key]: whole };
  // Payloads are ASCII (base85) in practice; slicing by UTF-8 size keeps any other text safe too.
  const room = SYNC_QUOTA_BYTES_PER_ITEM - itemBytes(`${key}${PART_SEPARATOR}999`, '') - 32;
  const slices: string[] = [];
  let rest = payload;
  while (rest.length > 0) {
    let n = Math.min(rest.length, room);
    while (itemBytes('', rest.slice(0, n), browser) - 2 > room) n = Math.floor(n * 0.9);
    slices.push(rest.slice(0, n));
    rest = rest.slice(n);
  }
  const items: Record<string, string> = {
    [key]: `${SPLIT_MARK}${slices.length}${PART_SEPARATOR}${checksum(payload)}|${slices[0]}`,
  };
  for (let i = 1; i < slices.length; i++) items[`${key}${PART_SEPARATOR}${i}`] = slices[i]!;
  return items;
}

/**
 * What a payload of `length` ASCII characters stored under `key` costs (bytes as Chrome counts
 * them, and items), as `splitIntoItems` would store it; the checksum counted at its longest, so
 * this is never below the real figure.
 */
export function itemsFootprint(key: string, length: number): { bytes: number; items: number } {
  // Quotes, and the one-part head: `*1.`, the checksum (at most 11), `|`.
  const whole = key.length + length + 2 + 15;
  if (whole <= SYNC_QUOTA_BYTES_PER_ITEM) return { bytes: whole, items: 1 };
  const room = SYNC_QUOTA_BYTES_PER_ITEM - itemBytes(`${key}${PART_SEPARATOR}999`, '') - 32;
  const parts = Math.ceil(length / room);
  let bytes = key.length + 2 + `${SPLIT_MARK}${parts}${PART_SEPARATOR}`.length + 11 + 1 + length;
  for (let i = 1; i < parts; i++) bytes += `${key}${PART_SEPARATOR}${i}`.length + 2;
  return { bytes, items: parts };
}

export type Assembled =
  /** `checked`: the payload passed its checksum (false for a bare payload an older version wrote). */
  | { ok: true; payload: unknown; checked: boolean }
  /**
   * `incomplete`: a part is missing or does not match its head, which late or reordered deliveries
   * also give (parts of one write may arrive apart); `corrupt`: damaged beyond doubt (a one-part
   * item failing its checksum, a head that is not one).
   */
  | { ok: false; reason: 'incomplete' | 'corrupt' };

/** The payload stored under `key`, from whatever items are present (parts may arrive late). */
export function assembleItems(key: string, itemAt: (key: string) => unknown): Assembled {
  const head = itemAt(key);
  if (typeof head !== 'string' || !head.startsWith(SPLIT_MARK))
    return { ok: true, payload: head, checked: false };
  const match = /^\*(\d{1,3})\.([0-9a-z]{1,11})\|/.exec(head);
  if (!match) return { ok: false, reason: 'corrupt' };
  const parts = Number(match[1]);
  let payload = head.slice(match[0].length);
  for (let i = 1; i < parts; i++) {
    const part = itemAt(`${key}${PART_SEPARATOR}${i}`);
    if (typeof part !== 'string') return { ok: false, reason: 'incomplete' };
    payload += part;
  }
  if (checksum(payload) === match[2]) return { ok: true, payload, checked: true };
  // Parts from an older version of the stream may still be here (a one-part item has none).
  return { ok: false, reason: parts > 1 ? 'incomplete' : 'corrupt' };
}

/** The checksum a head carries: base 36 of a 53-bit hash of the whole payload. */
export function checksum(text: string): string {
  return hash53(text).toString(36);
}

/** cyrb53: a fast, well-mixed 53-bit string hash (public domain, bryc). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
