// The reader's positions as a `stance-positions` file and its three renderings (JSON, Markdown for
// a chat, CSV for a spreadsheet). Private notes never enter the file; everything that leaves is
// in the file object, so the preview shows it exactly. Before anything leaves, the file is checked
// against the schema its recipients import with (exportProblems).

import * as v from 'valibot';
import { type MessageKey, t } from '@/utils/i18n';
import { clampText, cleanText, LIMITS } from '@/utils/limits';
import { positionLabel } from '@/utils/positions/labels';
import type { ArticleRecord } from '@/utils/positions/model';
import {
  POSITIONS_FORMAT,
  POSITIONS_VERSION,
  type PositionsFile,
  PositionsFileSchema,
  type SharedArticle,
  type SharedQuestion,
} from './format';
import { markdownBlock, markdownInline } from './markdown-text';
import { encodeShareCode } from './share-code';

export type ExportFormat = 'json' | 'markdown' | 'csv' | 'code';

export interface ExportIdentity {
  /** The reader's stable random participant id. */
  id: string;
  /** Display name; '' for none. */
  name: string;
}

function sharedQuestions(article: ArticleRecord): SharedQuestion[] {
  const out: SharedQuestion[] = [];
  for (const [id, q] of Object.entries(article.questions)) {
    if (q.removed?.v === true) continue;
    const snap = q.q.v;
    // A question known here only by sync's compact copy has no wording yet (it returns when the
    // page is read): a group could not tell what its position answers, so it does not leave.
    if (!snap.text) continue;
    const question: SharedQuestion = {
      id,
      kind: snap.kind,
      label: snap.label,
      text: snap.text,
      form: snap.form,
      order: snap.order,
      position: q.position?.v ?? null,
    };
    // The one rule that matters most here: a note leaves only if its author marked it shared.
    const note = q.shared?.v === true ? cleanText(q.note?.v ?? '') : '';
    if (note) question.note = note;
    out.push(question);
  }
  return out.sort((a, b) => a.order - b.order);
}

export function buildPositionsFile(
  articles: ArticleRecord[],
  identity: ExportIdentity,
  now: Date = new Date(),
): PositionsFile {
  const name = cleanText(identity.name);
  return {
    format: POSITIONS_FORMAT,
    version: POSITIONS_VERSION,
    exportedAt: now.toISOString(),
    participant: { id: identity.id, name: name || null },
    articles: articles.map(
      (a): SharedArticle => ({ url: a.url, title: a.meta.v.title, questions: sharedQuestions(a) }),
    ),
  };
}

/** What the preview lists beside the exact text: counts of what leaves and what stays. */
export interface ExportSummary {
  articles: number;
  positions: number;
  sharedNotes: number;
  /** Notes written but not marked shared: they stay on this device. */
  privateNotesKept: number;
}

export function previewExport(articles: ArticleRecord[], file: PositionsFile): ExportSummary {
  let privateNotesKept = 0;
  for (const a of articles) {
    for (const q of Object.values(a.questions)) {
      if (q.removed?.v !== true && q.note?.v.trim() && q.shared?.v !== true) privateNotesKept++;
    }
  }
  const questions = file.articles.flatMap((a) => a.questions);
  return {
    articles: file.articles.length,
    positions: questions.filter((q) => q.position !== null).length,
    sharedNotes: questions.filter((q) => q.note).length,
    privateNotesKept,
  };
}

/**
 * Something in an export that its recipients' import would refuse, and where: in a question of an
 * article, in an article, or in the file as a whole.
 */
export interface ExportProblem {
  /** The article's title, when the problem is in an article. */
  article?: string;
  /** The question's text, when the problem is in one of its questions. */
  question?: string;
  /** What is wrong, as the importer's own message says it ("a note is longer than 10,000 characters."). */
  issue: MessageKey;
}

/**
 * Every reason the importer would refuse this file, each once: the same schema, run on the file
 * before it leaves, and the same size bound. The panel bounds what the reader types, so only a
 * record stored by an earlier version (or synced from one) can have a problem; if it does, the
 * reader is told what to shorten instead of sending a file every recipient rejects.
 */
export function exportProblems(file: PositionsFile): ExportProblem[] {
  const problems = new Map<string, ExportProblem>();
  const parsed = v.safeParse(PositionsFileSchema, file);
  for (const issue of parsed.issues ?? []) {
    const keys = (issue.path ?? []).map((item) => item.key);
    const article =
      keys[0] === 'articles' && typeof keys[1] === 'number' ? file.articles[keys[1]] : undefined;
    const question =
      article && keys[2] === 'questions' && typeof keys[3] === 'number'
        ? article.questions[keys[3]]
        : undefined;
    const problem: ExportProblem = {
      issue: issue.message.startsWith('share') ? (issue.message as MessageKey) : 'shareInvalidField',
    };
    if (article) problem.article = clampText(cleanText(String(article.title)), 80);
    if (question) problem.question = clampText(cleanText(String(question.text)), 80);
    problems.set(JSON.stringify(problem), problem);
  }
  // The largest rendering a recipient imports: the JSON file (a share code inflates to less).
  const json = positionsToJson(file);
  if (json.length * 3 > LIMITS.fileBytes && new TextEncoder().encode(json).length > LIMITS.fileBytes)
    problems.set('too-large', { issue: 'shareRejectTooLarge' });
  return [...problems.values()];
}

