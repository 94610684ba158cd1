// "Export all my data" and "Restore": every article (registers, history, tombstones) and every
// group in one `stance-backup` file; a restore validates the whole file first, then merges it
// by the sync rules, so nothing on this device is overwritten by an older value.
import { mergeArticle, mergeLibraries } from '@/utils/positions/merge';
import { type ArticleRecord, lastActivity } from '@/utils/positions/model';
import { listArticles, observeStamp, saveArticle } from '@/utils/positions/store';
import {
  type ArticleGroups,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupFile,
  BackupFileSchema,
  LIMITS,
  POSITIONS_FORMAT,
} from './format';
import { listAllGroups, saveGroups } from './group-store';
import { mergeArticleGroups } from './groups';
import { checkFormat, readJson, validate } from './read-file';
import { ok, type Result } from './result';

export interface Library {
  articles: Record<string, ArticleRecord>;
  groups: Record<string, ArticleGroups>;
}

export function buildBackup(library: Library, now: Date = new Date()): BackupFile {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: now.toISOString(),
    articles: Object.values(library.articles),
    groups: library.groups,
  };
}

export async function parseBackup(input: string | Uint8Array): Promise<Result<BackupFile>> {
  const json = await readJson(input, LIMITS.backupBytes);
  if (!json.ok) return json;
  const claimed = checkFormat(json.value, BACKUP_FORMAT, BACKUP_VERSION, {
    format: POSITIONS_FORMAT,
    reason: 'is-positions',
  });
  if (!claimed.ok) return claimed;
  return validate(BackupFileSchema, claimed.value);
}

function toLibrary(backup: BackupFile): Library {
  const articles: Record<string, ArticleRecord> = {};
  // The schema's output is structurally an ArticleRecord; valibot drops unknown keys on the way.
  for (const a of backup.articles) {
    const record = a as ArticleRecord;
    // A hand-edited backup may list a URL twice: merge rather than let the later copy win blindly.
    const seen = Object.hasOwn(articles, a.url) ? articles[a.url] : undefined;
    articles[a.url] = seen ? mergeArticle(seen, record) : record;
  }
  return { articles, groups: backup.groups };
}

/** This device's library with a backup merged in: per-field last writer wins, groups by member. */
export function mergeBackup(current: Library, backup: BackupFile): Library {
  const incoming = toLibrary(backup);
  const groups = { ...current.groups };
  for (const [url, theirs] of Object.entries(incoming.groups)) {
    const mine = Object.hasOwn(groups, url) ? groups[url] : undefined;
    groups[url] = mine ? mergeArticleGroups(mine, theirs) : theirs;
  }
  return { articles: mergeLibraries(current.articles, incoming.articles), groups };
}

export async function loadLibrary(): Promise<Library> {
  const articles: Record<string, ArticleRecord> = {};
  for (const a of await listArticles()) articles[a.url] = a;
  return { articles, groups: await listAllGroups() };
}

/** The text of "Export all my data". */
export async function exportAllData(now: Date = new Date()): Promise<string> {
  return `${JSON.stringify(buildBackup(await loadLibrary(), now))}\n`;
}

export interface RestoreReport {
  articles: number;
  groups: number;
}

/** Restores a backup into this device's data; a rejected file changes nothing. */
export async function restoreBackup(input: string | Uint8Array): Promise<Result<RestoreReport>> {
  const backup = await parseBackup(input);
  if (!backup.ok) return backup;
  const current = await loadLibrary();
  const merged = mergeBackup(current, backup.value);
  let articles = 0;
  for (const [url, article] of Object.entries(merged.articles)) {
    if (JSON.stringify(article) === JSON.stringify(current.articles[url])) continue;
    // Our next stamps must sort after the restored ones, or a later edit here could lose to them.
    observeStamp(lastActivity(article));
    await saveArticle(article);
    articles++;
  }
  let groups = 0;
  for (const [url, g] of Object.entries(merged.groups)) {
    if (JSON.stringify(g) === JSON.stringify(current.groups[url])) continue;
    await saveGroups(url, g);
    groups++;
  }
  return ok({ articles, groups });
}
