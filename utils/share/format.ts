// The files Stance writes for others and for itself: `stance-positions` v1 (one reader's positions,
// shared with a group) and `stance-backup` v1 (everything on this device). The valibot schemas
// are the single definition of both: they validate imports, bound every size, and give the types.
import * as v from 'valibot';
import type { MessageKey } from '@/utils/i18n';
import { cleanText, isArticleUrl, isRecordId, LIMITS } from '@/utils/limits';

export { LIMITS };

export const POSITIONS_FORMAT = 'stance-positions';
export const POSITIONS_VERSION = 1;
export const BACKUP_FORMAT = 'stance-backup';
export const BACKUP_VERSION = 1;

/** A bounded string, cleaned of control characters; the message key says which bound failed. */
function text(max: number, tooLong: MessageKey) {
  return v.pipe(v.string('shareInvalidText'), v.maxLength(max, tooLong), v.transform(cleanText));
}

/** An id: bounded, clean, never a key that reaches a prototype (isRecordId, as sync reads them). */
const IdSchema = v.pipe(v.string('shareInvalidId'), v.check(isRecordId, 'shareInvalidId'));

/** An article's address: http(s) and bounded, the same test as everywhere else (isArticleUrl). */
const ArticleUrlSchema = v.pipe(
  v.string('shareInvalidUrl'),
  v.check((url: string) => isArticleUrl(url), 'shareInvalidUrl'),
);

export const PositionSchema = v.picklist([1, 2, 3, 4, 5, 'undecided'] as const, 'shareInvalidPosition');

export const AnswerFormSchema = v.variant(
  'type',
  [
    v.object({ type: v.literal('yes-no') }),
    v.object({ type: v.literal('agree-disagree') }),
    // Answered in words: the answer travels as the question's note (shared, or not at all).
    v.object({ type: v.literal('open') }),
    v.object({
      type: v.literal('alternatives'),
      poles: v.tuple([
        text(LIMITS.textChars, 'shareTooLongText'),
        text(LIMITS.textChars, 'shareTooLongText'),
      ]),
    }),
  ],
  'shareInvalidForm',
);

const KindSchema = v.picklist(['debate', 'raised', 'claim', 'own'] as const, 'shareInvalidKind');

/** One question as a group member answered it; the note only when its author marked it shared. */
export const SharedQuestionSchema = v.object({
  id: IdSchema,
  kind: KindSchema,
  label: v.optional(text(LIMITS.textChars, 'shareTooLongText'), ''),
  text: text(LIMITS.textChars, 'shareTooLongText'),
  form: AnswerFormSchema,
  order: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(1_000_000)), 0),
  position: v.nullable(PositionSchema),
  note: v.optional(text(LIMITS.noteChars, 'shareTooLongNote')),
});

export const SharedArticleSchema = v.object({
  url: ArticleUrlSchema,
  title: text(LIMITS.textChars, 'shareTooLongText'),
  questions: v.pipe(
    v.array(SharedQuestionSchema, 'shareInvalidQuestions'),
    v.maxLength(LIMITS.questionsPerArticle, 'shareTooManyQuestions'),
    v.check((qs) => new Set(qs.map((q) => q.id)).size === qs.length, 'shareDuplicateQuestion'),
  ),
});

export const ParticipantSchema = v.object({
  /** Random and stable per reader, so a re-export is recognised as the same person. */
  id: IdSchema,
  /** The display name the reader chose for this export; null when anonymous. */
  name: v.nullable(
    v.pipe(
      text(LIMITS.nameChars, 'shareTooLongName'),
      v.transform((s) => s || null),
    ),
  ),
});

/** `stance-positions` v1: a reader's positions on one or more articles. */
export const PositionsFileSchema = v.object({
  format: v.literal(POSITIONS_FORMAT),
  version: v.literal(POSITIONS_VERSION),
  /** ISO 8601 time of the export. */
  exportedAt: v.pipe(v.string(), v.maxLength(40)),
  participant: ParticipantSchema,
  articles: v.pipe(
    v.array(SharedArticleSchema, 'shareInvalidArticles'),
    v.minLength(1, 'shareNoArticle'),
    v.maxLength(LIMITS.articlesPerFile, 'shareTooManyArticles'),
  ),
});

export type PositionsFile = v.InferOutput<typeof PositionsFileSchema>;
export type SharedArticle = v.InferOutput<typeof SharedArticleSchema>;
export type SharedQuestion = v.InferOutput<typeof SharedQuestionSchema>;
export type Participant = v.InferOutput<typeof ParticipantSchema>;

// --- Groups: what an import keeps, apart from the reader's own records ------------------------

/** A question as the group knows it: the first snapshot seen for its id. */
export const GroupQuestionSchema = v.object({
  kind: KindSchema,
  label: v.string(),
  text: v.string(),
  form: AnswerFormSchema,
  order: v.number(),
});

export const GroupAnswerSchema = v.object({
  position: v.nullable(PositionSchema),
  note: v.optional(v.string()),
});

