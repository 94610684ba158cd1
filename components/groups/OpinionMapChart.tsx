// The map of members drawn by Stance as SVG: one marker per member, placed by the first two
// principal components, shaped and coloured by opinion group (shape alone tells the groups apart,
// for readers who do not see the colours). The arrow keys go from member to member (one tab stop,
// roving focus) and a status line says whom the focus is on; a caption says what the map shows.
import { useState } from 'preact/hooks';
import { t, tn } from '@/utils/i18n';
import type { MapPoint, OpinionMap } from '@/utils/share/opinion';

export interface OpinionMapChartProps {
  map: OpinionMap;
  /** A question's text by id, to say what each axis follows. */
  questionText: (id: string) => string;
}

const WIDTH = 100;
const HEIGHT = 80;
const MARGIN = 6;
const R = 2.2;
// Okabe–Ito colours, readable on the light and the dark theme; each marker is outlined in the
// text colour so it stands out on either.
export const GROUP_COLOURS = ['#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#D55E00'];

/** A group's marker alone, to stand beside its name in the lists (decoration: the name says it). */
export function GroupSwatch({ group }: { group: number }) {
  return (
    <svg
      viewBox="0 0 6 6"
      width="0.9em"
      height="0.9em"
      aria-hidden="true"
      style={{ verticalAlign: '-0.05em' }}
    >
      <Marker group={group} x={3} y={3} />
    </svg>
  );
}

/** An SVG shape per group, so the groups differ by more than colour. */
export function Marker({ group, x, y }: { group: number | null; x: number; y: number }) {
  const fill = group === null ? 'var(--quiet, #5a5a60)' : GROUP_COLOURS[group % GROUP_COLOURS.length];
  const common = { fill, stroke: 'var(--text, #1d1d1f)', 'stroke-width': 0.4 };
  switch (group) {
    case 1:
      return <rect x={x - R * 0.85} y={y - R * 0.85} width={R * 1.7} height={R * 1.7} {...common} />;
    case 2:
      return <polygon points={`${x},${y - R} ${x + R},${y + R * 0.8} ${x - R},${y + R * 0.8}`} {...common} />;
    case 3:
      return <polygon points={`${x},${y - R} ${x + R},${y} ${x},${y + R} ${x - R},${y}`} {...common} />;
    case 4:
      return (
        <polygon
          points={`${x - R},${y - R * 0.4} ${x + R},${y - R * 0.4} ${x + R},${y + R * 0.4} ${x - R},${y + R * 0.4}`}
          {...common}
        />
      );
    default:
      return <circle cx={x} cy={y} r={R} {...common} />;
  }
}

function memberLabel(p: MapPoint, map: OpinionMap): string {
  const name = p.name ?? t('shareAnonymous');
  return p.group === null ? name : t('opinionPointInGroup', name, map.groups[p.group]!.label);
}

/** Positions in the viewBox: one scale for both axes, so distances on the map mean the same both ways. */
function layout(map: OpinionMap) {
  const all = [...map.points, ...(map.reader ? [map.reader] : [])];
  const maxX = Math.max(1e-9, ...all.map((p) => Math.abs(p.x)));
  const maxY = Math.max(1e-9, ...all.map((p) => Math.abs(p.y)));
  const scale = Math.min((WIDTH / 2 - MARGIN) / maxX, (HEIGHT / 2 - MARGIN) / maxY);
  return (x: number, y: number): [number, number] => [WIDTH / 2 + x * scale, HEIGHT / 2 - y * scale];
}

