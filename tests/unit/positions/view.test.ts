import { describe, expect, test } from 'vitest';
import type { Extraction } from '@/utils/extract/types';
import * as act from '@/utils/positions/actions';
import {
  answeredCount,
  libraryEntries,
  panelSections,
  relativeTime,
  searchLibrary,
  summarizeArticle,
} from '@/utils/positions/view';
import { emptyArticle, MONOPOLY, SHOCK, testClock } from './fixtures';

const page: Extraction = { article: null, questions: [MONOPOLY, SHOCK] };

describe('what the panel shows', () => {
  test('page questions in page order; a saved one the page dropped is kept under "gone"', () => {
    const stamp = testClock();
    let saved = emptyArticle(stamp());
    const dropped = { ...MONOPOLY, id: 'dropped', text: 'Une question retirée par l’auteur ?' };
    saved = act.ensureQuestion(saved, act.snapshotOf(dropped, 2), dropped.id, stamp());
    saved = act.setPosition(saved, dropped.id, 1, stamp());
    const sections = panelSections(page, saved);
    expect(sections.map((s) => [s.name, s.questions.map((q) => q.id)])).toEqual([
      ['debate', ['monopoly', 'shock']],
      ['gone', ['dropped']],
    ]);
    expect(sections[1]!.questions[0]!.record?.position?.v).toBe(1);
    expect(answeredCount(sections)).toEqual({ answered: 1, total: 3 });
  });

  test('before the page is read, saved questions show in their own sections, none "gone"', () => {
    const stamp = testClock();
    let saved = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(SHOCK, 4), SHOCK.id, stamp());
    saved = act.setPosition(saved, SHOCK.id, 2, stamp());
    expect(panelSections(null, saved).map((s) => s.name)).toEqual(['debate']);
  });

  test('the reader’s own questions and picked passages never count as gone; removed ones disappear', () => {
    const stamp = testClock();
    let saved = emptyArticle(stamp());
    saved = act.ensureQuestion(
      saved,
      { kind: 'own', label: '', text: 'Et la Chine ?', form: { type: 'agree-disagree' }, order: 10_000 },
      'own1',
      stamp(),
    );
    saved = act.ensureQuestion(
      saved,
      { kind: 'own', label: '', text: 'Retirée', form: { type: 'agree-disagree' }, order: 10_001 },
      'own2',
      stamp(),
    );
    saved = act.removeQuestion(saved, 'own2', true, stamp());
    saved = act.ensureQuestion(
      saved,
      {
        kind: 'claim',
        label: '',
        text: 'Un passage',
        form: { type: 'agree-disagree' },
        anchor: 'Un passage',
        order: 10_002,
      },
      'claim1',
      stamp(),
    );
    const sections = panelSections(page, saved);
    expect(sections.map((s) => [s.name, s.questions.map((q) => q.id)])).toEqual([
      ['debate', ['monopoly', 'shock']],
      ['claims', ['claim1']],
      ['own', ['own1']],
    ]);
  });
});

describe('My debates', () => {
  const stamp = testClock();
  const older = act.setArticleNote(
    emptyArticle(stamp(), 'https://a.example/'),
    'Une note sur l’énergie',
    stamp(),
  );
  const newer = {
    ...emptyArticle(stamp(), 'https://b.example/'),
    meta: {
      v: { title: 'Débat sur les États', siteName: 'Le Blog', lang: 'fr', readingMinutes: 3 },
      at: stamp(),
    },
  };
  const gone = act.setDeleted(emptyArticle(stamp(), 'https://c.example/'), true, stamp());

  test('lists by last activity, newest first, without deleted articles', () => {
    expect(libraryEntries([older, gone, newer].map(summarizeArticle)).map((e) => e.url)).toEqual([
      'https://b.example/',
      'https://a.example/',
    ]);
  });

  test('search folds case and accents and looks in titles, sites and notes', () => {
    const entries = libraryEntries([older, newer].map(summarizeArticle));
    expect(searchLibrary(entries, 'etats').map((e) => e.url)).toEqual(['https://b.example/']);
    expect(searchLibrary(entries, 'ÉNERGIE').map((e) => e.url)).toEqual(['https://a.example/']);
    expect(searchLibrary(entries, 'le blog').map((e) => e.url)).toEqual(['https://b.example/']);
    expect(searchLibrary(entries, '  ')).toHaveLength(2);
  });

  test('relative times read naturally in both languages', () => {
    const now = Date.UTC(2026, 10, 27);
    expect(relativeTime(now - 3 * 86_400_000, now, 'en')).toBe('3 days ago');
    expect(relativeTime(now - 3 * 86_400_000, now, 'fr')).toBe('il y a 3 jours');
  });
});

describe('a page question synced without its wording (compact tier)', () => {
  test('is not shown as an empty card until the page gives its text back; its data is kept and counted', () => {
    const stamp = testClock();
    let saved = act.setPosition(
      act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(SHOCK, 1), SHOCK.id, stamp()),
      SHOCK.id,
      4,
      stamp(),
    );
    // What a device that only received the compact form holds: the position, a placeholder snapshot.
    saved = {
      ...saved,
      questions: {
        ...saved.questions,
        [MONOPOLY.id]: {
          q: { v: { kind: 'debate', label: '', text: '', form: { type: 'yes-no' }, order: 0 }, at: '' },
          position: { v: 2, at: stamp() },
          history: {},
        },
      },
    };
    for (const extraction of [null, { article: null, questions: [SHOCK] }]) {
      const ids = panelSections(extraction, saved).flatMap((s) => s.questions.map((q) => q.id));
      expect(ids).toEqual([SHOCK.id]);
    }
    const read = panelSections(page, saved);
    const monopoly = read.flatMap((s) => s.questions).find((q) => q.id === MONOPOLY.id)!;
    expect(monopoly.snapshot.text).toBe(MONOPOLY.text);
    expect(monopoly.record?.position?.v).toBe(2);
    expect(summarizeArticle(saved).answered).toBe(2);
  });
});
