// My debates: search by title, site and notes; most recent activity first; open or delete (with undo).
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ExportDialog } from '@/components/groups';
import { t, tn, uiLanguage } from '@/utils/i18n';
import { isArticleUrl } from '@/utils/limits';
import type { ArticleRecord } from '@/utils/positions/model';
import { libraryEntries, searchLibrary, stampAge } from '@/utils/positions/view';
import { useLibrary } from '../state/context';

/** Rendering thousands of rows at once would stall the panel: show a page, then more on request. */
const PAGE_SIZE = 100;

export function LibraryView() {
  const library = useLibrary();
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState(PAGE_SIZE);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [exporting, setExporting] = useState(false);
  const summaries = library.summaries.value;
  const entries = useMemo(() => libraryEntries(summaries ?? []), [summaries]);
  const [toExport, setToExport] = useState<ArticleRecord[]>([]);
  useEffect(() => {
    if (exporting) void library.loadArticles([...selected]).then(setToExport);
  }, [exporting, selected]);
  const matches = useMemo(() => searchLibrary(entries, query), [entries, query]);
  const deleted = library.lastDeleted.value;
  const now = Date.now();
  const lang = uiLanguage();

  return (
    <div class="library">
      <h1>{t('libraryTitle')}</h1>
      <label for="library-search" class="visually-hidden">
        {t('librarySearch')}
      </label>
      <input
        id="library-search"
        type="search"
        placeholder={t('librarySearch')}
        value={query}
        onInput={(e) => {
          setQuery(e.currentTarget.value);
          setShown(PAGE_SIZE);
        }}
      />
      {deleted && (
        <p class="toast" role="status">
          {t('libraryDeleted', deleted.title)}{' '}
          <button type="button" onClick={() => void library.undoDelete()}>
            {t('undo')}
          </button>
        </p>
      )}
      {summaries !== null && entries.length === 0 && <p class="state">{t('libraryEmpty')}</p>}
      {entries.length > 0 && matches.length === 0 && <p class="state">{t('libraryNoMatch', query)}</p>}
      {matches.length > 0 && <p class="quiet">{tn('libraryCount', matches.length)}</p>}
      {selected.size > 0 && (
        <button type="button" onClick={() => setExporting(!exporting)} aria-expanded={exporting}>
          {tn('libraryExportSelected', selected.size)}
        </button>
      )}
      {exporting && toExport.length > 0 && (
        <ExportDialog articles={toExport} onClose={() => setExporting(false)} />
      )}
      <ul class="library-list">
        {matches.slice(0, shown).map((article) => (
          <li key={article.url} class="library-item">
            <input
              type="checkbox"
              class="library-select"
              checked={selected.has(article.url)}
              aria-label={t('librarySelectLabel', article.title || article.url)}
              onChange={(e) => {
                const next = new Set(selected);
                if (e.currentTarget.checked) next.add(article.url);
                else next.delete(article.url);
                setSelected(next);
              }}
            />{' '}
            {/* A link only to a web address: a restored `javascript:` URL must never be one. */}
            {isArticleUrl(article.url) ? (
              <a href={article.url} target="_blank" rel="noreferrer noopener" class="library-title">
                {article.title || article.url}
              </a>
            ) : (
              <span class="library-title">{article.title || article.url}</span>
            )}
            <p class="quiet">
              {[
                article.siteName,
                tn('libraryAnswered', article.answered, stampAge(article.lastActivity, now, lang)),
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <button
              type="button"
              class="link-button"
              onClick={() => void library.deleteArticle(article)}
              aria-label={t('libraryDeleteLabel', article.title)}
            >
              {t('libraryDelete')}
            </button>
          </li>
        ))}
      </ul>
      {matches.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE_SIZE)}>
          {t('libraryShowMore')}
        </button>
      )}
    </div>
  );
}
