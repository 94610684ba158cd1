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

/**
 * Lets effects run until `done()` holds, for work that takes an unknown number of turns (a share
 * code inflates through streams; instrumented under Stryker it needs more turns than in npm test).
 * Gives up after `turns`, leaving the test's own assertion to say what is missing.
 */
export async function settleUntil(done: () => boolean, turns = 500): Promise<void> {
  for (let i = 0; i < turns && !done(); i++) await settle(1);
}
