// Questions raised in the text: the body's question sentences the model did not take as put to the
// reader, kept only where a reader could weigh them — no link text, heading, aside, pitch or call
// to respond, quoted speech — and ranked, best first, by the debate model's own score.
import type { TextUnit } from './blocks';
import { ATTRIBUTION_CUE, ENGAGEMENT_LINE, RESPONSE_CUE, SUBSCRIPTION_CUE } from './cues';
import { type DebateCandidate, isProseUnit, type QuestionHit } from './debate';
import { type DebateModel, probability } from './model';
import { foldText, isQuotedSentence, wordCount } from './text';

// A quotation mark left open, in the sentence or before it in its block: the sentence is part of
// someone's words running over sentences.
const QUOTE_MARKS = /["“”«»„]/gu;
const oddQuotes = (text: string) => (text.match(QUOTE_MARKS)?.length ?? 0) % 2 === 1;

/** Whether a question sentence of `unit` is the text's own, a reader could weigh. */
function isTheTextsOwn(unit: TextUnit, text: string): boolean {
  if (unit.heading > 0 || unit.quoted || unit.element.closest?.('aside')) return false;
  // The question is a link's text ("Are you a financial adult yet?" in a reading list).
  const folded = foldText(text);
  const isLink = (link: string) => {
    const linked = foldText(link);
    return linked.length * 2 >= folded.length && (linked.includes(folded) || folded.includes(linked));
  };
  if (wordCount(text) < 2 || unit.links.some(isLink)) return false;
  const at = unit.text.indexOf(text);
  if (isQuotedSentence(text) || oddQuotes(text) || (at > 0 && oddQuotes(unit.text.slice(0, at))))
    return false;
  // Ads, pitches and calls to respond ("Want more ways to get engagement?", "Have something to
  // add?") ask for a click, not a thought; "she asked" gives the question to someone else.
  return ![ENGAGEMENT_LINE, SUBSCRIPTION_CUE, RESPONSE_CUE, ATTRIBUTION_CUE].some((cue) => cue.test(folded));
}

/**
 * The questions among `candidates` a reader could weigh, best first: the higher the model puts a
 * question towards one asked of the reader, the more it is worth weighing; ties keep page order.
 * The debate questions among them are the caller's to leave out (it adds each question once).
 */
export function rankRaisedQuestions(candidates: DebateCandidate[], model: DebateModel): QuestionHit[] {
  // Related-link boxes and link lists (as the debate finder reads them) carry no prose of the text.
  return candidates
    .filter(({ hit }) => isProseUnit(hit.unit) && isTheTextsOwn(hit.unit, hit.text))
    .map((candidate) => ({ hit: candidate.hit, score: probability(model, candidate.features) }))
    .sort((a, b) => b.score - a.score)
    .map(({ hit }) => hit);
}
