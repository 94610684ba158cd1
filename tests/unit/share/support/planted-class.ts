// Planted opinion data for the maths' tests, the bench and the e2e test: camps at known positions
// with noise, or uniform noise, drawn from a seeded generator so every run sees the same class.
import type { ArticleRecord, Position } from '@/utils/positions/model';
import type { Group, GroupMember, GroupQuestion, PositionsFile } from '@/utils/share/format';
// Relative, not '@/': the e2e tests (no WXT alias) plant their class with it too.
import { seededRandom } from '../../../../utils/share/opinion/cluster';

export interface PlantedOptions {
  members: number;
  questions: number;
  /** Number of camps; 0 for uniform noise. */
  camps: number;
  /** Standard deviation of each answer around its camp's position, in steps. */
  noise?: number;
  /** Share of answers left out (not answered). */
  missing?: number;
  seed?: number;
}

export interface PlantedClass {
  group: Group;
  /** Each member's planted camp, by member key (all 0 for noise). */
  camp: Map<string, number>;
  /** Each camp's planted position per question. */
  profiles: number[][];
}

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

export function questionId(j: number): string {
  return `pq${j}`;
}

export function plantedClass(o: PlantedOptions): PlantedClass {
  const random = seededRandom(o.seed ?? 42);
  const noise = o.noise ?? 0.6;
  const questions: Record<string, GroupQuestion> = {};
  for (let j = 0; j < o.questions; j++) {
    questions[questionId(j)] = {
      kind: 'debate',
      label: '',
      text: `Planted question ${j + 1}?`,
      form: { type: 'agree-disagree' },
      order: j,
    };
  }
  // Each camp leans to one end or the other on every question (1.5 or 4.5), drawn again until it
  // differs from every other camp on at least 40 % of the questions: clearly separated camps.
  const profiles: number[][] = [];
  const differ = (a: number[], b: number[]) => a.filter((x, j) => x !== b[j]).length;
  for (let tries = 0; profiles.length < o.camps; tries++) {
    const p = Array.from({ length: o.questions }, () => (random() < 0.5 ? 1.5 : 4.5));
    const apart = Math.ceil(o.questions * 0.4);
    if (tries > 10_000 || profiles.every((q) => differ(p, q) >= apart)) profiles.push(p);
  }
  const camp = new Map<string, number>();
  const members: GroupMember[] = [];
  for (let i = 0; i < o.members; i++) {
    const c = o.camps > 0 ? i % o.camps : 0;
    const key = `m${i}`;
    camp.set(key, c);
    const answers: GroupMember['answers'] = {};
    for (let j = 0; j < o.questions; j++) {
      if (random() < (o.missing ?? 0)) continue;
      const x = o.camps > 0 ? profiles[c]![j]! + gaussian(random) * noise : 1 + random() * 5 - 0.5;
      answers[questionId(j)] = { position: Math.min(5, Math.max(1, Math.round(x))) as Position };
    }
    members.push({
      key,
      participantId: key,
      name: i % 5 === 4 ? null : `Member ${i + 1}`,
      exportedAt: '2026-12-01T10:00:00.000Z',
      importedAt: 1,
      answers,
    });
  }
  return { group: { id: 'planted', name: 'Planted', nameAt: 1, questions, members }, camp, profiles };
}

/** Adjusted Rand index (Hubert & Arabie 1985) of two labellings of the same items. */
export function adjustedRandIndex(a: number[], b: number[]): number {
  const pairs = (n: number) => (n * (n - 1)) / 2;
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  a.forEach((x, i) => {
    const y = b[i]!;
    table.set(`${x},${y}`, (table.get(`${x},${y}`) ?? 0) + 1);
    rows.set(x, (rows.get(x) ?? 0) + 1);
    cols.set(y, (cols.get(y) ?? 0) + 1);
  });
  const index = [...table.values()].reduce((s, n) => s + pairs(n), 0);
  const rowSum = [...rows.values()].reduce((s, n) => s + pairs(n), 0);
  const colSum = [...cols.values()].reduce((s, n) => s + pairs(n), 0);
  const expected = (rowSum * colSum) / pairs(a.length);
  const max = (rowSum + colSum) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** Each planted member as the `stance-positions` file they would have exported on `url`. */
export function plantedFiles(
  planted: PlantedClass,
  url: string,
  title = 'A planted debate',
): PositionsFile[] {
  const questions = Object.entries(planted.group.questions);
  return planted.group.members.map((m) => ({
    format: 'stance-positions',
    version: 1,
    exportedAt: m.exportedAt,
    participant: { id: m.participantId, name: m.name },
    articles: [
      {
        url,
        title,
        questions: questions.map(([id, q]) => ({
          id,
          kind: q.kind,
          label: q.label,
          text: q.text,
          form: q.form,
          order: q.order,
          position: Object.hasOwn(m.answers, id) ? m.answers[id]!.position : null,
        })),
      },
    ],
  }));
}

/** The reader's own record on `url`, with these positions (by question id). */
export function readerAnswering(url: string, positions: Record<string, Position>): ArticleRecord {
  const questions: ArticleRecord['questions'] = {};
  for (const [id, p] of Object.entries(positions)) {
    questions[id] = {
      q: { v: { kind: 'debate', label: '', text: id, form: { type: 'agree-disagree' }, order: 0 }, at: 'a' },
      position: { v: p, at: 'b' },
      history: {},
    };
  }
  return {
    url,
    meta: { v: { title: 'A planted debate', siteName: '', lang: 'en', readingMinutes: 1 }, at: 'a' },
    questions,
  };
}

/** The positions a reader of `camp` would give: its planted end on every question. */
export function campPositions(planted: PlantedClass, camp: number): Record<string, Position> {
  return Object.fromEntries(
    planted.profiles[camp]!.map((x, j) => [questionId(j), (x < 3 ? 1 : 5) as Position]),
  );
}
