// Bundle size budgets, measured on a production build (shared by npm test and npm run bench).
// The panel counts every script sidepanel.html loads, chunks included; "every page" counts the
// manifest's content_scripts, which must stay empty: the extractor is injected on demand only.
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export const BUDGETS = {
  sidepanel_gzip_bytes: 40 * 1024,
  extractor_gzip_bytes: 25 * 1024,
  every_page_bytes: 2 * 1024,
};

const gzipSize = (file) => gzipSync(readFileSync(file), { level: 9 }).length;

/** Follows the static `import ... from "./x.js"` graph of an ES module within the build. */
function collectModuleGraph(outDir, relPath, seen) {
  if (seen.has(relPath)) return;
  const file = join(outDir, relPath);
  if (!existsSync(file)) return;
  seen.add(relPath);
  const code = readFileSync(file, 'utf8');
  const specifiers = code.matchAll(
    /(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"']+\.js)["']|import\(\s*["']([^"']+\.js)["']\s*\)/g,
  );
  for (const match of specifiers) {
    const spec = match[1] ?? match[2];
    const target = spec.startsWith('/')
      ? spec.slice(1)
      : posix.normalize(posix.join(posix.dirname(relPath), spec));
    collectModuleGraph(outDir, target, seen);
  }
}

/** All JS files the panel page loads: its <script src> and <link rel=modulepreload>, then their imports. */
export function sidepanelScripts(outDir) {
  const html = readFileSync(join(outDir, 'sidepanel.html'), 'utf8');
  const seen = new Set();
  const refs = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  for (const [, src] of refs) {
    collectModuleGraph(outDir, src.replace(/^\.?\//, ''), seen);
  }
  return [...seen].sort();
}

/** Files the manifest injects into every matching page (content_scripts js + css). */
export function everyPageFiles(outDir) {
  const manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
  return (manifest.content_scripts ?? []).flatMap((entry) => [...(entry.js ?? []), ...(entry.css ?? [])]);
}

/**
 * Measures a build directory (e.g. .output/chrome-mv3). Returns sizes in bytes and the files counted.
 * Throws if the build is missing.
 */
export function measureSizes(outDir) {
  if (!existsSync(join(outDir, 'manifest.json')))
    throw new Error(`No build in ${outDir}: run wxt build first.`);
  const panelFiles = sidepanelScripts(outDir);
  const extractor = join(outDir, 'content-scripts', 'extract.js');
  const everyPage = everyPageFiles(outDir);
  return {
    sidepanel_gzip_bytes: panelFiles.reduce((sum, f) => sum + gzipSize(join(outDir, f)), 0),
    extractor_gzip_bytes: existsSync(extractor) ? gzipSize(extractor) : 0,
    every_page_bytes: everyPage.reduce((sum, f) => sum + readFileSync(join(outDir, f)).length, 0),
    files: { sidepanel: panelFiles, extractor: ['content-scripts/extract.js'], everyPage },
  };
}

/** Compares measured sizes with BUDGETS: [{ name, bytes, budget, ok }]. */
export function checkBudgets(sizes) {
  return Object.entries(BUDGETS).map(([name, budget]) => ({
    name,
    bytes: sizes[name],
    budget,
    ok: sizes[name] <= budget,
  }));
}

export const formatKB = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
