// A class report for `npm run groups`: many members' exported files (or share codes) read with
// the panel's own checks, grouped per article, aggregated per question and mapped into opinion
// groups. Pure, so it is tested without a shell; scripts/groups.ts only reads files and prints.
import type { AnswerForm } from '@/utils/extract/types';
import { t, tn } from '@/utils/i18n';
import { positionLabel } from '@/utils/positions/labels';
import { aggregateGroup, type Distribution, type NoteByPosition } from './aggregate';
import type { Group } from './format';
import { addMember, findDuplicate, newGroup } from './groups';
import { importedFor, parsePositionsFile } from './import';
import { groupSummaryMarkdown, quotedNote } from './markdown-summary';
import { markdownInline } from './markdown-text';
import {
  type Consensus,
  type Distinguishing,
  type Divisive,
  mapOpinions,
  type OpenAnswers,
  type OpinionVerdict,
  openAnswersByGroup,
} from './opinion';
import { type Rejection, rejectionMessage } from './result';
import { findShareCodes } from './share-code';

export const REPORT_FORMAT = 'stance-group-report';
export const REPORT_VERSION = 1;

/** One thing to read: a file's bytes, or one share code out of a text file. */
export interface ReportInput {
  /** Where it came from, for the verdicts: a path, or `path:line` for a share code. */
  source: string;
  content: string | Uint8Array;
}

export type InputVerdict =
  | { source: string; status: 'read'; name: string | null; articles: number }
  | { source: string; status: 'replaced'; name: string | null; articleUrl: string }
  | { source: string; status: 'rejected'; rejection: Rejection };

export interface ReportQuestion {
  id: string;
  label: string;
  text: string;
  form: AnswerForm;
  /** Place on the page. */
  order: number;
  /** Members whose file had this question; those who gave a position ("undecided" included). */
  members: number;
  answered: number;
  distribution: Distribution;
  /** 1 − variance / 4 over the decided answers, or null below two. */
  agreement: number | null;
  notesByPosition: NoteByPosition[];
}

export interface ReportOpinion {
  verdict: OpinionVerdict;
  /** The questions the map and groups are made of. */
  questionIds: string[];
  groups: { label: string; members: string[]; distinguishing: Distinguishing[] }[];
  consensus: Consensus[];
  divisive: Divisive[];
  /** Each placed member's place on the map and group index (null: no group). */
  points: { key: string; x: number; y: number; group: number | null }[];
  openAnswers: OpenAnswers[];
}

export interface ReportArticle {
  url: string;
  title: string;
  members: { key: string; name: string | null; exportedAt: string }[];
  questions: ReportQuestion[];
  opinion: ReportOpinion;
}

export interface ClassReport {
  format: typeof REPORT_FORMAT;
  version: typeof REPORT_VERSION;
  articles: ReportArticle[];
}

/** A text file's inputs: the file itself if it holds JSON, else each share code in it, by line. */
export function inputsFromText(source: string, text: string): ReportInput[] {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (!trimmed.startsWith('stance1.') && !/\nstance1\./.test(trimmed)) return [{ source, content: text }];
  return text
    .split(/\r?\n/)
    .flatMap((line, i) =>
      findShareCodes(line).map((code) => ({ source: `${source}:${i + 1}`, content: code })),
    );
}

