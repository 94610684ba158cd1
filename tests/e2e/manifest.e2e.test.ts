// What every build may reach, pinned in a committed snapshot (tests/e2e/manifest.snapshot.json):
// permissions, host permissions, content scripts, CSP and whatever else widens access. A change
// to any of them fails here until the snapshot is updated, so it shows in review; README's
// permission table is checked against the same snapshot. Runs after the production builds (npm
// test builds all three). After a deliberate change: STANCE_UPDATE_MANIFEST_SNAPSHOT=1 writes the
// snapshot anew, then review its diff and README's table.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { type BuildTarget, productionBuild, ROOT } from './harness';

const TARGETS: BuildTarget[] = ['chrome-mv3', 'firefox-mv2', 'firefox-mv3'];
const SNAPSHOT = join(ROOT, 'tests', 'e2e', 'manifest.snapshot.json');

/** Manifest keys that grant or widen access; absent ones are pinned as null (absent stays absent). */
const ACCESS_KEYS = [
  'permissions',
  'optional_permissions',
  'host_permissions',
  'optional_host_permissions',
  'content_scripts',
  'content_security_policy',
  'web_accessible_resources',
  'externally_connectable',
  'background',
  'side_panel',
  'sidebar_action',
  'browser_specific_settings',
] as const;

type Access = Record<(typeof ACCESS_KEYS)[number], unknown>;

function access(target: BuildTarget): Access {
  const manifest = JSON.parse(readFileSync(join(productionBuild(target), 'manifest.json'), 'utf8'));
  return Object.fromEntries(ACCESS_KEYS.map((key) => [key, manifest[key] ?? null])) as Access;
}

function snapshot(): Record<BuildTarget, Access> {
  if (process.env.STANCE_UPDATE_MANIFEST_SNAPSHOT === '1') {
    const fresh = Object.fromEntries(TARGETS.map((target) => [target, access(target)]));
    writeFileSync(SNAPSHOT, `${JSON.stringify(fresh, null, 2)}\n`);
    // In the project's JSON style, so `biome check .` passes on the rewritten file.
    execFileSync(join(ROOT, 'node_modules', '.bin', 'biome'), ['format', '--write', SNAPSHOT]);
  }
  if (!existsSync(SNAPSHOT))
    throw new Error(`No ${SNAPSHOT}: write it with STANCE_UPDATE_MANIFEST_SNAPSHOT=1, then review it.`);
  return JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
}

/** README's "Permissions, and why" table: each row's permission names, and whether it is Chrome's only. */
function readmePermissionRows(): { names: string[]; chromeOnly: boolean; optional: boolean }[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const section = readme.split('## Permissions, and why')[1]?.split('\n## ')[0] ?? '';
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| Permission'))
    .map((line) => line.split('|')[1]!.trim());
  return rows.map((cell) => ({
    names: [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!),
    chromeOnly: cell.includes('(Chrome only)'),
    optional: cell.startsWith('optional'),
  }));
}

const asList = (value: unknown): string[] => (Array.isArray(value) ? value : []);
/** Asked at install, in this build. */
const required = (a: Access) => [...asList(a.permissions), ...asList(a.host_permissions)];
/** Asked later, on the reader's request (Firefox MV2 keeps host patterns in optional_permissions). */
const optional = (a: Access) => [...asList(a.optional_permissions), ...asList(a.optional_host_permissions)];

describe('built manifests', () => {
  test.each(TARGETS)('%s asks for exactly what the committed snapshot says', (target) => {
    expect(access(target)).toEqual(snapshot()[target]);
  });

  test('the snapshot keeps what README promises: no content script, no host permission at install', () => {
    for (const target of TARGETS) {
      const pinned = snapshot()[target];
      expect(pinned.content_scripts, target).toBeNull();
      expect(pinned.host_permissions, target).toBeNull();
      expect(
        required(pinned).filter((p) => p.includes('://') || p === '<all_urls>'),
        target,
      ).toEqual([]);
    }
  });

  test("README's permission table lists every permission of every build, and only those", () => {
    const rows = readmePermissionRows();
    expect(rows.length).toBeGreaterThan(0);
    const pinned = snapshot();
    for (const target of TARGETS) {
      const chrome = target === 'chrome-mv3';
      const expected = rows
        .filter((r) => !r.optional && (chrome || !r.chromeOnly))
        .flatMap((r) => r.names)
        .sort();
      expect(required(pinned[target]).sort(), `${target}: asked at install`).toEqual(expected);
      const expectedOptional = rows
        .filter((r) => r.optional && (chrome || !r.chromeOnly))
        .flatMap((r) => r.names)
        .sort();
      expect(optional(pinned[target]).sort(), `${target}: asked on request`).toEqual(expectedOptional);
    }
  });
});
