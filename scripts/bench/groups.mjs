// Lecture hall: 500 members' positions files on one article are parsed, validated, stored in the
// group store and aggregated, then the group view renders in a Node DOM (happy-dom) with WXT's
// fake browser standing in for storage. Prints nothing; returns the median time of the whole path
// over RUNS runs. The storage is in memory: a real browser's storage.local write comes on top, so
// this is the cost of Stance's own code, not all of what a reader waits.
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Window } from 'happy-dom';
import { tsImport } from 'tsx/esm/api';
import { fakeBrowser } from 'wxt/testing/fake-browser';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MEMBERS = 500;
const RUNS = 5;

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** browser.i18n from the English messages, as the unit tests' setup does. */
function englishI18n() {
  const messages = JSON.parse(readFileSync(join(root, 'public/_locales/en/messages.json'), 'utf8'));
  return {
    getMessage: (key, subs = []) =>
      (messages[key]?.message ?? '').replace(/\$(\d)/g, (_, n) => [subs].flat()[Number(n) - 1] ?? ''),
    getUILanguage: () => 'en',
  };
}

export async function run() {
  const saved = { browser: globalThis.browser, window: globalThis.window, document: globalThis.document };
  const window = new Window();
  // Stance's modules read `browser` and the DOM from globals, as in the extension's panel.
  Object.assign(fakeBrowser.i18n, englishI18n());
  globalThis.browser = fakeBrowser;
  globalThis.window = window;
  globalThis.document = window.document;
  try {
    const { hallFiles, importHall, renderHall, unmountHall } = await tsImport(
      pathToFileURL(join(root, 'tests/unit/share/support/lecture-hall.tsx')).href,
      import.meta.url,
    );
    const files = hallFiles(MEMBERS);
    const times = [];
    for (let i = 0; i < RUNS; i++) {
      fakeBrowser.reset();
      Object.assign(fakeBrowser.i18n, englishI18n());
      const container = window.document.createElement('div');
      window.document.body.append(container);
      const started = performance.now();
      const imported = await importHall(files);
      const cards = await renderHall(container);
      times.push(performance.now() - started);
      if (imported !== MEMBERS || cards === 0)
        throw new Error(`imported ${imported}, rendered ${cards} questions`);
      unmountHall(container);
      container.remove();
    }
    return { 'groups.import_500_ms': Math.round(median(times)) };
  } finally {
    await window.happyDOM.close();
    Object.assign(globalThis, saved);
  }
}
