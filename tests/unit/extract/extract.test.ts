import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../scripts/lib/node-dom';
import { extractFromDocument } from '../../../utils/extract';
import type { ExtractedQuestion, Extraction } from '../../../utils/extract/types';
import { loadFixture } from './load-fixture';

function extract(fixture: string, url = 'http://127.0.0.1:8080/page.html'): Extraction {
  const result = extractFromDocument(loadFixture(fixture), url);
  if (!result.ok) throw new Error(`extraction failed: ${result.reason}`);
  return result.extraction;
}

const ofKind = (extraction: Extraction, kind: ExtractedQuestion['kind']) =>
  extraction.questions.filter((question) => question.kind === kind);

describe('the demo page (the seed article on its blog)', () => {
  const extraction = extract(
    'demo/spacex-ipo.html',
    'http://127.0.0.1:8080/spacex-ipo.html?utm_source=x#comments',
  );

  it('reads the article and its identity', () => {
    expect(extraction.article).toMatchObject({
      url: 'https://blog.example.fr/spacex-ipo-elon-musk/',
      title:
        'Le Coup de Maître d’Elon : Pourquoi l’IPO de SpaceX va Achever la Concurrence et Dominer l’IA Mondiale',
      siteName: 'Orbite & Octets',
      byline: 'Camille Dufresne',
      lang: 'fr',
      publishedTime: '2026-01-14T08:30:00+01:00',
    });
    expect(extraction.article?.wordCount).toBeGreaterThan(400);
    expect(extraction.article?.readingMinutes).toBeGreaterThanOrEqual(2);
  });

  it('finds the five debate questions with their labels, in page order, first', () => {
    const debate = ofKind(extraction, 'debate');
    expect(debate.map((q) => q.label)).toEqual([
      'Le Monopole Ultime',
      'IPO vs Vision',
      'Le Pari Énergétique',
      'xAI vs OpenAI',
      'La question choc',
    ]);
    expect(extraction.questions.slice(0, 5)).toEqual(debate);
    expect(debate[0]?.text).toMatch(/^En contrôlant le transport spatial .* régulé par les États \?$/);
    expect(debate.slice(0, 4).every((q) => q.form.type === 'yes-no')).toBe(true);
    expect(debate[4]?.form).toEqual({
      type: 'alternatives',
      poles: [
        'l’IA est bridée par les réseaux électriques de nos États',
        'Elon Musk possède la seule clé du supercalculateur tournant au-dessus de nos têtes',
      ],
    });
  });

  it('weighs the pull quote with its attribution', () => {
    expect(ofKind(extraction, 'claim')).toEqual([
      expect.objectContaining({ text: 'Hardware is the END GAME', attribution: 'Elon Musk', label: '' }),
    ]);
  });

  it('keeps the body’s own questions as raised, and nothing from comments, boxes, sidebar or banner', () => {
    // Raised questions come ranked (tests/unit/extract/raised.test.ts): compared here as a set.
    expect(
      ofKind(extraction, 'raised')
        .map((q) => q.text)
        .sort(),
    ).toEqual(['Pourquoi ce revirement ?', 'Pourquoi entrer en Bourse maintenant ?']);
    const all = extraction.questions.map((q) => q.text).join('\n');
    for (const trap of [
      'radiateurs',
      'laisser faire',
      'supercalculateur du monde',
      'Vous aimez',
      'espace ?',
      'cookies',
      'prêts ?',
    ]) {
      expect(all).not.toContain(trap);
    }
  });

  it('gives every question a distinct stable id', () => {
    const again = extract('demo/spacex-ipo.html');
    expect(again.questions.map((q) => q.id)).toEqual(extraction.questions.map((q) => q.id));
    expect(new Set(extraction.questions.map((q) => q.id)).size).toBe(extraction.questions.length);
  });

  it('leaves the live document untouched', () => {
    const doc = loadFixture('demo/spacex-ipo.html');
    const before = doc.toString();
    extractFromDocument(doc, 'http://127.0.0.1/');
    expect(doc.toString()).toBe(before);
  });
});

