// storage.sync in real Chromium and Firefox against Stance's model of it: an item counts as key +
// JSON of its value exactly as utils/sync/limits.ts says (Chrome's escapes included), a sync plan
// for 400 typical articles is accepted in one set(), and the refusals carry the messages the
// outbox recognises. The engine itself runs against the double in tests/unit/sync.
// No page is read, so both browsers run the production build itself (no host-access copy): the
// calls are made in Stance's own contexts (Chromium: its service worker; Firefox: its panel page).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ChromiumSession,
  type FirefoxSession,
  gotoExtensionPage,
  launchChromium,
  launchFirefox,
  productionBuild,
  ROOT,
} from './harness';
import { inWorker } from './support-sync';

// The e2e config has no '@/' alias; tsx resolves it from tsconfig.
const load = (path: string) => tsImport(pathToFileURL(join(ROOT, path)).href, import.meta.url);
const { itemBytes } = (await load('utils/sync/limits.ts')) as typeof import('../../utils/sync/limits');
const { planSync } = (await load('utils/sync/budget.ts')) as typeof import('../../utils/sync/budget');
const { classifySyncError } = (await load(
  'utils/sync/outbox.ts',
)) as typeof import('../../utils/sync/outbox');
const { typicalLibrary } = (await load(
  'tests/support/sync-fixtures.ts',
)) as typeof import('../support/sync-fixtures');

type Mode = 'chrome' | 'firefox';
/** Runs a storage.sync call in the extension and returns its error message, or null. */
type SyncCall = (method: 'set' | 'remove' | 'clear', arg?: unknown) => Promise<string | null>;
type BytesInUse = () => Promise<number>;

/** Characters each browser may count differently: accents, the euro sign, JSON escapes, '<'. */
const SAMPLES = ['x', 'é', '€', '<', '"', '\\', '\n', '\u2028', '😀'];

function exactItem(mode: Mode, sample: string): string {
  const start = sample.repeat(200);
  return start + 'x'.repeat(8192 - itemBytes('k', start, mode));
}

function quotaSuite(mode: Mode, call: () => { sync: SyncCall; bytesInUse: BytesInUse }) {
  test.each(SAMPLES)(
    'an item of exactly 8,192 bytes by our count passes, one more fails (%j)',
    async (sample) => {
      const { sync } = call();
      await sync('clear');
      const value = exactItem(mode, sample);
      expect(itemBytes('k', value, mode)).toBe(8192);
      expect(await sync('set', { k: value })).toBeNull();
      const refusal = await sync('set', { k: `${value}x` });
      expect(refusal).not.toBeNull();
      expect(classifySyncError(refusal)).toBe('quota');
    },
  );

  test('a plan for 400 typical articles is accepted in one set() and measured as we measure it', async () => {
    const { sync, bytesInUse } = call();
    await sync('clear');
    const plan = planSync(typicalLibrary(400));
    expect(await sync('set', plan.items)).toBeNull();
    const ours = Object.entries(plan.items).reduce((sum, [k, v]) => sum + itemBytes(k, v, mode), 0);
    expect(await bytesInUse()).toBe(ours);
  });
}

describe('Chromium storage.sync (production build)', () => {
  let profileDir: string;
  let session: ChromiumSession;
  beforeAll(async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'stance-e2e-sync-'));
    // The default: `.output/chrome-mv3` byte for byte, no host permission.
    session = await launchChromium(profileDir);
  });
  afterAll(async () => {
    await session?.browser.close();
    rmSync(profileDir, { recursive: true, force: true });
  });
  const call = () => ({
    sync: ((method, arg) =>
      inWorker(
        session,
        async (m: string, a: unknown) => {
          try {
            // biome-ignore lint/suspicious/noExplicitAny: the worker's own `chrome` global, untyped here.
            await (globalThis as any).chrome.storage.sync[m](a);
            return null;
          } catch (error) {
            return String((error as Error).message);
          }
        },
        method,
        arg,
      )) as SyncCall,
    bytesInUse: () =>
      // biome-ignore lint/suspicious/noExplicitAny: the worker's own `chrome` global, untyped here.
      inWorker(session, () => (globalThis as any).chrome.storage.sync.getBytesInUse(null) as Promise<number>),
  });
  quotaSuite('chrome', call);

  test('the 121st write in a minute is refused with the message the outbox backs off on', async () => {
    const message = await inWorker(session, async () => {
      // biome-ignore lint/suspicious/noExplicitAny: the worker's own `chrome` global, untyped here.
      const sync = (globalThis as any).chrome.storage.sync;
      for (let i = 0; i < 130; i++) {
        try {
          await sync.set({ rate: i });
        } catch (error) {
          return String((error as Error).message);
        }
      }
      return null;
    });
    expect(classifySyncError(message)).toBe('rate-minute');
  });
});

describe('Firefox storage.sync (production build)', () => {
  let session: FirefoxSession;
  let page: Awaited<ReturnType<FirefoxSession['browser']['newPage']>>;
  beforeAll(async () => {
    // The production build itself (no host access added): no page is read. SHORTCUT (README,
    // Tests): the panel page opens in a tab, since BiDi cannot open Firefox's sidebar.
    session = await launchFirefox({ extensionDir: productionBuild('firefox-mv2') });
    page = await session.browser.newPage();
    await gotoExtensionPage(page, `moz-extension://${session.uuid}/sidepanel.html`);
  });
  afterAll(async () => {
    await session?.browser.close();
  });
  quotaSuite('firefox', () => ({
    sync: (async (method, arg) =>
      page.evaluate(
        async (m, a) => {
          try {
            // biome-ignore lint/suspicious/noExplicitAny: the page's own `browser` global, untyped here.
            await (globalThis as any).browser.storage.sync[m](a);
            return null;
          } catch (error) {
            return String(error);
          }
        },
        method,
        arg,
      )) as SyncCall,
    // biome-ignore lint/suspicious/noExplicitAny: the page's own `browser` global, untyped here.
    bytesInUse: () => page.evaluate(() => (globalThis as any).browser.storage.sync.getBytesInUse(null)),
  }));
});
