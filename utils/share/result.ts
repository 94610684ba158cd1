// Why a shared file or a backup was turned away: a value, never a thrown string, each with the
// message a reader sees in their language.
import { type MessageKey, t, tn } from '@/utils/i18n';

export type Rejection =
  | { reason: 'too-large'; limitMb: number }
  | { reason: 'not-json' }
  | { reason: 'not-stance' }
  | { reason: 'is-backup' }
  | { reason: 'is-positions' }
  | { reason: 'not-pack' }
  | { reason: 'bad-share-code' }
  | { reason: 'newer-version'; version: number }
  | { reason: 'invalid'; path: string; issue: MessageKey }
  | { reason: 'other-article'; titles: string[] }
  | { reason: 'duplicate-participant'; name: string }
  | { reason: 'too-many-participants'; limit: number };

export type Result<T> = { ok: true; value: T } | { ok: false; rejection: Rejection };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function rejected<T>(rejection: Rejection): Result<T> {
  return { ok: false, rejection };
}

/** The reader-facing reason, in the interface language. */
export function rejectionMessage(r: Rejection): string {
  switch (r.reason) {
    case 'too-large':
      return t('shareRejectTooLarge', r.limitMb);
    case 'not-json':
      return t('shareRejectNotJson');
    case 'not-stance':
      return t('shareRejectNotStance');
    case 'is-backup':
      return t('shareRejectIsBackup');
    case 'is-positions':
      return t('shareRejectIsPositions');
    case 'not-pack':
      return t('packRejectNotPack');
    case 'bad-share-code':
      return t('shareRejectBadCode');
    case 'newer-version':
      return t('shareRejectNewerVersion', r.version);
    case 'invalid':
      return t('shareRejectInvalid', r.path || '/', t(r.issue));
    case 'other-article':
      return t('shareRejectOtherArticle', r.titles.join(' · '));
    case 'duplicate-participant':
      return t('shareRejectDuplicate', r.name);
    case 'too-many-participants':
      return tn('shareRejectTooManyMembers', r.limit);
  }
}
