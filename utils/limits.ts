// The bounds on what Stance keeps and exchanges, in one place: the extractor cuts page text to
// them, the panel's actions cap what the reader types, and the file schemas (utils/share/format.ts)
// and the sync layout reader (utils/sync/layout.ts) refuse anything beyond them, so nothing Stance
// writes is refused when it is read back, and nothing it reads is refused further on.
// No imports: the extractor, injected into pages, bundles this file.

// The two bounds the extractor needs, apart: the page script then bundles these numbers, not the
// whole table (its size is budgeted).
export const TEXT_CHARS = 2_000;
export const URL_CHARS = 4_000;

export const LIMITS = {
  fileBytes: 5 * 1024 * 1024,
  /** A backup holds a whole library, so it may be larger than a shared file. */
  backupBytes: 50 * 1024 * 1024,
  articlesPerFile: 1000,
  questionsPerArticle: 500,
  participantsPerGroup: 1000,
  groupsPerArticle: 50,
  /** Notes, and the reasons given for a change of mind. */
  noteChars: 10_000,
  /** Every other text: titles, questions, labels, poles, attributions. */
  textChars: TEXT_CHARS,
  nameChars: 100,
  idChars: 128,
  /** A stamp as stored: encodeStamp writes about 20 characters; an odd one is kept up to this. */
  stampChars: 200,
  urlChars: URL_CHARS,
} as const;

/**
 * Whether `url` may be an article's address: http or https, at most `LIMITS.urlChars` long. Only
 * such an address is stored, exported, imported, restored, synced, or shown as a link: a
 * `javascript:` address in a file must never become a link in My debates.
 */
export function isArticleUrl(url: unknown): url is string {
  if (typeof url !== 'string' || url.length === 0 || url.length > URL_CHARS) return false;
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  return protocol === 'http:' || protocol === 'https:';
}

// C0/C1 controls (but tab and newlines) and bidi overrides, which could disguise a name or a note.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job.
const UNSAFE_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/** Drops control characters and trims; imported text is only ever shown as text, never parsed. */
export function cleanText(text: string): string {
  return text.replace(UNSAFE_CHARS, '').trim();
}

/** Whether `key` would reach an object's prototype if used as a plain object's key. */
export function isReservedKey(key: string): boolean {
  return key === '__proto__' || key === 'prototype' || key === 'constructor';
}

/**
 * Whether `id` may name a question, a group or a member: 1 to `LIMITS.idChars` code units, no
 * control characters or surrounding spaces, not a reserved key. The file schemas (IdSchema) and
 * the sync layout reader hold every id to this one test.
 */
export function isRecordId(id: string): boolean {
  return id.length >= 1 && id.length <= LIMITS.idChars && !isReservedKey(id) && cleanText(id) === id;
}

/**
 * `text` cut to at most `max` UTF-16 code units (what the schemas count), never between the two
 * halves of a surrogate pair. Page text cut ends in "…" so the reader sees it was cut; the reader's
 * own words are cut as an input's maxLength would, with `mark` ''.
 */
export function clampText(text: string, max: number, mark = '…'): string {
  if (text.length <= max) return text;
  let end = max - mark.length;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  const kept = text.slice(0, end);
  return mark ? `${kept.trimEnd()}${mark}` : kept;
}
