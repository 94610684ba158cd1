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
/** "Has anyone…?", "¿Alguno lo ha hecho?": a question to whoever reads, without "you". */
export const ASKS_ANYONE = wordsPattern([
  'anyone',
  'anybody',
  'quelqu un',
  'jemand(?:en)?',
  'alguien',
  'algun[oa]s?',
  'qualcun[oa]',
  'alguem',
]);

// German formal "Sie"/"Ihnen" is only told apart from "sie" (they) by its capital, mid-sentence.
const GERMAN_FORMAL_YOU = /\s(?:Sie|Ihnen|Ihre?[nmrs]?)\b/u;

/** Primary language subtag ("fr" for "fr-FR"), defaulting to English. */
export function baseLanguage(lang: string): string {
  const base = lang.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return base in READER_WORDS ? base : 'en';
}

// Verbs in the second person plural, where the pronoun is usually left out: Spanish "sabéis",
// Italian "avete", "preferite" (folded, at least five letters).
const PLURAL_YOU_VERB: Record<string, RegExp> = {
  es: /(?:^|\s)(?!pais\s)\p{L}{2,}(?:ais|eis)(?=\s|$)/u,
  it: /(?:^|\s)\p{L}{2,}(?:ate|ete|ite)(?=\s|$)/u,
};

/** Whether a sentence speaks to the reader in `lang`. */
export function addressesReader(sentence: string, folded: string, lang: string): boolean {
  const base = baseLanguage(lang);
  if (READER_PATTERNS[base]?.test(folded)) return true;
  if (PLURAL_YOU_VERB[base]?.test(folded)) return true;
  return base === 'de' && GERMAN_FORMAL_YOU.test(sentence);
}

/** A block introducing links to other articles, inside or around the body. */
// Leads that open a list of links, folded. Their first words let a block be told apart without
// folding it: nearly every block opens with some other word.
const RELATED_LINKS_LEADS = [
  'lire egalement',
  'lire aussi',
  'lire la suite',
  'a lire aussi',
  'a lire egalement',
  'voir aussi',
  'sur le meme sujet',
  'sur le meme theme',
  'read more',
  'read also',
  'read next',
  'related',
  'see also',
  'more on this',
  'you may also like',
  'lee tambien',
  'lee mas',
  'leer mas',
  'te puede interesar',
  'leia tambien',
  'leia mais',
  'veja tambem',
  'leggi anche',
  'potrebbe interessarti',
  'das konnte dich auch interessieren',
  'auch interessant',
  'mehr zum thema',
  'lesen sie auch',
  'weiterlesen',
];
export const RELATED_LINKS_LEAD = new RegExp(`^(?:${RELATED_LINKS_LEADS.join('|')})(?:\\s|$)`);
export const RELATED_LINKS_FIRST_WORDS = new Set(RELATED_LINKS_LEADS.map((lead) => lead.split(' ')[0]));

/** class/id words of page furniture: comments, sharing, related posts, newsletter, cookies, widgets. */
export const FURNITURE_CLASS =
  /(?:^|[\s-])(?:comments?|commentlist|comment-list|comment-body|comment-content|comments-area|respond|reply|disqus|livefyre|related|relatedposts|related-posts|yarpp|similar|recommend\w*|share\w*|sharing|social\w*|newsletter|subscri\w*|signup|cookies?|consent|gdpr|sidebar|widget\w*|promo\w*|cta|advert\w*|ads?|ad-slot|sponsor\w*|polls?|survey|feedback|rating|ratings|voting|breadcrumbs?|nav|navbar|navigation|menu|footer|author-?box|author-?bio|about-author|popup|modal|teaser|outbrain|taboola|recirc\w*|more-stories|read-?more|tags|tag-?list|meta|post-meta|entry-meta|byline|toc)(?:[\s-]|$)/i;

/**
 * Stock engagement lines that ask for a comment, a share or a like, not an opinion on the subject
 * ("Vous avez aimé cet article ?", "Have something to add to this story?").
 */
