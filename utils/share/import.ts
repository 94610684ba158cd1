// Reading one imported file (JSON, or a pasted share code) for an article's group: every check
// short of the group itself, each failure a precise reason. Pure (async only to inflate share
// codes): nothing is stored here.
import {
  BACKUP_FORMAT,
  LIMITS,
  type Participant,
  POSITIONS_FORMAT,
  POSITIONS_VERSION,
  type PositionsFile,
  PositionsFileSchema,
  type SharedArticle,
} from './format';
import { checkFormat, readJson, validate } from './read-file';
import { ok, type Result, rejected } from './result';

export interface ImportContext {
  /** The article whose group receives the file; other articles in the file are ignored. */
  articleUrl: string;
}

/** One member's positions on the context article, validated and cleaned. */
export interface ImportedPositions {
  participant: Participant;
  exportedAt: string;
  article: SharedArticle;
}

/** A whole positions file, every article in it, validated: what `npm run groups` reads. */
export async function parsePositionsFile(input: string | Uint8Array): Promise<Result<PositionsFile>> {
  const json = await readJson(input, LIMITS.fileBytes);
  if (!json.ok) return json;
  const claimed = checkFormat(json.value, POSITIONS_FORMAT, POSITIONS_VERSION, {
    format: BACKUP_FORMAT,
    reason: 'is-backup',
  });
  if (!claimed.ok) return claimed;
  return validate(PositionsFileSchema, claimed.value);
}

/** The file's member on the context article, or why not. */
export function importedFor(file: PositionsFile, context: ImportContext): Result<ImportedPositions> {
  const article = file.articles.find((a) => a.url === context.articleUrl);
  if (!article)
    return rejected({ reason: 'other-article', titles: file.articles.slice(0, 3).map((a) => a.title) });
  return ok({ participant: file.participant, exportedAt: file.exportedAt, article });
}

export async function parseImport(
  input: string | Uint8Array,
  context: ImportContext,
): Promise<Result<ImportedPositions>> {
  const file = await parsePositionsFile(input);
  if (!file.ok) return file;
  return importedFor(file.value, context);
}
