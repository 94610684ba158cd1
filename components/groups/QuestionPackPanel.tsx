// A question pack for a class: the teacher exports this article's questions with their own (a file
// or a share code); a student imports it, and the teacher's questions join the student's for this
// article, labelled as the teacher's. The pack is checked whole before anything is added.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Extraction } from '@/utils/extract/types';
import { t, tn } from '@/utils/i18n';
import type { ArticleRecord, QuestionSnapshot } from '@/utils/positions/model';
import { LIMITS } from '@/utils/share/format';
import {
  buildQuestionPack,
  packQuestionsToAdd,
  packToJson,
  packToShareCode,
  parseQuestionPack,
} from '@/utils/share/question-pack';
import { rejectionMessage } from '@/utils/share/result';
import { shareIdentity } from '@/utils/storage';
import { copyText, downloadText } from './download';

export interface QuestionPackPanelProps {
  articleUrl: string;
  /** The reader's record for the article, or null before their first action. */
  record: ArticleRecord | null;
  /** What the page gave, for the article's own questions; null while it is read. */
  extraction: Extraction | null;
  /** Adds the teacher's questions to the reader's record in one save; resolves true once stored. */
  onAddQuestions: (questions: [string, QuestionSnapshot][]) => Promise<boolean>;
}

export function QuestionPackPanel({
  articleUrl,
  record,
  extraction,
  onAddQuestions,
}: QuestionPackPanelProps) {
  const [identity, setIdentity] = useState<{ id: string; name: string } | null>(null);
  const [code, setCode] = useState('');
  const [status, setStatus] = useState('');
  // Watched: the name the teacher types in the export dialog is the pack's author name too.
  useEffect(() => {
    shareIdentity.getValue().then(setIdentity);
    return shareIdentity.watch((value) => value && setIdentity(value));
  }, []);
  const pack = useMemo(
    () => (identity ? buildQuestionPack(record, extraction, identity) : null),
    [record, extraction, identity],
  );

  const importPack = async (input: string | Uint8Array) => {
    const parsed = await parseQuestionPack(input, { articleUrl });
    if (!parsed.ok) {
      setStatus(t('packRejected', rejectionMessage(parsed.rejection)));
      return;
    }
    const author = parsed.value.author.name ?? t('packTeacherUnnamed');
    const questions = packQuestionsToAdd(parsed.value, record, t('packQuestionLabel', author));
    if (questions.length === 0) {
      setStatus(t('packAlreadyHere'));
      return;
    }
    // A refused save is said by the session's own alert; this line says only what is certain.
    if (await onAddQuestions(questions)) setStatus(tn('packAdded', questions.length, author));
    else setStatus(t('packNotSaved'));
  };

  return (
    <section class="question-pack" aria-labelledby="question-pack-title">
      <h2 id="question-pack-title">{t('packTitle')}</h2>
      <p class="quiet">{t('packExplain')}</p>
      {pack ? (
        <p>
          <button
            type="button"
            onClick={() => downloadText(packToJson(pack), 'stance-question-pack.json', 'application/json')}
          >
            {t('packDownload')}
          </button>{' '}
          <button
            type="button"
            onClick={async () =>
              setStatus(
                (await copyText(await packToShareCode(pack))) ? t('shareCopied') : t('shareCopyFailed'),
              )
            }
          >
            {t('packCopyCode')}
          </button>
        </p>
      ) : (
        <p class="quiet">{t('packNothing')}</p>
      )}
      <label>
        {t('packImportFile')}
        <input
          type="file"
          accept=".json,.txt,application/json,text/plain"
          onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!file) return;
            if (file.size > LIMITS.fileBytes) {
              setStatus(
                t(
                  'packRejected',
                  rejectionMessage({ reason: 'too-large', limitMb: LIMITS.fileBytes / 2 ** 20 }),
                ),
              );
              return;
            }
            await importPack(new Uint8Array(await file.arrayBuffer()));
          }}
        />
      </label>
      <label for="question-pack-code">{t('packImportCode')}</label>
      <textarea
        id="question-pack-code"
        rows={2}
        value={code}
        onInput={(e) => setCode(e.currentTarget.value)}
      />
      <button
        type="button"
        disabled={!code.trim()}
        onClick={async () => {
          await importPack(code.trim());
          setCode('');
        }}
      >
        {t('packImportButton')}
      </button>
      <p class="quiet" role="status">
        {status}
      </p>
    </section>
  );
}
