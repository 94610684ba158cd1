// How a question is answered: a No…Yes scale for closed questions, an A…B scale when the question
// really offers two short alternatives, words for open questions (what, how, why…), and
// Disagree…Agree for statements (claims, passages).

import { baseLanguage } from './cues';
import { collapseSpace, foldText } from './text';
import type { AnswerForm } from './types';

// Question words that make a question open, per language (folded). Checked on the first two
// words so that "Et vous ?" or "Für wen …?" are read correctly.
const QUESTION_WORDS: Record<string, string[]> = {
  en: ['what', 'why', 'how', 'who', 'whom', 'whose', 'which', 'where', 'when'],
  fr: [
    'que',
    'qu',
    'quoi',
    'qui',
    'quel',
    'quelle',
    'quels',
    'quelles',
    'lequel',
    'laquelle',
    'lesquels',
    'lesquelles',
    'ou',
    'quand',
    'comment',
    'pourquoi',
    'combien',
  ],
  de: [
    'was',
    'wer',
    'wen',
    'wem',
    'wessen',
    'wie',
    'wo',
    'wann',
    'warum',
    'weshalb',
    'wieso',
    'welche',
    'welcher',
    'welches',
    'welchen',
    'welchem',
    'woher',
    'wohin',
    'womit',
    'wofur',
    'woruber',
    'worauf',
    'wozu',
  ],
  es: [
    'que',
    'quien',
    'quienes',
    'como',
    'cuando',
    'donde',
    'cual',
    'cuales',
    'cuanto',
    'cuanta',
    'cuantos',
    'cuantas',
    'por que',
  ],
  it: [
    'che',
    'cosa',
    'chi',
    'come',
    'quando',
    'dove',
    'perche',
    'quale',
    'quali',
    'quanto',
    'quanta',
    'quanti',
    'quante',
  ],
  pt: [
    'que',
    'o que',
    'quem',
    'como',
    'quando',
    'onde',
    'qual',
    'quais',
    'quanto',
    'quanta',
    'quantos',
    'quantas',
    'por que',
    'porque',
  ],
};
const LEADING_FILLER = /^(?:and|but|so|et|mais|donc|alors|und|aber|also|y|pero|e|ma|mas|entao)\s/;

// " or " between the two alternatives, per language; a comma before it is preferred.
const OR_WORD: Record<string, string> = { en: 'or', fr: 'ou', de: 'oder', es: 'o', it: 'o', pt: 'ou' };
// "… or not?" asks yes or no, not between two things.
const OR_NOT = /\s(?:or not|ou pas|ou non|oder nicht|o no|o non|ou nao)\s*$/;

export function answerFormFor(text: string, lang: string): AnswerForm {
  const base = baseLanguage(lang);
  const trimmed = collapseSpace(text);
  if (!/[?？]/.test(trimmed)) return { type: 'agree-disagree' };
  const closed = isClosedQuestion(trimmed, base);
  const poles = twoAlternatives(trimmed, base, closed);
  if (poles) return { type: 'alternatives', poles };
  // "What did I miss?" and "How do you guard your online life?" have no scale: they ask for words.
  return closed ? { type: 'yes-no' } : { type: 'open' };
}

// A preposition may come before the question word: "Für wen …?", "À quoi …?", "In which …?".
const PREPOSITION = new Set([
  'to',
  'for',
  'with',
  'from',
  'in',
  'on',
  'about',
  'of',
  'by',
  'a',
  'de',
  'pour',
  'par',
  'avec',
  'en',
  'sur',
  'fur',
  'mit',
  'von',
  'an',
  'auf',
  'zu',
  'aus',
  'por',
  'para',
  'con',
  'per',
  'di',
  'da',
  'su',
  'com',
  'em',
]);

// Articles and determiners: a pole ending with one ("mit diesem") was cut from a longer phrase.
const ARTICLE = new Set(
  'the an this that le la les un une des du ce cette ces der die das dem den ein eine einem einen einer eines diese dieser dieses diesem diesen el los las una il lo gli uno o os as um uma'.split(
    ' ',
  ),
);
// A pole that labels one end of a scale: a few words, not a clause.
const MAX_POLE_CHARS = 100;
const MAX_BARE_POLE_WORDS = 3;

function isClosedQuestion(text: string, base: string): boolean {
  const folded = foldText(text).replace(LEADING_FILLER, '');
  if (/^est ce qu/.test(folded)) return true;
  const words = QUESTION_WORDS[base] ?? [];
  const [first = '', second = '', third = ''] = folded.split(' ');
  if (words.includes(first) || words.includes(`${first} ${second}`)) return false;
  // "E voi, cosa ne pensate?", "And you, what do you think?": the question word follows a comma.
  const comma = text.indexOf(',');
  if (comma > 0 && foldText(text.slice(0, comma)).split(' ').length <= 3) {
    const [next = ''] = foldText(text.slice(comma + 1)).split(' ');
    if (words.includes(next)) return false;
  }
  return !(PREPOSITION.has(first) && (words.includes(second) || words.includes(`${second} ${third}`)));
}

