// Exporting the reader's positions for a group: a format, a display name, what will leave in
// words (private notes are never in it), the download and copy buttons, and the exact text on demand.
import { useEffect, useMemo, useState } from 'preact/hooks';
import { t, tn } from '@/utils/i18n';
import type { ArticleRecord } from '@/utils/positions/model';
import {
  buildPositionsFile,
  EXPORT_MIME,
  type ExportFormat,
  exportFileName,
  exportProblemMessage,
  exportProblems,
  positionsToJson,
  previewExport,
  renderExport,
} from '@/utils/share/export';
import { LIMITS, type PositionsFile } from '@/utils/share/format';
import { shareIdentity } from '@/utils/storage';
import { copyText, downloadText } from './download';
import { ExportContents } from './ExportContents';

export interface ExportDialogProps {
  /** What to export: the current article, or the articles selected in My debates. */
  articles: ArticleRecord[];
  /** Closes the dialog; absent when the host shows it inline. */
  onClose?: () => void;
}

const FORMATS: {
  value: ExportFormat;
  label: 'shareFormatJson' | 'shareFormatMarkdown' | 'shareFormatCsv' | 'shareFormatCode';
}[] = [
  { value: 'json', label: 'shareFormatJson' },
  { value: 'markdown', label: 'shareFormatMarkdown' },
  { value: 'csv', label: 'shareFormatCsv' },
  { value: 'code', label: 'shareFormatCode' },
];

export function ExportDialog({ articles, onClose }: ExportDialogProps) {
  const [format, setFormat] = useState<ExportFormat>('json');
  const [identity, setIdentity] = useState<{ id: string; name: string } | null>(null);
  const [status, setStatus] = useState('');

  useEffect(() => {
    shareIdentity.getValue().then(setIdentity);
  }, []);

  const file = useMemo(
    () => (identity ? buildPositionsFile(articles, identity) : null),
    [articles, identity],
  );
  // The rendering is async (a share code is deflated by the platform). It is kept with what it
  // renders, so the preview, the download and the copy never show an older file or format: '' until ready.
  const [rendered, setRendered] = useState<{ file: PositionsFile; format: ExportFormat; text: string }>();
  useEffect(() => {
    if (!file) return;
    let live = true;
    renderExport(file, format).then((text) => live && setRendered({ file, format, text }));
    return () => {
      live = false;
    };
  }, [file, format]);
  // Checked as its recipients' import would check it: a file they would refuse does not leave.
  const problems = useMemo(() => (file ? exportProblems(file) : []), [file]);
  const text =
    rendered?.file === file && rendered.format === format && problems.length === 0 ? rendered.text : '';
  if (!identity || !file) return <p class="quiet">{t('stateLoading')}</p>;
  const summary = previewExport(articles, file);

  const setName = (name: string) => {
    const next = { ...identity, name };
    setIdentity(next);
    void shareIdentity.setValue(next);
  };

  return (
    <section class="share-export" role="dialog" aria-labelledby="share-export-title">
      <h2 id="share-export-title">{t('shareExportTitle')}</h2>
      <label>
        {t('shareDisplayName')}
        <input
          type="text"
          value={identity.name}
          maxLength={LIMITS.nameChars}
          placeholder={t('shareDisplayNamePlaceholder')}
          onInput={(e) => setName(e.currentTarget.value)}
        />
      </label>
      <fieldset>
        <legend>{t('shareFormatLegend')}</legend>
        {FORMATS.map((f) => (
          <label key={f.value} class="check">
            <input
              type="radio"
              name="share-format"
              value={f.value}
              checked={format === f.value}
              onChange={() => setFormat(f.value)}
            />
            {t(f.label)}
          </label>
        ))}
      </fieldset>
      <p>
        {t(
          'sharePreviewSummary',
          tn('sharePreviewPositions', summary.positions),
          tn('sharePreviewSharedNotes', summary.sharedNotes),
          tn('sharePreviewArticles', summary.articles),
        )}
      </p>
      {summary.privateNotesKept > 0 && (
        <p class="quiet">{tn('sharePrivateNotesKept', summary.privateNotesKept)}</p>
      )}
      {problems.length > 0 && (
        <div class="share-problems" role="alert">
          <p>{t('shareExportInvalid')}</p>
          <ul>
            {problems.map((p) => (
              <li key={`${p.article}\n${p.question}\n${p.issue}`}>{exportProblemMessage(p)}</li>
            ))}
          </ul>
        </div>
      )}
      <ExportContents file={file} articles={articles} titleId="share-contents-title" />
      <div class="share-actions share-actions-sticky">
        <button
          type="button"
          disabled={!text}
          onClick={() => downloadText(text, exportFileName(file, format), EXPORT_MIME[format])}
        >
          {t('shareDownload')}
        </button>
        <button
          type="button"
          disabled={!text}
          onClick={async () => setStatus((await copyText(text)) ? t('shareCopied') : t('shareCopyFailed'))}
        >
          {format === 'code' ? t('shareCopyCode') : t('shareCopy')}
        </button>
        {onClose && (
          <button type="button" onClick={onClose}>
            {t('shareClose')}
          </button>
        )}
        <span class="quiet" role="status">
          {status}
        </span>
      </div>
      <details class="share-raw">
        <summary>{t('shareRawText')}</summary>
        <pre class="share-preview">{text}</pre>
      </details>
      {format === 'code' && (
        <details class="share-raw">
          <summary>{t('shareCodeContents')}</summary>
          <pre class="share-preview">{positionsToJson(file)}</pre>
        </details>
      )}
    </section>
  );
}
