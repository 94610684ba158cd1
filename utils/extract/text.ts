// Text helpers shared by the extractor: folding for ids and matching, sentence splitting,
// and recognising question sentences in any of the languages we cover.

// V8 matches Unicode property classes at some 50 ns a character, and folding and counting run over
// every block many times: each code unit is looked up instead, in a table filled from the same
// classes on first sight (so it agrees with them).
const NON_ASCII = /[\u0080-\uffff]/;
const isSurrogate = (code: number) => code >= 0xd800 && code <= 0xdfff;

// What each code unit folds to, learnt on first sight from the steps a whole text goes through
// (decomposed, marks dropped, lower-cased) and kept: the folded letter or digit (its code + 1), a
// separator, a mark that is dropped, or a unit that only the whole text can fold (a surrogate, a
// final-sigma Σ whose lower case depends on what follows it, a unit that folds to several).
const UNIT_SEPARATOR = -1;
const UNIT_DROPPED = -2;
const UNIT_NEEDS_TEXT = -3;
const unitFolds = new Int32Array(0x10000);
const CONTEXTUAL_CASE = 0x03a3;

function learnUnitFold(code: number): number {
  let found = UNIT_NEEDS_TEXT;
  if (!isSurrogate(code) && code !== CONTEXTUAL_CASE) {
    const folded = String.fromCharCode(code)
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    if (folded === '') found = UNIT_DROPPED;
    else if (folded.length === 1)
      found = /[\p{L}\p{N}]/u.test(folded) ? folded.charCodeAt(0) + 1 : UNIT_SEPARATOR;
  }
  unitFolds[code] = found;
  return found;
}

let foldBuffer = new Uint16Array(1024);
const UTF16 = new TextDecoder('utf-16le');

/** foldText one code unit at a time, through the table; undefined where the whole text must be folded. */
function foldByUnits(text: string): string | undefined {
  if (foldBuffer.length < text.length) foldBuffer = new Uint16Array(text.length * 2);
  const buffer = foldBuffer;
  let length = 0;
  let spaceDue = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    let fold = unitFolds[code] as number;
    if (fold === 0) fold = learnUnitFold(code);
    if (fold > 0) {
      if (spaceDue) {
        buffer[length++] = 32;
        spaceDue = false;
      }
      buffer[length++] = fold - 1;
    } else if (fold === UNIT_SEPARATOR) {
      spaceDue = length > 0;
    } else if (fold === UNIT_NEEDS_TEXT) {
      return undefined;
    }
  }
  return UTF16.decode(buffer.subarray(0, length));
}

/** Lower case, no diacritics, punctuation and spacing folded to single spaces. */
export function foldText(text: string): string {
  // Plain ASCII (English, and much of any page): no marks, and the classes are [a-z0-9].
  if (!NON_ASCII.test(text))
    return text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  // What the table cannot fold (an emoji or other surrogate pair, a Σ) is folded by the definition.
  return (
    foldByUnits(text) ??
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  );
}

export function collapseSpace(text: string): string {
  // Every run of whitespace becomes one space; a lone space already is one, and replacing each of
  // them (as /\s+/ does) costs ten times more.
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** Runs of letters and digits, with the apostrophes and hyphens inside them ("aujourd’hui", "e-mail"). */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const fold = unitFolds[code] || learnUnitFold(code);
    // A surrogate pair is one character to the classes but two code units here, as is a letter
    // folding to several: the definition counts those texts.
    if (fold === UNIT_NEEDS_TEXT) return text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
    if (fold > 0) {
      if (!inWord) count++;
      inWord = true;
    } else if (code !== 39 && code !== 0x2019 && code !== 45) inWord = false;
  }
  return count;
}

// Runs over every character of every block: the next terminator is found natively, and the
// characters around it are tested by code.
const TERMINATOR = /[.!?…？]/g;
const isTerminator = (code: number) =>
  code === 46 || code === 33 || code === 63 || code === 0x2026 || code === 0xff1f;
// » " ” ’ ) ]
const isCloser = (code: number) =>
  code === 0xbb || code === 34 || code === 0x201d || code === 0x2019 || code === 41 || code === 93;

/**
 * Sentences of a text, whitespace collapsed. A sentence ends at . ! ? … (possibly repeated and
 * followed by closing quotes) when whitespace or the end follows, so "1.5" or "24h/24" never end one.
 */
export function splitSentences(text: string): string[] {
  const line = collapseSpace(text);
  const out: string[] = [];
  let start = 0;
  TERMINATOR.lastIndex = 0;
  for (let found = TERMINATOR.exec(line); found; found = TERMINATOR.exec(line)) {
    let end = found.index + 1;
    while (end < line.length && (isTerminator(line.charCodeAt(end)) || isCloser(line.charCodeAt(end)))) end++;
    // French spacing puts a space before the closing guillemet ("« Que pensez-vous ? »"): it
    // still closes the sentence it follows.
    if (line.charCodeAt(end) === 32 && line.charCodeAt(end + 1) === 0xbb) {
      end += 2;
      while (end < line.length && isTerminator(line.charCodeAt(end))) end++;
    }
    if (end === line.length || line.charCodeAt(end) === 32) {
      const sentence = line.slice(start, end).trim();
      if (sentence) out.push(sentence);
      start = end;
    }
    TERMINATOR.lastIndex = end;
  }
  const rest = line.slice(start).trim();
  if (rest) out.push(rest);
  return out;
}

/** A typed bullet or tweetstorm number ("• ", "70/ "): layout, not part of the text. */
export const LIST_MARKER = /^(?:[•·▪●◦‣∙*–—-]|\d{1,3}[/.)])\s+/u;

export function isQuestionSentence(sentence: string): boolean {
  // Closing quotes or brackets may follow the mark, and so may a footnote mark ("…there?*", "…?¹").
  return /[?？](?: ?[»"”’)\]])*(?:\*{1,3}|[¹²³]|\[\d{1,3}\])?$/u.test(sentence.trim());
}

/** True when the question belongs to someone quoted: wholly in quotes, or ending inside a quote. */
export function isQuotedSentence(sentence: string): boolean {
  const s = sentence.trim();
  if (/^[«“"„‚‘]/u.test(s) && /[»”"“’][.!?…]?$/u.test(s)) return true;
  // 'The host quipped, “isn’t that against the rules?”': the question is the host's.
  return /[?？]\s*[»”"’]$/u.test(s) && /[«“„‚‘"]/u.test(s.slice(0, -1));
}

/**
 * Shared word tokens (case, accents and punctuation folded), counted with repetition, over the
 * longer one's count: how the corpus README scores a match, and how a title is compared.
 */
export function tokenOverlap(a: string, b: string): number {
  const words = (text: string) => foldText(text).split(' ').filter(Boolean);
  const left = words(a);
  const right = words(b);
  if (left.length === 0 || right.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const token of left) counts.set(token, (counts.get(token) ?? 0) + 1);
  let shared = 0;
  for (const token of right) {
    const count = counts.get(token) ?? 0;
    if (count > 0) {
      shared++;
      counts.set(token, count - 1);
    }
  }
  return shared / Math.max(left.length, right.length);
}
