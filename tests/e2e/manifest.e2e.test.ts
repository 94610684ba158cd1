// The permissions every build asks for, pinned: a change here must show in review, with its reason
// in README's permission table. Runs after the production builds (npm test builds all three).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type BuildTarget, productionBuild } from './harness';

const manifest = (target: BuildTarget) =>
  JSON.parse(readFileSync(join(productionBuild(target), 'manifest.json'), 'utf8')) as Record<string, unknown>;

const ACCESS_KEYS = [
  'permissions',
  'optional_permissions',
  'host_permissions',
  'optional_host_permissions',
  'content_scripts',
] as const;
const access = (target: BuildTarget) =>
  Object.fromEntries(ACCESS_KEYS.map((key) => [key, manifest(target)[key] ?? null]));

describe('built manifests', () => {
  test('Chrome MV3: activeTab and a side panel; every site only on request; no content script', () => {
    expect(access('chrome-mv3')).toEqual({
      permissions: ['activeTab', 'scripting', 'storage', 'unlimitedStorage', 'sidePanel', 'contextMenus'],
      optional_permissions: null,
      host_permissions: null,
      optional_host_permissions: ['<all_urls>'],
      content_scripts: null,
    });
    expect(manifest('chrome-mv3').side_panel).toEqual({ default_path: 'sidepanel.html' });
  });

  test.each(['firefox-mv2', 'firefox-mv3'] as const)(
    '%s: the same, with a sidebar and no sidePanel',
    (target) => {
      const optional = target === 'firefox-mv2' ? 'optional_permissions' : 'optional_host_permissions';
      expect(access(target)).toEqual({
        permissions: ['activeTab', 'scripting', 'storage', 'contextMenus'],
        optional_permissions: null,
        host_permissions: null,
        optional_host_permissions: null,
        content_scripts: null,
        [optional]: ['<all_urls>'],
      });
      expect(manifest(target).sidebar_action).toMatchObject({ default_panel: 'sidepanel.html' });
    },
  );
});
