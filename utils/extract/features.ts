// The features of a candidate debate question: where its block sits in the body, its markup, how it
// speaks to the reader, what invites an answer around it, quotation, nearby questions, its shape.
// All general (no site or page rules); the model in model.ts weighs them. Values lie in [0, 1].
import type { TextUnit } from './blocks';
import {
  ANSWERED_QUESTIONS,
  ASKS_ANYONE,
  ATTRIBUTION_CUE,
  addressesReader,
  DEBATE_SECTION_CUE,
  ENGAGEMENT_LINE,
  INTERROGATIVE_START,
  OPINION_CUE,
  pageLanguage,
  RELATED_LINKS_FIRST_WORDS,
  RELATED_LINKS_LEAD,
  RESPONSE_CUE,
  SELF_WORDS,
  SUBSCRIPTION_CUE,
  TAG_QUESTION,
} from './cues';
import {
  foldText,
  isQuestionSentence,
  isQuotedSentence,
  LIST_MARKER,
  splitSentences,
  wordCount,
} from './text';

/** Feature names in vector order; the shipped weights are keyed by them. */
export const FEATURE_NAMES = [
  'last_block',
  'last_3_blocks',
  'last_6_blocks',
  'words_after_lt_40',
  'words_after_lt_150',
  'position_fraction',
  'words_before_lt_60',
  'closing_run',
  'closing_run_comments_on_page',
  'comments_on_page',
  'whole_emphasis',
  'heading',
  'list_item',
  'aside',
  'blockquote',
  'link_heavy',
  'some_link',
  'reading_list',
  'addresses_reader',
  'block_addresses_reader',
  'response_cue_sentence',
  'response_cue_block',
  'response_cue_next',
  'debate_cue_before',
  'quoted_speech_block',
  'attribution_verb',
  'question_share_of_block',
  'questions_nearby',
  'body_questions',
  'next_is_prose',
  'prose_after_in_block',
  'prose_before_in_block',
  'short_1_3_words',
  'long_over_35_words',
  'interrogative_start',
  'first_question_of_block',
  'lone_sentence',
  'subscription_cue',
  'closing_and_addresses',
  'closing_and_response',
  'closing_and_emphasis',
  'opinion_cue',
  'closing_and_opinion',
  'speaks_of_self',
  'debate_cue_and_list',
  'no_question_after',
  'few_questions_after',
  'answered_after',
  'footnote',
  'opens_body',
  'asks_anyone',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** What is known of the page once, for every candidate. */
export interface PageContext {
  units: TextUnit[];
  lang: string;
  /** Units that carry text of their own (not link lists): positions count these. */
  substantive: boolean[];
  /** Units in a reading list (short linked blocks in a row). */
  readingList: boolean[];
  /** Units that are a postscript to the body (POSTSCRIPT). */
  postscript: boolean[];
  /** Index of the first unit after which no prose block (no question, ≥ 25 words) follows. */
  closingStart: number;
  /** A comment area anywhere on the page; looked for once, and only if a candidate asks. */
  commentsOnPage: () => boolean;
  bodyQuestions: number;
  questionsPerUnit: number[];
  /** Per unit: substantive blocks, their words and their questions after it. */
  blocksAfter: number[];
  wordsAfter: number[];
  questionsAfter: number[];
  /** foldText and wordCount, each text done once: candidates of a page read the same blocks and sentences. */
  fold: (text: string) => string;
  words: (text: string) => number;
  /** cue.test(text), each pair tested once: a block's cues are asked again for each of its questions and its neighbours'. */
  has: (cue: RegExp, text: string) => boolean;
  /** addressesReader in the page's language, each sentence tested once. */
  addresses: (sentence: string) => boolean;
}

const PROSE_WORDS = 25;
// A postscript added after the body ("P.S.:", "Edit de septembre :", "Update:", "Nachtrag:"): the
// body's end is before it.
const POSTSCRIPT =
  /^(?:p\.? ?s\.?|edit|update|mise à jour|maj|nachtrag|actualización|aggiornamento|atualização)(?=[\s:：])[^.?!]{0,40}?[:：]/iu;
// Fewer words than this before a block (a kicker, a dateline): it opens the body.
const OPENING_WORDS = 10;
const COMMENT_AREA =
  '#comments, #respond, #disqus_thread, .comments, .comments-area, .comment-respond, .comment-form, [id^="comment"], [class*="comments"]';

function remembered<T>(compute: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      value = compute(text);
      known.set(text, value);
    }
    return value;
  };
}

