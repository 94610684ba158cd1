// The panel's two size budgets count the right files: its first view follows static imports only,
// all of its JavaScript follows import() and Vite's preload list too; over budget fails.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { BUDGETS, checkBudgets, formatKB, measureSizes, moduleImports } from '../../../scripts/lib/sizes.mjs';

let dir = '';
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A build as Vite lays it out: an entry chunk, a shared chunk, two lazy views sharing a chunk. */
function fakeBuild(files: Record<string, string>): string {
  dir = mkdtempSync(join(tmpdir(), 'stance-sizes-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const ENTRY = [
  'const __vite__mapDeps=(i,m=__vite__mapDeps,d=(m.f||(m.f=["chunks/Group-a.js","chunks/shared-c.js","assets/x.css","chunks/Settings-b.js"])))=>i.map(i=>d[i]);',
  'import{h as e}from"./preact-p.js";',
  'const G=()=>__vitePreload(()=>import("./Group-a.js"),__vite__mapDeps([0,1,2]));',
  'const S=()=>__vitePreload(()=>import("./Settings-b.js"),__vite__mapDeps([3,1]));',
  'console.log(e,G,S);',
].join('\n');

const buildFiles = (): Record<string, string> => ({
  'manifest.json': '{"manifest_version":3}',
  'sidepanel.html':
    '<script type="module" crossorigin src="/chunks/sidepanel-e.js"></script><link rel="stylesheet" href="/assets/x.css">',
  'chunks/sidepanel-e.js': ENTRY,
  'chunks/preact-p.js': 'export const h=1;',
  'chunks/Group-a.js': 'import{s}from"./shared-c.js";import{h}from"./preact-p.js";export const G=s+h;',
  'chunks/Settings-b.js': 'import{s}from"./shared-c.js";export const S=s;',
  'chunks/shared-c.js': `export const s="${'x'.repeat(5000)}";`,
  'chunks/unrelated-u.js': 'export const u=1;',
});
const build = () => fakeBuild(buildFiles());

describe('panel size budgets', () => {
  test('reads static imports, import() and the preload list apart', () => {
    expect(moduleImports(ENTRY, 'chunks/sidepanel-e.js')).toEqual({
      static: ['chunks/preact-p.js'],
      dynamic: ['chunks/Group-a.js', 'chunks/Settings-b.js', 'chunks/shared-c.js'],
    });
  });

  test('the first view counts the entry and its static imports; all panel JS adds the lazy chunks', () => {
    const sizes = measureSizes(build());
    expect(sizes.files.sidepanelFirstView).toEqual(['chunks/preact-p.js', 'chunks/sidepanel-e.js']);
    expect(sizes.files.sidepanelAll).toEqual([
      'chunks/Group-a.js',
      'chunks/Settings-b.js',
      'chunks/preact-p.js',
      'chunks/shared-c.js',
      'chunks/sidepanel-e.js',
    ]);
    const sum = (files: string[]): number => files.reduce((n, f) => n + sizes.gzip[f]!, 0);
    expect(sizes.sidepanel_first_view_gzip_bytes).toBe(sum(sizes.files.sidepanelFirstView));
    expect(sizes.sidepanel_all_gzip_bytes).toBe(sum(sizes.files.sidepanelAll));
    expect(sizes.sidepanel_all_gzip_bytes).toBeGreaterThan(sizes.sidepanel_first_view_gzip_bytes!);
  });

  test('a size over its budget fails, and a missing size is never a pass', () => {
    const sizes = measureSizes(build());
    const budgets = {
      sidepanel_first_view_gzip_bytes: sizes.sidepanel_first_view_gzip_bytes!,
      sidepanel_all_gzip_bytes: sizes.sidepanel_all_gzip_bytes! - 1,
    };
    expect(checkBudgets(sizes, budgets).map((c) => [c.name, c.ok])).toEqual([
      ['sidepanel_first_view_gzip_bytes', true],
      ['sidepanel_all_gzip_bytes', false],
    ]);
    expect(checkBudgets({}, { sidepanel_all_gzip_bytes: 1 })[0]!.ok).toBe(false);
  });

  test('a file that cannot be measured fails its budget: no extractor, no panel script, a chunk missing', () => {
    const complete = measureSizes(
      fakeBuild({
        'manifest.json': '{"manifest_version":3}',
        'sidepanel.html': '<script type="module" src="/chunks/sidepanel-e.js"></script>',
        'chunks/sidepanel-e.js': 'export const e=1;',
        'extract.js': 'console.log(1);',
      }),
    );
    expect(checkBudgets(complete).every((c) => c.ok)).toBe(true);
    rmSync(dir, { recursive: true, force: true });

    // The extractor is missing, the panel page loads no script at all.
    const empty = measureSizes(
      fakeBuild({ 'manifest.json': '{"manifest_version":3}', 'sidepanel.html': '<p>no script</p>' }),
    );
    expect(checkBudgets(empty).map((c) => [c.name, c.ok])).toEqual([
      ['sidepanel_first_view_gzip_bytes', false],
      ['sidepanel_all_gzip_bytes', false],
      ['extractor_gzip_bytes', false],
      ['every_page_bytes', true],
    ]);
    expect(empty.missing).toEqual(['extract.js']);
    expect(formatKB(empty.extractor_gzip_bytes)).toBe('not measured');
    rmSync(dir, { recursive: true, force: true });

    // A lazy chunk the panel imports is not in the build: all of the panel cannot be measured.
    const files = { ...buildFiles(), 'extract.js': 'console.log(1);' };
    delete (files as Record<string, string>)['chunks/Settings-b.js'];
    const partial = measureSizes(fakeBuild(files));
    expect(checkBudgets(partial).map((c) => [c.name, c.ok])).toEqual([
      ['sidepanel_first_view_gzip_bytes', true],
      ['sidepanel_all_gzip_bytes', false],
      ['extractor_gzip_bytes', true],
      ['every_page_bytes', true],
    ]);
    expect(partial.missing).toEqual(['chunks/Settings-b.js']);
    expect(complete.missing).toEqual([]);
  });

  test('the panel budgets are 40 KB for the first view and 96 KB for all of it', () => {
    expect(BUDGETS.sidepanel_first_view_gzip_bytes).toBe(40 * 1024);
    expect(BUDGETS.sidepanel_all_gzip_bytes).toBe(96 * 1024);
  });
});
