// `stance-question-pack` v1: the questions a teacher wants a class to weigh on one article — the
// article's own and the teacher's — as a file or a share code. Importing one adds the teacher's
// questions to the student's record for that article, marked as the teacher's and under the same
// stable ids, so the students' exports answer them and the group view lines them up. Validated in
// full before anything is written, like every import; a question already in the student's record
// is never rewritten (a pack cannot put other words on an answer already given).
import * as v from 'valibot';
import { questionId } from '@/utils/extract/ids';
import type { Extraction } from '@/utils/extract/types';
import { cleanText } from '@/utils/limits';
import type { ArticleRecord, QuestionSnapshot } from '@/utils/positions/model';
import { LIMITS, ParticipantSchema, SharedArticleSchema, SharedQuestionSchema } from './format';
import { checkFormat, readJson, validate } from './read-file';
import { type Result, rejected } from './result';
import { encodeShareCode } from './share-code';

export const PACK_FORMAT = 'stance-question-pack';
export const PACK_VERSION = 1;

const PackQuestionSchema = v.omit(SharedQuestionSchema, ['position', 'note']);

export const QuestionPackSchema = v.object({
  format: v.literal(PACK_FORMAT),
  version: v.literal(PACK_VERSION),
  /** ISO 8601 time of the export. */
  exportedAt: v.pipe(v.string(), v.maxLength(40)),
  /** The teacher: their participant id and display name (null when none). */
  author: ParticipantSchema,
  article: v.pick(SharedArticleSchema, ['url', 'title']),
  questions: v.pipe(
    v.array(PackQuestionSchema, 'shareInvalidQuestions'),
    v.minLength(1, 'shareInvalidQuestions'),
    v.maxLength(LIMITS.questionsPerArticle, 'shareTooManyQuestions'),
    v.check((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'shareDuplicateQuestion'),
    // The teacher's own questions carry the id of their text, as every Stance question does: a
    // pack cannot give a new text an id that belongs to another question.
    v.check((qs) => qs.every((q) => q.kind !== 'own' || q.id === questionId(q.text)), 'shareInvalidId'),
  ),
});

export type QuestionPack = v.InferOutput<typeof QuestionPackSchema>;
export type PackQuestion = v.InferOutput<typeof PackQuestionSchema>;

/** The pack of an article: the page's questions in page order, then the teacher's own. */
export function buildQuestionPack(
  record: ArticleRecord | null,
  extraction: Extraction | null,
  author: { id: string; name: string },
  now: Date = new Date(),
): QuestionPack | null {
  const url = extraction?.article?.url ?? record?.url;
  if (!url) return null;
  const questions: PackQuestion[] = [];
  const seen = new Set<string>();
  extraction?.questions.forEach((q, order) => {
    seen.add(q.id);
    questions.push({ id: q.id, kind: q.kind, label: q.label, text: q.text, form: q.form, order });
  });
  const own = Object.entries(record?.questions ?? {})
    .filter(([id, q]) => !seen.has(id) && q.removed?.v !== true && q.q.v.kind === 'own' && q.q.v.text)
    .sort(([, a], [, b]) => a.q.v.order - b.q.v.order);
  for (const [id, q] of own) {
    const { kind, label, text, form, order } = q.q.v;
    questions.push({ id, kind, label, text, form, order });
  }
  if (questions.length === 0) return null;
  return {
    format: PACK_FORMAT,
    version: PACK_VERSION,
    exportedAt: now.toISOString(),
    author: { id: author.id, name: cleanText(author.name) || null },
    article: { url, title: extraction?.article?.title ?? record?.meta.v.title ?? '' },
    questions,
  };
}

export function packToJson(pack: QuestionPack): string {
  return `${JSON.stringify(pack, null, 2)}\n`;
}

export function packToShareCode(pack: QuestionPack): Promise<string> {
  return encodeShareCode(JSON.stringify(pack));
}

/** A pack file or share code for `articleUrl`, checked whole; any failure is a precise reason. */
export async function parseQuestionPack(
  input: string | Uint8Array,
  context: { articleUrl: string },
): Promise<Result<QuestionPack>> {
  const json = await readJson(input, LIMITS.fileBytes);
  if (!json.ok) return json;
  const claimed = checkFormat(json.value, PACK_FORMAT, PACK_VERSION, {
    format: 'stance-positions',
    reason: 'is-positions',
  });
  if (!claimed.ok) {
    const wrongKind =
      claimed.rejection.reason === 'not-stance' || claimed.rejection.reason === 'is-positions';
    return wrongKind ? rejected({ reason: 'not-pack' }) : claimed;
  }
  const pack = validate(QuestionPackSchema, claimed.value);
  if (!pack.ok) return pack;
  if (pack.value.article.url !== context.articleUrl) {
    return rejected({ reason: 'other-article', titles: [pack.value.article.title] });
  }
  return pack;
}

/**
 * The teacher's questions to add to the student's record: the pack's own questions the record
 * does not hold yet, each labelled with whose it is, after the student's own questions. The
 * article's questions are left to the page, which gives them the same ids.
 */
export function packQuestionsToAdd(
  pack: QuestionPack,
  record: ArticleRecord | null,
  label: string,
): [string, QuestionSnapshot][] {
  const held = record?.questions ?? {};
  const start = 10_000 + Object.keys(held).length;
  return pack.questions
    .filter((q) => q.kind === 'own' && !Object.hasOwn(held, q.id))
    .map((q, i): [string, QuestionSnapshot] => [
      q.id,
      { kind: 'own', label, text: q.text, form: q.form, order: start + i },
    ]);
}
