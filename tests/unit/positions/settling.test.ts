// A decision made in quick steps (arrow keys, a mis-click put right) is one change of mind, on
// this device and on every device the merge carries it to. Stamps come from a test clock.
import { describe, expect, test } from 'vitest';
import * as act from '@/utils/positions/actions';
import { mergeArticle } from '@/utils/positions/merge';
import type { ArticleRecord, Position } from '@/utils/positions/model';
import { settledHistory } from '@/utils/positions/model';
import { emptyArticle, MONOPOLY, testClock } from './fixtures';

const ID = MONOPOLY.id;

/** An article whose reader settled on `position` long ago, and a clock that carries on from there. */
function settledOn(position: Position, device = 'laptop') {
  const stamp = testClock(device);
  let a = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(MONOPOLY, 0), ID, stamp());
  a = act.setPosition(a, ID, position, stamp());
  stamp(10 * act.SETTLE_MS);
  return { a, stamp };
}

const moves = (a: ArticleRecord) => settledHistory(a.questions[ID]!).map((c) => [c.from, c.to]);
const entries = (a: ArticleRecord) => Object.keys(a.questions[ID]!.history).length;

describe('settling a position', () => {
  test('four arrow-key steps are one change of mind, ending where the reader stopped', () => {
    let { a, stamp } = settledOn(3);
    for (const step of [4, 5, 4, 5] as const) a = act.setPosition(a, ID, step, stamp(400));
    expect(a.questions[ID]?.position?.v).toBe(5);
    expect(moves(a)).toEqual([
      [null, 3],
      [3, 5],
    ]);
    expect(entries(a)).toBe(2);
  });

  test('coming back to the position held before drops the change', () => {
    let { a, stamp } = settledOn(3);
    a = act.setPosition(a, ID, 1, stamp(2_000));
    a = act.setPosition(a, ID, 3, stamp(5_000));
    expect(a.questions[ID]?.position?.v).toBe(3);
    expect(moves(a)).toEqual([[null, 3]]);
  });

  test('a first position corrected at once is the first position; a first click taken back leaves nothing', () => {
    const stamp = testClock();
    const fresh = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(MONOPOLY, 0), ID, stamp());
    const corrected = act.setPosition(act.setPosition(fresh, ID, 2, stamp()), ID, 4, stamp());
    expect(moves(corrected)).toEqual([[null, 4]]);
    const undone = act.setPosition(act.setPosition(fresh, ID, 2, stamp()), ID, null, stamp());
    expect(moves(undone)).toEqual([]);
  });

  test('a change after the reader settled is a new entry, and steps that keep coming stay one', () => {
    let { a, stamp } = settledOn(3);
    a = act.setPosition(a, ID, 4, stamp());
    a = act.setPosition(a, ID, 5, stamp(act.SETTLE_MS));
    expect(moves(a)).toEqual([
      [null, 3],
      [3, 4],
      [4, 5],
    ]);
    // Each step restarts the wait: a reader still moving every 20 s has not settled.
    for (const step of [3, 2, 1] as const) a = act.setPosition(a, ID, step, stamp(20_000));
    expect(moves(a)).toEqual([
      [null, 3],
      [3, 4],
      [4, 1],
    ]);
  });

  test('a reason settles the change it explains', () => {
    let { a, stamp } = settledOn(3);
    const change = stamp();
    a = act.setPosition(a, ID, 5, change);
    a = act.setChangeReason(a, ID, change, 'Les chiffres du rapport', stamp());
    a = act.setPosition(a, ID, 4, stamp());
    expect(moves(a)).toEqual([
      [null, 3],
      [3, 5],
      [5, 4],
    ]);
  });

  test('a change made on another device is never corrected from this one', () => {
    const laptop = settledOn(3, 'laptop');
    const phoneStamp = testClock('phone0', 1_700_000_000_000 + 11 * act.SETTLE_MS);
    const fromPhone = act.setPosition(laptop.a, ID, 5, phoneStamp());
    const back = act.setPosition(fromPhone, ID, 4, laptop.stamp(act.SETTLE_MS + 5_000));
    expect(moves(back)).toEqual([
      [null, 3],
      [3, 5],
      [5, 4],
    ]);
  });

  test('the merge carries a correction as a correction, whatever each device received', () => {
    let { a, stamp } = settledOn(3);
    a = act.setPosition(a, ID, 4, stamp());
    // Sync wrote this copy to the other device before the reader corrected themselves.
    const sent = a;
    a = act.setPosition(a, ID, 1, stamp(8_000));
    const phone = act.setQuestionNote(
      sent,
      ID,
      'Vu sur le téléphone',
      testClock('phone0', 1_800_000_000_000)(),
    );
    const merged = mergeArticle(phone, a);
    expect(mergeArticle(a, phone)).toEqual(merged);
    expect(moves(merged)).toEqual([
      [null, 3],
      [3, 1],
    ]);
    expect(merged.questions[ID]?.note?.v).toBe('Vu sur le téléphone');
  });
});
