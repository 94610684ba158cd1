// Entry point of the extractor: the same code runs in the page and in Node (CLI, corpus).
// It reads the live document and never writes to it; Readability works on a clone.
import { clampText, LIMITS } from '../limits';
import { readArticle } from './article';
import { collectTextUnits } from './blocks';
import { findClaims } from './claims';
import { findDebateQuestions, proseUnits, questionsOf } from './debate';
import { answerFormFor } from './forms';
import { questionId } from './ids';
import type { AnswerForm, ExtractedQuestion, ExtractionResult, QuestionKind } from './types';
import { canonicalUrl } from './url';

export { answerFormFor } from './forms';
export { questionId } from './ids';
export { canonicalUrl } from './url';

// Past these sizes a page is not an article we can read in time: give up before Readability,
// whose recursion and quadratic passes would freeze the tab (or overflow the stack).
const MAX_ELEMENTS = 60_000;
const MAX_DEPTH = 1_000;
const MAX_RAISED = 20;

export function extractFromDocument(doc: Document, pageUrl: string): ExtractionResult {
  // Chrome's PDF viewer is an HTML shell around a plugin: there is no text to read in it.
  if (doc.contentType === 'application/pdf') return { ok: false, reason: 'pdf' };
  if (!doc.documentElement || !doc.body) return { ok: false, reason: 'not-loaded' };
  // Counted natively, before any cloning; linkedom (Node) has no '*' collection, hence the fallback.
  const elements = doc.getElementsByTagName('*').length || doc.querySelectorAll('*').length;
  if (elements > MAX_ELEMENTS) return { ok: false, reason: 'too-large' };
  // No http(s) address to keep the article under (a page saved to disk): its positions could
  // never be exported, restored or synced, so the page is not read at all.
  const url = canonicalUrl(doc, pageUrl);
  if (!url) return { ok: false, reason: 'restricted-page' };
  const reading = readArticle(doc, url, MAX_DEPTH);
  if (typeof reading === 'string') return { ok: false, reason: reading };
  const { info, body } = reading;
  const lang = info.lang || doc.documentElement.getAttribute('lang') || '';
  const units = collectTextUnits(body);

  const questions: ExtractedQuestion[] = [];
  const seen = new Set<string>();
  const add = (kind: QuestionKind, label: string, fullText: string, attribution?: string): boolean => {
    // Cut to the files' bounds here, once; the id hashes the text as kept, which is what every
    // device stores and what sync's compact tier recomputes the id from.
    const text = bounded(fullText);
    const id = questionId(text);
    if (seen.has(id)) return false;
    seen.add(id);
    const question: ExtractedQuestion = {
      id,
      kind,
      label: bounded(label),
      text,
      form: boundedForm(answerFormFor(fullText, lang)),
    };
    if (attribution !== undefined) question.attribution = bounded(attribution);
    questions.push(question);
    return true;
  };

  for (const hit of findDebateQuestions(units, lang)) add('debate', hit.label, hit.text);
  for (const claim of findClaims(body)) add('claim', '', claim.text, claim.attribution);
  let raised = 0;
  for (const unit of proseUnits(units)) {
    if (unit.quoted || !/[?？]/u.test(unit.text)) continue;
    for (const hit of questionsOf(unit)) {
      if (raised < MAX_RAISED && add('raised', '', hit.text)) raised++;
    }
  }
  return { ok: true, extraction: { article: info, questions } };
}

const bounded = (text: string) => clampText(text, LIMITS.textChars);

function boundedForm(form: AnswerForm): AnswerForm {
  return form.type === 'alternatives'
    ? { type: 'alternatives', poles: [bounded(form.poles[0]), bounded(form.poles[1])] }
    : form;
}