export const ENGAGEMENT_LINE = wordsPattern([
  // en
  'something to add',
  'anything to add',
  'consider commenting',
  'enjoy(?:ed)? (?:this|the) (?:article|post|story|read)',
  'like (?:this|the) (?:article|post|story)',
  'found (?:this|it) (?:helpful|useful)',
  'was (?:this|it) (?:helpful|useful)',
  'have a (?:question|tip|story)',
  'got a (?:question|tip|story)',
  'questions or comments',
  'any (?:other |more |further )?questions',
  'd autres questions',
  'des questions',
  'otras preguntas',
  'mas preguntas',
  'weitere fragen',
  'noch fragen',
  'altre domande',
  'outras perguntas',
  'mais perguntas',
  'want more',
  // fr
  'aime cet article',
  'aime cet?t?e? (?:article|billet|post)',
  'avez une question',
  'cet article vous a',
  'envie d en savoir plus',
  // de
  'hat (?:dir|ihnen|euch) (?:der|dieser) (?:artikel|beitrag) gefallen',
  'ist der artikel hilfreich',
  'war (?:der|dieser) artikel hilfreich',
  'zustimmung kritik',
  'kritik oder anmerkungen',
  // es
  'te ha gustado',
  'te gusto (?:este|el) (?:articulo|post)',
  'tienes (?:alguna|una) (?:duda|pregunta)',
  // it
  'vi va di lasciare',
  'ti e piaciuto',
  'vi e piaciuto',
  'hai (?:una )?domand[ae]',
  // pt
  'gostou (?:do|deste) (?:artigo|post|texto)',
  'tem (?:alguma )?duvida',
]);

/** Subscriptions, newsletters, products: calls to act phrased as questions. */
export const SUBSCRIPTION_CUE = wordsPattern([
  'newsletter',
  'subscribe',
  'sign up',
  'abonnez vous',
  'abonner',
  'inscrivez vous',
  'abonniere',
  'abonnieren',
  'anmelden',
  'suscribete',
  'suscribirte',
  'iscriviti',
  'assine',
  'inscreva se',
  'download',
  'telecharge\\w*',
  'free trial',
  'buy',
  'shop',
  'inscri(?:cao|pcion|ption|zione)',
  'help us',
  'aidez nous',
  'nous aider',
  'ayudanos',
  'ayudarnos',
  'aiutaci',
  'aiutarci',
  'helfen sie uns',
  'helft uns',
  'nos ajudar',
  'ajudar',
  'ajude',
  'contact us',
  'contactez nous',
  'kontaktieren sie uns',
  'contactanos',
  'contattaci',
  'fale conosco',
  'hire',
  'join our',
  'job',
  'jobs',
]);

/** Speech verbs that attribute words to a source: quoted questions are theirs, not the author's. */
export const ATTRIBUTION_CUE = wordsPattern([
  'said',
  'says',
  'asked',
  'asks',
  'told',
  'wonders',
  'wondered',
  'a t il (?:dit|demande)',
  'a t elle (?:dit|demande)',
  'dit il',
  'dit elle',
  'demande t il',
  'explique',
  'raconte',
  'dijo',
  'dice',
  'pregunto',
  'pregunta',
  'sagte',
  'sagt',
  'fragte',
  'fragt',
  'meinte',
  'ha detto',
  'chiede',
  'ha chiesto',
  'disse',
  'diz',
  'perguntou',
  'afirma',
  'afirmou',
]);

/** Interrogative words that open a question asking what, how, why or which, per language. */
export const INTERROGATIVE_START =
  /^(?:what|how|why|which|who|where|when|que|quoi|quel\w*|comment|pourquoi|qui|ou|quand|combien|was|wie|warum|wieso|weshalb|welche\w*|wer|wo|wann|que|como|por que|cual\w*|quien\w*|donde|cuando|cuant\w*|cosa|che|come|perche|quale|quali|chi|dove|quando|quant\w*|o que|qual|quais|onde|quem)(?:\s|$)/;

/** Words asking for an opinion, experience, preference or advice, per language. */
export const OPINION_CUE = wordsPattern([
  // en
  'think',
  'agree',
  'disagree',
  'opinion',
  'prefer',
  'feel about',
  'would you',
  'have you ever',
  'do you',
  'should (?:we|you|i)',
  'your (?:experience|advice|take|view)',
  'suggestions?',
  'ideas?',
  'recommend',
  // fr
  'pensez',
  'penses',
  'croyez',
  'crois',
  'trouvez',
  'trouves',
  'preferez',
  'preferes',
  'd accord',
  'avis',
  'opinion',
  'conseils?',
  'suggestions?',
  'selon vous',
  'faites vous',
  'avez vous deja',
  // de
  'meinung',
  'meinen sie',
  'meint ihr',
  'findet ihr',
  'finden sie',
  'findest du',
  'halten sie',
  'haltet ihr',
  'haltst du',
  'denkt ihr',
  'denken sie',
  'denkst du',
  'wurden sie',
  'wurdet ihr',
  'wurdest du',
  'haben sie schon',
  'habt ihr schon',
  'hast du schon',
  'erfahrungen?',
  'tipps?',
  'bevorzug\\w*',
  // es
  'opinas?',
  'opinais',
  'opinion',
  'piensas',
  'pensais',
  'piensan',
  'crees',
  'creeis',
  'prefieres',
  'preferis',
  'de acuerdo',
  'sugerencias?',
  'consejos?',
  'habeis',
  'has (?:probado|hecho|estado)',
  // it
  'pensate',
  'pensi',
  'credete',
  'preferite',
  'preferisci',
  'd accordo',
  'opinione',
  'suggerimenti',
  'consigli',
  'avete (?:mai|altri)',
  'hai mai',
  // pt
  'acha',
  'acham',
  'achas',
  'concorda',
  'concordam',
  'prefere',
  'preferem',
  'opiniao',
  'sugestoes',
  'dicas?',
  'ja (?:fez|usou|teve|experimentou)',
]);

