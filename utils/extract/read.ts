// Reads the article and its questions from the live document, and never writes to it (Readability
// works on a clone). This is what the script injected into the page runs: answer forms are given
// afterwards (with-forms.ts), in the panel, so the cue lexicon they need is never injected.
import { clampText, TEXT_CHARS } from '../limits';
import { readArticle } from './article';
import { collectTextUnits } from './blocks';
import { findClaims } from './claims';
import { debateCandidates, selectDebateQuestions } from './debate';
import { questionId } from './ids';
import { SHIPPED_MODEL } from './model';
import { rankRaisedQuestions } from './raised';
import type { PageQuestion, PageReadingResult, QuestionKind } from './types';
import { canonicalUrl } from './url';

// Past these sizes a page is not an article we can read in time: give up before Readability,
// whose recursion and quadratic passes would freeze the tab (or overflow the stack).
const MAX_ELEMENTS = 60_000;
const MAX_DEPTH = 1_000;
const MAX_RAISED = 20;

/** The article and its questions, without answer forms: what the script injected into the page returns. */
export function readArticleQuestions(doc: Document, pageUrl: string): PageReadingResult {
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

  const questions: PageQuestion[] = [];
  const seen = new Set<string>();
  const add = (kind: QuestionKind, label: string, fullText: string, attribution?: string): boolean => {
    // Cut to the files' bounds here, once; the id hashes the text as kept, which is what every
    // device stores and what sync's compact tier recomputes the id from.
    const text = bounded(fullText);
    const id = questionId(text);
    if (seen.has(id)) return false;
    seen.add(id);
    const question: PageQuestion = { id, kind, label: bounded(label), text };
    if (attribution !== undefined) question.attribution = bounded(attribution);
    questions.push(question);
    return true;
  };

  // One scoring of every candidate serves both: the debate questions, then the rest ranked.
  const candidates = debateCandidates(units, lang);
  const debate = selectDebateQuestions(candidates, SHIPPED_MODEL);
  for (const hit of debate) add('debate', hit.label, hit.text);
  for (const claim of findClaims(body)) add('claim', '', claim.text, claim.attribution);
  // Raised questions come best first: the panel shows the first few.
  let raised = 0;
  for (const hit of rankRaisedQuestions(candidates, SHIPPED_MODEL)) {
    if (raised < MAX_RAISED && add('raised', '', hit.text)) raised++;
  }
  return { ok: true, extraction: { article: info, questions } };
}

const bounded = (text: string) => clampText(text, TEXT_CHARS);
