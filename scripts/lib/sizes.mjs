// Bundle size budgets, measured on a production build (shared by npm test and npm run bench).
// The panel has two: its first view (every script sidepanel.html loads before its first paint:
// the entry and its static imports) and all of its JavaScript (the first view plus every chunk it
// can load later through import(): Group, My debates, Settings). "Every page" counts the
// manifest's content_scripts, which must stay empty: the extractor is injected on demand only.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = {
  sidepanel_first_view_gzip_bytes: 40 * 1024,
  sidepanel_all_gzip_bytes: 96 * 1024,
  extractor_gzip_bytes: 25 * 1024,
  every_page_bytes: 2 * 1024,
};

const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** `import … from "./x.js"`, `export … from "./x.js"`, `import "./x.js"`: loaded with the module. */
const STATIC_IMPORT = /(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"']+\.js)["']/g;
/** `import("./x.js")`: loaded when the code asks for it. */
const DYNAMIC_IMPORT = /import\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g;
/** Vite's preload list for dynamic imports (paths from the build root): `m.f=["chunks/x.js",…]`. */
const VITE_PRELOAD_LIST = /__vite__mapDeps\s*=.*?m\.f\s*=\s*\[([^\]]*)\]/g;

/** Where a specifier found in `fromPath` points, relative to the build root. */
function resolveSpecifier(fromPath, spec) {
  if (spec.startsWith('/')) return spec.slice(1);
  return posix.normalize(posix.join(posix.dirname(fromPath), spec));
}

/** The build files a module imports: { static: [...], dynamic: [...] }, relative to the build root. */
export function moduleImports(code, relPath) {
  const statics = [...code.matchAll(STATIC_IMPORT)].map((m) => resolveSpecifier(relPath, m[1]));
  const dynamics = [...code.matchAll(DYNAMIC_IMPORT)].map((m) => resolveSpecifier(relPath, m[1]));
  for (const [, list] of code.matchAll(VITE_PRELOAD_LIST)) {
    for (const [, file] of list.matchAll(/["']([^"']+\.js)["']/g)) dynamics.push(file.replace(/^\.?\//, ''));
  }
  return { static: [...new Set(statics)], dynamic: [...new Set(dynamics)] };
}

/**
 * Follows the import graph of an ES module within the build: static imports only, or dynamic ones
 * too. A file the graph names but the build lacks goes to `missing` (it would otherwise weigh 0).
 */
function collectModuleGraph(outDir, relPath, seen, { dynamic, missing }) {
  if (seen.has(relPath) || missing.has(relPath)) return;
  const file = join(outDir, relPath);
  if (!existsSync(file)) {
    missing.add(relPath);
    return;
  }
  seen.add(relPath);
  const imports = moduleImports(readFileSync(file, 'utf8'), relPath);
  for (const target of [...imports.static, ...(dynamic ? imports.dynamic : [])]) {
    collectModuleGraph(outDir, target, seen, { dynamic, missing });
  }
}

function sidepanelRoots(outDir) {
  const html = readFileSync(join(outDir, 'sidepanel.html'), 'utf8');
  const refs = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  return refs.map(([, src]) => src.replace(/^\.?\//, ''));
}

/**
 * JS files of the panel. `firstView`: what sidepanel.html loads before it can paint — its
 * <script src> and <link rel=modulepreload>, then their static imports. Otherwise every file the
 * panel can ever load: those plus everything reachable through dynamic import().
 */
export function sidepanelScripts(outDir, { firstView = true, missing = new Set() } = {}) {
  const seen = new Set();
  for (const root of sidepanelRoots(outDir)) {
    collectModuleGraph(outDir, root, seen, { dynamic: !firstView, missing });
  }
  return [...seen].sort();
}

/** Files the manifest injects into every matching page (content_scripts js + css). */
export function everyPageFiles(outDir) {
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
  return (manifest.content_scripts ?? []).flatMap((entry) => [...(entry.js ?? []), ...(entry.css ?? [])]);
}

/**
 * Measures a build directory (e.g. .output/chrome-mv3). Returns sizes in bytes, the files counted
 * and each panel file's gzip size. A size that cannot be measured is null, never 0, so it fails its
 * budget: no panel script found, a script the panel loads missing from the build, no extractor.
 * `missing` lists the files named but absent. Throws if the build is missing.
 */
export function measureSizes(outDir) {
  if (!existsSync(join(outDir, 'manifest.json')))
    throw new Error(`No build in ${outDir}: run wxt build first.`);
  const missingFirstView = new Set();
  const missingAll = new Set();
  const firstView = sidepanelScripts(outDir, { firstView: true, missing: missingFirstView });
  const all = sidepanelScripts(outDir, { firstView: false, missing: missingAll });
  const gzip = Object.fromEntries(all.map((f) => [f, gzipSize(join(outDir, f))]));
  const sum = (files, missing) =>
    files.length && !missing.size ? files.reduce((total, f) => total + gzip[f], 0) : null;
  const extractorFile = 'extract.js';
  const extractor = join(outDir, extractorFile);
  const everyPage = everyPageFiles(outDir);
  const missing = [...new Set([...missingAll, ...missingFirstView])];
  if (!existsSync(extractor)) missing.push(extractorFile);
  return {
    sidepanel_first_view_gzip_bytes: sum(firstView, missingFirstView),
    sidepanel_all_gzip_bytes: sum(all, missingAll),
    extractor_gzip_bytes: existsSync(extractor) ? gzipSize(extractor) : null,
    // No content script is the goal here, so an empty list is 0 bytes; a listed file that is
    // missing makes readFileSync throw.
    every_page_bytes: everyPage.reduce((total, f) => total + readFileSync(join(outDir, f)).length, 0),
    files: {
      sidepanelFirstView: firstView,
      sidepanelAll: all,
      extractor: [extractorFile],
      everyPage,
    },
    missing: missing.sort(),
    gzip,
  };
}

/** Compares measured sizes with BUDGETS: [{ name, bytes, budget, ok }]. */
export function checkBudgets(sizes, budgets = BUDGETS) {
  return Object.entries(budgets).map(([name, budget]) => ({
    name,
    bytes: sizes[name],
    budget,
    ok: typeof sizes[name] === 'number' && sizes[name] <= budget,
  }));
}

/** "12.3 KB", or "not measured" for a size that could not be (see measureSizes). */
export const formatKB = (bytes) =>
  typeof bytes === 'number' ? `${(bytes / 1024).toFixed(1)} KB` : 'not measured';