/**
 * The tag closing a statement ("…, ¿no?", "…, n'est-ce pas ?", "…, right?"), on the folded text after
 * its last comma: rhetorical. Without the comma ("¿Te gusta o no?") it is a real choice.
 */
export const TAG_QUESTION =
  /^(?:no|non|nein|right|eh|oder|nicht wahr|n est ce pas|verdad|vero|ne|nao e|nao|isn t it|don t you think)$/;

/** The writer speaking of themselves, per language (first person singular or plural). */
export const SELF_WORDS = wordsPattern([
  'i',
  'we',
  'me',
  'my',
  'our',
  'us',
  'je',
  'j',
  'nous',
  'on',
  'mon',
  'ma',
  'mes',
  'notre',
  'nos',
  'ich',
  'wir',
  'mein\\w*',
  'unser\\w*',
  'mich',
  'mir',
  'uns',
  'yo',
  'nosotros',
  'mi',
  'mis',
  'nuestr[oa]s?',
  'io',
  'noi',
  'mio',
  'mia',
  'nostr[oaie]',
  'eu',
  'nos',
  'meu',
  'minha',
  'nosso',
  'nossa',
]);

// Frequent function words, to tell the six languages apart when a page does not declare its own.
const FUNCTION_WORDS: Record<string, string[]> = {
  en: ['the', 'and', 'is', 'of', 'to', 'that', 'with'],
  fr: ['le', 'les', 'et', 'est', 'des', 'une', 'pour'],
  de: ['der', 'die', 'und', 'ist', 'nicht', 'mit', 'das'],
  es: ['el', 'los', 'y', 'es', 'del', 'las', 'por'],
  it: ['il', 'che', 'di', 'gli', 'della', 'per', 'non'],
  pt: ['o', 'os', 'e', 'do', 'da', 'uma', 'com'],
};

// Each function word belongs to one language: one look-up a word of the sample, not six list scans.
const LANGUAGE_OF_WORD = new Map(
  Object.entries(FUNCTION_WORDS).flatMap(([lang, words]) => words.map((word) => [word, lang] as const)),
);

const LONGEST_FUNCTION_WORD = Math.max(...[...LANGUAGE_OF_WORD.keys()].map((word) => word.length));

/**
 * The page's language ("fr-FR" → "fr"): the declared one unless the body's function words say
 * clearly otherwise (themes often declare their default language on every post); guessed when none.
 */
export function pageLanguage(declared: string, folded: string): string {
  const base = declared.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  const counts = new Map<string, number>();
  // No function word is longer than five letters: the longer words are never cut out and hashed.
  for (let start = 0; start < folded.length; ) {
    let end = folded.indexOf(' ', start);
    if (end < 0) end = folded.length;
    const lang =
      end - start <= LONGEST_FUNCTION_WORD ? LANGUAGE_OF_WORD.get(folded.slice(start, end)) : undefined;
    if (lang) counts.set(lang, (counts.get(lang) ?? 0) + 1);
    start = end + 1;
  }
  let best = base in READER_WORDS ? base : 'en';
  let most = 0;
  for (const [lang, count] of counts) {
    if (count > most) {
      best = lang;
      most = count;
    }
  }
  if (!(base in READER_WORDS)) return best;
  return most >= 8 && most > 2 * (counts.get(base) ?? 0) ? best : base;
}

/** A block that says the questions before it are the text's own, to be answered ("C'est à ces questions que…"). */
export const ANSWERED_QUESTIONS = wordsPattern([
  'these questions',
  'those questions',
  'this question',
  'the answer',
  'ces questions',
  'cette question',
  'la reponse',
  'diese fragen',
  'dieser frage',
  'die antwort',
  'estas preguntas',
  'esas preguntas',
  'esta pregunta',
  'la respuesta',
  'queste domande',
  'questa domanda',
  'la risposta',
  'essas perguntas',
  'estas perguntas',
  'esta pergunta',
  'a resposta',
]);
