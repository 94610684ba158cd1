// What the debate model is given to score: which question sentences are candidates, which the
// definition of a debate question leaves out whatever their score, and where the body ends.
// Sentences written here.
import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../scripts/lib/node-dom';
import { collectTextUnits, isFurniture, type TextUnit } from '../../../utils/extract/blocks';
import { debateCandidates, questionsOf } from '../../../utils/extract/debate';
import {
  FEATURE_NAMES,
  type FeatureName,
  opensRelatedLinks,
  pageContext,
} from '../../../utils/extract/features';
import { isQuestionSentence } from '../../../utils/extract/text';

function unitsOf(bodyHtml: string) {
  const doc = parseHtmlDocument(
    `<!doctype html><html lang="en"><body><article>${bodyHtml}</article></body></html>`,
  );
  return collectTextUnits(doc.querySelector('article') as Element);
}

function candidatesOf(bodyHtml: string, lang = 'en') {
  return debateCandidates(unitsOf(bodyHtml), lang);
}

const feature = (features: number[], name: FeatureName) => features[FEATURE_NAMES.indexOf(name)];

const PROSE =
  '<p>The library opened its new reading room in March, after two years of works that closed the east wing and moved the children’s shelves to the old post office across the square.</p>';

describe('question sentences', () => {
  it('end in a question mark, with closing quotes, brackets or a footnote mark after it', () => {
    expect(isQuestionSentence('Which route do you take to work?*')).toBe(true);
    expect(isQuestionSentence('Which route do you take to work?¹')).toBe(true);
    expect(isQuestionSentence('Which route do you take to work?[2]')).toBe(true);
    expect(isQuestionSentence('Which route do you take to work?”')).toBe(true);
    expect(isQuestionSentence('Which route? We take the bridge.')).toBe(false);
    expect(isQuestionSentence('Which route?x')).toBe(false);
  });

  it('may be one word as debate candidates, not as questions raised in the text', () => {
    const html = `${PROSE}<p>I want to move the blog to a new host. Suggestions? Has anyone done it before?</p>`;
    expect(candidatesOf(html).map((c) => c.hit.text)).toEqual(['Suggestions?', 'Has anyone done it before?']);
    const unit = unitsOf(html)[1];
    if (!unit) throw new Error('no unit');
    expect(questionsOf(unit).map((q) => q.text)).toEqual(['Has anyone done it before?']);
  });
});

describe('what the definition leaves out, whatever the score', () => {
  const excluded = (html: string, lang = 'en') =>
    candidatesOf(`${PROSE}${html}`, lang).map((c) => [c.hit.text, c.excluded]);

  it('a question in quotation marks, inside an open quotation or in brackets', () => {
    expect(excluded('<p>“Where did the books go?” a neighbour wrote to us.</p>')).toEqual([
      ['“Where did the books go?”', true],
    ]);
    expect(
      excluded('<p>The mayor said: “We waited long enough. Who pays for the works?” and left.</p>'),
    ).toEqual([['Who pays for the works?”', true]]);
    expect(excluded('<p>The east wing (who still remembers the old one?) is bright. Is it?</p>')).toEqual([
      ['The east wing (who still remembers the old one?)', true],
      ['Is it?', false],
    ]);
    expect(excluded('<p>Do you read on paper (or on a screen)?</p>')).toEqual([
      ['Do you read on paper (or on a screen)?', false],
    ]);
  });

  it('a tag question after a statement, not a real choice', () => {
    expect(excluded('<p>Nobody misses the old carpet, right?</p>')).toEqual([
      ['Nobody misses the old carpet, right?', true],
    ]);
    expect(excluded('<p>Las salas nuevas son mejores, ¿no?</p>', 'es')).toEqual([
      ['Las salas nuevas son mejores, ¿no?', true],
    ]);
    expect(excluded('<p>¿Te gusta la sala nueva o no?</p>', 'es')).toEqual([
      ['¿Te gusta la sala nueva o no?', false],
    ]);
  });

  it('a stock engagement line and the text of a link', () => {
    expect(excluded('<p>Have something to add to this story? Write to us.</p>')).toEqual([
      ['Have something to add to this story?', true],
    ]);
    expect(excluded('<p>Read also: <a href="/x">Is the new reading room too quiet?</a></p>')).toEqual([
      ['Is the new reading room too quiet?', true],
    ]);
  });

  it('not an ordinary question put to the reader', () => {
    expect(excluded('<p>Which room do you read in, and why?</p>')).toEqual([
      ['Which room do you read in, and why?', false],
    ]);
  });
});

describe('features', () => {
  it('tell a question to whoever reads, without "you" ("Has anyone…?", "¿Alguien…?")', () => {
    const asks = (html: string, lang: string) =>
      candidatesOf(`${PROSE}${html}`, lang).map((c) => feature(c.features, 'asks_anyone'));
    expect(asks('<p>Has anyone moved a blog between hosts? Was the room full?</p>', 'en')).toEqual([1, 0]);
    expect(asks('<p>¿Alguien ha cambiado de servidor?</p>', 'es')).toEqual([1]);
    expect(asks('<p>Quelqu’un a-t-il déjà essayé ?</p>', 'fr')).toEqual([1]);
  });
});

