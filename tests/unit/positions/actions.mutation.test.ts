// The reader's actions at their edges, written against mutants Stryker left alive (npm run mutate):
// an action that changes nothing returns the record itself (so nothing is written or synced),
// texts are cut to the format's bounds, and a change is corrected in place only while the same
// device's reader is still deciding.
import { describe, expect, test } from 'vitest';
import { LIMITS } from '@/utils/limits';
import {
  ensureQuestion,
  removeQuestion,
  SETTLE_MS,
  setArticleMeta,
  setArticleNote,
  setChangeReason,
  setDeleted,
  setLocalOnly,
  setNoteShared,
  setPosition,
  setQuestionNote,
  snapshotOf,
} from '@/utils/positions/actions';
import { encodeStamp } from '@/utils/positions/clock';
import type { ArticleRecord, QuestionSnapshot } from '@/utils/positions/model';
import { emptyArticle, MONOPOLY } from './fixtures';

const T0 = 1_700_000_000_000;
/** A stamp `s` seconds after T0 on `device`. */
const at = (s: number, device = 'laptop') => encodeStamp(T0 + s * 1000, 0, device);

const SNAP: QuestionSnapshot = snapshotOf(MONOPOLY, 0);

function withQuestion(): ArticleRecord {
  return ensureQuestion(emptyArticle(at(0)), SNAP, 'q', at(0));
}

describe('snapshotOf', () => {
  test('keeps an attribution only when the question has one', () => {
    expect(snapshotOf(MONOPOLY, 3)).toEqual({
      kind: 'debate',
      label: MONOPOLY.label,
      text: MONOPOLY.text,
      form: { type: 'yes-no' },
      order: 3,
    });
    expect('attribution' in snapshotOf(MONOPOLY, 0)).toBe(false);
    expect(snapshotOf({ ...MONOPOLY, attribution: 'Elon' }, 0).attribution).toBe('Elon');
  });
});

describe('ensureQuestion', () => {
  test('an unchanged snapshot keeps the record; a changed one is stamped and keeps the rest', () => {
    const article = setPosition(withQuestion(), 'q', 4, at(1));
    expect(ensureQuestion(article, SNAP, 'q', at(2))).toBe(article);
    const reworded = ensureQuestion(article, { ...SNAP, text: 'Other words?' }, 'q', at(3));
    expect(reworded.questions.q?.q).toEqual({ v: { ...SNAP, text: 'Other words?' }, at: at(3) });
    expect(reworded.questions.q?.position).toEqual(article.questions.q?.position);
    expect(reworded.questions.q?.history).toEqual(article.questions.q?.history);
  });

  test("every text is cut to the format's bound, and absent ones stay absent", () => {
    const long = 'x'.repeat(LIMITS.textChars + 50);
    const snap: QuestionSnapshot = {
      kind: 'debate',
      label: long,
      text: long,
      form: { type: 'alternatives', poles: [long, long] },
      order: 0,
      attribution: long,
      anchor: long,
    };
    const q = ensureQuestion(emptyArticle(at(0)), snap, 'q', at(1)).questions.q!.q.v;
    for (const text of [
      q.label,
      q.text,
      q.attribution,
      q.anchor,
      ...(q.form.type === 'alternatives' ? q.form.poles : []),
    ])
      expect(text).toHaveLength(LIMITS.textChars);
    expect(q.form.type === 'alternatives' && q.form.poles).toEqual([
      `${long.slice(0, LIMITS.textChars - 1)}…`,
      `${long.slice(0, LIMITS.textChars - 1)}…`,
    ]);
    const plain = ensureQuestion(emptyArticle(at(0)), SNAP, 'q', at(1)).questions.q!.q.v;
    expect('attribution' in plain || 'anchor' in plain).toBe(false);
    expect(plain.form).toEqual({ type: 'yes-no' });
  });
});