// The cues are stateless (no g or y flag), so a remembered answer is the answer.
function rememberedTests(): (cue: RegExp, text: string) => boolean {
  const known = new Map<RegExp, Map<string, boolean>>();
  return (cue, text) => {
    let answers = known.get(cue);
    if (!answers) {
      answers = new Map();
      known.set(cue, answers);
    }
    let found = answers.get(text);
    if (found === undefined) {
      found = cue.test(text);
      answers.set(text, found);
    }
    return found;
  };
}

// Asked of every block by the debate finder, then again by the raised one. Keyed by the unit, which
// each reading makes anew, so no reading is served another's answer.
const relatedLead = new WeakMap<TextUnit, boolean>();

const isAsciiWordChar = (code: number) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * The first word foldText would give `text`, read without folding it while the text opens in plain
 * ASCII (most blocks do); undefined where only folding can tell.
 */
function asciiFirstWord(text: string): string | undefined {
  let start = 0;
  for (; start < text.length && !isAsciiWordChar(text.charCodeAt(start)); start++) {
    if (text.charCodeAt(start) > 127) return undefined;
  }
  let end = start;
  for (; end < text.length && isAsciiWordChar(text.charCodeAt(end)); end++);
  if (end < text.length && text.charCodeAt(end) > 127) return undefined;
  return text.slice(start, end).toLowerCase();
}

/** A block opening a list of links ("Lire aussi"): the leads are short, so its first 60 characters tell. */
export function opensRelatedLinks(unit: TextUnit): boolean {
  let opens = relatedLead.get(unit);
  if (opens === undefined) {
    const head = unit.text.slice(0, 60);
    const first = asciiFirstWord(head);
    // Folding every block of the page only to find that it opens with "The" is most of the cost.
    opens =
      (first === undefined || RELATED_LINKS_FIRST_WORDS.has(first)) &&
      RELATED_LINKS_LEAD.test(foldText(head));
    relatedLead.set(unit, opens);
  }
  return opens;
}

export function pageContext(units: TextUnit[], lang: string): PageContext {
  const fold = remembered(foldText);
  const words = remembered(wordCount);
  // A reading list: short blocks that are mostly a link or list items with one, or teasers opening
  // with their link, three or more within five blocks. A paragraph with a link in it is prose.
  const linked = units.map(
    (unit) =>
      unit.links.length > 0 &&
      (((unit.linkShare >= 0.3 || isListItem(unit)) && words(unit.text) < 30) || opensWithLink(unit)),
  );
  const readingList = linked.map(
    (isLinked, i) => isLinked && linked.slice(Math.max(0, i - 2), i + 3).filter(Boolean).length >= 3,
  );
  // A heading over a reading list ("Best of…", "What we're reading") is the list's, not the body's.
  const postscript = units.map((unit) => POSTSCRIPT.test(unit.text));
  const substantive = units.map(
    (unit, i) =>
      unit.linkShare <= 0.5 &&
      !readingList[i] &&
      !postscript[i] &&
      !(unit.heading > 0 && readingList[i + 1]) &&
      !opensRelatedLinks(unit),
  );
  const questionsPerUnit = units.map((unit) =>
    /[?？]/u.test(unit.text) ? splitSentences(unit.text).filter(isQuestionSentence).length : 0,
  );
  // Running totals from the end: each candidate reads what follows its block in constant time.
  const blocksAfter = new Array<number>(units.length).fill(0);
  const wordsAfter = new Array<number>(units.length).fill(0);
  const questionsAfter = new Array<number>(units.length).fill(0);
  // Only blocks with a question mark hold candidates, so the totals stop at the first (0 before it).
  const firstAsking = units.findIndex((unit) => /[?？]/u.test(unit.text));
  for (let i = units.length - 2; i >= Math.max(0, firstAsking); i--) {
    const next = i + 1;
    const counted = substantive[next] === true;
    blocksAfter[i] = (blocksAfter[next] as number) + (counted ? 1 : 0);
    wordsAfter[i] = (wordsAfter[next] as number) + (counted ? words((units[next] as TextUnit).text) : 0);
    questionsAfter[i] = (questionsAfter[next] as number) + (counted ? (questionsPerUnit[next] as number) : 0);
  }
  let closingStart = units.length;
  while (closingStart > 0) {
    const unit = units[closingStart - 1] as TextUnit;
    if (substantive[closingStart - 1] && !/[?？]/u.test(unit.text) && words(unit.text) >= PROSE_WORDS) break;
    closingStart--;
  }
  // The selector matches substrings of every element's id and class: on a long page that scan
  // costs more than the rest of the context, and a page with no candidate never needs it.
  let commentsFound: boolean | undefined;
  const commentsOnPage = () => {
    if (commentsFound === undefined) {
      try {
        commentsFound = units[0]?.element.ownerDocument?.querySelector(COMMENT_AREA) != null;
      } catch {
        // A DOM without attribute selectors support: the feature stays off.
        commentsFound = false;
      }
    }
    return commentsFound;
  };
  // A sample of the body is enough to tell its language: some 250 words, of which a fifth or more
  // are function words (the same language on all 322 pages of the fixtures, corpus and peer set as
  // a sample twice as long).
  const sample = units
    .map((unit) => unit.text)
    .join(' ')
    .slice(0, 1500);
  const pageLang = pageLanguage(lang, foldText(sample));
  return {
    units,
    lang: pageLang,
    substantive,
    readingList,
    postscript,
    closingStart,
    commentsOnPage,
    bodyQuestions: questionsPerUnit.reduce((sum, n) => sum + n, 0),
    questionsPerUnit,
    blocksAfter,
    wordsAfter,
    questionsAfter,
    fold,
    words,
    has: rememberedTests(),
    addresses: remembered((sentence) => addressesReader(sentence, fold(sentence), pageLang)),
  };
}

