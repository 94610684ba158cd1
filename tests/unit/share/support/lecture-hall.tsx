// The lecture-hall workload shared by the benchmark: 500 members' files on one article, then
// parse + validate + store + aggregate, and render the group view into a given container.
import { render } from 'preact';
import { GroupView } from '@/components/groups';
import type { AnswerForm } from '@/utils/extract/types';
import type { ArticleRecord, Position, QuestionRecord } from '@/utils/positions/model';
import { aggregateGroup } from '@/utils/share/aggregate';
import { buildPositionsFile } from '@/utils/share/export';
import { importManyIntoGroup, loadGroups } from '@/utils/share/group-store';
import { parseImport } from '@/utils/share/import';

export const HALL_URL = 'https://example.org/lecture';
const FORMS: AnswerForm[] = [
  { type: 'yes-no' },
  { type: 'agree-disagree' },
  { type: 'alternatives', poles: ['Mars', 'the Moon'] },
];
const STEPS: Position[] = [1, 2, 3, 4, 5, 'undecided'];

/** A member's record on a 12-question article, positions and notes spread deterministically. */
function memberArticle(i: number): ArticleRecord {
  const questions: Record<string, QuestionRecord> = {};
  for (let q = 0; q < 12; q++) {
    const position = STEPS[(i * 7 + q * 3) % STEPS.length]!;
    questions[`q${q}`] = {
      q: {
        v: {
          kind: 'debate',
          label: '',
          text: `Question number ${q}: should we do thing ${q}?`,
          form: FORMS[q % 3]!,
          order: q,
        },
        at: '0',
      },
      position: { v: position, at: '1' },
      history: {},
      ...(q % 4 === i % 4
        ? {
            note: {
              v: `Member ${i} thinks about question ${q} because of a reason stated at some length here.`,
              at: '2',
            },
            shared: { v: true, at: '2' },
          }
        : {}),
    };
  }
  return {
    url: HALL_URL,
    meta: { v: { title: 'Lecture', siteName: '', lang: 'en', readingMinutes: 5 }, at: '0' },
    questions,
  };
}

export function hallFiles(count: number): string[] {
  return Array.from({ length: count }, (_, i) =>
    JSON.stringify(buildPositionsFile([memberArticle(i)], { id: `m${i}`, name: `Student ${i}` })),
  );
}

/** Imports every file in one batch and aggregates; returns how many were imported. */
export async function importHall(files: string[]): Promise<number> {
  const parsed = await Promise.all(files.map((f) => parseImport(f, { articleUrl: HALL_URL })));
  const valid = parsed.flatMap((p) => (p.ok ? [p.value] : []));
  const verdicts = await importManyIntoGroup(HALL_URL, valid, { choice: 'ask' });
  const groups = await loadGroups(HALL_URL);
  aggregateGroup(groups.groups[0]!, memberArticle(0));
  return verdicts.filter((v) => v.ok).length;
}

/** Renders the group view and resolves once its questions are on screen. */
export async function renderHall(container: HTMLElement): Promise<number> {
  render(<GroupView articleUrl={HALL_URL} reader={memberArticle(0)} />, container);
  for (let i = 0; i < 200; i++) {
    const cards = container.querySelectorAll('.group-question').length;
    if (cards > 0) return cards;
    await new Promise((r) => setTimeout(r, 0));
  }
  return 0;
}

export function unmountHall(container: HTMLElement): void {
  render(null, container);
}
