// @vitest-environment happy-dom
import { render } from 'preact';
import { useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { QuestionCard } from '@/components/QuestionCard';
import { StanceScale } from '@/components/StanceScale';
import { encodeStamp } from '@/utils/positions/clock';
import type { Position, QuestionRecord } from '@/utils/positions/model';
import type { PanelQuestion } from '@/utils/positions/view';

let container: HTMLElement;
function mount(node: preact.ComponentChild) {
  container = document.createElement('div');
  document.body.append(container);
  act(() => render(node, container));
  return container;
}
afterEach(() => {
  render(null, container);
  container.remove();
});

const SHOCK: PanelQuestion = {
  id: 'shock',
  onPage: true,
  snapshot: {
    kind: 'debate',
    label: 'La question choc',
    text: 'Préféreriez-vous A ou B ?',
    form: { type: 'alternatives', poles: ['un monde bridé', 'un monde à un seul maître'] },
    order: 4,
  },
};

const noop = () => {};

describe('StanceScale', () => {
  test('names the scale after the question and its ends after the two alternatives', () => {
    const root = mount(
      <StanceScale
        questionId="q"
        questionText="A ou B ?"
        form={SHOCK.snapshot.form}
        value={null}
        onChange={noop}
      />,
    );
    expect(root.querySelector('legend')?.textContent).toBe('Your position on: A ou B ?');
    expect(root.querySelector('.scale-ends')?.textContent).toBe('un monde bridéun monde à un seul maître');
    const labels = [...root.querySelectorAll('label.step')].map((l) => l.textContent);
    expect(labels).toEqual([
      'un monde bridé',
      'Rather: un monde bridé',
      'In between',
      'Rather: un monde à un seul maître',
      'un monde à un seul maître',
      'Undecided',
    ]);
  });

  test('names every step before it is chosen: a tooltip on hover, a name that shows on keyboard focus', () => {
    const root = mount(
      <StanceScale questionId="q" questionText="?" form={{ type: 'yes-no' }} value={null} onChange={noop} />,
    );
    const steps = [...root.querySelectorAll<HTMLLabelElement>('label.step:not(.step-undecided)')];
    expect(steps.map((l) => l.title)).toEqual(['No', 'Rather no', 'Neither', 'Rather yes', 'Yes']);
    for (const label of steps) {
      // The label wraps its radio, so the name is the radio's accessible name; the CSS shows it on focus.
      expect(label.querySelector('input[type=radio]')).not.toBeNull();
      expect(label.querySelector('.step-name')?.textContent).toBe(label.title);
    }
  });

  test('one click sets a position, and "Clear" clears it', () => {
    // The scale is controlled: a host keeps the position, as the panel does, so what shows after
    // each click is what the scale reported, rendered back.
    const reported: (Position | null)[] = [];
    function Host() {
      const [value, setValue] = useState<Position | null>(4);
      return (
        <StanceScale
          questionId="q"
          questionText="?"
          form={{ type: 'yes-no' }}
          value={value}
          onChange={(next) => {
            reported.push(next);
            setValue(next);
          }}
        />
      );
    }
    const root = mount(<Host />);
    const checked = () =>
      [...root.querySelectorAll<HTMLInputElement>('input[type=radio]')]
        .filter((r) => r.checked)
        .map((r) => r.value);
    const clear = () => root.querySelector('button') as HTMLButtonElement;
    expect(checked()).toEqual(['4']);
    expect(root.querySelector('.scale-value')?.textContent).toBe('Rather yes');
    act(() => (root.querySelector('input[value="undecided"]') as HTMLInputElement).click());
    expect(checked()).toEqual(['undecided']);
    expect(root.querySelector('.scale-value')?.textContent).toBe('Undecided');
    act(() => clear().click());
    expect(reported).toEqual(['undecided', null]);
    expect(checked()).toEqual([]);
    expect(root.querySelector('.scale-value')?.textContent).toBe('No position');
    expect(clear().disabled).toBe(true);
  });
});

describe('QuestionCard', () => {
  test('shows how the position settled: a change taken back is not a change of mind', () => {
    const at = (s: number) => encodeStamp(1_700_000_000_000 + s * 1000, 0, 'laptop');
    const card = (position: Position) => {
      const record: QuestionRecord = {
        q: { v: SHOCK.snapshot, at: at(0) },
        position: { v: position, at: at(110) },
        history: { [at(1)]: { from: null, to: 3 }, [at(100)]: { from: 3, to: 4 } },
      };
      return mount(
        <QuestionCard
          question={{ ...SHOCK, record }}
          saving={false}
          onPosition={noop}
          onNote={noop}
          onShared={noop}
          onReason={noop}
        />,
      );
    };
    expect(card(5).querySelector('details.history summary')?.textContent).toMatch(
      /^In between → un monde à un seul maître, /,
    );
    render(null, container);
    container.remove();
    expect(card(3).querySelector('details.history')).toBeNull();
  });

  test('shows label and text apart, and page text only as text', () => {
    const hostile: PanelQuestion = {
      ...SHOCK,
      snapshot: { ...SHOCK.snapshot, label: '<b>Label</b>', text: '<img src=x onerror=alert(1)> ?' },
    };
    const root = mount(
      <QuestionCard
        question={hostile}
        saving={false}
        onPosition={noop}
        onNote={noop}
        onShared={noop}
        onReason={noop}
      />,
    );
    expect(root.querySelector('.label')?.textContent).toBe('<b>Label</b>');
    expect(root.querySelector('.text')?.textContent).toBe('<img src=x onerror=alert(1)> ?');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('b')).toBeNull();
  });

  test('the note stays folded until asked for, then is private by default', () => {
    const root = mount(
      <QuestionCard
        question={SHOCK}
        saving={false}
        onPosition={noop}
        onNote={noop}
        onShared={noop}
        onReason={noop}
      />,
    );
    expect(root.querySelector('textarea')).toBeNull();
    act(() => (root.querySelector('.card > button.link-button') as HTMLButtonElement).click());
    expect(root.querySelector('textarea')).not.toBeNull();
    expect((root.querySelector('input[type=checkbox]') as HTMLInputElement).checked).toBe(false);
  });
});