/** One problem in words: where, then what. */
export function exportProblemMessage(problem: ExportProblem): string {
  const what =
    problem.issue === 'shareRejectTooLarge'
      ? t('shareRejectTooLarge', Math.round(LIMITS.fileBytes / 2 ** 20))
      : t(problem.issue);
  if (problem.article !== undefined && problem.question !== undefined)
    return t('shareExportProblemQuestion', problem.article, problem.question, what);
  if (problem.article !== undefined) return t('shareExportProblemArticle', problem.article, what);
  return t('shareExportProblemFile', what);
}

export function positionsToJson(file: PositionsFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** An open question without a position (one taken while it had a scale is still said). */
const wordsOnly = (q: SharedQuestion) => q.form.type === 'open' && q.position === null;

export function positionsToMarkdown(file: PositionsFile): string {
  const lines: string[] = [];
  const who = file.participant.name ? markdownInline(file.participant.name) : t('shareAnonymous');
  for (const article of file.articles) {
    lines.push(
      `## ${markdownInline(article.title)}`,
      '',
      `<${article.url.replace(/[<>\s]/g, encodeURIComponent)}>`,
      '',
    );
    lines.push(`*${t('shareMdPositionsOf', who)}*`, '');
    for (const q of article.questions) {
      const label = q.label ? `**${markdownInline(q.label)}** — ` : '';
      lines.push(`- ${label}${markdownInline(q.text)}`);
      // An open question is answered in words, its note: "Position: No position" would say nothing.
      if (!wordsOnly(q))
        lines.push(`  ${t('shareMdPosition', markdownInline(positionLabel(q.form, q.position)))}`);
      if (q.note) lines.push(markdownBlock(q.note, '  > '));
    }
    lines.push('');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

const CSV_HEADER = [
  'article_url',
  'article_title',
  'participant',
  'question_id',
  'question_kind',
  'question_label',
  'question_text',
  'answer_form',
  'pole_1',
  'pole_5',
  'position',
  'position_label',
  'shared_note',
];

/**
 * A spreadsheet cell: quoted, and a leading `=`, `+`, `-`, `@`, tab or carriage return defused with
 * a quote mark so no spreadsheet runs it as a formula (OWASP "CSV injection").
 */
export function csvCell(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}

export function positionsToCsv(file: PositionsFile): string {
  const rows = [CSV_HEADER.map(csvCell).join(',')];
  for (const a of file.articles) {
    for (const q of a.questions) {
      rows.push(
        [
          a.url,
          a.title,
          file.participant.name ?? '',
          q.id,
          q.kind,
          q.label,
          q.text,
          q.form.type,
          q.form.type === 'open' ? '' : positionLabel(q.form, 1),
          q.form.type === 'open' ? '' : positionLabel(q.form, 5),
          q.position === null ? '' : q.position,
          wordsOnly(q) ? '' : positionLabel(q.form, q.position),
          q.note ?? '',
        ]
          .map(csvCell)
          .join(','),
      );
    }
  }
  // CRLF per RFC 4180; a BOM so spreadsheet programs read accents as UTF-8.
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}

/** The text of one format; async because a share code is deflated by the platform's streams. */
export async function renderExport(file: PositionsFile, format: ExportFormat): Promise<string> {
  switch (format) {
    case 'json':
      return positionsToJson(file);
    case 'markdown':
      return positionsToMarkdown(file);
    case 'csv':
      return positionsToCsv(file);
    case 'code':
      return encodeShareCode(JSON.stringify(file));
  }
}

export const EXPORT_MIME: Record<ExportFormat, string> = {
  json: 'application/json',
  markdown: 'text/markdown',
  csv: 'text/csv',
  code: 'text/plain',
};

const EXTENSION: Record<ExportFormat, string> = { json: 'json', markdown: 'md', csv: 'csv', code: 'txt' };

/** A file name from the first article's title, safe on every file system. */
export function exportFileName(file: PositionsFile, format: ExportFormat): string {
  const base = file.articles.length === 1 ? fileSlug(file.articles[0]!.title) : '';
  return `${base || 'stance-positions'}.${EXTENSION[format]}`;
}

/**
 * "Le coup de maître" → "le-coup-de-maitre": accents folded (NFD splits "î" into "i" and a
 * combining circumflex, which is dropped), letters and digits of every script kept, anything else
 * one dash. Only the Latin, Greek and Cyrillic accents (U+0300–U+036F) go: the marks of Devanagari
 * or Thai are part of their letters, and Japanese voicing marks recompose with NFC.
 */
export function fileSlug(title: string, maxChars = 60): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-');
  // Cut by code points, not UTF-16 units, so a letter outside the BMP is never split in half.
  return [...slug.replace(/^-+/, '')].slice(0, maxChars).join('').replace(/-+$/, '');
}
