// Words for every position on every scale, in English (the tests' locale).
import { describe, expect, test } from 'vitest';
import { positionLabel, scaleEnds } from '@/utils/positions/labels';
import type { Position } from '@/utils/positions/model';

const ALL: (Position | null)[] = [1, 2, 3, 4, 5, 'undecided', null];

describe('positionLabel and scaleEnds', () => {
  test.each([
    ['yes-no', { type: 'yes-no' as const }, ['No', 'Rather no', 'Neither', 'Rather yes', 'Yes']],
    [
      'agree-disagree',
      { type: 'agree-disagree' as const },
      ['Disagree', 'Rather disagree', 'Neutral', 'Rather agree', 'Agree'],
    ],
    [
      'open (named as it was when answered)',
      { type: 'open' as const },
      ['Disagree', 'Rather disagree', 'Neutral', 'Rather agree', 'Agree'],
    ],
    [
      'alternatives',
      { type: 'alternatives' as const, poles: ['Mars', 'the Moon'] as [string, string] },
      ['Mars', 'Rather: Mars', 'In between', 'Rather: the Moon', 'the Moon'],
    ],
  ])('%s', (_, form, steps) => {
    expect(ALL.map((p) => positionLabel(form, p))).toEqual([...steps, 'Undecided', 'No position']);
    expect(scaleEnds(form)).toEqual([steps[0], steps[4]]);
  });
});
