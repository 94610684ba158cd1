// The debate-question model: a logistic regression over the features of features.ts. Its weights
// are fitted by scripts/fit-debate-model.ts on the dev corpus and shipped in debate-weights.ts.
import { DEBATE_WEIGHTS } from './debate-weights';
export interface DebateModel {
  bias: number;
  /** One weight per feature, in FEATURE_NAMES order (names are comments in the data file). */
  weights: number[];
  /** A candidate is a debate question when its probability reaches this. */
  threshold: number;
}

export const SHIPPED_MODEL: DebateModel = DEBATE_WEIGHTS;

export function probability(model: DebateModel, features: number[]): number {
  let z = model.bias;
  for (let i = 0; i < features.length; i++) z += (model.weights[i] ?? 0) * (features[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
