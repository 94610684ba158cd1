// The question pack: built from the article's questions and the teacher's own, read back whole or
// refused whole, and the teacher's questions answered by students under the same ids.
import { describe, expect, it } from 'vitest';
import { questionId } from '@/utils/extract/ids';
import type { Extraction } from '@/utils/extract/types';
import { ensureQuestion, setPosition } from '@/utils/positions/actions';
import type { ArticleRecord } from '@/utils/positions/model';
import { aggregateGroup } from '@/utils/share/aggregate';
import { buildPositionsFile } from '@/utils/share/export';
import { addMember, newGroup } from '@/utils/share/groups';
import { parseImport } from '@/utils/share/import';
import {
  buildQuestionPack,
  PACK_FORMAT,
  packQuestionsToAdd,
  packToJson,
  packToShareCode,
  parseQuestionPack,
  type QuestionPack,
} from '@/utils/share/question-pack';
import { pageExtraction } from '../../support/extraction';
import { readerArticle, URL_A } from './fixtures';

const OWN_TEXT = 'Should the school buy rockets?';
const OWN_ID = questionId(OWN_TEXT);

function extraction(): Extraction {
  return pageExtraction(URL_A, 'The SpaceX IPO', [
    { id: 'q1', kind: 'debate', label: '', text: 'Should SpaceX go public?', form: { type: 'yes-no' } },
    {
      id: 'q2',
      kind: 'debate',
      label: '',
      text: 'Monopolies are good for innovation.',
      form: { type: 'agree-disagree' },
    },
  ]);
}

/** The teacher's record: the fixture's questions plus one of their own, and one they removed. */
function teacherRecord(): ArticleRecord {
  let r = readerArticle({ q1: 5 });
  r = ensureQuestion(
    r,
    { kind: 'own', label: '', text: OWN_TEXT, form: { type: 'agree-disagree' }, order: 10_003 },
    OWN_ID,
    's1',
  );
  const gone = 'Removed one?';
  r = ensureQuestion(
    r,
    { kind: 'own', label: '', text: gone, form: { type: 'yes-no' }, order: 10_004 },
    questionId(gone),
    's1',
  );
  r.questions[questionId(gone)]!.removed = { v: true, at: 's2' };
  return r;
}

function pack(): QuestionPack {
  return buildQuestionPack(
    teacherRecord(),
    extraction(),
    { id: 'teacher-1', name: ' Ms Martin\u202E ' },
    new Date('2026-12-01T09:00:00Z'),
  )!;
}

