// Issue 12's data-loss faults at the store: a record synced from a clock running a year ahead, and
// two writers saving stale copies of one article at once. Each failed on the store before the fix.
import { beforeEach, describe, expect, test } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import * as act from '@/utils/positions/actions';
import { encodeStamp } from '@/utils/positions/clock';
import { mergeArticle } from '@/utils/positions/merge';
import { listSummaries, loadArticle, nextStamp, saveArticle, startClock } from '@/utils/positions/store';
import { emptyArticle, MONOPOLY, SHOCK } from './fixtures';

const YEAR_MS = 365 * 24 * 3600 * 1000;
const snapshot = (q: typeof SHOCK, order: number) => act.snapshotOf(q, order);

beforeEach(async () => {
  fakeBrowser.reset();
  await startClock();
});

describe('a stamp from a clock a year ahead', () => {
  test('never beats the note the reader types here after seeing it', async () => {
    // Another device, its clock a year fast, wrote a note; sync delivered it to this device's store.
    const future = (n: number) => encodeStamp(Date.now() + YEAR_MS, n, 'fast01');
    let theirs = emptyArticle(future(0));
    theirs = act.ensureQuestion(theirs, snapshot(SHOCK, 0), SHOCK.id, future(1));
    theirs = act.setQuestionNote(theirs, SHOCK.id, 'Their note, from the future', future(2));
    await saveArticle(theirs);

    // This panel reads it, then the reader types a note.
    const loaded = (await loadArticle(theirs.url))!;
    const mine = act.setQuestionNote(loaded, SHOCK.id, 'My note, typed now', nextStamp());
    await saveArticle(mine);
    // Every device merges the two, in whatever order sync delivers them: the later edit must win.
    expect(mergeArticle(theirs, mine).questions[SHOCK.id]!.note!.v).toBe('My note, typed now');
    expect(mergeArticle(mine, theirs).questions[SHOCK.id]!.note!.v).toBe('My note, typed now');
    expect((await loadArticle(theirs.url))!.questions[SHOCK.id]!.note!.v).toBe('My note, typed now');
  });
});

describe('two writers on one article', () => {
  test('saving stale copies at once keeps both edits', async () => {
    const base = act.ensureQuestion(
      act.ensureQuestion(emptyArticle(nextStamp()), snapshot(SHOCK, 0), SHOCK.id, nextStamp()),
      snapshot(MONOPOLY, 1),
      MONOPOLY.id,
      nextStamp(),
    );
    await saveArticle(base);
    // Two panels, each with the record as it loaded, each clicking a different question.
    const panelA = act.setPosition(base, SHOCK.id, 2, nextStamp());
    const panelB = act.setPosition(base, MONOPOLY.id, 5, nextStamp());
    await Promise.all([saveArticle(panelA), saveArticle(panelB)]);
    const stored = (await loadArticle(base.url))!;
    expect(stored.questions[SHOCK.id]!.position!.v).toBe(2);
    expect(stored.questions[MONOPOLY.id]!.position!.v).toBe(5);
    // The library summary counts both answers too.
    expect((await listSummaries()).find((s) => s.url === base.url)?.answered).toBe(2);
  });

  test('what a save returns is what storage holds', async () => {
    const base = act.ensureQuestion(emptyArticle(nextStamp()), snapshot(SHOCK, 0), SHOCK.id, nextStamp());
    await saveArticle(act.setQuestionNote(base, SHOCK.id, 'from the other panel', nextStamp()));
    const written = await saveArticle(act.setPosition(base, SHOCK.id, 4, nextStamp()));
    expect(written).toEqual(await loadArticle(base.url));
    expect(written.questions[SHOCK.id]!.note!.v).toBe('from the other panel');
  });
});
