// "Export all my data" and "Restore": every article (registers, history, tombstones) and every
// group in one `stance-backup` file; a restore validates the file entry by entry, leaves out (and
// reports) an entry it cannot take, then merges the rest by the sync rules, so nothing on this
// device is overwritten by an older value.
import { t } from '@/utils/i18n';
import { clampText, cleanText, isArticleUrl } from '@/utils/limits';
import { mergeArticle } from '@/utils/positions/merge';
import { type ArticleRecord, newestStamp } from '@/utils/positions/model';
import { listArticles, observeStamp, saveArticles } from '@/utils/positions/store';
import {
  type ArticleGroups,
  ArticleGroupsSchema,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupArticleSchema,
  BackupEnvelopeSchema,
  type BackupFile,
  LIMITS,
  POSITIONS_FORMAT,
} from './format';
import { listAllGroups, saveGroups } from './group-store';
import { mergeArticleGroups } from './groups';
import { checkFormat, readJson, validate } from './read-file';
import { ok, type Rejection, type Result, rejectionMessage } from './result';

/** Articles and groups by article URL: Maps, since URLs are outside data ("constructor"…). */
export interface Library {
  articles: Map<string, ArticleRecord>;
  groups: Map<string, ArticleGroups>;
}

export function buildBackup(library: Library, now: Date = new Date()): BackupFile {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    articles: [...library.articles.values()],
    groups: Object.fromEntries(library.groups),
  };
}

/** An entry of a backup that a restore left out, and why. */
export interface RestoreSkip {
  kind: 'article' | 'groups';
  /** The article's title as the file gives it, cut short to be shown; '' when it gives none. */
  title: string;
  /** The article's URL as the file gives it, cut short to be shown; '' when it gives none. */
  url: string;
  /** 1-based place of the article in the file (0 for an article's groups). */
  place: number;
  rejection: Rejection;
}

/** A backup's valid entries, and those left out. */
export interface ParsedBackup {
  backup: BackupFile;
  skipped: RestoreSkip[];
}

/** Reads a backup; only a file that is not a backup at all (or not one this version reads) is refused. */
export async function parseBackup(input: string | Uint8Array): Promise<Result<ParsedBackup>> {
  const json = await readJson(input, LIMITS.backupBytes);
  if (!json.ok) return json;
  const claimed = checkFormat(json.value, BACKUP_FORMAT, BACKUP_VERSION, {
    format: POSITIONS_FORMAT,
    reason: 'is-positions',
  });
  if (!claimed.ok) return claimed;
  const envelope = validate(BackupEnvelopeSchema, claimed.value);
  if (!envelope.ok) return envelope;
  const { articles: rawArticles, groups: rawGroups, ...head } = envelope.value;
  const backup: BackupFile = { ...head, articles: [], groups: {} };
  const skipped: RestoreSkip[] = [];
  rawArticles.forEach((raw, i) => {
    const article = validate(BackupArticleSchema, raw);
    if (article.ok) backup.articles.push(article.value);
    else skipped.push({ kind: 'article', ...namesOf(raw), place: i + 1, rejection: article.rejection });
  });
  const groups = new Map<string, ArticleGroups>();
  for (const [url, raw] of Object.entries(rawGroups)) {
    const valid: Result<ArticleGroups> = isArticleUrl(url)
      ? validate(ArticleGroupsSchema, raw)
      : { ok: false, rejection: { reason: 'invalid', path: '', issue: 'shareInvalidUrl' } };
    if (valid.ok) groups.set(url, valid.value);
    else skipped.push({ kind: 'groups', title: '', url: shown(url), place: 0, rejection: valid.rejection });
  }
  backup.groups = Object.fromEntries(groups);
  return ok({ backup, skipped });
}

/** Title and URL of an entry that failed validation, as far as it has them. */
function namesOf(raw: unknown): { title: string; url: string } {
  const entry = raw as { url?: unknown; meta?: { v?: { title?: unknown } } } | null | undefined;
  const title = entry?.meta?.v?.title;
  return {
    title: typeof title === 'string' ? shown(title) : '',
    url: typeof entry?.url === 'string' ? shown(entry.url) : '',
  };
}

/** Text from the file, safe and short enough to name an entry in a message. */
function shown(text: string): string {
  return clampText(cleanText(text), 120);
}