export const GroupMemberSchema = v.object({
  /** Unique in its group: the participant id, suffixed when the reader kept both of two files. */
  key: IdSchema,
  participantId: IdSchema,
  name: v.nullable(v.string()),
  exportedAt: v.string(),
  /** ms since the epoch; the later import wins when a backup is restored. */
  importedAt: v.number(),
  /** By question id; a question absent here was not in this member's file. */
  answers: v.record(IdSchema, GroupAnswerSchema),
});

export const GroupSchema = v.object({
  id: IdSchema,
  name: v.string(),
  /** ms since the epoch of the last rename, so a restore keeps the later name. */
  nameAt: v.number(),
  questions: v.record(IdSchema, GroupQuestionSchema),
  members: v.pipe(
    v.array(GroupMemberSchema),
    v.maxLength(LIMITS.participantsPerGroup, 'shareTooManyMembers'),
  ),
  /** Members the reader removed, by key: when (ms), so a restored older copy does not bring them back. */
  removed: v.optional(v.record(IdSchema, v.number())),
});

export const ArticleGroupsSchema = v.object({
  groups: v.pipe(v.array(GroupSchema), v.maxLength(LIMITS.groupsPerArticle)),
  /** Groups the reader deleted, by id: when (ms), so a restored older copy does not bring them back. */
  deleted: v.optional(v.record(IdSchema, v.number())),
});

export type GroupQuestion = v.InferOutput<typeof GroupQuestionSchema>;
export type GroupAnswer = v.InferOutput<typeof GroupAnswerSchema>;
export type GroupMember = v.InferOutput<typeof GroupMemberSchema>;
export type Group = v.InferOutput<typeof GroupSchema>;
export type ArticleGroups = v.InferOutput<typeof ArticleGroupsSchema>;

// --- Backup: the reader's whole library, as stored (stamped registers, history, tombstones) ---
// Free text is bounded by the file's size only: a backup restores what an earlier version stored.
// Identities are checked: an article's URL (isArticleUrl), question ids, positions, stamps.

const StampSchema = v.pipe(v.string(), v.maxLength(LIMITS.stampChars));
function stamped<T extends v.GenericSchema>(value: T) {
  return v.object({ v: value, at: StampSchema });
}

/** A form as stored: an earlier version's extractor did not bound poles, and a restore keeps them. */
const StoredFormSchema = v.variant(
  'type',
  [
    v.object({ type: v.literal('yes-no') }),
    v.object({ type: v.literal('agree-disagree') }),
    v.object({ type: v.literal('open') }),
    v.object({ type: v.literal('alternatives'), poles: v.tuple([v.string(), v.string()]) }),
  ],
  'shareInvalidForm',
);

const BackupQuestionSchema = v.object({
  q: stamped(
    v.object({
      kind: KindSchema,
      label: v.string(),
      text: v.string(),
      form: StoredFormSchema,
      attribution: v.optional(v.string()),
      anchor: v.optional(v.string()),
      order: v.number(),
    }),
  ),
  position: v.optional(stamped(v.nullable(PositionSchema))),
  note: v.optional(stamped(v.string())),
  shared: v.optional(stamped(v.boolean())),
  history: v.record(
    StampSchema,
    v.object({
      from: v.nullable(PositionSchema),
      to: v.nullable(PositionSchema),
      reason: v.optional(stamped(v.string())),
    }),
  ),
  removed: v.optional(stamped(v.boolean())),
});

export const BackupArticleSchema = v.object({
  url: ArticleUrlSchema,
  meta: stamped(
    v.object({ title: v.string(), siteName: v.string(), lang: v.string(), readingMinutes: v.number() }),
  ),
  note: v.optional(stamped(v.string())),
  questions: v.record(IdSchema, BackupQuestionSchema),
  localOnly: v.optional(stamped(v.boolean())),
  deleted: v.optional(stamped(v.boolean())),
});

/**
 * `stance-backup` v1 as a whole: the envelope, with each article and each article's groups left
 * to be validated one by one (BackupArticleSchema, ArticleGroupsSchema), so one bad entry is
 * reported and left out instead of refusing the reader's whole library.
 */
export const BackupEnvelopeSchema = v.object({
  format: v.literal(BACKUP_FORMAT),
  version: v.literal(BACKUP_VERSION),
  exportedAt: v.string(),
  articles: v.array(v.unknown(), 'shareInvalidArticles'),
  /** By article URL; an own-keys object as JSON.parse made it, keys checked one by one. */
  groups: v.custom<Record<string, unknown>>(
    (value) => typeof value === 'object' && value !== null && !Array.isArray(value),
    'shareInvalidField',
  ),
});

export type BackupArticle = v.InferOutput<typeof BackupArticleSchema>;

/** `stance-backup` v1: every article, position, note, history entry and group on this device. */
export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: typeof BACKUP_VERSION;
  exportedAt: string;
  articles: BackupArticle[];
  /** By article URL. */
  groups: Record<string, ArticleGroups>;
}