describe('question pack', () => {
  it('holds the page’s questions in order, then the teacher’s own (not removed ones)', () => {
    const p = pack();
    expect(p.format).toBe(PACK_FORMAT);
    expect(p.author).toEqual({ id: 'teacher-1', name: 'Ms Martin' });
    expect(p.article).toEqual({ url: URL_A, title: 'The SpaceX IPO' });
    expect(p.questions.map((q) => q.id)).toEqual(['q1', 'q2', OWN_ID]);
    expect(p.questions[2]).toMatchObject({ kind: 'own', text: OWN_TEXT });
    expect(buildQuestionPack(null, null, { id: 'x', name: '' })).toBeNull();
  });

  it('builds from the record alone (no page read), own questions in their order, titled from the record', () => {
    let r = teacherRecord();
    const second = 'A second own question?';
    r = ensureQuestion(
      r,
      { kind: 'own', label: '', text: second, form: { type: 'yes-no' }, order: 10_001 },
      questionId(second),
      's1',
    );
    const blank = 'blank';
    r = ensureQuestion(
      r,
      { kind: 'own', label: '', text: '', form: { type: 'yes-no' }, order: 10_000 },
      blank,
      's1',
    );
    const p = buildQuestionPack(r, null, { id: 't', name: '' }, new Date('2026-12-01T09:00:00Z'))!;
    // Ordered by their order (10,001 before 10,003), not by when they were added; no empty one.
    expect(p.questions.map((q) => q.id)).toEqual([questionId(second), OWN_ID]);
    expect(p.article).toEqual({ url: URL_A, title: 'The SpaceX IPO' });
    expect(p.author).toEqual({ id: 't', name: null });
    expect(p.exportedAt).toBe('2026-12-01T09:00:00.000Z');
    // The page's questions that the record holds are not own questions: none of them.
    expect(p.questions.some((q) => q.id === 'q1')).toBe(false);
  });

  it('takes the page’s address and title over the record’s, and has nothing to pack without questions', () => {
    const page = pageExtraction('https://example.org/moved', 'New title', []);
    const p = buildQuestionPack(teacherRecord(), page, { id: 't', name: 'T' })!;
    expect(p.article).toEqual({ url: 'https://example.org/moved', title: 'New title' });
    expect(buildQuestionPack(readerArticle({}), null, { id: 't', name: 'T' })).toBeNull();
    expect(buildQuestionPack(null, pageExtraction(URL_A, 'T', []), { id: 't', name: 'T' })).toBeNull();
    const pageOnly = buildQuestionPack(null, extraction(), { id: 't', name: 'T' })!;
    expect(pageOnly.questions.map((q) => [q.id, q.order])).toEqual([
      ['q1', 0],
      ['q2', 1],
    ]);
  });

  it('round-trips as a file and as a share code', async () => {
    const p = pack();
    expect(await parseQuestionPack(packToJson(p), { articleUrl: URL_A })).toEqual({ ok: true, value: p });
    const code = await packToShareCode(p);
    expect(code.startsWith('stance1.')).toBe(true);
    expect(await parseQuestionPack(code, { articleUrl: URL_A })).toEqual({ ok: true, value: p });
  });

  it('refuses a damaged or foreign file whole, with a precise reason', async () => {
    const read = (x: unknown) => parseQuestionPack(JSON.stringify(x), { articleUrl: URL_A });
    const reason = async (x: unknown) => {
      const r = await read(x);
      return r.ok ? 'ok' : r.rejection;
    };
    const p = pack();
    // An own question whose id is not its text's: it could otherwise take over another question's id.
    const stolen = structuredClone(p);
    stolen.questions[2]!.id = 'q1x';
    expect(await reason(stolen)).toMatchObject({ reason: 'invalid', issue: 'shareInvalidId' });
    const twice = structuredClone(p);
    twice.questions.push(twice.questions[0]!);
    expect(await reason(twice)).toMatchObject({ reason: 'invalid', issue: 'shareDuplicateQuestion' });
    expect(await reason({ ...p, questions: [] })).toMatchObject({ reason: 'invalid' });
    expect(await reason({ ...p, version: 2 })).toEqual({ reason: 'newer-version', version: 2 });
    expect(await reason({ ...p, article: { ...p.article, url: 'https://example.org/other' } })).toEqual({
      reason: 'other-article',
      titles: ['The SpaceX IPO'],
    });
    const positions = buildPositionsFile([readerArticle()], { id: 'a', name: '' });
    expect(await reason(positions)).toEqual({ reason: 'not-pack' });
    expect(await reason({ format: 'something' })).toEqual({ reason: 'not-pack' });
    expect((await parseQuestionPack('not json', { articleUrl: URL_A })).ok).toBe(false);
    expect(
      await reason({ ...p, questions: p.questions.map((q) => ({ ...q, form: { type: 'scale' } })) }),
    ).toMatchObject({
      reason: 'invalid',
    });
  });

  it('adds only the teacher’s questions the student lacks, labelled as the teacher’s', () => {
    const student = readerArticle({ q2: 1 });
    const added = packQuestionsToAdd(pack(), student, 'Question from Ms Martin');
    expect(added).toEqual([
      [
        OWN_ID,
        {
          kind: 'own',
          label: 'Question from Ms Martin',
          text: OWN_TEXT,
          form: { type: 'agree-disagree' },
          order: 10_003,
        },
      ],
    ]);
    // Already held: never rewritten.
    const holding = ensureQuestion(student, added[0]![1], OWN_ID, 's3');
    expect(packQuestionsToAdd(pack(), holding, 'x')).toEqual([]);
  });

  it('lines up the students’ answers to the teacher’s question in the group view', async () => {
    const answers = [1, 2, 5];
    let group = newGroup('g', 'Class', 0);
    for (const [i, position] of answers.entries()) {
      let student = readerArticle({ q1: 3 });
      for (const [id, snapshot] of packQuestionsToAdd(pack(), student, 'Question from Ms Martin')) {
        student = ensureQuestion(student, snapshot, id, 's4');
      }
      student = setPosition(student, OWN_ID, position as 1, `s5-${i}`);
      const file = buildPositionsFile([student], { id: `s${i}`, name: `Student ${i}` });
      const imported = await parseImport(JSON.stringify(file), { articleUrl: URL_A });
      if (!imported.ok) throw new Error(imported.rejection.reason);
      const next = addMember(group, imported.value, 'ask', 1);
      if (!next.ok) throw new Error(next.rejection.reason);
      group = next.value;
    }
    const teacher = aggregateGroup(group, teacherRecord()).questions.find((q) => q.id === OWN_ID)!;
    expect(teacher.answered).toBe(3);
    expect(teacher.distribution).toMatchObject({ 1: 1, 2: 1, 5: 1 });
    expect(teacher.question.text).toBe(OWN_TEXT);
  });
});
