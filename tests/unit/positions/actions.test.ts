import { describe, expect, test } from 'vitest';
import * as act from '@/utils/positions/actions';
import { isAnswered, lastActivity } from '@/utils/positions/model';
import { emptyArticle, MONOPOLY, SHOCK, testClock } from './fixtures';

describe('reader actions', () => {
  test('taking then, once settled, revising a position keeps both changes in history, with a reason on the revision', () => {
    const stamp = testClock();
    let a = emptyArticle(stamp());
    a = act.ensureQuestion(a, act.snapshotOf(SHOCK, 4), SHOCK.id, stamp());
    const first = stamp();
    a = act.setPosition(a, SHOCK.id, 2, first);
    const second = stamp(act.SETTLE_MS);
    a = act.setPosition(a, SHOCK.id, 5, second);
    a = act.setChangeReason(a, SHOCK.id, second, 'Un article sur la consommation des data centers', stamp());
    const q = a.questions[SHOCK.id]!;
    expect(q.position).toEqual({ v: 5, at: second });
    expect(q.history[first]).toEqual({ from: null, to: 2 });
    expect(q.history[second]?.to).toBe(5);
    expect(q.history[second]?.from).toBe(2);
    expect(q.history[second]?.reason?.v).toBe('Un article sur la consommation des data centers');
    expect(isAnswered(q)).toBe(true);
  });

  test('setting the same position again changes nothing and adds no history', () => {
    const stamp = testClock();
    let a = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(MONOPOLY, 0), MONOPOLY.id, stamp());
    a = act.setPosition(a, MONOPOLY.id, 'undecided', stamp());
    const again = act.setPosition(a, MONOPOLY.id, 'undecided', stamp());
    expect(again).toBe(a);
  });

  test('clearing a settled position is a change of its own, and the question counts as unanswered', () => {
    const stamp = testClock();
    let a = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(MONOPOLY, 0), MONOPOLY.id, stamp());
    a = act.setPosition(a, MONOPOLY.id, 4, stamp());
    a = act.setPosition(a, MONOPOLY.id, null, stamp(act.SETTLE_MS));
    const q = a.questions[MONOPOLY.id]!;
    expect(isAnswered(q)).toBe(false);
    expect(Object.values(q.history).map((h) => h.to)).toEqual([4, null]);
  });

  test('notes are private until marked shared', () => {
    const stamp = testClock();
    let a = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(MONOPOLY, 0), MONOPOLY.id, stamp());
    a = act.setQuestionNote(a, MONOPOLY.id, 'Les États ont encore des leviers.', stamp());
    expect(a.questions[MONOPOLY.id]?.shared).toBeUndefined();
    a = act.setNoteShared(a, MONOPOLY.id, true, stamp());
    expect(a.questions[MONOPOLY.id]?.shared?.v).toBe(true);
  });

  test('viewing a question whose snapshot did not change writes nothing', () => {
    const stamp = testClock();
    const a = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(SHOCK, 4), SHOCK.id, stamp());
    expect(act.ensureQuestion(a, act.snapshotOf(SHOCK, 4), SHOCK.id, stamp())).toBe(a);
  });

  test('last activity is the latest stamp anywhere in the article', () => {
    const stamp = testClock();
    let a = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(SHOCK, 4), SHOCK.id, stamp());
    const change = stamp();
    a = act.setPosition(a, SHOCK.id, 3, change);
    const reason = stamp();
    a = act.setChangeReason(a, SHOCK.id, change, 'parce que', reason);
    expect(lastActivity(a)).toBe(reason);
  });

  test('actions on an unknown question leave the article as it was', () => {
    const stamp = testClock();
    const a = emptyArticle(stamp());
    expect(act.setPosition(a, 'nope', 3, stamp())).toBe(a);
    expect(act.setQuestionNote(a, 'nope', 'x', stamp())).toBe(a);
  });
});
