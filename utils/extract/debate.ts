// Finds the questions the author puts to readers: lists under a debate cue ("Débattons en
// commentaires :") and reader-addressed questions closing the article, never page furniture.
import type { TextUnit } from './blocks';
import { addressesReader, DEBATE_SECTION_CUE, RELATED_LINKS_LEAD, RESPONSE_CUE } from './cues';
import { foldText, isQuestionSentence, isQuotedSentence, splitSentences, wordCount } from './text';

export interface QuestionHit {
  unit: TextUnit;
  label: string;
  text: string;
}

// Prose resumes (and a debate section or the closing prompt ends) at a block this long without a question.
const PROSE_WORDS = 25;
// How many blocks from the end the closing prompt may sit, sign-offs and captions included.
const TAIL_UNITS = 6;
const MAX_LABEL_WORDS = 8;
// A typed bullet or tweetstorm number ("• ", "70/ ") is layout, not part of the question.
const LIST_MARKER = /^(?:[•·▪●◦‣∙*–—-]|\d{1,3}[/.)])\s+/u;

/** Units that can carry reader prose: not related-link boxes or link lists. */
export function proseUnits(units: TextUnit[]): TextUnit[] {
  // The lead phrases are short: folding the opening of a block is enough, and much cheaper.
  return units.filter(
    (unit) => unit.linkShare <= 0.5 && !RELATED_LINKS_LEAD.test(foldText(unit.text.slice(0, 60))),
  );
}

/** The question sentences of a unit with their label, if the unit opens with "Label : question?". */
export function questionsOf(unit: TextUnit, pendingLabel = ''): QuestionHit[] {
  let text = unit.text;
  let label = pendingLabel;
  const labelled = /^(.{2,80}?)\s*[:：]\s+(.*[?？].*)$/u.exec(text);
  if (labelled) {
    const [, lead = '', rest = ''] = labelled;
    // A colon inside a quoted title ('hat dir "Spielzeug: 13 Ideen" gefallen?') is no label.
    if (!/[?？.!"“”„«»]/u.test(lead) && wordCount(lead) <= MAX_LABEL_WORDS) {
      label = lead.trim();
      text = rest;
    }
  }
  const hits: QuestionHit[] = [];
  for (const sentence of splitSentences(text.replace(LIST_MARKER, ''))) {
    if (!isQuestionSentence(sentence) || isQuotedSentence(sentence) || wordCount(sentence) < 2) continue;
    hits.push({ unit, label: hits.length === 0 ? label : '', text: sentence });
  }
  return hits;
}

/** A bold or heading line such as "La question choc :" that names the question below it. */
function labelOnly(unit: TextUnit): string {
  const text = unit.text;
  if (/[?？]/u.test(text) || !/[:：]$/u.test(text) || wordCount(text) > MAX_LABEL_WORDS) return '';
  if (!unit.heading && unit.lead.length < text.length - 2) return '';
  return text.replace(/\s*[:：]$/u, '');
}

export function findDebateQuestions(units: TextUnit[], lang: string): QuestionHit[] {
  const prose = proseUnits(units);
  const hits = new Map<string, QuestionHit>();
  const add = (hit: QuestionHit) => {
    const key = `${prose.indexOf(hit.unit)}:${hit.text}`;
    if (!hits.has(key)) hits.set(key, hit);
  };
  for (const hit of debateSectionQuestions(prose)) add(hit);
  for (const hit of closingPromptQuestions(prose, lang)) add(hit);
  return [...hits.values()].sort((a, b) => prose.indexOf(a.unit) - prose.indexOf(b.unit));
}

/** Questions listed under a cue heading or lead, until prose or a sibling heading resumes. */
function debateSectionQuestions(prose: TextUnit[]): QuestionHit[] {
  const hits: QuestionHit[] = [];
  for (let i = 0; i < prose.length; i++) {
    const cue = prose[i] as TextUnit;
    if (!cue.heading && (cue.text.length > 200 || wordCount(cue.text) > 15)) continue;
    if (!DEBATE_SECTION_CUE.test(foldText(cue.text))) continue;
    hits.push(...questionsOf(cue));
    let pendingLabel = '';
    for (let j = i + 1; j < prose.length; j++) {
      const unit = prose[j] as TextUnit;
      const found = questionsOf(unit, pendingLabel);
      if (found.length === 0) {
        if (cue.heading && unit.heading && unit.heading <= cue.heading) break;
        if (wordCount(unit.text) >= PROSE_WORDS) break;
        pendingLabel = labelOnly(unit);
        continue;
      }
      hits.push(...found);
      pendingLabel = '';
    }
  }
  return hits;
}

/** Reader-addressed questions in the last blocks of the body, after its last stretch of prose. */
function closingPromptQuestions(prose: TextUnit[], lang: string): QuestionHit[] {
  const hits: QuestionHit[] = [];
  let start = prose.length;
  while (start > 0 && prose.length - start < TAIL_UNITS) {
    const unit = prose[start - 1] as TextUnit;
    if (!/[?？]/u.test(unit.text) && wordCount(unit.text) >= PROSE_WORDS) break;
    start--;
  }
  for (let i = start; i < prose.length; i++) {
    const unit = prose[i] as TextUnit;
    if (unit.heading) continue;
    const found = questionsOf(unit, labelOnly(prose[i - 1] ?? unit));
    if (found.length === 0) continue;
    const next = prose[i + 1];
    const invites =
      RESPONSE_CUE.test(foldText(unit.text)) ||
      (next !== undefined && !/[?？]/u.test(next.text) && RESPONSE_CUE.test(foldText(next.text))) ||
      found.some((hit) => addressesReader(hit.text, foldText(hit.text), lang));
    if (invites) hits.push(...found);
  }
  return hits;
}