describe('setPosition: still deciding, or a change of mind', () => {
  const entries = (a: ArticleRecord) => Object.values(a.questions.q!.history).map((e) => [e.from, e.to]);

  test('a second move within 30 s on the same device corrects the entry; after 30 s it is a new one', () => {
    const first = setPosition(withQuestion(), 'q', 2, at(1));
    const corrected = setPosition(first, 'q', 4, at(10));
    expect(entries(corrected)).toEqual([[null, 2]]);
    expect(corrected.questions.q?.position).toEqual({ v: 4, at: at(10) });
    // SETTLE_MS after the last move is no longer deciding (the bound is strict).
    const later = setPosition(corrected, 'q', 5, encodeStamp(T0 + 10_000 + SETTLE_MS, 0, 'laptop'));
    expect(entries(later)).toEqual([
      [null, 2],
      [4, 5],
    ]);
    const justBefore = setPosition(corrected, 'q', 5, encodeStamp(T0 + 10_000 + SETTLE_MS - 1, 0, 'laptop'));
    expect(entries(justBefore)).toEqual([[null, 2]]);
  });

  test("another device's entry or move is never corrected from here", () => {
    const theirs = setPosition(withQuestion(), 'q', 2, at(1, 'phone'));
    expect(entries(setPosition(theirs, 'q', 4, at(2)))).toEqual([
      [null, 2],
      [2, 4],
    ]);
    // Our entry, then their move of the position: our next move is a change of its own.
    const ours = setPosition(withQuestion(), 'q', 2, at(1));
    const moved = {
      ...ours,
      questions: { q: { ...ours.questions.q!, position: { v: 3 as const, at: at(2, 'phone') } } },
    };
    expect(entries(setPosition(moved, 'q', 4, at(3)))).toEqual([
      [null, 2],
      [3, 4],
    ]);
  });

  test('a reason settles the change, and a position older than the latest entry is not a move', () => {
    const first = setPosition(withQuestion(), 'q', 2, at(1));
    const reasoned = setChangeReason(first, 'q', at(1), 'read the paragraph again', at(2));
    expect(entries(setPosition(reasoned, 'q', 4, at(3)))).toEqual([
      [null, 2],
      [2, 4],
    ]);
    // History merged from elsewhere holds an entry newer than the position's stamp.
    const q = first.questions.q!;
    const merged: ArticleRecord = {
      ...first,
      questions: { q: { ...q, history: { ...q.history, [at(5)]: { from: 1, to: 2 } } } },
    };
    expect(Object.keys(setPosition(merged, 'q', 4, at(6)).questions.q!.history)).toHaveLength(3);
  });

  test('the latest entry is the newest stamp, whatever order the history was written in', () => {
    const base = withQuestion();
    const q = base.questions.q!;
    // Newest first in insertion order: the entry to correct is at(20) (ours), not at(1) (theirs).
    const record: ArticleRecord = {
      ...base,
      questions: {
        q: {
          ...q,
          position: { v: 3, at: at(20) },
          history: { [at(20)]: { from: 2, to: 3 }, [at(1, 'phone')]: { from: null, to: 2 } },
        },
      },
    };
    expect(Object.keys(setPosition(record, 'q', 4, at(25)).questions.q!.history)).toHaveLength(2);
  });

  test('the same position, or an unknown question, returns the record itself', () => {
    const first = setPosition(withQuestion(), 'q', 2, at(1));
    expect(setPosition(first, 'q', 2, at(2))).toBe(first);
    expect(setPosition(first, 'nope', 2, at(2))).toBe(first);
    expect(setPosition(withQuestion(), 'q', null, at(2)).questions.q?.position).toBeUndefined();
  });
});

describe('notes, sharing, reasons, meta: a change is stamped, no change is the record itself', () => {
  test('question note', () => {
    const a = withQuestion();
    expect(setQuestionNote(a, 'q', '', at(1))).toBe(a);
    expect(setQuestionNote(a, 'nope', 'x', at(1))).toBe(a);
    const noted = setQuestionNote(a, 'q', 'mine', at(1));
    expect(noted.questions.q?.note).toEqual({ v: 'mine', at: at(1) });
    expect(setQuestionNote(noted, 'q', 'mine', at(2))).toBe(noted);
    expect(
      setQuestionNote(noted, 'q', 'x'.repeat(LIMITS.noteChars + 1), at(3)).questions.q?.note?.v,
    ).toHaveLength(LIMITS.noteChars);
  });

  test('note shared', () => {
    const a = withQuestion();
    expect(setNoteShared(a, 'q', false, at(1))).toBe(a);
    expect(setNoteShared(a, 'nope', true, at(1))).toBe(a);
    const shared = setNoteShared(a, 'q', true, at(1));
    expect(shared.questions.q?.shared).toEqual({ v: true, at: at(1) });
    expect(setNoteShared(shared, 'q', true, at(2))).toBe(shared);
    expect(setNoteShared(shared, 'q', false, at(2)).questions.q?.shared).toEqual({ v: false, at: at(2) });
  });

  test('change reason', () => {
    const a = setPosition(withQuestion(), 'q', 2, at(1));
    expect(setChangeReason(a, 'q', at(1), '', at(2))).toBe(a);
    expect(setChangeReason(a, 'q', at(9), 'why', at(2))).toBe(a);
    expect(setChangeReason(a, 'nope', at(1), 'why', at(2))).toBe(a);
    const reasoned = setChangeReason(a, 'q', at(1), 'why', at(2));
    expect(reasoned.questions.q?.history[at(1)]).toEqual({
      from: null,
      to: 2,
      reason: { v: 'why', at: at(2) },
    });
    expect(setChangeReason(reasoned, 'q', at(1), 'why', at(3))).toBe(reasoned);
  });

  test('article note and meta', () => {
    const a = withQuestion();
    expect(setArticleNote(a, '', at(1))).toBe(a);
    const noted = setArticleNote(a, 'about it', at(1));
    expect(noted.note).toEqual({ v: 'about it', at: at(1) });
    expect(setArticleNote(noted, 'about it', at(2))).toBe(noted);
    expect(setArticleMeta(a, { ...a.meta.v }, at(2))).toBe(a);
    const retitled = setArticleMeta(a, { ...a.meta.v, title: 'New' }, at(2));
    expect(retitled.meta).toEqual({ v: { ...a.meta.v, title: 'New' }, at: at(2) });
  });

  test('removed, deleted and this-device-only are stamped registers', () => {
    const a = withQuestion();
    expect(removeQuestion(a, 'nope', true, at(1))).toBe(a);
    expect(removeQuestion(a, 'q', true, at(1)).questions.q?.removed).toEqual({ v: true, at: at(1) });
    expect(setDeleted(a, true, at(2)).deleted).toEqual({ v: true, at: at(2) });
    expect(setLocalOnly(a, true, at(3)).localOnly).toEqual({ v: true, at: at(3) });
  });
});
