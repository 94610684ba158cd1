// @vitest-environment happy-dom
// A question card in the group view: an open question is answered in words, so the card counts the
// written answers and lists them, with no agreement and no scale (which would say "0 answered").
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { describe, expect, it } from 'vitest';
import { GroupQuestionCard } from '@/components/groups/GroupQuestionCard';
import { emptyDistribution, type QuestionAggregate } from '@/utils/share/aggregate';
import { renderTarget } from '../support/render-target';

const aggregate = (form: QuestionAggregate['question']['form']): QuestionAggregate => ({
  id: 'q',
  question: { kind: 'own', label: '', text: 'What would you change?', form, order: 0 },
  members: 5,
  answered: 2,
  distribution: { ...emptyDistribution(), 4: 1, 5: 1 },
  agreement: 0.9,
  readerPosition: null,
  readerAnswered: false,
  partial: false,
  notesByPosition: [
    { position: 4, notes: [{ author: 'Ada', text: 'More time.' }] },
    { position: null, notes: [{ author: null, text: 'Fewer rules.' }] },
  ],
});

describe('GroupQuestionCard', () => {
  const target = renderTarget();
  const show = async (form: QuestionAggregate['question']['form']) => {
    await act(() =>
      render(
        <GroupQuestionCard aggregate={aggregate(form)} memberCount={5} hidden={false} onReveal={() => {}} />,
        target.el,
      ),
    );
    const details = target.el.querySelector('details')!;
    await act(() => {
      details.open = true;
      details.dispatchEvent(new Event('toggle'));
    });
  };

  it('counts and lists an open question’s written answers, with no scale', async () => {
    await show({ type: 'open' });
    expect(target.el.textContent).toContain('2 of 5 members answered in words');
    expect(target.el.querySelector('.group-agreement')).toBeNull();
    expect(target.el.querySelector('h4')).toBeNull();
    expect([...target.el.querySelectorAll('.group-note-text')].map((p) => p.textContent)).toEqual([
      'More time.',
      'Fewer rules.',
    ]);
  });

  it('keeps the agreement, the spread and the position headings for a scale', async () => {
    await show({ type: 'agree-disagree' });
    expect(target.el.textContent).toContain('2 of 5 members answered');
    expect(target.el.querySelector('.group-agreement')?.textContent).toContain('90');
    expect([...target.el.querySelectorAll('h4')].map((h) => h.textContent)).toHaveLength(2);
  });
});
