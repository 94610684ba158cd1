import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/** Gecko id: fixed so Firefox keeps the reader's storage across updates of Stance. */
export const GECKO_ID = 'stance@stance.app';

/** Drawn by scripts/make-icons.mjs. */
const ICONS = { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' };

/** Asked for only when the reader clicks "Follow my tabs" in the panel (README: Permissions). */
const FOLLOW_TABS_ORIGINS = ['<all_urls>'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  vite: () => ({ plugins: [preact()] }),
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
