// The group's summary as Markdown, for a teacher to post: per question, most divided first, the
// spread over the scale, the agreement, and the shared notes grouped by position. Members' names
// and notes are escaped as literal text.
import { t, tn } from '@/utils/i18n';
import { positionLabel } from '@/utils/positions/labels';
import type { Position } from '@/utils/positions/model';
import { type GroupAggregate, type NoteByPosition, sortQuestions, writtenAnswers } from './aggregate';
import { markdownBlock, markdownInline } from './markdown-text';

const SCALE: Position[] = [1, 2, 3, 4, 5, 'undecided'];

export interface SummaryHeading {
  articleTitle: string;
  articleUrl: string;
  groupName: string;
}

export function groupSummaryMarkdown(aggregate: GroupAggregate, heading: SummaryHeading): string {
  const lines = [
    `# ${markdownInline(heading.articleTitle)}`,
    '',
    `<${heading.articleUrl.replace(/[<>\s]/g, encodeURIComponent)}>`,
    '',
    tn('groupMdIntro', aggregate.memberCount, markdownInline(heading.groupName)),
    '',
  ];
  for (const q of sortQuestions(aggregate.questions, 'division')) {
    if (q.members === 0) continue;
    const label = q.question.label ? `${markdownInline(q.question.label)} — ` : '';
    lines.push(`## ${label}${markdownInline(q.question.text)}`, '');
    if (q.question.form.type === 'open') {
      const answers = writtenAnswers(q.notesByPosition);
      lines.push(`${tn('groupWrittenCount', answers.length, tn('groupOfMembers', q.members))}.`, '');
      for (const note of answers) lines.push(...quotedNote(note));
      continue;
    }
    const agreement =
      q.agreement === null ? t('groupAgreementNone') : t('groupAgreement', Math.round(q.agreement * 100));
    lines.push(tn('groupMdCounts', q.answered, tn('groupOfMembers', q.members), agreement), '');
    lines.push(`| ${t('groupMdPosition')} | ${t('groupMdCount')} |`, '| --- | ---: |');
    for (const p of SCALE) {
      lines.push(`| ${markdownInline(positionLabel(q.question.form, p))} | ${q.distribution[p]} |`);
    }
    lines.push('');
    for (const group of q.notesByPosition) {
      lines.push(`**${markdownInline(positionLabel(q.question.form, group.position))}**`, '');
      for (const note of group.notes) lines.push(...quotedNote(note));
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** A shared note as a quote under its author's name (or "Anonymous"), then a blank line. */
export function quotedNote(note: NoteByPosition['notes'][number]): string[] {
  const author = note.author ? markdownInline(note.author) : t('shareAnonymous');
  return [`> ${author}:`, markdownBlock(note.text, '> '), ''];
}
