// A library for the sync capacity benchmark whose text Stance's coder has never been tuned on:
// built from the real article pages of ../shared/corpus (third-party pages, read here and never
// copied into the repository). Addresses are the article links those pages carry (their hrefs),
// titles the links' own text, questions the annotated debate and rhetorical questions and the
// question sentences of the pages' paragraphs, notes and reasons consecutive sentences of those
// paragraphs, in the pages' six languages. Histories, labels, forms, kinds, devices and shared
// flags vary from article to article (seeded, so every run builds the same library).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { questionId } from '@/utils/extract/ids';
import { isArticleUrl } from '@/utils/limits';
import { encodeStamp, type Stamp } from '@/utils/positions/clock';
import type { ArticleRecord, Position, QuestionRecord } from '@/utils/positions/model';
import { seededRandom } from '../../tests/support/sync-fixtures';

interface Annotation {
  file: string;
  lang: string;
  debate_questions: { label: string | null; text: string }[];
  rhetorical_questions_sample?: string[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
const plain = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) =>
      e[0] === '#'
        ? String.fromCodePoint(
            e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)),
          )
        : (ENTITIES[e.toLowerCase()] ?? m),
    )
    .replace(/\s+/g, ' ')
    .trim();

const ASSET = /\.(css|js|png|jpe?g|gif|svg|ico|webp|woff2?|xml|rss|pdf|mp3|mp4)(\?|$)/i;

