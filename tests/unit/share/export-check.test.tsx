// @vitest-environment happy-dom
// An export is checked against the very schema its recipients import with, before anything
// leaves: a file they would refuse is never downloaded or copied, and the dialog says what is
// too long, and where.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { ExportDialog } from '@/components/groups';
import { LIMITS } from '@/utils/limits';
import * as actions from '@/utils/positions/actions';
import type { ArticleRecord } from '@/utils/positions/model';
import { buildPositionsFile, exportProblemMessage, exportProblems } from '@/utils/share/export';
import { parseImport } from '@/utils/share/import';
import { renderTarget } from '../support/render-target';
import { readerArticle, URL_A } from './fixtures';

const ME = { id: 'p1', name: 'Ada' };

/** The reader's record as an earlier version could store it: a shared note and an own question too long. */
function oversized(): ArticleRecord {
  const a = readerArticle();
  a.questions.q1!.note = { v: 'n'.repeat(LIMITS.noteChars + 1), at: '0000000030000dev' };
  a.questions.own = {
    q: {
      v: {
        kind: 'own',
        label: '',
        text: `${'w'.repeat(LIMITS.textChars)}?`,
        form: { type: 'yes-no' },
        order: 9,
      },
      at: '0000000030000dev',
    },
    position: { v: 3, at: '0000000030000dev' },
    history: {},
  };
  return a;
}

describe('exportProblems', () => {
  it('finds nothing in a file its recipients accept', async () => {
    const file = buildPositionsFile([readerArticle()], ME);
    expect(exportProblems(file)).toEqual([]);
    expect((await parseImport(JSON.stringify(file), { articleUrl: URL_A })).ok).toBe(true);
  });

  it('names the shared note and the own question that are too long, by article and question', async () => {
    const file = buildPositionsFile([oversized()], ME);
    // What the recipient would say: refused.
    expect((await parseImport(JSON.stringify(file), { articleUrl: URL_A })).ok).toBe(false);
    const messages = exportProblems(file).map(exportProblemMessage);
    expect(messages).toEqual([
      'In “The SpaceX IPO”, the question “Should SpaceX go public?”: a note is longer than 10,000 characters.',
      expect.stringMatching(
        /^In “The SpaceX IPO”, the question “w+…”: a text is longer than 2,000 characters\.$/,
      ),
    ]);
  });

  it('names an article whose address is not a web address', () => {
    const file = buildPositionsFile([{ ...readerArticle(), url: 'javascript:alert(document.domain)//' }], ME);
    expect(exportProblems(file).map(exportProblemMessage)).toEqual([
      'In “The SpaceX IPO”: an article address is missing, too long, or not a web address (http or https).',
    ]);
  });

  it('finds nothing once the panel’s actions have capped what the reader typed', () => {
    let a = readerArticle();
    a = actions.setQuestionNote(a, 'q1', 'n'.repeat(LIMITS.noteChars * 2), '0000000040000dev');
    expect(exportProblems(buildPositionsFile([a], ME))).toEqual([]);
  });
});

describe('ExportDialog with a file its recipients would refuse', () => {
  const target = renderTarget();

  async function settle() {
    for (let i = 0; i < 10; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
  }

  it('says what is too long, and lets nothing leave', async () => {
    await act(() => render(<ExportDialog articles={[oversized()]} />, target.el));
    await settle();
    const alert = target.el.querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('This file cannot leave yet');
    expect(alert?.textContent).toContain(
      'In “The SpaceX IPO”, the question “Should SpaceX go public?”: a note is longer than 10,000 characters.',
    );
    const buttons = [...target.el.querySelectorAll('button')];
    for (const label of ['Download', 'Copy']) {
      const button = buttons.find((b) => b.textContent === label);
      expect(button?.disabled, label).toBe(true);
    }
  });

  it('shows no alert for a file that can leave', async () => {
    await act(() => render(<ExportDialog articles={[readerArticle()]} />, target.el));
    await settle();
    expect(target.el.querySelector('[role="alert"]')).toBeNull();
  });
});
