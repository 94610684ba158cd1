import { createRequire } from 'node:module';
import preact from '@preact/preset-vite';
import type { AliasOptions } from 'vite';
import { defineConfig } from 'wxt';

/** Gecko id: fixed so Firefox keeps the reader's storage across updates of Stance. */
export const GECKO_ID = 'stance@stance.app';

/** Drawn by scripts/make-icons.mjs. */
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

/** Asked for only when the reader clicks "Follow my tabs" in the panel (README: Permissions). */
const FOLLOW_TABS_ORIGINS = ['<all_urls>'];

/** WXT's own `browser` (the native `chrome`/`browser` global), without the polyfill. */
const NATIVE_BROWSER = createRequire(import.meta.url).resolve('wxt/browser');

/**
 * The extractor runs in the page and calls no extension API, but the polyfill module aliases
 * `wxt/browser` for every entry point, so WXT's content-script wrapper drew the polyfill (~3 KB
 * gzip) into each injection. Its build alone gets the native `browser` back.
 */
function withoutPolyfill(alias: AliasOptions | undefined): AliasOptions | undefined {
  if (Array.isArray(alias)) {
    return alias.map((entry) =>
      entry.find === 'wxt/browser' ? { ...entry, replacement: NATIVE_BROWSER } : entry,
    );
  }
  if (alias && typeof alias === 'object' && 'wxt/browser' in alias)
    return { ...alias, 'wxt/browser': NATIVE_BROWSER };
  return alias;
}

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entry) => entry.name === 'extract')) return;
      config.resolve = { ...config.resolve, alias: withoutPolyfill(config.resolve?.alias) };
    },
  },
  manifest: ({ browser, manifestVersion }) => {
    const common = {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      icons: ICONS,
      action: { default_title: '__MSG_actionTitle__', default_icon: ICONS },
    };
    if (browser === 'firefox') {
      return {
        ...common,
        // Firefox: no sidePanel permission; the sidebar comes from `sidebar_action`.
        permissions: ['activeTab', 'scripting', 'storage', 'contextMenus'],
        ...(manifestVersion === 2
          ? { browser_action: common.action, optional_permissions: FOLLOW_TABS_ORIGINS }
          : { optional_host_permissions: FOLLOW_TABS_ORIGINS }),
        browser_specific_settings: {
          gecko: {
            id: GECKO_ID,
            strict_min_version: '142.0',
            data_collection_permissions: { required: ['none'] },
          },
        },
      };
    }
    return {
      ...common,
      // unlimitedStorage: without it Chrome refuses storage.local writes past 10 MB (README: Permissions).
      permissions: ['activeTab', 'scripting', 'storage', 'unlimitedStorage', 'sidePanel', 'contextMenus'],
      optional_host_permissions: FOLLOW_TABS_ORIGINS,
    };
  },
});
