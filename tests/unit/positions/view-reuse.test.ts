// The panel re-renders the cards whose question changed, and only those: panelSections keeps the
// object of every question a change did not touch, and keeps the page order whatever changes.
import { describe, expect, test } from 'vitest';
import type { ExtractedQuestion, Extraction } from '@/utils/extract/types';
import * as act from '@/utils/positions/actions';
import { type PanelSection, panelSections } from '@/utils/positions/view';
import { emptyArticle, testClock } from './fixtures';

const question = (i: number): ExtractedQuestion => ({
  id: `q${i}`,
  kind: 'debate',
  label: '',
  text: `Question ${i} ?`,
  form: { type: 'yes-no' },
});

const ids = (sections: PanelSection[]) => sections.map((s) => [s.name, s.questions.map((q) => q.id)]);
const byId = (sections: PanelSection[]) =>
  new Map(sections.flatMap((s) => s.questions.map((q) => [q.id, q])));

function savedArticle(count: number) {
  const stamp = testClock();
  let saved = emptyArticle(stamp());
  // Saved in reverse, so insertion order is not page order.
  for (let i = count - 1; i >= 0; i--) {
    saved = act.ensureQuestion(saved, act.snapshotOf(question(i), i), `q${i}`, stamp());
    saved = act.setPosition(saved, `q${i}`, 3, stamp());
  }
  return { saved, stamp };
}

describe('panelSections keeps what did not change', () => {
  test('a position changed on one saved question gives a new object for it alone', () => {
    const { saved, stamp } = savedArticle(30);
    const before = panelSections(null, saved);
    const after = panelSections(null, act.setPosition(saved, 'q7', 5, stamp()));
    expect(ids(after)).toEqual(ids(before));
    const [was, now] = [byId(before), byId(after)];
    for (const [id, q] of now) {
      if (id === 'q7') {
        expect(q).not.toBe(was.get(id));
        expect(q.record?.position?.v).toBe(5);
      } else expect(q).toBe(was.get(id));
    }
  });

  test('the same holds for page questions, and a note typed changes only its question', () => {
    const { saved, stamp } = savedArticle(5);
    const page: Extraction = { article: null, questions: [0, 1, 2, 3, 4, 5].map(question) };
    const before = panelSections(page, saved);
    const after = panelSections(page, act.setQuestionNote(saved, 'q2', 'Mon argument', stamp()));
    const [was, now] = [byId(before), byId(after)];
    expect([...now.keys()]).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5']);
    expect([...now].filter(([id, q]) => q !== was.get(id)).map(([id]) => id)).toEqual(['q2']);
    expect(now.get('q2')?.record?.note?.v).toBe('Mon argument');
    expect(now.get('q2')?.snapshot).toBe(was.get('q2')?.snapshot);
  });

  test('page order holds when a question is added, removed or moved', () => {
    const { saved, stamp } = savedArticle(4);
    expect(ids(panelSections(null, saved))).toEqual([['debate', ['q0', 'q1', 'q2', 'q3']]]);
    const added = act.ensureQuestion(saved, act.snapshotOf(question(9), -1), 'q9', stamp());
    expect(ids(panelSections(null, added))).toEqual([['debate', ['q9', 'q0', 'q1', 'q2', 'q3']]]);
    const moved = act.ensureQuestion(added, act.snapshotOf(question(1), 99), 'q1', stamp());
    expect(ids(panelSections(null, moved))).toEqual([['debate', ['q9', 'q0', 'q2', 'q3', 'q1']]]);
    const own = act.ensureQuestion(
      moved,
      { kind: 'own', label: '', text: 'Et moi ?', form: { type: 'agree-disagree' }, order: 10_000 },
      'mine',
      stamp(),
    );
    const removed = act.removeQuestion(own, 'mine', true, stamp());
    expect(ids(panelSections(null, own))).toEqual([
      ['debate', ['q9', 'q0', 'q2', 'q3', 'q1']],
      ['own', ['mine']],
    ]);
    expect(ids(panelSections(null, removed))).toEqual([['debate', ['q9', 'q0', 'q2', 'q3', 'q1']]]);
  });

  test('a question that leaves the page is a new object, shown under "gone"', () => {
    const { saved } = savedArticle(3);
    const before = panelSections(null, saved);
    const page: Extraction = { article: null, questions: [question(0), question(1)] };
    const after = panelSections(page, saved);
    expect(ids(after)).toEqual([
      ['debate', ['q0', 'q1']],
      ['gone', ['q2']],
    ]);
    expect(byId(after).get('q2')).not.toBe(byId(before).get('q2'));
    expect(byId(after).get('q2')?.onPage).toBe(false);
  });
});