/** Reads every input, groups its members per article (the later export of one person wins). */
export async function buildClassReport(
  inputs: ReportInput[],
  options: { articleUrl?: string } = {},
): Promise<{ report: ClassReport; verdicts: InputVerdict[] }> {
  const verdicts: InputVerdict[] = [];
  const files = [];
  for (const input of inputs) {
    const parsed = await parsePositionsFile(input.content);
    if (!parsed.ok) {
      verdicts.push({ source: input.source, status: 'rejected', rejection: parsed.rejection });
      continue;
    }
    const file = parsed.value;
    if (options.articleUrl && !file.articles.some((a) => a.url === options.articleUrl)) {
      const titles = file.articles.slice(0, 3).map((a) => a.title);
      verdicts.push({
        source: input.source,
        status: 'rejected',
        rejection: { reason: 'other-article', titles },
      });
      continue;
    }
    files.push({ source: input.source, file });
  }
  // Oldest export first, so a person's later export replaces their earlier one.
  files.sort((a, b) => a.file.exportedAt.localeCompare(b.file.exportedAt));
  const byArticle = new Map<string, { group: Group; title: string }>();
  for (const { source, file } of files) {
    const urls = options.articleUrl ? [options.articleUrl] : file.articles.map((a) => a.url);
    let added = 0;
    for (const url of urls) {
      const imported = importedFor(file, { articleUrl: url });
      if (!imported.ok) continue;
      const entry = byArticle.get(url) ?? {
        group: newGroup('report', url, 0),
        title: imported.value.article.title,
      };
      // The same person (same id) replaces; two people who merely share a name are both kept.
      const duplicate = findDuplicate(entry.group, imported.value);
      const same = duplicate?.participantId === file.participant.id;
      const result = addMember(entry.group, imported.value, same ? 'replace' : 'keep-both', 0);
      if (!result.ok) {
        verdicts.push({ source, status: 'rejected', rejection: result.rejection });
        continue;
      }
      entry.group = result.value;
      byArticle.set(url, entry);
      if (same) verdicts.push({ source, status: 'replaced', name: file.participant.name, articleUrl: url });
      added++;
    }
    if (added > 0) verdicts.push({ source, status: 'read', name: file.participant.name, articles: added });
  }
  // In the order the inputs were given, not the order of their export times.
  const order = new Map(inputs.map((input, i) => [input.source, i]));
  verdicts.sort((a, b) => order.get(a.source)! - order.get(b.source)!);
  const articles = [...byArticle.entries()].map(([url, { group, title }]) =>
    reportArticle(url, title, group),
  );
  return { report: { format: REPORT_FORMAT, version: REPORT_VERSION, articles }, verdicts };
}

function reportOpinion(group: Group): ReportOpinion {
  const map = mapOpinions(group);
  return {
    verdict: map.verdict,
    questionIds: map.questionIds,
    groups: map.groups.map((g) => ({
      label: g.label,
      members: g.memberKeys,
      distinguishing: g.distinguishing,
    })),
    consensus: map.consensus,
    divisive: map.divisive,
    points: map.points.map(({ key, x, y, group: g }) => ({ key, x, y, group: g })),
    openAnswers: openAnswersByGroup(group, map),
  };
}

function reportArticle(url: string, title: string, group: Group): ReportArticle {
  const aggregate = aggregateGroup(group, null);
  return {
    url,
    title,
    members: group.members.map((m) => ({ key: m.key, name: m.name, exportedAt: m.exportedAt })),
    questions: [...aggregate.questions]
      .sort((a, b) => a.question.order - b.question.order)
      .map((q) => ({
        id: q.id,
        label: q.question.label,
        text: q.question.text,
        form: q.question.form,
        order: q.question.order,
        members: q.members,
        answered: q.answered,
        distribution: q.distribution,
        agreement: q.agreement,
        notesByPosition: q.notesByPosition,
      })),
    opinion: reportOpinion(group),
  };
}

/** One line per input for stderr: what was read, and why anything was not. */
export function verdictLine(v: InputVerdict): string {
  const name = (n: string | null) => n ?? t('shareAnonymous');
  switch (v.status) {
    case 'read':
      return `${v.source}: ${t('reportRead', name(v.name))}`;
    case 'replaced':
      return `${v.source}: ${t('reportReplaced', name(v.name))}`;
    case 'rejected':
      return `${v.source}: ${rejectionMessage(v.rejection)}`;
  }
}

/** The report as Markdown for a teacher to post: per article, members, groups, then each question. */
export function classReportMarkdown(report: ClassReport): string {
  return report.articles.map(articleMarkdown).join('\n---\n\n');
}

type QuestionWords = Pick<ReportQuestion, 'text' | 'form'>;

