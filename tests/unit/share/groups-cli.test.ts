// `npm run groups`: a folder of exported files and share codes becomes a class report, with the
// panel's verdicts on stderr and a failing exit code when nothing could be read.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aggregateGroup } from '@/utils/share/aggregate';
import { type ClassReport, groupSummaryWithOpinions } from '@/utils/share/class-report';
import { groupSummaryMarkdown } from '@/utils/share/markdown-summary';
import { encodeShareCode } from '@/utils/share/share-code';
import { parseGroupsArgs, runGroups } from '../../../scripts/groups';
import { plantedClass, plantedFiles } from './support/planted-class';

const URL = 'https://example.org/debate';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'stance-groups-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(...argv: string[]) {
  let out = '';
  let err = '';
  const code = await runGroups(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const planted = plantedClass({ members: 14, questions: 8, camps: 2, noise: 0.5, seed: 3 });

async function writeClass() {
  const files = plantedFiles(planted, URL);
  for (const [i, f] of files.slice(0, 10).entries())
    writeFileSync(join(dir, `m${i}.json`), JSON.stringify(f));
  const codes = await Promise.all(files.slice(10).map((f) => encodeShareCode(JSON.stringify(f))));
  writeFileSync(join(dir, 'codes.txt'), `${codes.join('\n')}\nstance1.broken\n`);
  writeFileSync(join(dir, 'backup.json'), JSON.stringify({ format: 'stance-backup', version: 1 }));
}

describe('npm run groups', () => {
  it('reads a folder of files and share codes into a report with the planted camps', async () => {
    await writeClass();
    const { code, out, err } = await run(dir);
    expect(code).toBe(0);
    const report = JSON.parse(out) as ClassReport;
    expect(report.format).toBe('stance-group-report');
    expect(report.articles).toHaveLength(1);
    const [article] = report.articles;
    expect(article!.members).toHaveLength(14);
    expect(article!.questions).toHaveLength(8);
    expect(article!.questions[0]!.answered).toBe(14);
    expect(article!.opinion.verdict).toBe('groups');
    for (const g of article!.opinion.groups) {
      expect(new Set(g.members.map((k) => planted.camp.get(k))).size).toBe(1);
      expect(g.distinguishing.length).toBeGreaterThan(0);
    }
    expect(article!.opinion.groups.flatMap((g) => g.members).sort()).toEqual([...planted.camp.keys()].sort());
    // The panel's own verdicts, one per input, on stderr.
    expect(err).toContain(`${join(dir, 'codes.txt')}:5: the share code is damaged or incomplete`);
    expect(err).toContain(`${join(dir, 'backup.json')}: this is a Stance backup`);
    expect(err).toContain(`${join(dir, 'codes.txt')}:1: read (Member 11)`);
    expect(err).toContain(`${join(dir, 'm4.json')}: read (Anonymous)`);
  });

  it('writes Markdown for a teacher, opinion groups first', async () => {
    await writeClass();
    const { code, out } = await run(dir, '--format', 'md');
    expect(code).toBe(0);
    expect(out).toMatch(/^# A planted debate/);
    expect(out.indexOf('## Opinion groups')).toBeLessThan(out.indexOf('## Planted question'));
    expect(out).toContain('### Group A · 7 members');
    expect(out).toContain('What sets this group apart:');
  });

  it('fails with a non-zero exit when nothing could be read', async () => {
    writeFileSync(join(dir, 'not.json'), 'hello');
    const { code, out, err } = await run(dir, join(dir, 'missing.json'));
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('not.json: this is not a JSON file');
    expect(err).toContain('missing.json: cannot read (ENOENT)');
    expect(err).toContain('groups: nothing could be read');
  });

  it('keeps only the asked article, and says why other files are left out', async () => {
    await writeClass();
    const other = plantedFiles(planted, 'https://example.org/other', 'Another debate')[0]!;
    writeFileSync(join(dir, 'other.json'), JSON.stringify(other));
    const { code, out, err } = await run(dir, `--article=${URL}`);
    expect(code).toBe(0);
    expect((JSON.parse(out) as ClassReport).articles.map((a) => a.url)).toEqual([URL]);
    expect(err).toContain('other.json: it holds positions on another article (Another debate)');
    expect((await run(dir, '--article', 'https://example.org/none')).code).toBe(1);
  });

  it('counts a person once: their later export replaces the earlier', async () => {
    const [first] = plantedFiles(planted, URL);
    const later = structuredClone(first!);
    later.exportedAt = '2026-12-02T10:00:00.000Z';
    for (const q of later.articles[0]!.questions) q.position = 3;
    writeFileSync(join(dir, 'b-later.json'), JSON.stringify(later));
    writeFileSync(join(dir, 'a-first.json'), JSON.stringify(first));
    const { out, err } = await run(dir);
    const [article] = (JSON.parse(out) as ClassReport).articles;
    expect(article!.members).toHaveLength(1);
    expect(article!.questions[0]!.distribution[3]).toBe(1);
    expect(err).toContain('b-later.json: a later export of Member 1 replaces an earlier one');
  });

  it('refuses unknown options and bad formats with usage', () => {
    expect(parseGroupsArgs([])).toMatch(/^usage/);
    expect(parseGroupsArgs(['x', '--format', 'csv'])).toBe('--format is json or md, not csv');
    expect(parseGroupsArgs(['x', '--bogus'])).toBe('unknown option: --bogus');
    expect(parseGroupsArgs(['a', '--article', 'u', '--format=md'])).toEqual({
      paths: ['a'],
      articleUrl: 'u',
      format: 'md',
    });
  });
});

describe('the panel’s summary', () => {
  it('puts the opinion groups after the introduction, before the questions', () => {
    const heading = { articleTitle: 'A planted debate', articleUrl: URL, groupName: 'Class 3B' };
    const summary = groupSummaryMarkdown(aggregateGroup(planted.group, null), heading);
    const out = groupSummaryWithOpinions(planted.group, summary);
    expect(out.indexOf('Group “Class 3B”, 14 members.')).toBeLessThan(out.indexOf('## Opinion groups'));
    expect(out.indexOf('## Opinion groups')).toBeLessThan(out.indexOf('## Planted question'));
    expect(out).toContain('The members fall into 2 opinion groups.');
    // Nothing of the summary is lost: it is all there, after the groups.
    expect(out.replace(/## Opinion groups[\s\S]*?(?=## Planted question)/, '')).toBe(summary);
  });
});