describe('where the body ends', () => {
  const readingList = `<h2>More from the library</h2>
    <p>• <a href="/a">How to renew a loan online</a>: three steps and a reminder for the due date of every book you borrow.</p>
    <p>• <a href="/b">The best new novels of the spring</a>: our librarians pick twelve titles from the new shelves this month.</p>
    <p>• <a href="/c">Are you a weekend reader?</a></p>`;

  it('is before a reading list and its heading: the prompt is the last block of the body', () => {
    const html = `${PROSE}${PROSE}<p>What did we forget? Which room do you use? Email me at <a href="mailto:x@example.org">x@example.org</a>.</p>${readingList}`;
    const units = unitsOf(html);
    const context = pageContext(units, 'en');
    expect(context.readingList).toEqual([false, false, false, false, true, true, true]);
    expect(context.substantive).toEqual([true, true, true, false, false, false, false]);
    const candidates = debateCandidates(units, 'en');
    const prompt = candidates.find((c) => c.hit.text === 'Which room do you use?');
    const teaser = candidates.find((c) => c.hit.text === 'Are you a weekend reader?');
    expect(prompt && feature(prompt.features, 'last_block')).toBe(1);
    // A reading-list item is at no place in the body.
    expect(teaser && feature(teaser.features, 'last_block')).toBe(0);
    expect(teaser && feature(teaser.features, 'words_after_lt_150')).toBe(0);
    expect(teaser && feature(teaser.features, 'list_item')).toBe(1);
  });

  it('is before a postscript: "Edit:", "P.S.:", "Nachtrag:" and kin are added after it', () => {
    const edit =
      '<p>Edit de mai 2019 : cet article a été relu et complété, deux paragraphes ont changé de place et une source a été ajoutée en bas de page pour les lecteurs.</p>';
    const html = `${PROSE}<p>Et vous, quelle salle préférez-vous ?</p>${edit}<p>P.S.: Qui veut nous aider à ranger ?</p>`;
    const units = unitsOf(html);
    expect(pageContext(units, 'fr').postscript).toEqual([false, false, true, true]);
    const [prompt, aside] = debateCandidates(units, 'fr');
    expect(prompt?.hit.text).toBe('Et vous, quelle salle préférez-vous ?');
    expect(prompt && feature(prompt.features, 'last_block')).toBe(1);
    expect(aside && feature(aside.features, 'last_block')).toBe(0);
    // A paragraph that opens on the word without a postscript's colon is body.
    expect(
      pageContext(unitsOf(`${PROSE}<p>Update the catalogue twice a year.</p>`), 'en').postscript,
    ).toEqual([false, false]);
  });

  it('does not make a paragraph with a link a reading-list item', () => {
    // Right after the list: a short paragraph whose link is a small part of it is prose.
    const html = `${PROSE}${readingList}<p>The new room opens at nine, says <a href="/n">our guide</a> to the library.</p>`;
    expect(pageContext(unitsOf(html), 'en').readingList).toEqual([false, false, true, true, true, false]);
  });
});

describe('page furniture', () => {
  it('includes call-to-action boxes', () => {
    const doc = parseHtmlDocument(
      '<div class="cta-contributor">Join our team</div><div class="octave">x</div>',
    );
    expect(isFurniture(doc.querySelector('.cta-contributor') as Element)).toBe(true);
    expect(isFurniture(doc.querySelector('.octave') as Element)).toBe(false);
  });
});

describe('the page around the candidates', () => {
  const closing = `${PROSE}${PROSE}<p>And you, which reading room do you prefer?</p>`;
  const candidateOnPage = (afterArticle: string) => {
    const doc = parseHtmlDocument(
      `<!doctype html><html lang="en"><body><article>${closing}</article>${afterArticle}</body></html>`,
    );
    const [candidate] = debateCandidates(collectTextUnits(doc.querySelector('article') as Element), 'en');
    return candidate;
  };

  it('has a comment area when one follows the article, by its id or class', () => {
    for (const area of ['<div id="comments"></div>', '<section class="site-comments-list"></section>']) {
      const candidate = candidateOnPage(area);
      expect(candidate && feature(candidate.features, 'comments_on_page')).toBe(1);
      expect(candidate && feature(candidate.features, 'closing_run_comments_on_page')).toBe(1);
    }
    const without = candidateOnPage('<footer class="site-footer">About us</footer>');
    expect(without && feature(without.features, 'comments_on_page')).toBe(0);
  });

  it('tells a block that opens a list of links by its lead, folded, in any case or accent', () => {
    const opens = (text: string) => opensRelatedLinks({ ...unitsOf('<p>x</p>')[0], text } as TextUnit);
    for (const lead of [
      'Read more: the new shelves',
      'RELATED',
      'See also the map',
      '→ Read next',
      'À lire aussi : la carte',
      'Lire aussi',
      'Lesen Sie auch: Bibliotheken',
      'Leggi anche',
    ]) {
      expect(opens(lead), lead).toBe(true);
    }
    for (const prose of ['The related posts', 'Reading more helps', 'Alire aussi', 'Ça se lit aussi']) {
      expect(opens(prose), prose).toBe(false);
    }
  });
});