/** The opinion groups as Markdown lines: verdict, groups with members and what sets each apart, lists. */
function opinionLines(
  o: ReportOpinion,
  text: Map<string, QuestionWords>,
  names: Map<string, string | null>,
): string[] {
  const q = (id: string) => markdownInline(text.get(id)?.text ?? id);
  const end = (id: string, e: 'first' | 'second') =>
    markdownInline(positionLabel(text.get(id)?.form ?? { type: 'agree-disagree' }, e === 'first' ? 1 : 5));
  const lines: string[] = [`## ${t('opinionTitle')}`, ''];
  if (o.verdict === 'too-few-members') lines.push(t('opinionTooFewMembers', 4), '');
  else if (o.verdict === 'too-few-questions') lines.push(t('opinionTooFewQuestions'), '');
  else if (o.verdict === 'no-groups') lines.push(t('opinionNoGroups'), '');
  else lines.push(tn('opinionGroupsFound', o.groups.length), '');
  for (const g of o.groups) {
    lines.push(`### ${t('opinionGroupName', g.label)} · ${tn('groupMemberCount', g.members.length)}`, '');
    lines.push(g.members.map((k) => markdownInline(names.get(k) ?? t('shareAnonymous'))).join(', '), '');
    if (g.distinguishing.length === 0) lines.push(t('opinionNothingDistinct'), '');
    else {
      lines.push(t('opinionDistinguishing'), '');
      for (const d of g.distinguishing) {
        const lean = t(
          'opinionLean',
          end(d.questionId, d.end),
          Math.round(d.groupShare * 100),
          Math.round(d.othersShare * 100),
        );
        lines.push(`- ${q(d.questionId)} — ${lean}`);
      }
      lines.push('');
    }
  }
  if (o.verdict === 'groups' || o.verdict === 'no-groups') {
    const grouped = o.groups.length > 0;
    lines.push(`### ${grouped ? t('opinionConsensus') : t('opinionConsensusAll')}`, '');
    if (o.consensus.length === 0) lines.push(t('opinionConsensusNone'), '');
    else
      lines.push(
        ...o.consensus.map(
          (c) => `- ${q(c.questionId)} — ${t('opinionConsensusLean', end(c.questionId, c.end))}`,
        ),
        '',
      );
    lines.push(`### ${grouped ? t('opinionDivisive') : t('opinionDivisiveAll')}`, '');
    if (o.divisive.length === 0) lines.push(t('opinionDivisiveNone'), '');
    else lines.push(...o.divisive.map((d) => `- ${q(d.questionId)}`), '');
  }
  for (const open of o.openAnswers) {
    lines.push(`### ${t('opinionOpenAnswers')}: ${q(open.questionId)}`, '');
    for (const g of open.byGroup) {
      lines.push(
        `**${g.group === null ? t('opinionOutsideGroups') : t('opinionGroupName', o.groups[g.group]!.label)}**`,
        '',
      );
      for (const answer of g.answers) lines.push(...quotedNote(answer));
    }
  }
  return lines;
}

/** `summary` (groupSummaryMarkdown's) with the opinion groups after its introduction: what a teacher reads first. */
function withOpinionLines(summary: string, lines: string[]): string {
  const cut = summary.indexOf('\n## ');
  const [head, questions] = cut < 0 ? [summary, ''] : [summary.slice(0, cut + 1), summary.slice(cut + 1)];
  return `${`${head}${lines.join('\n').trimEnd()}\n\n${questions}`.trimEnd()}\n`;
}

/** The panel's "Export summary": the group's summary with its opinion groups (the group's own, no reader). */
export function groupSummaryWithOpinions(group: Group, summary: string): string {
  const text = new Map(Object.entries(group.questions));
  const names = new Map(group.members.map((m) => [m.key, m.name]));
  return withOpinionLines(summary, opinionLines(reportOpinion(group), text, names));
}

function articleMarkdown(a: ReportArticle): string {
  const text = new Map<string, QuestionWords>(a.questions.map((q) => [q.id, q]));
  const names = new Map(a.members.map((m) => [m.key, m.name]));
  const lines = opinionLines(a.opinion, text, names);
  // The per-question part is the panel's own summary: counts, spread, agreement, notes by position.
  const summary = groupSummaryMarkdown(
    {
      memberCount: a.members.length,
      questions: a.questions.map((x) => ({
        id: x.id,
        question: { kind: 'debate', label: x.label, text: x.text, form: x.form, order: x.order },
        members: x.members,
        answered: x.answered,
        distribution: x.distribution,
        agreement: x.agreement,
        readerPosition: null,
        readerAnswered: false,
        partial: x.members < a.members.length,
        notesByPosition: x.notesByPosition,
      })),
    },
    { articleTitle: a.title, articleUrl: a.url, groupName: t('reportGroupName') },
  );
  return withOpinionLines(summary, lines);
}
