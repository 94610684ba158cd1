// storage.sync in real Chromium and Firefox against Stance's model of it: an item counts as key +
// JSON of its value exactly as utils/sync/limits.ts says (Chrome's escapes included), a sync plan
// for 400 typical articles is accepted in one set(), and the refusals carry the messages the
// outbox recognises. The engine itself runs against the double in tests/unit/sync.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { tsImport } from 'tsx/esm/api';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ChromiumSession,
  extensionWorker,
  type FirefoxSession,
  gotoExtensionPage,
  launchChromium,
  launchFirefox,
  prepareE2eBuild,
  ROOT,
} from './harness';

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

describe('Chromium storage.sync', () => {
  let profileDir: string;
  let session: ChromiumSession;
  beforeAll(async () => {
    profileDir = mkdtempSync(join(tmpdir(), 'stance-e2e-sync-'));
    session = await launchChromium(profileDir, {
      extensionDir: prepareE2eBuild('chrome-mv3', 'sync-chrome'),
    });
  });
  afterAll(async () => {
    await session?.context.close();
    rmSync(profileDir, { recursive: true, force: true });
  });
  const call = () => ({
    sync: (async (method, arg) => {
      const worker = await extensionWorker(session.context, session.extensionId);
      return worker.evaluate(
        async ([m, a]) => {
          try {
            // biome-ignore lint/suspicious/noExplicitAny: the worker's own `chrome` global, untyped here.
            await (globalThis as any).chrome.storage.sync[m](a);
            return null;
          } catch (error) {
            return String((error as Error).message);
          }
        },
        [method, arg] as const,
      );
    }) as SyncCall,
    bytesInUse: async () => {
      const worker = await extensionWorker(session.context, session.extensionId);
      // biome-ignore lint/suspicious/noExplicitAny: the worker's own `chrome` global, untyped here.
      return worker.evaluate(() => (globalThis as any).chrome.storage.sync.getBytesInUse(null));
    },
  });
  quotaSuite('chrome', call);

  test('the 121st write in a minute is refused with the message the outbox backs off on', async () => {
    const worker = await extensionWorker(session.context, session.extensionId);
    const message = await worker.evaluate(async () => {
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

describe('Firefox storage.sync', () => {
  let session: FirefoxSession;
  let page: Awaited<ReturnType<FirefoxSession['browser']['newPage']>>;
  beforeAll(async () => {
    session = await launchFirefox({ extensionDir: prepareE2eBuild('firefox-mv2', 'sync-firefox') });
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
