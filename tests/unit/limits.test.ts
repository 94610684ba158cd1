// One module of bounds (utils/limits.ts), enforced where text is made: what the reader types in
// the panel is capped at the file format's limits, so an export or a backup of it is never refused.
import { describe, expect, it } from 'vitest';
import { clampText, isArticleUrl, LIMITS } from '@/utils/limits';
import * as act from '@/utils/positions/actions';
import type { QuestionSnapshot } from '@/utils/positions/model';
import { emptyArticle, MONOPOLY, testClock } from './positions/fixtures';

describe('isArticleUrl', () => {
  it('accepts http and https addresses up to the length bound, nothing else', () => {
    expect(isArticleUrl('https://example.org/a?b=1')).toBe(true);
    expect(isArticleUrl('HTTP://example.org/')).toBe(true);
    expect(isArticleUrl(`https://example.org/${'x'.repeat(LIMITS.urlChars - 20)}`)).toBe(true);
    for (const bad of [
      'javascript:alert(document.domain)//',
      ' javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:msgbox(1)',
      'about:blank',
      'constructor',
      '__proto__',
      'toString',
      '/relative/path',
      '',
      `https://example.org/${'x'.repeat(LIMITS.urlChars)}`,
      42,
      null,
    ]) {
      expect(isArticleUrl(bad), String(bad).slice(0, 40)).toBe(false);
    }
  });
});

describe('clampText', () => {
  it('keeps short text, cuts long text with an ellipsis, never halves a surrogate pair', () => {
    expect(clampText('short', 10)).toBe('short');
    expect(clampText('abcdefghijkl', 10)).toBe('abcdefghi…');
    expect(clampText('abcdefghijkl', 10, '')).toBe('abcdefghij');
    const emoji = `${'a'.repeat(8)}😀😀`;
    expect(clampText(emoji, 10)).toBe(`${'a'.repeat(8)}…`);
    expect(clampText(emoji, 10).length).toBeLessThanOrEqual(10);
  });
});

describe('the panel’s actions stay within the format’s bounds', () => {
  const over = (chars: number) => 'x'.repeat(chars + 500);

  it('caps a question note, an article note and a reason at the note bound', () => {
    const stamp = testClock();
    let a = act.ensureQuestion(emptyArticle(stamp()), act.snapshotOf(MONOPOLY, 0), MONOPOLY.id, stamp());
    a = act.setQuestionNote(a, MONOPOLY.id, over(LIMITS.noteChars), stamp());
    a = act.setArticleNote(a, over(LIMITS.noteChars), stamp());
    const change = stamp();
    a = act.setPosition(a, MONOPOLY.id, 2, change);
    a = act.setChangeReason(a, MONOPOLY.id, change, over(LIMITS.noteChars), stamp());
    const q = a.questions[MONOPOLY.id]!;
    expect(q.note?.v.length).toBe(LIMITS.noteChars);
    expect(a.note?.v.length).toBe(LIMITS.noteChars);
    expect(q.history[change]?.reason?.v.length).toBe(LIMITS.noteChars);
  });

  it('caps an own question, its poles and its anchor at the text bound', () => {
    const stamp = testClock();
    const snapshot: QuestionSnapshot = {
      kind: 'own',
      label: over(LIMITS.textChars),
      text: `${over(LIMITS.textChars)}?`,
      form: { type: 'alternatives', poles: [over(LIMITS.textChars), 'b'] },
      anchor: over(LIMITS.textChars),
      attribution: over(LIMITS.textChars),
      order: 10_000,
    };
    const a = act.ensureQuestion(emptyArticle(stamp()), snapshot, 'own1', stamp());
    const saved = a.questions.own1!.q.v;
    for (const text of [saved.label, saved.text, saved.anchor, saved.attribution])
      expect(text?.length).toBeLessThanOrEqual(LIMITS.textChars);
    if (saved.form.type !== 'alternatives') throw new Error('form lost');
    expect(saved.form.poles[0].length).toBeLessThanOrEqual(LIMITS.textChars);
    expect(saved.form.poles[1]).toBe('b');
    // Seeing the same long question again writes nothing: the capped snapshot is what compares.
    expect(act.ensureQuestion(a, snapshot, 'own1', stamp())).toBe(a);
  });
});
