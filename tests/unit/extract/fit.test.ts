// The fit behind the shipped weights: a prior mean draws a weight the data say nothing about.
import { describe, expect, it } from 'vitest';
import { FIT_OPTIONS, fitLogistic } from '../../../scripts/lib/debate-corpus';
import { FEATURE_NAMES, type FeatureName } from '../../../utils/extract/features';

const index = (name: FeatureName) => FEATURE_NAMES.indexOf(name) + 1; // after the bias

describe('fitLogistic', () => {
  // Two rows per label on one feature; every other feature is 0 everywhere.
  const rows = [0, 0, 1, 1].map((on) => FEATURE_NAMES.map((name) => (name === 'last_block' ? on : 0)));
  const labels = [0, 0, 1, 1];

  it('leaves a feature no row has at its prior mean: 0, or the exclusion penalty', () => {
    const w = fitLogistic(rows, labels, { ...FIT_OPTIONS, priors: { footnote: -2 } });
    expect(w[index('footnote')]).toBeCloseTo(-2, 6);
    expect(w[index('aside')]).toBeCloseTo(0, 6);
    expect(w[index('last_block')] as number).toBeGreaterThan(0.5);
  });

  it('is deterministic', () => {
    expect(fitLogistic(rows, labels)).toEqual(fitLogistic(rows, labels));
  });
});