export function OpinionMapChart({ map, questionText }: OpinionMapChartProps) {
  // Reading order for the arrow keys: left to right, then top to bottom.
  const order = map.points
    .map((_, i) => i)
    .sort((a, b) => map.points[a]!.x - map.points[b]!.x || map.points[b]!.y - map.points[a]!.y);
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const place = layout(map);
  const current = map.points[order[active] ?? 0];
  const [axisX, axisY] = map.axisQuestions;

  const onKeyDown = (e: KeyboardEvent) => {
    const last = order.length - 1;
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? Math.min(last, active + 1)
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? Math.max(0, active - 1)
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? last
              : null;
    if (next === null) return;
    e.preventDefault();
    setActive(next);
    // Focus follows the active member: the marker with tabindex 0 is the one to focus.
    const svg = (e.currentTarget as SVGElement).closest('svg');
    requestAnimationFrame(() => svg?.querySelector<SVGGElement>('[tabindex="0"]')?.focus());
  };

  return (
    <figure class="opinion-map" style={{ margin: '0.5em 0' }}>
      {/* biome-ignore lint/a11y/useSemanticElements: an SVG cannot be a fieldset; the group names the markers it holds. */}
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="group"
        aria-label={t('opinionMapLabel')}
        aria-describedby="opinion-map-caption"
        style={{ display: 'block', maxWidth: '32rem', color: 'var(--text, #1d1d1f)' }}
      >
        <line
          x1={MARGIN / 2}
          y1={HEIGHT / 2}
          x2={WIDTH - MARGIN / 2}
          y2={HEIGHT / 2}
          stroke="currentColor"
          stroke-opacity="0.25"
          stroke-width="0.3"
        />
        <line
          x1={WIDTH / 2}
          y1={MARGIN / 2}
          x2={WIDTH / 2}
          y2={HEIGHT - MARGIN / 2}
          stroke="currentColor"
          stroke-opacity="0.25"
          stroke-width="0.3"
        />
        {order.map((index, rank) => {
          const p = map.points[index]!;
          const [x, y] = place(p.x, p.y);
          const isActive = rank === active;
          return (
            // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: a focusable SVG marker named as an image is how a keyboard reaches each member; SVG has no HTML equivalent.
            <g
              key={p.key}
              class="opinion-point"
              data-member={p.key}
              role="img"
              aria-label={memberLabel(p, map)}
              tabindex={isActive ? 0 : -1}
              onKeyDown={onKeyDown}
              onFocus={() => {
                setActive(rank);
                setFocused(true);
              }}
              onBlur={() => setFocused(false)}
            >
              <Marker group={p.group} x={x} y={y} />
              {isActive && focused && (
                <circle
                  cx={x}
                  cy={y}
                  r={R + 1.4}
                  fill="none"
                  stroke="var(--focus, #b35c00)"
                  stroke-width="0.8"
                />
              )}
            </g>
          );
        })}
        {map.reader &&
          (() => {
            const [x, y] = place(map.reader.x, map.reader.y);
            return (
              // biome-ignore lint/a11y/noInteractiveElementToNoninteractiveRole: an SVG group, named as the image it is.
              <g class="opinion-you" role="img" aria-label={t('opinionYouOnMap')}>
                <path
                  d={`M${x - 3},${y} L${x + 3},${y} M${x},${y - 3} L${x},${y + 3}`}
                  stroke="currentColor"
                  stroke-width="1.1"
                />
                <text x={x + 3.5} y={y - 2} font-size="4" fill="currentColor">
                  {t('opinionYouShort')}
                </text>
              </g>
            );
          })()}
      </svg>
      <figcaption id="opinion-map-caption" class="quiet">
        {t('opinionMapCaption')} {tn('opinionMapMembers', map.points.length)}
        {map.groups.length > 0 &&
          ` ${map.groups.map((g) => t('opinionMapGroupCount', g.label, tn('groupMemberCount', g.memberKeys.length))).join(' · ')}.`}
        {axisX && ` ${t('opinionAxisX', questionText(axisX))}`}
        {axisY && ` ${t('opinionAxisY', questionText(axisY))}`} {t('opinionMapKeys')}
      </figcaption>
      <p class="quiet opinion-map-focus" role="status">
        {focused && current ? memberLabel(current, map) : ''}
      </p>
    </figure>
  );
}
