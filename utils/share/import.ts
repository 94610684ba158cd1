// Reading one imported file (JSON, or a pasted share code) for an article's group: every check
// short of the group itself, each failure a precise reason. Pure (async only to inflate share
// codes): nothing is stored here.
import {
  BACKUP_FORMAT,
  LIMITS,
  type Participant,
  POSITIONS_FORMAT,
  POSITIONS_VERSION,
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

export async function parseImport(
  input: string | Uint8Array,
  context: ImportContext,
): Promise<Result<ImportedPositions>> {
  const json = await readJson(input, LIMITS.fileBytes);
  if (!json.ok) return json;
  const claimed = checkFormat(json.value, POSITIONS_FORMAT, POSITIONS_VERSION, {
    format: BACKUP_FORMAT,
    reason: 'is-backup',
  });
  if (!claimed.ok) return claimed;
  const file = validate(PositionsFileSchema, claimed.value);
  if (!file.ok) return file;
  const article = file.value.articles.find((a) => a.url === context.articleUrl);
  if (!article)
    return rejected({ reason: 'other-article', titles: file.value.articles.slice(0, 3).map((a) => a.title) });
  return ok({ participant: file.value.participant, exportedAt: file.value.exportedAt, article });
}