describe('fixture pages', () => {
  it('reads an English list of discussion questions, not the related links', () => {
    const extraction = extract('pages/en-discussion-questions.html');
    expect(extraction.article?.url).toBe(
      'https://commons.example.org/2026/03/cities-tearing-down-highways?ref=home',
    );
    expect(extraction.article?.byline).toBe('Dana Okafor');
    expect(ofKind(extraction, 'debate').map((q) => q.text)).toEqual([
      'Should the neighbourhoods once divided by a highway get the first claim on the land it frees?',
      'Is congestion a price worth paying for a quieter, more walkable downtown?',
      'Would you rather see the land used for housing or for parks?',
    ]);
    expect(ofKind(extraction, 'debate')[2]?.form.type).toBe('alternatives');
    expect(extraction.questions.map((q) => q.text).join(' ')).not.toMatch(
      /bus lanes|parking minimums|Questions\?/i,
    );
  });

  it('takes no question from readers’ comments or the comment box', () => {
    const extraction = extract('pages/en-comments-questions.html');
    expect(extraction.article?.url).toBe('https://flournotes.example.com/sourdough-starter-guide/?page=1');
    expect(extraction.questions).toEqual([]);
  });

  it('keeps rhetorical questions as raised when there is no debate section', () => {
    const extraction = extract('pages/fr-rhetorical-no-debate.html');
    expect(ofKind(extraction, 'debate')).toEqual([]);
    // Ranked, so compared as a set; the heading "Pourquoi ce regain d’intérêt ?" is no question to weigh.
    expect(
      ofKind(extraction, 'raised')
        .map((q) => q.text)
        .sort(),
    ).toEqual([
      'Mais est-ce suffisant pour remplir des trains entiers ?',
      'Qui aurait parié sur leur retour ?',
    ]);
    expect(ofKind(extraction, 'claim')).toEqual([
      expect.objectContaining({
        text: 'Le train de nuit, c’est l’hôtel qui avance.',
        attribution: 'Un contrôleur de la ligne Paris–Vienne',
      }),
    ]);
  });

  it.each([
    [
      'pages/es-closing-prompt.html',
      ['¿Qué opinas?', '¿Trabajarías cuatro días a la semana aunque cada jornada fuera más larga?'],
    ],
    ['pages/it-closing-prompt.html', ['E voi, cosa ne pensate?', 'Preferite lavorare in ufficio o da casa?']],
    [
      'pages/pt-closing-prompt.html',
      ['O que você acha?', 'Você frequenta a biblioteca pública da sua cidade?'],
    ],
  ])('finds the closing prompt of %s', (fixture, texts) => {
    expect(ofKind(extract(fixture), 'debate').map((q) => q.text)).toEqual(texts);
  });

  it('reads bold labels in a German discussion aside', () => {
    const debate = ofKind(extract('pages/de-diskussion-aside.html'), 'debate');
    expect(debate.map((q) => [q.label, q.text])).toEqual([
      ['Klima', 'Sollte ein Tempolimit vor allem als Klimaschutzmaßnahme begründet werden?'],
      ['Freiheit', 'Ist die Richtgeschwindigkeit von 130 km/h ein guter Kompromiss?'],
    ]);
  });

  it('says so when a page has no article', () => {
    expect(extractFromDocument(loadFixture('pages/no-article.html'), 'https://mail.example/')).toEqual({
      ok: false,
      reason: 'no-article',
    });
  });
});

// Building 100,000 elements in linkedom takes seconds on a busy machine: only extraction is timed.
describe('pages too large to read', { timeout: 60_000 }, () => {
  it('gives up on 100,000 elements', () => {
    const doc = parseHtmlDocument(`<!DOCTYPE html><html><body>${'<p>x</p>'.repeat(100_000)}</body></html>`);
    const started = performance.now();
    expect(extractFromDocument(doc, 'https://big.example/')).toEqual({ ok: false, reason: 'too-large' });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('gives up on nesting 5,000 deep', () => {
    const doc = parseHtmlDocument(
      `<!DOCTYPE html><html><body>${'<div>'.repeat(5000)}deep${'</div>'.repeat(5000)}</body></html>`,
    );
    expect(extractFromDocument(doc, 'https://deep.example/')).toEqual({ ok: false, reason: 'too-large' });
  });
});
