// The class report a teacher posts (npm run groups -- --format md), whole: a planted class of ten in
// two camps on five questions, with one open question whose shared answers are listed per group,
// and a class too small for groups. Deterministic (seeded maths), read and checked by hand when
// pinned, so a changed heading, lean, share, member list or escape shows here.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildClassReport, classReportMarkdown } from '@/utils/share/class-report';
import type { PositionsFile } from '@/utils/share/format';
import { plantedClass, plantedFiles } from './support/planted-class';

const ARTICLE = 'https://example.org/debate';

function classFiles(members: number): PositionsFile[] {
  const planted = plantedClass({ members, questions: 8, camps: 2, noise: 0.5, seed: 3 });
  const files = plantedFiles(planted, ARTICLE, 'Le *grand* débat');
  files.forEach((f, i) => {
    f.articles[0]!.questions.push({
      id: 'open1',
      kind: 'own',
      label: 'Question from Ms Martin',
      text: 'What would you change?',
      form: { type: 'open' },
      order: 99,
      position: null,
      ...(i % 3 === 0 ? { note: `Answer of member ${i}: *more* time\nand a second line.` } : {}),
    });
  });
  return files;
}

async function markdown(files: PositionsFile[]) {
  const inputs = files.map((f, i) => ({ source: `m${i}.json`, content: JSON.stringify(f) }));
  const { report } = await buildClassReport(inputs);
  return classReportMarkdown(report);
}

/** A pinned report, read and checked by hand: tests/unit/share/golden/. */
const golden = (name: string) => readFileSync(new URL(`./golden/${name}`, import.meta.url), 'utf8');

describe('the class report in Markdown', () => {
  it('gives a class in two camps its groups, what sets each apart, consensus, splits and written answers', async () => {
    expect(await markdown(classFiles(14))).toBe(golden('class-report-14.md'));
  });

  it('tells a class too small for groups why, and still lists its written answers', async () => {
    expect(await markdown(classFiles(3))).toBe(golden('class-report-3.md'));
  });
});
