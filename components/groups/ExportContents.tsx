// What an export carries, in words: for each article, each question with the position that
// leaves and whether its note goes along or stays private. Read from the file object itself, so
// it shows exactly what leaves, whatever the format renders it as.
import { t } from '@/utils/i18n';
import { positionLabel } from '@/utils/positions/labels';
import type { ArticleRecord } from '@/utils/positions/model';
import type { PositionsFile } from '@/utils/share/format';

export interface ExportContentsProps {
  /** The file that will leave. */
  file: PositionsFile;
  /** The reader's records it was built from: they know which notes stay private. */
  articles: ArticleRecord[];
  /** Id of the heading, for the dialog's structure. */
  titleId: string;
}

export function ExportContents({ file, articles, titleId }: ExportContentsProps) {
  const records = new Map(articles.map((a) => [a.url, a]));
  return (
    <section class="share-contents" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('sharePreviewTitle')}</h3>
      <p class="quiet">{t('sharePreviewSentAs', file.participant.name ?? t('shareAnonymous'))}</p>
      {file.articles.map((article) => (
        <div key={article.url} class="share-contents-article">
          <h4>{article.title}</h4>
          <ul>
            {article.questions.map((q) => {
              const note = records.get(article.url)?.questions[q.id]?.note?.v.trim();
              return (
                <li key={q.id}>
                  <span class="share-contents-question">
                    {q.label && <strong>{q.label} </strong>}
                    {q.text}
                  </span>
                  <span class="share-contents-position">
                    {t('shareMdPosition', positionLabel(q.form, q.position))}
                  </span>
                  {q.note ? (
                    <blockquote class="share-contents-note">
                      <span class="quiet">{t('sharePreviewNoteIncluded')}</span> {q.note}
                    </blockquote>
                  ) : (
                    note && <span class="quiet">{t('sharePreviewNoteKept')}</span>
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
