// The shape of the group's disagreement: the map, the opinion groups with what sets each apart,
// and the questions every group agrees on or stands apart on. Like each question's answers, it
// stays behind a button until the reader has answered something (unless the gate is off), and the
// reader's own place on the map appears only once they have answered enough to be placed.
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { AnswerForm } from '@/utils/extract/types';
import { t, tn } from '@/utils/i18n';
import { positionLabel } from '@/utils/positions/labels';
import type { ArticleRecord, Position } from '@/utils/positions/model';
import type { QuestionAggregate } from '@/utils/share/aggregate';
import type { Group } from '@/utils/share/format';
import { type End, MIN_MAP_MEMBERS, type OpinionMap, openAnswersByGroup } from '@/utils/share/opinion';
import { GroupSwatch, OpinionMapChart } from './OpinionMapChart';
import { computeOpinionMap } from './opinion-map-worker';

export interface OpinionGroupsProps {
  group: Group;
  reader: ArticleRecord | null;
  /** The group's questions as the view shows them (the reader's snapshot first). */
  questions: QuestionAggregate[];
  /** Hide the section behind a button (the reader has answered nothing, and gating is on). */
  hidden: boolean;
  onReveal: () => void;
}

const pct = (share: number) => Math.round(share * 100);
// Lists indent little: the panel can be 320 px wide. The shape travels with the component, as the
// distribution chart's does.
const LIST = { paddingLeft: '1.1em', margin: '0.3em 0' };

function endLabel(form: AnswerForm, end: End): string {
  return positionLabel(form, end === 'first' ? 1 : 5);
}

function Verdict({ map }: { map: OpinionMap }) {
  switch (map.verdict) {
    case 'too-few-members':
      return <p>{t('opinionTooFewMembers', MIN_MAP_MEMBERS)}</p>;
    case 'too-few-questions':
      return <p>{t('opinionTooFewQuestions')}</p>;
    case 'no-groups':
      return <p>{t('opinionNoGroups')}</p>;
    case 'groups':
      return <p>{tn('opinionGroupsFound', map.groups.length)}</p>;
  }
}

export function OpinionGroups({ group, reader, questions, hidden, onReveal }: OpinionGroupsProps) {
  // Computed in a worker (a lecture hall's map takes a few hundred milliseconds): the questions
  // show at once, the map follows. The map kept is the one for these very inputs.
  const [computed, setComputed] = useState<{ group: Group; reader: ArticleRecord | null; map: OpinionMap }>();
  useEffect(() => {
    if (hidden) return;
    let live = true;
    computeOpinionMap(group, reader).then((map) => live && setComputed({ group, reader, map }));
    return () => {
      live = false;
    };
  }, [group, reader, hidden]);
  const map = computed?.group === group && computed.reader === reader ? computed.map : null;
  const byId = useMemo(() => new Map(questions.map((q) => [q.id, q.question])), [questions]);
  const text = (id: string) =>
    byId.get(id)?.text ?? (Object.hasOwn(group.questions, id) ? group.questions[id]!.text : id);
  const form = (id: string): AnswerForm =>
    byId.get(id)?.form ??
    (Object.hasOwn(group.questions, id) ? group.questions[id]!.form : { type: 'agree-disagree' });

  return (
    <section class="opinion-groups" aria-labelledby="opinion-groups-title">
      <h3 id="opinion-groups-title">{t('opinionTitle')}</h3>
      {hidden ? (
        <button type="button" class="group-reveal" onClick={onReveal}>
          {t('opinionShow')}
        </button>
      ) : !map ? (
        <p class="quiet" role="status">
          {t('opinionComputing')}
        </p>
      ) : (
        <>
          <Verdict map={map} />
          {map.points.length > 0 && <OpinionMapChart map={map} questionText={text} />}
          {map.points.length > 0 && (
            <p class="opinion-you-text">
              {map.reader
                ? map.reader.nearestGroup !== null
                  ? t('opinionYouNearest', map.groups[map.reader.nearestGroup]!.label)
                  : t('opinionYouPlaced')
                : t('opinionYouNotPlaced')}
            </p>
          )}
          {map.groups.length > 0 && (
            <ul class="opinion-group-list" style={LIST}>
              {map.groups.map((g, index) => (
                <li key={g.label} class="opinion-group">
                  <h4>
                    <GroupSwatch group={index} /> {t('opinionGroupName', g.label)} ·{' '}
                    {tn('groupMemberCount', g.memberKeys.length)}
                  </h4>
                  {g.distinguishing.length === 0 ? (
                    <p class="quiet">{t('opinionNothingDistinct')}</p>
                  ) : (
                    <>
                      <p class="quiet">{t('opinionDistinguishing')}</p>
                      <ul style={LIST}>
                        {g.distinguishing.map((d) => (
                          <li key={`${d.questionId}-${d.end}`}>
                            <span class="opinion-question">{text(d.questionId)}</span>{' '}
                            <span class="quiet">
                              {t(
                                'opinionLean',
                                endLabel(form(d.questionId), d.end),
                                pct(d.groupShare),
                                pct(d.othersShare),
                              )}
                            </span>
                          </li>
                        ))}
                      </ul>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
          {map.points.length > 0 && (
            <>
              <h4>{map.groups.length > 0 ? t('opinionConsensus') : t('opinionConsensusAll')}</h4>
              {map.consensus.length === 0 ? (
                <p class="quiet">{t('opinionConsensusNone')}</p>
              ) : (
                <ul class="opinion-consensus" style={LIST}>
                  {map.consensus.map((c) => (
                    <li key={`${c.questionId}-${c.end}`}>
                      <span class="opinion-question">{text(c.questionId)}</span>{' '}
                      <span class="quiet">
                        {t('opinionConsensusLean', endLabel(form(c.questionId), c.end))}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
              <h4>{map.groups.length > 0 ? t('opinionDivisive') : t('opinionDivisiveAll')}</h4>
              {map.divisive.length === 0 ? (
                <p class="quiet">{t('opinionDivisiveNone')}</p>
              ) : (
                <ul class="opinion-divisive" style={LIST}>
                  {map.divisive.map((d) => (
                    <li key={d.questionId}>
                      <span class="opinion-question">{text(d.questionId)}</span>
                      {map.groups.length > 0 && (
                        <span class="quiet">
                          {' '}
                          {d.means
                            .map((m, g) =>
                              t(
                                'opinionGroupMean',
                                map.groups[g]!.label,
                                m === null
                                  ? t('noPosition')
                                  : positionLabel(form(d.questionId), Math.round(m) as Position),
                              ),
                            )
                            .join(' · ')}
                        </span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
          <OpenAnswers group={group} map={map} text={text} />
        </>
      )}
    </section>
  );
}

function OpenAnswers({ group, map, text }: { group: Group; map: OpinionMap; text: (id: string) => string }) {
  const lists = openAnswersByGroup(group, map);
  if (lists.length === 0) return null;
  return (
    <>
      <h4>{t('opinionOpenAnswers')}</h4>
      {lists.map((q) => (
        <details key={q.questionId} class="group-notes">
          <summary>{text(q.questionId)}</summary>
          {q.byGroup.map((g) => (
            <section key={String(g.group)}>
              <h5>
                {g.group === null
                  ? t('opinionOutsideGroups')
                  : t('opinionGroupName', map.groups[g.group]!.label)}
              </h5>
              <ul>
                {g.answers.map((a, i) => (
                  <li key={i}>
                    <span class="group-note-author">{a.author ?? t('shareAnonymous')}</span>
                    <p class="group-note-text">{a.text}</p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </details>
      ))}
    </>
  );
}
