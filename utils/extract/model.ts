// The debate-question model: a logistic regression over the features of features.ts. Its weights
// are fitted by scripts/fit-debate-model.ts on the dev corpus and shipped in debate-weights.ts.
import { DEBATE_WEIGHTS } from './debate-weights';
import { FEATURE_NAMES, type FeatureName } from './features';

export interface DebateModel {
  bias: number;
  weights: Partial<Record<FeatureName, number>>;
  /** A candidate is a debate question when its probability reaches this. */
  threshold: number;
}

export const SHIPPED_MODEL: DebateModel = DEBATE_WEIGHTS;

/** The weights in feature-vector order, so scoring is one dot product. */
export function weightVector(model: DebateModel): number[] {
  return FEATURE_NAMES.map((name) => model.weights[name] ?? 0);
}

export function probability(vector: number[], features: number[], bias: number): number {
  let z = bias;
  for (let i = 0; i < features.length; i++) z += (vector[i] ?? 0) * (features[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
