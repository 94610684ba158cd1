// Typical articles for sync tests and the capacity benchmark: five questions with positions,
// notes of about 200 characters on a third of them, French and English text. The text is real
// sentences (TypeScript's 2,000+ diagnostics in French and in English, the MDN descriptions in its
// lib files, two op-ed paragraphs), shuffled once and dealt in order, never twice: a library of
// 400 articles repeats no sentence, so a compressor that remembers earlier articles (as Stance's
// does) gains only what real, different notes would give it.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { questionId } from '@/utils/extract/ids';
import { encodeStamp, type Stamp } from '@/utils/positions/clock';
import type { ArticleRecord, Position, QuestionRecord } from '@/utils/positions/model';
import { seededRandom } from '@/utils/share/opinion/cluster';

const FRENCH = `Le monde de la tech est en état de choc. Elon Musk, l’homme qui jurait de ne jamais introduire SpaceX en Bourse avant d’avoir colonisé Mars, s’apprête à briser son propre tabou. Pourquoi ce revirement ? Parce qu’en 2026, la course à l’espace n’est plus seulement une question d’exploration : c’est devenue la guerre totale pour l’infrastructure physique de l’IA. Alors qu’OpenAI et Anthropic brûlent des milliards en espérant que leurs logiciels deviennent plus « intelligents », Musk a compris une vérité brutale que ses rivaux ignorent : le code est éphémère, mais le hardware est l’arbitre final. Le plus grand obstacle à l’IA aujourd’hui n’est pas le manque de données, c’est le manque de place et d’énergie sur Terre. Les centres de données terrestres sont saturés, gourmands en eau et bloqués par des régulations environnementales étouffantes. En accélérant l’IPO de SpaceX, Musk vise un objectif clair : transformer la flotte Starship en un tapis roulant vers l’orbite pour y déployer des Data Centers spatiaux. Imaginez des milliers de serveurs refroidis par le vide spatial, alimentés par un soleil capté sans atmosphère, et connectés par le réseau laser de Starlink. Pendant que Sam Altman cherche désespérément à lever des trillions pour construire des usines de puces au sol, Musk possède déjà le seul véhicule capable de bâtir une puissance de calcul illimitée. Pourquoi entrer en Bourse maintenant ? Parce que la puissance de calcul est devenue la monnaie de réserve du siècle. SpaceX, dont la valorisation pourrait atteindre mille cinq cents milliards de dollars, n’est plus une simple entreprise de transport. C’est la banque centrale de l’infrastructure de demain. Les élus locaux réclament une loi plus stricte sur les loyers, tandis que les propriétaires dénoncent une atteinte au droit de propriété et menacent de retirer leurs logements du marché.`;
const ENGLISH = `City councils across the country are debating whether to cap rents after a decade in which housing costs rose twice as fast as wages. Supporters say tenants need protection now, not after another round of evictions; opponents warn that caps discourage construction and push landlords to sell. The evidence is mixed. Studies of San Francisco found that rent control kept existing tenants in place but reduced the supply of rental housing by about fifteen percent, as owners converted buildings into condominiums. Meanwhile, the school board voted to delay the start of classes by an hour, citing research that teenagers sleep better and perform better when school starts later. Parents who work early shifts say the change will leave them scrambling for childcare. Economists disagree about whether a four day week would raise productivity or merely compress the same work into longer days, and unions are split on the question. Should governments tax sugary drinks, ban petrol cars by the end of the decade, or let markets decide? Each proposal promises cleaner air or better health, and each carries costs that fall unevenly on households with lower incomes.`;

// Seeded (mulberry32), so every run builds the same library: the opinion map's own generator.
export { seededRandom } from '@/utils/share/opinion/cluster';

const corpora = new Map<'fr' | 'en', string[]>();

