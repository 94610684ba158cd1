import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../scripts/lib/node-dom';
import { extractFromDocument } from '../../../utils/extract';
import { DEBATE_WEIGHTS } from '../../../utils/extract/debate-weights';
import { FEATURE_NAMES } from '../../../utils/extract/features';
import type { Extraction } from '../../../utils/extract/types';
import { loadFixture } from './load-fixture';

function debateTexts(extraction: Extraction): string[] {
  return extraction.questions.filter((q) => q.kind === 'debate').map((q) => q.text);
}

function extractPage(fixture: string): Extraction {
  const result = extractFromDocument(loadFixture(fixture), 'https://fixture.example/page');
  if (!result.ok) throw new Error(`extraction failed: ${result.reason}`);
  return result.extraction;
}

describe('the shipped debate model', () => {
  it('has one weight per feature', () => {
    expect(DEBATE_WEIGHTS.weights).toHaveLength(FEATURE_NAMES.length);
    expect(DEBATE_WEIGHTS.weights.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(DEBATE_WEIGHTS.bias)).toBe(true);
  });
});

describe('failure kinds seen on pages nobody tuned the extractor on (our own pages)', () => {
  it('takes the closing question without a cue, not the reading list or the engagement line', () => {
    const texts = debateTexts(extractPage('pages/en-closing-questions-no-cue.html'));
    expect(texts).toContain('How do you keep your own accounts safe?');
    expect(texts.join(' ')).not.toMatch(/backups|old phone|something to add|wait so long/);
  });

  it('leaves a blurb’s opening questions, quoted speech and stock lines out (fr)', () => {
    expect(debateTexts(extractPage('pages/fr-blurb-engagement.html'))).toEqual([
      'Et vous, comment décidez-vous de ce qui entre dans un sprint ?',
    ]);
  });

  it('leaves a tag question and a quoted source’s question out (es)', () => {
    expect(debateTexts(extractPage('pages/es-tag-question-quote.html'))).toEqual([
      '¿Tenéis un mercado así en vuestro barrio?',
      '¿Seguís comprando en él o preferís el supermercado?',
    ]);
  });

  it('takes no interview question and no "Vi va di lasciare un commento?" (it)', () => {
    expect(debateTexts(extractPage('pages/it-interview-engagement.html'))).toEqual([]);
  });

  it('takes every question of a closing run (de) and leaves the sales pitch out (pt)', () => {
    expect(debateTexts(extractPage('pages/de-closing-run.html'))).toEqual([
      'Haben Sie schon einmal festes Shampoo benutzt?',
      'Wie hat es Ihnen gefallen?',
      'Würden Sie wieder zur Flasche greifen?',
    ]);
    expect(debateTexts(extractPage('pages/pt-cta-closing.html'))).toEqual([
      'E você, já usou testes visuais no seu projeto?',
      'Acha que o esforço compensa?',
    ]);
  });

  it('reads lists under a debate heading, with per-item labels (es, it)', () => {
    expect(debateTexts(extractPage('pages/es-debate-list.html'))).toHaveLength(3);
    const labelled = extractPage('pages/it-debate-list.html').questions.filter((q) => q.kind === 'debate');
    expect(labelled.map((q) => q.label)).toEqual(['Tempo libero', 'Equità']);
  });

  it('splits a lead clause before a colon off the question', () => {
    const paragraphs = Array.from(
      { length: 4 },
      (_, i) =>
        `<p>Párrafo ${i + 1} del artículo sobre el blog, con frases largas que cuentan cómo ha cambiado la web este año, qué secciones nuevas hay y qué lectores nos escriben cada semana desde muchos países distintos.</p>`,
    ).join('');
    const html = `<!doctype html><html lang="es"><head><title>Un año de blog</title></head><body><article><h1>Un año de blog</h1>${paragraphs}<p>Aun así, preferimos preguntaros directamente: ¿Pensáis que nos equivocamos en algo? Dejadnos un comentario.</p></article></body></html>`;
    const result = extractFromDocument(parseHtmlDocument(html), 'https://blog.example.es/un-ano');
    if (!result.ok) throw new Error(result.reason);
    const debate = result.extraction.questions.filter((q) => q.kind === 'debate');
    expect(debate.map((q) => [q.label, q.text])).toEqual([
      ['Aun así, preferimos preguntaros directamente', '¿Pensáis que nos equivocamos en algo?'],
    ]);
  });
});