/** A teaser: the block's text starts with its first link ("• How to…: some tips…"). */
function opensWithLink(unit: TextUnit): boolean {
  const link = unit.links[0];
  return link !== undefined && wordCount(link) >= 2 && unit.text.replace(LIST_MARKER, '').startsWith(link);
}

/** A list item, in markup or typed ("• ", "1. "). */
export function isListItem(unit: TextUnit): boolean {
  return unit.element.closest?.('li') != null || LIST_MARKER.test(unit.text);
}

// Footnotes: numbered or starred notes, or the notes section a Markdown or Word export writes.
const FOOTNOTE_START = /^(?:\[\d{1,3}\]|\d{1,3}\s|\*)/;
const FOOTNOTES = '.footnote, .footnotes, [role="doc-endnotes"], [id^="fn"], [id^="footnote"]';

function isFootnote(unit: TextUnit): boolean {
  if (FOOTNOTE_START.test(unit.text) || /↩\s*$/u.test(unit.text)) return true;
  try {
    return unit.element.closest?.(FOOTNOTES) != null;
  } catch {
    return false;
  }
}

/**
 * An aside in brackets: "(does anyone still use it?)" is a remark, not a question put to readers.
 * The question ends inside a bracket opened before it, or closes one that opened before it.
 */
function insideParentheses(before: string, sentence: string): boolean {
  const text = `${before}${sentence.replace(/[?？][)\]]+$/u, '?')}`;
  return (text.match(/[([]/g) ?? []).length > (text.match(/[)\]]/g) ?? []).length;
}

const OPENING_QUOTES = /[«“„‚]/gu;
const CLOSING_QUOTES = /[»”]/gu;
// A quotation holding a sentence end and more text: quoted speech running over sentences.
const QUOTED_SPEECH = /[«“„"][^»”"“]*[.!?…]\s[^»”"“]*[»”"“]/u;