/** The backup's articles by URL (an article listed twice is merged), in the file's order. */
function articlesOf(backup: BackupFile): Map<string, ArticleRecord> {
  const articles = new Map<string, ArticleRecord>();
  // The schema's output is structurally an ArticleRecord; valibot drops unknown keys on the way.
  for (const a of backup.articles) {
    const record = a as ArticleRecord;
    const seen = articles.get(a.url);
    articles.set(a.url, seen ? mergeArticle(seen, record) : record);
  }
  return articles;
}

/** This device's library with a backup merged in: per-field last writer wins, groups by member. */
export function mergeBackup(current: Library, backup: BackupFile): Library {
  const articles = new Map(current.articles);
  for (const [url, theirs] of articlesOf(backup)) {
    const mine = articles.get(url);
    articles.set(url, mine ? mergeArticle(mine, theirs) : theirs);
  }
  const groups = new Map(current.groups);
  for (const [url, theirs] of Object.entries(backup.groups)) {
    const mine = groups.get(url);
    groups.set(url, mine ? mergeArticleGroups(mine, theirs) : theirs);
  }
  return { articles, groups };
}

export async function loadLibrary(): Promise<Library> {
  const articles = new Map((await listArticles()).map((a) => [a.url, a]));
  return { articles, groups: new Map(Object.entries(await listAllGroups())) };
}

/** The text of "Export all my data". */
export async function exportAllData(now: Date = new Date()): Promise<string> {
  return `${JSON.stringify(buildBackup(await loadLibrary(), now))}\n`;
}

export interface RestoreReport {
  /** Articles and articles' groups written. */
  articles: number;
  groups: number;
  /** Entries of the file left out, each with why; everything else was restored. */
  skipped: RestoreSkip[];
  /**
   * Set when the browser refused a write (storage full). The articles go in one write: refused,
   * none was restored (`url` is ''). Each article's groups go after, one write each: `url` names
   * the article whose groups were refused; the articles and the groups before it stay restored.
   */
  stopped?: { title: string; url: string; error: string };
}

/**
 * Restores a backup into this device's data; a file that is not a backup changes nothing. Every
 * article goes in one `set()` with its version and library summary (all or nothing); then each
 * article's groups. When a write fails, the report says exactly what was kept.
 */
export async function restoreBackup(input: string | Uint8Array): Promise<Result<RestoreReport>> {
  const parsed = await parseBackup(input);
  if (!parsed.ok) return parsed;
  const { backup, skipped } = parsed.value;
  const current = await loadLibrary();
  const merged = mergeBackup(current, backup);
  const report: RestoreReport = { articles: 0, groups: 0, skipped };
  const changed = [...articlesOf(backup).keys()]
    .map((url) => merged.articles.get(url)!)
    .filter((article) => JSON.stringify(article) !== JSON.stringify(current.articles.get(article.url)));
  try {
    // Our next stamps must sort after the restored ones, or a later edit here could lose to them.
    for (const article of changed) observeStamp(newestStamp(article));
    // All the articles in one write: storage full leaves the library exactly as it was.
    await saveArticles(changed);
  } catch (error) {
    report.stopped = { title: '', url: '', error: errorText(error) };
    return ok(report);
  }
  report.articles = changed.length;
  for (const url of Object.keys(backup.groups)) {
    const groups = merged.groups.get(url)!;
    if (JSON.stringify(groups) === JSON.stringify(current.groups.get(url))) continue;
    try {
      await saveGroups(url, groups);
    } catch (error) {
      report.stopped = { title: '', url: shown(url), error: errorText(error) };
      return ok(report);
    }
    report.groups++;
  }
  return ok(report);
}

/** An exception's message, for a reader: the browser's own words ("QUOTA_BYTES quota exceeded"). */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line per entry left out: which article (title, URL) or whose groups, and why. */
export function restoreSkipMessage(skip: RestoreSkip): string {
  const why = rejectionMessage(skip.rejection);
  if (skip.kind === 'groups') return t('shareRestoreSkippedGroups', skip.url, why);
  const name = skip.title || skip.url;
  if (!name) return t('shareRestoreSkippedEntry', skip.place, why);
  return t('shareRestoreSkippedArticle', name, (skip.title && skip.url) || `#${skip.place}`, why);
}

/** Where a restore stopped, and what that means for the reader's data. */
export function restoreStoppedMessage(stopped: NonNullable<RestoreReport['stopped']>): string {
  if (!stopped.url) return t('shareRestoreNothingWritten', stopped.error);
  return t('shareRestoreStopped', stopped.title || stopped.url, stopped.error);
}
