// The multilingual lexicon: phrases that open a debate section, invite readers to answer,
// address the reader, or mark page furniture. Patterns match folded text (see foldText).

// One group behind one word-start test: the engine tries the alternatives only at word starts.
function wordsPattern(cues: string[]): RegExp {
  return new RegExp(`(?:^|\\s)(?:${cues.join('|')})(?=\\s|$)`);
}

/** Lead or heading that opens a list of questions put to readers ("💬 Débattons en commentaires :"). */
export const DEBATE_SECTION_CUE = wordsPattern([
  // fr
  'debattons',
  'discutons',
  'debattez',
  'parlons en',
  'on en debat',
  'a vous la parole',
  'la parole est a vous',
  'a vous de jouer',
  'questions? (?:pour|a) (?:debattre|discuter|la discussion|le debat)',
  'pistes de (?:reflexion|discussion)',
  // en
  'discussion questions?',
  'questions? for (?:discussion|debate|reflection|readers)',
  'questions? to (?:discuss|consider|ponder)',
  'let s (?:discuss|debate)',
  'let us (?:discuss|debate)',
  'over to you',
  'your turn',
  'talking points',
  'food for thought',
  'debate in the comments',
  // es
  'preguntas? para (?:el )?(?:debate|debatir|la discusion|reflexionar)',
  'debatamos',
  'a debate',
  // de
  'diskussionsfragen?',
  'fragen (?:zur|fur die) diskussion',
  'diskutieren sie mit',
  'diskutiert mit',
  'lasst uns diskutieren',
  // it
  'domande per (?:la )?(?:discussione|riflessione|il dibattito)',
  'discutiamone',
  'parliamone',
  // pt
  'perguntas? para (?:o )?(?:debate|debater|discussao|reflexao)',
  'vamos debater',
  'debate nos comentarios',
]);

/** An invitation to answer, in or right after the block holding a question. */
export const RESPONSE_CUE = wordsPattern([
  // en
  'comments?',
  'comment below',
  'let (?:us|me) know',
  'tell (?:us|me)',
  'sound off',
  'share your',
  'what do you think',
  'what about you',
  '(?:we|i) d love to hear',
  '(?:we|i) would love to hear',
  'hear from you',
  'your thoughts',
  // fr
  'commentaires?',
  'commentez',
  'dites nous',
  'dites moi',
  'donnez nous',
  'votre avis',
  'vos avis',
  'partagez',
  'qu en pensez vous',
  'et vous',
  // de
  'kommentare?n?',
  'kommentiert',
  'kommentieren',
  'feedback',
  'erfahrungsberichte?',
  'teilt? (?:deine|eure|ihre)',
  'schreibt? (?:es )?(?:mir|uns)',
  'verraten sie',
  'verratet',
  'was meinen sie',
  'was meint ihr',
  'eure meinung',
  'deine meinung',
  'ihre meinung',
  // es
  'comentarios?',
  'cuentanos',
  'dejanos',
  'dinos',
  'comparte',
  'que opinas?',
  'que opinan',
  // it
  'commenti',
  'commentate',
  'fateci sapere',
  'diteci',
  'scrivetelo',
  'cosa ne pensate',
  'cosa ne pensi',
  'che ne pensate',
  // pt
  'comentarios',
  'comente',
  'conte nos',
  'deixe (?:sua|seu)',
  'compartilhe',
  'o que voce acha',
  'o que voces acham',
]);

/** Second-person words, per language, on folded text: the reader is being asked. */
const READER_WORDS: Record<string, string[]> = {
  en: ['you', 'your', 'yours', 'yourself', 'yourselves', 'y all'],
  fr: ['vous', 'votre', 'vos', 'tu', 'ton', 'ta', 'tes', 'toi'],
  de: [
    'du',
    'dich',
    'dir',
    'dein',
    'deine',
    'deinen',
    'deinem',
    'deiner',
    'deines',
    'ihr',
    'euch',
    'euer',
    'eure',
    'euren',
    'eurem',
    'eurer',
    'eures',
  ],
  es: [
    'tu',
    'tus',
    'te',
    'ti',
    'contigo',
    'usted',
    'ustedes',
    'vosotros',
    'vosotras',
    'os',
    'vuestro',
    'vuestra',
    'opinas',
    'crees',
    'piensas',
  ],
  it: [
    'tu',
    'ti',
    'tuo',
    'tua',
    'tuoi',
    'tue',
    'voi',
    'vi',
    'vostro',
    'vostra',
    'vostri',
    'vostre',
    'pensate',
    'pensi',
  ],
  pt: ['voce', 'voces', 'tu', 'teu', 'tua', 'teus', 'tuas', 'vosso', 'vossa', 'acha', 'acham'],
};
const READER_PATTERNS: Record<string, RegExp> = Object.fromEntries(
  Object.entries(READER_WORDS).map(([lang, words]) => [
    lang,
    new RegExp(`(?:^|\\s)(?:${words.join('|')})(?:\\s|$)`),
  ]),
);
// German formal "Sie"/"Ihnen" is only told apart from "sie" (they) by its capital, mid-sentence.
const GERMAN_FORMAL_YOU = /\s(?:Sie|Ihnen|Ihre?[nmrs]?)\b/u;

/** Primary language subtag ("fr" for "fr-FR"), defaulting to English. */
export function baseLanguage(lang: string): string {
  const base = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return base in READER_WORDS ? base : 'en';
}

/** Whether a sentence speaks to the reader in `lang`. */
export function addressesReader(sentence: string, folded: string, lang: string): boolean {
  const base = baseLanguage(lang);
  if (READER_PATTERNS[base]?.test(folded)) return true;
  return base === 'de' && GERMAN_FORMAL_YOU.test(sentence);
}

/** A block introducing links to other articles, inside or around the body. */
export const RELATED_LINKS_LEAD =
  /^(?:lire (?:egalement|aussi|la suite)|a lire (?:aussi|egalement)|voir aussi|sur le meme (?:sujet|theme)|read (?:more|also|next)|related|see also|more on this|you may also like|lee (?:tambien|mas)|leer mas|te puede interesar|leia (?:tambien|mais)|veja tambem|leggi anche|potrebbe interessarti|das konnte dich auch interessieren|auch interessant|mehr zum thema|lesen sie auch|weiterlesen)(?:\s|$)/;

/** class/id words of page furniture: comments, sharing, related posts, newsletter, cookies, widgets. */
export const FURNITURE_CLASS =
  /(?:^|[\s-])(?:comments?|commentlist|comment-list|comment-body|comment-content|comments-area|respond|reply|disqus|livefyre|related|relatedposts|related-posts|yarpp|similar|recommend\w*|share\w*|sharing|social\w*|newsletter|subscri\w*|signup|cookies?|consent|gdpr|sidebar|widget\w*|promo\w*|advert\w*|ads?|ad-slot|sponsor\w*|polls?|survey|feedback|rating|ratings|voting|breadcrumbs?|nav|navbar|navigation|menu|footer|author-?box|author-?bio|about-author|popup|modal|teaser|outbrain|taboola|recirc\w*|more-stories|read-?more|tags|tag-?list|meta|post-meta|entry-meta|byline|toc)(?:[\s-]|$)/i;
