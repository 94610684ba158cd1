// Small builders for the positions tests: a clock that ticks on demand and a demo question.
import type { ExtractedQuestion } from '@/utils/extract/types';
import { newArticle } from '@/utils/positions/actions';
import { newClock, tick } from '@/utils/positions/clock';

export function testClock(device = 'dev001', start = 1_700_000_000_000) {
  let clock = newClock(device);
  let now = start;
  return (advanceMs = 1000) => {
    now += advanceMs;
    const next = tick(clock, now);
    clock = next.clock;
    return next.stamp;
  };
}

export const SHOCK: ExtractedQuestion = {
  id: 'shock',
  kind: 'debate',
  label: 'La question choc',
  text: 'Préféreriez-vous vivre dans un monde où A, ou dans un monde où B ?',
  form: { type: 'alternatives', poles: ['A', 'B'] },
};

export const MONOPOLY: ExtractedQuestion = {
  id: 'monopoly',
  kind: 'debate',
  label: 'Le Monopole Ultime',
  text: 'Musk devient-il trop puissant pour être régulé par les États ?',
  form: { type: 'yes-no' },
};

export function emptyArticle(stamp: string, url = 'https://blog.example.fr/spacex/') {
  return newArticle(
    url,
    { title: 'Le Coup de Maître', siteName: 'Orbite', lang: 'fr', readingMinutes: 2 },
    stamp,
  );
}