function insideQuote(before: string): boolean {
  const opened = (before.match(OPENING_QUOTES) ?? []).length;
  const closed = (before.match(CLOSING_QUOTES) ?? []).length;
  const straight = (before.match(/"/g) ?? []).length;
  return opened > closed || straight % 2 === 1;
}

function nextSubstantive(context: PageContext, index: number, step: 1 | -1): TextUnit | undefined {
  for (let i = index + step; i >= 0 && i < context.units.length; i += step) {
    if (context.substantive[i]) return context.units[i];
  }
  return undefined;
}

/** Whether a debate-section cue heads the run of short blocks and questions holding unit `index`. */
function debateCueBefore(context: PageContext, index: number): boolean {
  for (let j = index; j >= 0 && j >= index - 12; j--) {
    const unit = context.units[j] as TextUnit;
    const short = unit.heading > 0 || (unit.text.length <= 200 && context.words(unit.text) <= 15);
    if (short && context.has(DEBATE_SECTION_CUE, context.fold(unit.text))) return true;
    if (j < index && !/[?？]/u.test(unit.text) && context.words(unit.text) >= PROSE_WORDS) return false;
  }
  return false;
}

export interface SentenceInUnit {
  /** The question as it will be shown (after any lead clause before a colon). */
  text: string;
  /** The whole sentence as it stands in the block. */
  sentence: string;
  /** The block's text before the sentence. */
  before: string;
  /** The block's sentences, the question's among them. */
  sentences: string[];
  /** Index of this question among the block's questions. */
  questionIndex: number;
}

/** The question is (most of) a link's text: a teaser for another page. */
function sentenceIsLink(unit: TextUnit, text: string): boolean {
  return unit.links.some((link) => {
    const linkWords = wordCount(link);
    return (
      linkWords > 0 &&
      linkWords >= wordCount(text) * 0.6 &&
      (link.includes(text.slice(0, 12)) || text.includes(link.slice(0, 12)))
    );
  });
}

/** "…, ¿no?", "…, right?": the tag after a statement's last comma. */
function isTagQuestion(sentence: string, fold: (text: string) => string): boolean {
  const comma = sentence.lastIndexOf(',');
  return comma > 0 && TAG_QUESTION.test(fold(sentence.slice(comma + 1)));
}

/**
 * What the corpus definition of a debate question leaves out, whatever else the candidate has
 * going for it: someone else's words (a quoted sentence, a question inside an open quotation or a
 * bracketed aside), a link to another page, a tag question after a statement, a stock engagement
 * line ("Vous avez aimé cet article ?", "Would you consider commenting today?"). These kinds have
 * no positive example in the corpus; as features they each rest on a few pages, too few for a fit
 * to outweigh the place a closing line holds, so they are not weighed but excluded.
 */
export function excludedByDefinition(context: PageContext, index: number, q: SentenceInUnit): boolean {
  const unit = context.units[index] as TextUnit;
  return (
    isQuotedSentence(q.sentence) ||
    insideQuote(q.before) ||
    insideParentheses(q.before, q.sentence) ||
    sentenceIsLink(unit, q.text) ||
    isTagQuestion(q.sentence, context.fold) ||
    context.has(ENGAGEMENT_LINE, context.fold(q.text))
  );
}

/**
 * foldText of the sentences joined by spaces, from each sentence's own (remembered) fold: no word
 * spans the space between two sentences, so the words are the same, one space apart.
 */
function foldedJoin(sentences: string[], fold: (text: string) => string): string {
  return sentences.map(fold).filter(Boolean).join(' ');
}

export function featuresOf(context: PageContext, index: number, q: SentenceInUnit): number[] {
  const { units, substantive, fold, words: wordsOf, has } = context;
  const unit = units[index] as TextUnit;
  // A block that is no part of the body (a reading list, a link box) is at no place in it: the
  // body's end, where prompts sit, is the end of its own text, not of the links after it.
  const inBody = context.readingList[index] !== true && !context.postscript[index];
  const after = inBody ? (context.blocksAfter[index] ?? 0) : Number.POSITIVE_INFINITY;
  const wordsAfter = inBody ? (context.wordsAfter[index] ?? 0) : Number.POSITIVE_INFINITY;
  let blockWordsBefore = 0;
  for (let i = 0; i < index && blockWordsBefore < 60; i++) {
    if (substantive[i] && !units[i]?.heading) blockWordsBefore += wordsOf((units[i] as TextUnit).text);
  }
  const wordsBefore = blockWordsBefore + wordCount(q.before);
  const folded = fold(q.text);
  const others = q.sentences.filter((s) => s !== q.sentence);
  const othersFolded = foldedJoin(others, fold);
  const next = nextSubstantive(context, index, 1);
  const nextFolded = next ? fold(next.text) : '';
  const position = q.sentences.indexOf(q.sentence);
  const proseAfter = q.sentences
    .slice(position + 1)
    .filter((s) => !isQuestionSentence(s) && !has(RESPONSE_CUE, fold(s)));
  const proseBefore = q.sentences.slice(0, Math.max(0, position)).filter((s) => !isQuestionSentence(s));
  const questionsAfter =
    (context.questionsAfter[index] ?? 0) + q.sentences.slice(position + 1).filter(isQuestionSentence).length;
  let nearby = 0;
  for (let i = Math.max(0, index - 3); i <= Math.min(units.length - 1, index + 3); i++) {
    if (i !== index) nearby += context.questionsPerUnit[i] ?? 0;
  }
  const words = wordCount(q.text);
  const closing = index >= context.closingStart ? 1 : 0;
  const addresses = context.addresses(q.text);
  const element = unit.element;
  const responseSentence = has(RESPONSE_CUE, folded);
  const responseBlock = has(RESPONSE_CUE, othersFolded);
  const responseNext = next !== undefined && has(RESPONSE_CUE, nextFolded);
  const responseAround = responseSentence || responseBlock || responseNext;
  const engagement = has(ENGAGEMENT_LINE, folded);
  const opinion = OPINION_CUE.test(folded);
  const debateCue = debateCueBefore(context, index);
  const listItem = isListItem(unit);
  const emphasis = unit.emphasis >= 0.9 || (unit.lead.length > 0 && unit.lead.length >= unit.text.length - 2);
  // In FEATURE_NAMES order: the shipped weights are a plain array, so names stay out of the bundle.
  const values: Array<number | boolean> = [
    after === 0, // last_block
    after < 3, // last_3_blocks
    after < 6, // last_6_blocks
    wordsAfter < 40, // words_after_lt_40
    wordsAfter < 150, // words_after_lt_150
    units.length > 1 ? index / (units.length - 1) : 1, // position_fraction
    wordsBefore < 60, // words_before_lt_60
    closing, // closing_run
    closing && context.commentsOnPage(), // closing_run_comments_on_page
    context.commentsOnPage(), // comments_on_page
    emphasis, // whole_emphasis
    unit.heading > 0, // heading
    listItem, // list_item
    element.closest?.('aside') != null, // aside
    unit.quoted, // blockquote
    unit.linkShare > 0.5, // link_heavy
    unit.linkShare > 0 && unit.linkShare <= 0.5, // some_link
    context.readingList[index] === true, // reading_list
    addresses, // addresses_reader
    others.some(context.addresses), // block_addresses_reader
    // A stock engagement line ("Have something to add?") is its own cue: it does not count twice.
    !engagement && responseSentence, // response_cue_sentence
    responseBlock, // response_cue_block
    responseNext, // response_cue_next
    debateCue, // debate_cue_before
    has(QUOTED_SPEECH, unit.text), // quoted_speech_block
    has(ATTRIBUTION_CUE, fold(unit.text)), // attribution_verb
    q.sentences.filter(isQuestionSentence).length / Math.max(1, q.sentences.length), // question_share_of_block
    Math.min(1, nearby / 6), // questions_nearby
    Math.min(1, Math.log1p(context.bodyQuestions) / Math.log(40)), // body_questions
    next !== undefined && !/[?？]/u.test(next.text) && wordsOf(next.text) >= PROSE_WORDS, // next_is_prose
    wordCount(proseAfter.join(' ')) >= 12, // prose_after_in_block
    wordCount(proseBefore.join(' ')) >= 25, // prose_before_in_block
    words <= 3, // short_1_3_words
    words > 35, // long_over_35_words
    INTERROGATIVE_START.test(folded), // interrogative_start
    q.questionIndex === 0, // first_question_of_block
    q.sentences.length === 1, // lone_sentence
    has(SUBSCRIPTION_CUE, folded) || has(SUBSCRIPTION_CUE, othersFolded), // subscription_cue
    closing && addresses, // closing_and_addresses
    closing && responseAround && !engagement, // closing_and_response
    closing && emphasis, // closing_and_emphasis
    opinion, // opinion_cue
    closing && opinion, // closing_and_opinion
    SELF_WORDS.test(folded) && !addresses, // speaks_of_self
    debateCue && listItem, // debate_cue_and_list
    questionsAfter === 0, // no_question_after
    questionsAfter <= 3, // few_questions_after
    has(ANSWERED_QUESTIONS, nextFolded) || ANSWERED_QUESTIONS.test(foldedJoin(proseAfter, fold)), // answered_after
    isFootnote(unit), // footnote
    // Hook questions open a text (a blurb, an introduction); the text then answers them.
    blockWordsBefore < OPENING_WORDS, // opens_body
    ASKS_ANYONE.test(folded), // asks_anyone
  ];
  return values.map(Number);
}
