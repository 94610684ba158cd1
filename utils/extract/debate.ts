// Finds the questions the author puts to readers. Every question sentence of the body is a
// candidate; a logistic model (model.ts) over general features (features.ts) decides which are.
import type { TextUnit } from './blocks';
import {
  excludedByDefinition,
  featuresOf,
  opensRelatedLinks,
  pageContext,
  type SentenceInUnit,
} from './features';
import { type DebateModel, probability, SHIPPED_MODEL } from './model';
import {
  foldText,
  isQuestionSentence,
  isQuotedSentence,
  LIST_MARKER,
  splitSentences,
  wordCount,
} from './text';

export interface QuestionHit {
  unit: TextUnit;
  label: string;
  text: string;
}

export interface DebateCandidate {
  hit: QuestionHit;
  features: number[];
  /** Left out by the definition of a debate question, whatever its score (excludedByDefinition). */
  excluded: boolean;
}

const MAX_LABEL_WORDS = 8;
// "Aun así, preferimos preguntaros directamente: ¿Pensáis que…?": the question follows the colon.
const LEAD_CLAUSE = /^(.{2,120}?)\s*[:：]\s+(\S.*)$/u;

/** A unit that can carry reader prose: not a related-link box or a link list. */
export function isProseUnit(unit: TextUnit): boolean {
  return unit.linkShare <= 0.5 && !opensRelatedLinks(unit);
}

/** Splits "Lead clause: question?" into its label (when short) and the question. */
function splitLead(sentence: string): { label: string; text: string } {
  const labelled = LEAD_CLAUSE.exec(sentence);
  if (!labelled) return { label: '', text: sentence };
  const [, lead = '', rest = ''] = labelled;
  // A colon inside a quoted title ('hat dir "Spielzeug: 13 Ideen" gefallen?') is no lead.
  if (/[?？.!"“”„«»]/u.test(lead) || wordCount(rest) < 2) return { label: '', text: sentence };
  return { label: wordCount(lead) <= MAX_LABEL_WORDS ? lead.trim() : '', text: rest };
}

// Markup shown as text (a page that escaped its own HTML) is no part of any sentence.
const MARKUP_TEXT = /<\/?[a-z][^<>]*>/gi;

// A debate question may be one word ("¿Sugerencias?", "Quand ?"); a raised one is worth showing
// only when it says something.
const MIN_DEBATE_WORDS = 1;
const MIN_RAISED_WORDS = 2;

function questionSentences(unit: TextUnit, minWords: number): SentenceInUnit[] {
  const sentences = splitSentences(unit.text.replace(MARKUP_TEXT, ' ').replace(LIST_MARKER, ''));
  const out: SentenceInUnit[] = [];
  let before = '';
  for (const sentence of sentences) {
    if (isQuestionSentence(sentence) && wordCount(sentence) >= minWords) {
      const { text } = splitLead(sentence);
      out.push({ text, sentence, before, sentences, questionIndex: out.length });
    }
    before += `${sentence} `;
  }
  return out;
}

/** The question sentences of a unit with their label, if the unit opens with "Label : question?". */
export function questionsOf(unit: TextUnit, pendingLabel = ''): QuestionHit[] {
  return questionSentences(unit, MIN_RAISED_WORDS)
    .filter((q) => !isQuotedSentence(q.sentence))
    .map((q, index) => {
      const lead = splitLead(q.sentence).label;
      return { unit, label: lead || (index === 0 ? pendingLabel : ''), text: q.text };
    });
}

/** A bold or heading line such as "La question choc :" that names the question below it. */
function labelOnly(unit: TextUnit | undefined): string {
  if (!unit) return '';
  const text = unit.text;
  if (/[?？]/u.test(text) || !/[:：]$/u.test(text) || wordCount(text) > MAX_LABEL_WORDS) return '';
  if (!unit.heading && unit.lead.length < text.length - 2) return '';
  return text.replace(/\s*[:：]$/u, '');
}

/** Every question sentence of the body, with its features: what the model scores. */
export function debateCandidates(units: TextUnit[], lang: string): DebateCandidate[] {
  // No question mark, no candidate: the page's context is not worth computing.
  if (!units.some((unit) => /[?？]/u.test(unit.text))) return [];
  const context = pageContext(units, lang);
  const candidates: DebateCandidate[] = [];
  units.forEach((unit, index) => {
    if (!/[?？]/u.test(unit.text)) return;
    const pendingLabel = labelOnly(units[index - 1]);
    for (const q of questionSentences(unit, MIN_DEBATE_WORDS)) {
      const lead = splitLead(q.sentence).label;
      const label = lead || (q.questionIndex === 0 ? pendingLabel : '');
      candidates.push({
        hit: { unit, label, text: q.text },
        features: featuresOf(context, index, q),
        excluded: excludedByDefinition(context, index, q),
      });
    }
  });
  return candidates;
}

export function findDebateQuestions(
  units: TextUnit[],
  lang: string,
  model: DebateModel = SHIPPED_MODEL,
): QuestionHit[] {
  return selectDebateQuestions(debateCandidates(units, lang), model);
}

/** The candidates the model scores at its threshold or above, each question text once. */
export function selectDebateQuestions(candidates: DebateCandidate[], model: DebateModel): QuestionHit[] {
  const seen = new Set<string>();
  const hits: QuestionHit[] = [];
  for (const candidate of candidates) {
    if (candidate.excluded || probability(model, candidate.features) < model.threshold) continue;
    const key = foldText(candidate.hit.text);
    if (seen.has(key)) continue;
    seen.add(key);
    hits.push(candidate.hit);
  }
  return hits;
}