/** Sentences of one language; TypeScript's placeholders ('{0}') filled with words of the op-ed. */
function sentences(lang: 'fr' | 'en'): string[] {
  let list = corpora.get(lang);
  if (list) return list;
  const require = createRequire(import.meta.url);
  const tsDir = require.resolve('typescript/package.json').replace(/package\.json$/, '');
  const diagnostics =
    lang === 'fr'
      ? Object.values(
          JSON.parse(readFileSync(`${tsDir}lib/fr/diagnosticMessages.generated.json`, 'utf8')) as Record<
            string,
            string
          >,
        )
      : [
          ...readFileSync(`${tsDir}lib/typescript.js`, 'utf8').matchAll(
            /diag\(\d+, \d+(?: \/\*[^*]*\*\/)?, "[^"]+", "((?:[^"\\]|\\.)+)"/g,
          ),
        ].map((m) => m[1]!.replace(/\\"/g, '"'));
  // English also gets the MDN descriptions in the lib files' doc comments (prose, no code).
  if (lang === 'en')
    for (const file of readdirSync(`${tsDir}lib`).filter((f) => /^lib\..*\.d\.ts$/.test(f)))
      for (const line of readFileSync(`${tsDir}lib/${file}`, 'utf8').split('\n')) {
        const m = /^\s*(?:\/\*\*|\*) (.*?)(?:\*\/)?$/.exec(line);
        const prose = m?.[1]
          ?.replace(/\[MDN Reference\]\([^)]*\)/g, '')
          .replace(/[`*]/g, '')
          .trim();
        if (prose && !/^@|[{}]|=>|https?:/.test(prose) && prose.split(/\s+/).length >= 8)
          diagnostics.push(prose);
      }
  // French also gets axe-core's French rule descriptions (placeholders and markup left out).
  if (lang === 'fr') {
    const walk = (v: unknown): void => {
      if (typeof v === 'string') {
        const prose = v
          .replace(/\$\{[^}]*\}|\{\{[^}]*\}\}|<[^>]*>/g, '')
          .replace(/\s+/g, ' ')
          .trim();
        if (prose.split(' ').length >= 5) diagnostics.push(prose);
      } else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    };
    walk(JSON.parse(readFileSync(require.resolve('axe-core/locales/fr.json'), 'utf8')));
  }
  const prose = lang === 'fr' ? FRENCH : ENGLISH;
  const words = prose.split(/\s+/);
  let w = 0;
  const unique = [...new Set([...prose.split(/(?<=[.?!])\s+/), ...diagnostics])].map((sentence) =>
    sentence.replace(/\{\d+\}/g, () => words[w++ % words.length]!),
  );
  // Shuffled once (Fisher–Yates, fixed seed), then dealt as one stream of text.
  const random = seededRandom(lang === 'fr' ? 33 : 44);
  for (let i = unique.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [unique[i], unique[j]] = [unique[j]!, unique[i]!];
  }
  list = unique;
  corpora.set(lang, list);
  return list;
}

const streams = new Map<'fr' | 'en', { text: string; at: number; wrapped: number }>();

/** Where each language's stream is (tests check a library repeats no text). */
export function textUsed(lang: 'fr' | 'en'): { at: number; length: number; wrapped: number } | undefined {
  const s = streams.get(lang);
  return s && { at: s.at, length: s.text.length, wrapped: s.wrapped };
}

/** The next `chars` characters (cut at a word) of the language's stream of shuffled sentences. */
function excerpt(lang: 'fr' | 'en', chars: number): string {
  let stream = streams.get(lang);
  if (!stream) {
    stream = { text: sentences(lang).join(' '), at: 0, wrapped: 0 };
    streams.set(lang, stream);
  }
  // Past the end (more text than a 400-article library needs) it starts again.
  if (stream.at + chars * 2 > stream.text.length) {
    stream.at = 0;
    stream.wrapped++;
  }
  const slice = stream.text.slice(stream.at, stream.at + chars);
  const cut = slice.lastIndexOf(' ');
  const text = cut > chars / 2 ? slice.slice(0, cut) : slice;
  stream.at += text.length + 1;
  return text.trim();
}

const SITES = [
  ['lemonde', 'fr', 'Le Monde'],
  ['liberation', 'fr', 'Libération'],
  ['theguardian', 'com', 'The Guardian'],
  ['nytimes', 'com', 'The New York Times'],
  ['orbite-octets', 'fr', 'Orbite & Octets'],
] as const;
const DEVICES = ['k3v9qa', 'p0x7mz'];
const DAY = 86_400_000;

const generated: ArticleRecord[] = [];

/**
 * One typical article, `index` making it unique; stamps spread over the past year. Articles are
 * made in order (each takes the next text of its language's stream), so the same index always
 * gives the same article.
 */
export function typicalArticle(index: number): ArticleRecord {
  while (generated.length <= index) generated.push(makeArticle(generated.length));
  return structuredClone(generated[index]!);
}

function makeArticle(index: number): ArticleRecord {
  const random = seededRandom(index + 1);
  const french = index % 2 === 0;
  const corpus = french ? 'fr' : 'en';
  const [host, tld, siteName] = SITES[index % SITES.length]!;
  const title = excerpt(corpus, 60 + Math.floor(random() * 30));
  const slug = title
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 60);
  const url = `https://www.${host}.${tld}/${french ? 'idees/article' : 'opinion'}/2026/0${1 + (index % 9)}/${10 + (index % 18)}/${slug}_${6_000_000 + index * 7919}.html`;
  let ms = Date.UTC(2026, 0, 1) + Math.floor(random() * 300 * DAY);
  let counter = 0;
  const stamp = (): Stamp => {
    ms += Math.floor(random() * 120_000);
    return encodeStamp(ms, counter++ % 3, DEVICES[Math.floor(random() * DEVICES.length)]!);
  };
  const created = stamp();
  const article: ArticleRecord = {
    url,
    meta: {
      v: { title, siteName, lang: french ? 'fr' : 'en', readingMinutes: 3 + (index % 9) },
      at: created,
    },
    questions: {},
  };
  for (let j = 0; j < 5; j++) {
    const text = `${excerpt(corpus, 50 + Math.floor(random() * 60))} ?`;
    const kind = (['debate', 'raised', 'claim', 'debate', 'own'] as const)[j]!;
    const form =
      j === 1
        ? { type: 'agree-disagree' as const }
        : j === 3
          ? {
              type: 'alternatives' as const,
              poles: [excerpt(corpus, 8), excerpt(corpus, 8)] as [string, string],
            }
          : { type: 'yes-no' as const };
    const q: QuestionRecord = {
      q: {
        v: {
          kind,
          label: '',
          text,
          form,
          order: j,
          ...(kind === 'claim' ? { attribution: 'Elon Musk' } : {}),
        },
        at: created,
      },
      history: {},
    };
    const first = (1 + Math.floor(random() * 5)) as Position;
    const at = stamp();
    q.position = { v: first, at };
    q.history[at] = { from: null, to: first };
    if ((index * 5 + j) % 3 === 0) q.note = { v: excerpt(corpus, 200), at: stamp() };
    article.questions[questionId(text)] = q;
  }
  return article;
}

export function typicalLibrary(count: number): ArticleRecord[] {
  return Array.from({ length: count }, (_, i) => typicalArticle(i));
}
