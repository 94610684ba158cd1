// @vitest-environment node
// The GritQL plugin lint/no-html-sinks.grit must report each of the six sinks in
// lint/fixtures/sinks.ts. Biome skips that folder, so the fixture is linted from a copy in a
// temporary folder that git does not ignore (Biome honours .gitignore) and is deleted afterwards.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, expect, test } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(root, 'lint', 'rule-check-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface BiomeDiagnostic {
  category: string;
  message: string;
  location: { start: { line: number } };
}

function lintCopyOfFixture(): BiomeDiagnostic[] {
  copyFileSync(join(root, 'lint', 'fixtures', 'sinks.ts'), join(dir, 'sinks.ts'));
  let stdout: string;
  try {
    stdout = execFileSync(join(root, 'node_modules', '.bin', 'biome'), ['lint', '--reporter=json', dir], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    // Biome exits 1 when it reports errors, which is what this test expects.
    stdout = (error as { stdout: string }).stdout;
  }
  return JSON.parse(stdout).diagnostics;
}

test('no-html-sinks reports every sink in the fixture, one per line', () => {
  const reported = lintCopyOfFixture().filter((d) => d.category === 'plugin');
  expect(reported).toHaveLength(6);
  expect(reported.map((d) => d.location.start.line)).toEqual([3, 4, 5, 6, 7, 8]);
});
