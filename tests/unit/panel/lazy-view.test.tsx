// @vitest-environment happy-dom
// A view loaded later: a plain loading state, then the view; a failed load says so and retries.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, test, vi } from 'vitest';
import { lazyView } from '@/entrypoints/sidepanel/views/lazy';
import { t } from '@/utils/i18n';

let container: HTMLElement;
afterEach(() => {
  render(null, container);
  container.remove();
});
function mount(node: preact.ComponentChild) {
  container = document.createElement('div');
  document.body.append(container);
  act(() => render(node, container));
}

const Greeting = ({ name }: { name: string }) => <p class="greeting">Hello {name}</p>;

test('shows a loading state, then the view with its props; once loaded it renders at once', async () => {
  const View = lazyView(async () => Greeting);
  mount(<View name="Camille" />);
  expect(container.querySelector('[role=status]')?.textContent).toBe(t('viewLoading'));
  await vi.waitFor(() => expect(container.textContent).toBe('Hello Camille'));
  render(null, container);
  act(() => render(<View name="Lou" />, container));
  expect(container.textContent).toBe('Hello Lou'); // no loading state the second time
});

test('a failed load says so; "Try again" loads it again', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const importer = vi
    .fn<() => Promise<typeof Greeting>>()
    .mockRejectedValueOnce(new Error('chunk gone'))
    .mockResolvedValue(Greeting);
  const View = lazyView(importer);
  mount(<View name="Camille" />);
  await vi.waitFor(() =>
    expect(container.querySelector('[role=alert]')?.textContent).toContain(t('viewLoadFailed')),
  );
  act(() => container.querySelector('button')!.click());
  await vi.waitFor(() => expect(container.textContent).toBe('Hello Camille'));
  expect(importer).toHaveBeenCalledTimes(2);
});

test('load() fetches once, however often it is asked', async () => {
  const importer = vi.fn(async () => Greeting);
  const View = lazyView(importer);
  await Promise.all([View.load(), View.load()]);
  await View.load();
  expect(importer).toHaveBeenCalledTimes(1);
});
