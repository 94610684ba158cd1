// What every component test of the panel needs around each test: a fresh fake browser, an empty
// element in the page to render into, and both cleaned up after; and a way to let effects settle.
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

/** Registers the setup in the calling describe; `el` is the current test's element. */
export function renderTarget(): { readonly el: HTMLElement } {
  const target = { el: document.createElement('div') };
  beforeEach(() => {
    fakeBrowser.reset();
    target.el = document.createElement('div');
    document.body.append(target.el);
  });
  afterEach(() => {
    render(null, target.el);
    target.el.remove();
  });
  return target;
}

/** Lets pending effects and storage callbacks run: `turns` macrotasks, each inside act(). */
export async function settle(turns = 10): Promise<void> {
  for (let i = 0; i < turns; i++) await act(() => new Promise((r) => setTimeout(r, 0)));
}