/** Null when the corpus is not there (the benchmark then leaves these figures out). */
export function corpusLibrary(root: string, count: number): ArticleRecord[] | null {
  const dir = join(root, '..', 'shared', 'corpus');
  if (!existsSync(join(dir, 'annotations.json'))) return null;
  const annotations = JSON.parse(readFileSync(join(dir, 'annotations.json'), 'utf8')) as Annotation[];
  const byFile = new Map(annotations.map((a) => [a.file.replace(/^pages\//, ''), a]));
  const links: { url: string; title: string; lang: string }[] = [];
  const seen = new Set<string>();
  const prose = new Map<string, string[]>();
  const questions = new Map<string, { label: string; text: string }[]>();
  for (const file of readdirSync(join(dir, 'pages')).sort()) {
    if (!file.endsWith('.html')) continue;
    const html = readFileSync(join(dir, 'pages', file), 'utf8');
    const lang = file.slice(0, 2);
    const sentences = prose.get(lang) ?? [];
    const asked = questions.get(lang) ?? [];
    for (const m of html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)) {
      const text = plain(m[1]!);
      if (text.length < 40) continue;
      for (const s of text.split(/(?<=[.!?…])\s+/)) {
        if (s.length < 20) continue;
        if (s.endsWith('?') && s.length <= 220) asked.push({ label: '', text: s });
        else sentences.push(s);
      }
    }
    const note = byFile.get(file);
    for (const q of note?.debate_questions ?? []) asked.push({ label: q.label ?? '', text: q.text });
    for (const q of note?.rhetorical_questions_sample ?? []) asked.push({ label: '', text: q });
    prose.set(lang, sentences);
    questions.set(lang, asked);
    for (const m of html.matchAll(/<a\b[^>]*href="(https?:\/\/[^"#]+)"[^>]*>([\s\S]*?)<\/a>/gi)) {
      const url = m[1]!.replace(/&amp;/g, '&');
      const title = plain(m[2]!);
      const path = url.replace(/^https?:\/\/[^/]+/, '');
      // An article's address: two path segments or more, one of them a slug or an id (not a
      // footer's /about or /account page); a title of three words or more.
      const segments = path.split(/[/?]/).filter(Boolean);
      const article = segments.length >= 2 && segments.some((x) => /[a-z]-[a-z]|\d{4,}/i.test(x));
      if (seen.has(url) || ASSET.test(url) || !article || title.split(' ').length < 3 || title.length > 140)
        continue;
      if (!isArticleUrl(url)) continue;
      seen.add(url);
      links.push({ url, title, lang });
    }
  }
  // Links interleaved across pages, so neighbouring articles come from different sites.
  const random = seededRandom(2026);
  for (let i = links.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [links[i], links[j]] = [links[j]!, links[i]!];
  }
  const cursor = new Map<string, number>();
  const next = <T>(pool: Map<string, T[]>, lang: string, key: string): T => {
    const list = pool.get(lang)!;
    const at = cursor.get(key + lang) ?? 0;
    cursor.set(key + lang, at + 1);
    return list[at % list.length]!;
  };
  const passage = (lang: string, chars: number) => {
    let text = '';
    while (text.length < chars) text += (text ? ' ' : '') + next(prose, lang, 'p');
    return text;
  };
  const devices = ['k3v9qa', 'p0x7mz', 'w2c8rt'];
  const kinds = ['debate', 'debate', 'raised', 'claim', 'own'] as const;
  const library: ArticleRecord[] = [];
  for (const link of links.slice(0, count)) {
    const r = seededRandom(library.length + 7);
    const own = devices.slice(0, 1 + Math.floor(r() * 3));
    let ms = Date.UTC(2025, 0, 1) + Math.floor(r() * 600 * 86_400_000);
    let counter = 0;
    const stamp = (): Stamp => {
      ms += Math.floor(r() * 3 * 86_400_000 * (r() < 0.2 ? 30 : 1));
      return encodeStamp(ms, counter++ % 4, own[Math.floor(r() * own.length)]!);
    };
    const created = stamp();
    const article: ArticleRecord = {
      url: link.url,
      meta: {
        v: {
          title: link.title,
          siteName: new URL(link.url).hostname,
          lang: link.lang,
          readingMinutes: 2 + Math.floor(r() * 20),
        },
        at: created,
      },
      questions: {},
    };
    if (r() < 0.2) article.note = { v: passage(link.lang, 60 + Math.floor(r() * 300)), at: stamp() };
    const asked = 2 + Math.floor(r() * 6);
    for (let j = 0; j < asked; j++) {
      const q0 = next(questions, link.lang, 'q');
      const kind = kinds[Math.floor(r() * kinds.length)]!;
      const roll = r();
      const form =
        roll < 0.5
          ? { type: 'yes-no' as const }
          : roll < 0.8
            ? { type: 'agree-disagree' as const }
            : {
                type: 'alternatives' as const,
                poles: [
                  passage(link.lang, 1).slice(0, 20 + Math.floor(r() * 20)),
                  passage(link.lang, 1).slice(0, 25),
                ] as [string, string],
              };
      const q: QuestionRecord = {
        q: {
          v: {
            kind,
            label: q0.label || (r() < 0.1 ? passage(link.lang, 1).split(' ').slice(0, 3).join(' ') : ''),
            text: q0.text,
            form,
            order: j,
            ...(kind === 'claim'
              ? { attribution: passage(link.lang, 1).split(' ').slice(0, 2).join(' ') }
              : {}),
          },
          at: created,
        },
        history: {},
      };
      // 0–5 changes of position, sometimes with a reason.
      let position: Position | null = null;
      const changes = Math.floor(r() * r() * 6);
      for (let h = 0; h < changes; h++) {
        const to = (r() < 0.15 ? 'undecided' : 1 + Math.floor(r() * 5)) as Position;
        const at = stamp();
        q.history[at] = { from: position, to };
        if (r() < 0.2) q.history[at]!.reason = { v: passage(link.lang, 40 + Math.floor(r() * 120)), at };
        position = to;
        q.position = { v: to, at };
      }
      if (r() < 0.33) q.note = { v: passage(link.lang, 30 + Math.floor(r() * 350)), at: stamp() };
      if (q.note && r() < 0.3) q.shared = { v: true, at: stamp() };
      const id = kind === 'own' ? `own-${library.length}-${j}` : questionId(q0.text);
      article.questions[id] = q;
    }
    library.push(article);
  }
  return library;
}
