import { describe, expect, test } from 'vitest';
import * as act from '@/utils/positions/actions';
import { mergeArticle, mergeLibraries } from '@/utils/positions/merge';
import { emptyArticle, MONOPOLY, SHOCK, testClock } from './fixtures';

function baseArticle() {
  const stamp = testClock('base00');
  let a = emptyArticle(stamp());
  a = act.ensureQuestion(a, act.snapshotOf(MONOPOLY, 0), MONOPOLY.id, stamp());
  return act.ensureQuestion(a, act.snapshotOf(SHOCK, 4), SHOCK.id, stamp());
}

describe('merging two devices', () => {
  test('the stance on one device and the note on the other, for the same question, both survive', () => {
    const base = baseArticle();
    const laptop = act.setPosition(base, SHOCK.id, 5, testClock('laptop', 1_800_000_000_000)());
    const phone = act.setQuestionNote(
      base,
      SHOCK.id,
      'Mieux vaut des États lents.',
      testClock('phone0', 1_800_000_000_000)(),
    );
    const merged = mergeArticle(laptop, phone);
    expect(merged.questions[SHOCK.id]?.position?.v).toBe(5);
    expect(merged.questions[SHOCK.id]?.note?.v).toBe('Mieux vaut des États lents.');
    expect(mergeArticle(phone, laptop)).toEqual(merged);
  });

  test('two edits of the same field end as the later one, whichever arrives first', () => {
    const base = baseArticle();
    const early = act.setPosition(base, MONOPOLY.id, 1, testClock('laptop', 1_800_000_000_000)());
    const late = act.setPosition(base, MONOPOLY.id, 5, testClock('phone0', 1_800_000_005_000)());
    expect(mergeArticle(early, late).questions[MONOPOLY.id]?.position?.v).toBe(5);
    expect(mergeArticle(late, early).questions[MONOPOLY.id]?.position?.v).toBe(5);
  });

  test('history from both devices is kept as a union', () => {
    const base = baseArticle();
    const a = act.setPosition(base, MONOPOLY.id, 2, testClock('laptop', 1_800_000_000_000)());
    const b = act.setPosition(base, MONOPOLY.id, 4, testClock('phone0', 1_800_000_001_000)());
    expect(Object.keys(mergeArticle(a, b).questions[MONOPOLY.id]!.history)).toHaveLength(2);
  });

  test('a deletion is not undone by an older copy arriving later', () => {
    const base = baseArticle();
    const deleted = act.setDeleted(base, true, testClock('laptop', 1_900_000_000_000)());
    const stale = act.setArticleNote(base, 'vieille note', testClock('phone0', 1_800_000_000_000)());
    expect(mergeLibraries({ [base.url]: deleted }, { [base.url]: stale })[base.url]?.deleted?.v).toBe(true);
    expect(mergeLibraries({ [base.url]: stale }, { [base.url]: deleted })[base.url]?.deleted?.v).toBe(true);
  });

  test('merging is idempotent', () => {
    const a = act.setPosition(baseArticle(), SHOCK.id, 3, testClock('laptop', 1_800_000_000_000)());
    expect(mergeArticle(a, a)).toEqual(a);
  });

  test('a merge that learns nothing returns the record itself; one that learns something shares the rest', () => {
    const a = act.setPosition(baseArticle(), SHOCK.id, 3, testClock('laptop', 1_800_000_000_000)());
    // A save's echo: the same record, parsed again from storage.
    expect(mergeArticle(a, structuredClone(a))).toBe(a);
    const later = act.setPosition(
      structuredClone(a),
      MONOPOLY.id,
      1,
      testClock('phone0', 1_900_000_000_000)(),
    );
    const merged = mergeArticle(a, later);
    expect(merged).not.toBe(a);
    expect(merged.questions[MONOPOLY.id]?.position?.v).toBe(1);
    // The question that did not change is the same object: its card need not render again.
    expect(merged.questions[SHOCK.id]).toBe(a.questions[SHOCK.id]);
  });
});
