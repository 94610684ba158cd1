// @vitest-environment happy-dom
// The question pack panel: a pasted pack adds the teacher's questions to the reader's record (the
// session's own pure action stands in for it), a bad code or another article's pack says why and
// adds nothing, and the export buttons appear only when there is something to pack.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { QuestionPackPanel } from '@/components/groups';
import { questionId } from '@/utils/extract/ids';
import { ensureQuestion } from '@/utils/positions/actions';
import type { ArticleRecord, QuestionSnapshot } from '@/utils/positions/model';
import { buildQuestionPack, packToShareCode } from '@/utils/share/question-pack';
import { pageExtraction } from '../../support/extraction';
import { renderTarget, settle, settleUntil } from '../support/render-target';
import { readerArticle, URL_A } from './fixtures';

const OWN = 'Should the class vote on it?';

async function teacherCode(url = URL_A) {
  const teacher = ensureQuestion(
    readerArticle({}),
    { kind: 'own', label: '', text: OWN, form: { type: 'yes-no' }, order: 10_000 },
    questionId(OWN),
    's1',
  );
  const pack = buildQuestionPack({ ...teacher, url }, null, { id: 't', name: 'Ms Martin' })!;
  return packToShareCode(pack);
}

describe('QuestionPackPanel', () => {
  const target = renderTarget();

  function mount(record: ArticleRecord | null) {
    const held = { record };
    const onAddQuestions = async (questions: [string, QuestionSnapshot][]) => {
      let r = held.record ?? readerArticle({});
      for (const [id, s] of questions) r = ensureQuestion(r, s, id, 's2');
      held.record = r;
      return true;
    };
    const extraction = pageExtraction(URL_A, 'The SpaceX IPO', []);
    render(
      <QuestionPackPanel
        articleUrl={URL_A}
        record={record}
        extraction={extraction}
        onAddQuestions={onAddQuestions}
      />,
      target.el,
    );
    return held;
  }

  const status = () => target.el.querySelector('[role=status]')?.textContent;
  async function paste(code: string) {
    const before = status();
    const area = target.el.querySelector('textarea')!;
    await act(() => {
      area.value = code;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const button = [...target.el.querySelectorAll('button')].find(
      (b) => b.textContent === 'Import the pack',
    )!;
    await act(() => button.click());
    await settleUntil(() => status() !== before);
  }

  it('adds the teacher’s question from a pasted code, labelled as theirs', async () => {
    const held = mount(readerArticle({ q1: 2 }));
    await settle(3);
    await paste(await teacherCode());
    expect(status()).toBe('1 question from Ms Martin added to this article.');
    expect(held.record!.questions[questionId(OWN)]!.q.v).toMatchObject({
      kind: 'own',
      label: 'Question from Ms Martin',
      text: OWN,
    });
  });

  it('says why a damaged code or another article’s pack is refused, and adds nothing', async () => {
    const held = mount(readerArticle({ q1: 2 }));
    await settle(3);
    const before = held.record;
    await paste('stance1.AAAA');
    expect(status()).toBe(
      'The pack was not imported: the share code is damaged or incomplete; copy it again in full.',
    );
    await paste(await teacherCode('https://example.org/other'));
    expect(status()).toMatch(/^The pack was not imported: it holds positions on another article/);
    expect(held.record).toBe(before);
  });

  it('offers the download only when there is a question to pack', async () => {
    mount(null);
    await settle(3);
    expect(target.el.textContent).toContain('This article has no questions to put in a pack yet.');
    render(null, target.el);
    // The record's page questions are the page's to give; an own question is the teacher's to pack.
    mount(
      ensureQuestion(
        readerArticle({}),
        { kind: 'own', label: '', text: OWN, form: { type: 'yes-no' }, order: 10_000 },
        questionId(OWN),
        's1',
      ),
    );
    await settle(3);
    expect([...target.el.querySelectorAll('button')].map((b) => b.textContent)).toContain(
      'Download the question pack',
    );
  });
});
