// Importing group members' files for one article: a file picker (several at once), a drop zone,
// or pasted share codes. Each file gets its own verdict; a duplicate participant waits for the
// reader's choice (replace or keep both); a rejected file changes nothing.
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { type ArticleGroups, LIMITS } from '@/utils/share/format';
import { importIntoGroup, importManyIntoGroup } from '@/utils/share/group-store';
import type { DuplicateChoice } from '@/utils/share/groups';
import { type ImportedPositions, parseImport } from '@/utils/share/import';
import { type Rejection, type Result, rejectionMessage } from '@/utils/share/result';
import { findShareCodes } from '@/utils/share/share-code';
import { useGroups } from './use-groups';

export interface ImportPanelProps {
  /** The article whose group receives the files. */
  articleUrl: string;
  /** The group first chosen to add to (the reader may pick another or a new one); absent: the first. */
  groupId?: string;
  /** Called after each file imported, with the group it went into. */
  onImported?: (groupId: string) => void;
}

type Verdict =
  | { source: string; state: 'imported'; name: string }
  | { source: string; state: 'rejected'; rejection: Rejection }
  | { source: string; state: 'duplicate'; rejection: Rejection; imported: ImportedPositions };

const NO_GROUPS: ArticleGroups = { groups: [] };

export function ImportPanel({ articleUrl, groupId, onImported }: ImportPanelProps) {
  const [verdicts, setVerdicts] = useState<Verdict[]>([]);
  const [codes, setCodes] = useState('');
  const [dragging, setDragging] = useState(false);
  const groups = useGroups(articleUrl) ?? NO_GROUPS;
  // A group id, or '' for "a new group" (ids are never empty).
  const [into, setInto] = useState<string | undefined>(groupId);

  const target = (choice: DuplicateChoice) => ({ groupId: into || undefined, newGroup: into === '', choice });

  const verdictOf = (
    source: string,
    imported: ImportedPositions,
    result: Result<{ groupId: string }>,
  ): Verdict => {
    if (result.ok)
      return { source, state: 'imported', name: imported.participant.name ?? t('shareAnonymous') };
    return result.rejection.reason === 'duplicate-participant'
      ? { source, state: 'duplicate', rejection: result.rejection, imported }
      : { source, state: 'rejected', rejection: result.rejection };
  };

  // Every file is read and checked on its own, then the valid ones are stored in one write, in order,
  // so a later file's verdict (e.g. a duplicate) sees the members the earlier ones added.
  const importAll = async (items: { source: string; read: () => Promise<string | Uint8Array> | null }[]) => {
    const checked: ({ source: string; imported: ImportedPositions } | Verdict)[] = [];
    for (const item of items) {
      const reading = item.read();
      if (!reading) {
        const rejection: Rejection = { reason: 'too-large', limitMb: LIMITS.fileBytes / 2 ** 20 };
        checked.push({ source: item.source, state: 'rejected', rejection });
        continue;
      }
      const parsed = await parseImport(await reading, { articleUrl });
      checked.push(
        parsed.ok
          ? { source: item.source, imported: parsed.value }
          : { source: item.source, state: 'rejected', rejection: parsed.rejection },
      );
    }
    const valid = checked.flatMap((c) => ('imported' in c && !('state' in c) ? [c] : []));
    const stored = await importManyIntoGroup(
      articleUrl,
      valid.map((c) => c.imported),
      target('ask'),
    );
    const out = checked.map((c) => {
      if ('state' in c) return c;
      const i = valid.indexOf(c);
      return verdictOf(c.source, c.imported, stored[i]!);
    });
    const added = stored.find((r) => r.ok);
    if (added?.ok) {
      // Later drops and choices go to the same group, even when this one was just created.
      setInto(added.value.groupId);
      onImported?.(added.value.groupId);
    }
    setVerdicts((previous) => [...out, ...previous]);
  };

  const importFiles = (files: FileList | null) => {
    if (!files) return;
    void importAll(
      [...files].map((file) => ({
        source: file.name,
        // The size is known before reading: an oversized file is turned away unread.
        read: () => (file.size > LIMITS.fileBytes ? null : file.arrayBuffer().then((b) => new Uint8Array(b))),
      })),
    );
  };

  const importCodes = () => {
    const found = findShareCodes(codes);
    if (found.length === 0) {
      setVerdicts((v) => [
        { source: t('sharePastedText'), state: 'rejected', rejection: { reason: 'bad-share-code' } },
        ...v,
      ]);
      return;
    }
    void importAll(
      found.map((code, i) => ({ source: t('shareCodeN', i + 1), read: () => Promise.resolve(code) })),
    );
    setCodes('');
  };

  const resolve = async (index: number, choice: DuplicateChoice) => {
    const verdict = verdicts[index];
    if (verdict?.state !== 'duplicate') return;
    const result = await importIntoGroup(articleUrl, verdict.imported, target(choice));
    if (result.ok) {
      setInto(result.value.groupId);
      onImported?.(result.value.groupId);
    }
    const next = verdictOf(verdict.source, verdict.imported, result);
    setVerdicts((v) => v.map((x, i) => (i === index ? next : x)));
  };

  return (
    <section class="group-import" aria-labelledby="group-import-title">
      <h2 id="group-import-title">{t('shareImportTitle')}</h2>
      {groups.groups.length > 0 && (
        <label>
          {t('shareImportInto')}
          <select value={into ?? groups.groups[0]?.id} onChange={(e) => setInto(e.currentTarget.value)}>
            {groups.groups.map((g) => (
              <option key={g.id} value={g.id}>
                {g.name}
              </option>
            ))}
            <option value="">{t('shareImportIntoNew')}</option>
          </select>
        </label>
      )}
      <fieldset
        class={dragging ? 'group-drop dragging' : 'group-drop'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          importFiles(e.dataTransfer?.files ?? null);
        }}
      >
        <legend>{t('shareImportFilesLegend')}</legend>
        <label>
          {t('shareImportFiles')}
          <input
            type="file"
            multiple
            accept=".json,.txt,application/json,text/plain"
            onChange={(e) => {
              importFiles(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </label>
        <p class="quiet">{t('shareDropHint')}</p>
      </fieldset>
      <label for="group-import-codes">{t('sharePasteCodes')}</label>
      <textarea
        id="group-import-codes"
        rows={3}
        value={codes}
        onInput={(e) => setCodes(e.currentTarget.value)}
      />
      <button type="button" onClick={importCodes} disabled={!codes.trim()}>
        {t('shareImportCodes')}
      </button>
      <ul class="group-verdicts" aria-live="polite">
        {verdicts.map((v, i) => (
          <li key={`${v.source}-${i}`} class={`verdict ${v.state}`}>
            <span class="verdict-source">{v.source}</span>{' '}
            {v.state === 'imported' ? (
              <span>{t('shareVerdictImported', v.name)}</span>
            ) : (
              <span>{t('shareVerdictRejected', rejectionMessage(v.rejection))}</span>
            )}
            {v.state === 'duplicate' && (
              <span class="verdict-choice">
                <button type="button" onClick={() => void resolve(i, 'replace')}>
                  {t('shareReplace')}
                </button>
                <button type="button" onClick={() => void resolve(i, 'keep-both')}>
                  {t('shareKeepBoth')}
                </button>
              </span>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
