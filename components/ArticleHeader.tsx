// The article at the top of the panel: title, site, reading time, and how many questions the reader answered.
import { t, tn } from '@/utils/i18n';

export interface ArticleHeaderProps {
  title: string;
  siteName: string;
  readingMinutes: number;
  answered: number;
  total: number;
}

export function ArticleHeader({ title, siteName, readingMinutes, answered, total }: ArticleHeaderProps) {
  return (
    <header class="article-header">
      <h1>{title}</h1>
      <p class="quiet">
        {[
          siteName,
          readingMinutes > 0 ? t('headerReading', readingMinutes) : '',
          total > 0 ? tn('headerAnswered', answered, total) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
    </header>
  );
}