/**
 * The two ends of "A or B?": split at the last " or " (", or " first), then drop from both sides
 * the frame they share ("dans un monde où …, ou dans un monde où …") and the question stem. Only
 * clean, short poles are kept: "Haben Sie … mit diesem oder einem ähnlichen Produkt behandelt?" asks
 * yes or no, and "Ihre Haare mit diesem" / "einem ähnlichen Produkt behandelt" is no choice.
 */
function twoAlternatives(text: string, base: string, closed: boolean): [string, string] | null {
  const or = OR_WORD[base] ?? 'or';
  // The marks that end it: "?", "?!", "??", then closing quotes or brackets.
  const body = text.replace(/^[¿¡]/u, '').replace(/\s*[?？][?？!]*[»"”’)\]]*\s*$/u, '');
  if (OR_NOT.test(` ${foldText(body)}`)) return null;
  const split = lastSplit(body, orPattern(`,\\s+${or}\\s+`)) ?? lastSplit(body, orPattern(`\\s${or}\\s`));
  if (!split) return null;
  const [left, right] = split;
  const leftWords = left.split(' ');
  const rightWords = right.split(' ');
  // The longest opening of the right side that also occurs in the left side is the shared frame.
  for (let size = Math.min(rightWords.length - 1, 8); size >= 2; size--) {
    const frame = rightWords.slice(0, size).join(' ');
    const at = left.toLowerCase().lastIndexOf(frame.toLowerCase());
    if (at >= 0) {
      if (!closed && !setApart(left.slice(0, at))) return null;
      return cleanPoles(
        cleanPole(left.slice(at + frame.length)),
        cleanPole(rightWords.slice(size).join(' ')),
      );
    }
  }
  // German puts the verb last: "in der Stadt oder auf dem Land wohnen?" offers "auf dem Land".
  if (base === 'de' && rightWords.length > 1 && /^\p{Ll}/u.test(rightWords.at(-1) ?? '')) rightWords.pop();
  // No shared frame: the left alternative is as long as the right one, and both are short.
  if (rightWords.length > MAX_BARE_POLE_WORDS) return null;
  const pole = leftWords.slice(-rightWords.length).join(' ');
  const stem = leftWords.slice(0, -rightWords.length).join(' ');
  // A closed question offers two things, not a list ("Tea, coffee or water?").
  if (pole.includes(',') || (closed ? stem.includes(',') : !setApart(stem))) return null;
  const a = cleanPole(pole);
  const b = cleanPole(rightWords.join(' '));
  return foldText(a) !== foldText(b) ? cleanPoles(...withoutSharedLead(a, b)) : null;
}

/**
 * A question word asks for words ("What do you make of buses or trams?") unless the choice is set
 * apart from its stem: "Which is better, tea or coffee?", "Lequel choisir : le train ou l'avion ?".
 */
const setApart = (stem: string) => /[,:]\s*$/u.test(stem);

/** Both poles, if each is short and ends on a word that can end a phrase. */
function cleanPoles(a: string, b: string): [string, string] | null {
  const dangling = (pole: string) => {
    // Lower-cased, not folded: "thé" is no "the".
    const last = pole.toLowerCase().split(' ').at(-1) ?? '';
    return ARTICLE.has(last) || PREPOSITION.has(last);
  };
  return a && b && a.length <= MAX_POLE_CHARS && b.length <= MAX_POLE_CHARS && !dangling(a) && !dangling(b)
    ? [a, b]
    : null;
}

const orPatterns = new Map<string, RegExp>();

/** Compiled once per language: answerFormFor runs for every question of every page. */
function orPattern(source: string): RegExp {
  let pattern = orPatterns.get(source);
  if (!pattern) {
    pattern = new RegExp(source, 'giu');
    orPatterns.set(source, pattern);
  }
  pattern.lastIndex = 0;
  return pattern;
}

function lastSplit(text: string, separator: RegExp): [string, string] | null {
  let last: RegExpExecArray | null = null;
  for (let match = separator.exec(text); match; match = separator.exec(text)) last = match;
  if (!last) return null;
  const left = text.slice(0, last.index).trim();
  const right = text.slice(last.index + last[0].length).trim();
  return left && right ? [left, right] : null;
}

/** "for housing" / "for parks" → "housing" / "parks": a word both ends open with says nothing. */
function withoutSharedLead(a: string, b: string): [string, string] {
  const [aFirst, ...aRest] = a.split(' ');
  const [bFirst, ...bRest] = b.split(' ');
  if (aRest.length && bRest.length && foldText(aFirst ?? '') === foldText(bFirst ?? '')) {
    return [aRest.join(' '), bRest.join(' ')];
  }
  return [a, b];
}

function cleanPole(pole: string): string {
  return pole.replace(/^[\s,;:]+|[\s,;:]+$/g, '');
}
