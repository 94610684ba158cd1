// Opinion groups: k-means in the centred answer space, k chosen by the silhouette between 2 and 5.
// Two guards keep noise from being called camps: the best silhouette must reach a floor, and it
// must beat every one of several copies of the data with each question's answers shuffled among
// members (same answers per question, no pattern between them): a permutation test, with 19
// shuffles (p < 0.05) for a class, and 2 for a lecture hall, whose shuffled silhouettes barely vary. A group smaller than MIN_GROUP is never a camp.
// Every random choice comes from a seeded generator: the same input gives the same groups.

export const CLUSTER_RULES = {
  maxGroups: 5,
  /** Below this mean silhouette, nothing separates the members. */
  minSilhouette: 0.25,
  /** How far the silhouette must beat the best shuffled copy's: this, plus 1 / members, as a
   *  class of six can fall into neat-looking pairs by chance. */
  minGainOverShuffled: 0.05,
  /** Shuffled copies compared with, up to `smallClass` members and above. */
  shufflesSmall: 19,
  shufflesLarge: 2,
  smallClass: 60,
  /** k-means runs per k, from different seeded starts; the tightest is kept (fewer for shuffles). */
  restarts: 4,
  shuffledRestarts: 2,
  maxIterations: 60,
  /** Above `smallClass`, a shuffled copy gets one start and fewer steps: patternless data converge
   *  slowly, and at that size its silhouette is far below any real structure's (0.05 against 0.4). */
  largeShuffledRestarts: 1,
  largeShuffledIterations: 25,
} as const;

/** The smallest group shown as a camp: two members, or 5 % of a large group. */
export function minGroupSize(members: number): number {
  return Math.max(2, Math.ceil(members * 0.05));
}

/** mulberry32: a small, well-known seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += (a[j]! - b[j]!) ** 2;
  return s;
}

interface KMeansRun {
  labels: Int32Array;
  inertia: number;
}

/**
 * One k-means run from a k-means++ start drawn with `random`, over the rows laid out flat
 * (`data[i * width + j]`): most of the map's time is spent here, and flat loops run faster.
 */
function kMeansOnce(
  data: Float64Array,
  n: number,
  width: number,
  k: number,
  random: () => number,
  maxIterations: number,
): KMeansRun {
  const centres = new Float64Array(k * width);
  const distanceTo = (i: number, c: number) => {
    let s = 0;
    const a = i * width;
    const b = c * width;
    for (let j = 0; j < width; j++) {
      const d = data[a + j]! - centres[b + j]!;
      s += d * d;
    }
    return s;
  };
  const setCentre = (c: number, i: number) =>
    centres.set(data.subarray(i * width, (i + 1) * width), c * width);
  setCentre(0, Math.floor(random() * n));
  const nearest = Float64Array.from({ length: n }, (_, i) => distanceTo(i, 0));
  for (let c = 1; c < k; c++) {
    const total = nearest.reduce((s, d) => s + d, 0);
    let pick = 0;
    if (total > 0) {
      let target = random() * total;
      for (pick = 0; pick < n - 1; pick++) {
        target -= nearest[pick]!;
        if (target <= 0) break;
      }
    } else pick = Math.floor(random() * n);
    setCentre(c, pick);
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i]!, distanceTo(i, c));
  }
  const labels = new Int32Array(n).fill(-1);
  const counts = new Int32Array(k);
  let inertia = 0;
  for (let iter = 0; iter < maxIterations; iter++) {
    let moved = false;
    inertia = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestDistance = Number.POSITIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        const d = distanceTo(i, c);
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      inertia += bestDistance;
      if (labels[i] !== best) {
        labels[i] = best;
        moved = true;
      }
    }
    if (!moved) break;
    const sums = new Float64Array(k * width);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const c = labels[i]!;
      counts[c]!++;
      for (let j = 0; j < width; j++) sums[c * width + j]! += data[i * width + j]!;
    }
    for (let c = 0; c < k; c++) {
      if (counts[c] === 0) continue; // an empty centre stays where it was
      for (let j = 0; j < width; j++) centres[c * width + j] = sums[c * width + j]! / counts[c]!;
    }
  }
  return { labels, inertia };
}

function flatten(rows: Float64Array[]): Float64Array {
  const width = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * width);
  for (let i = 0; i < rows.length; i++) data.set(rows[i]!, i * width);
  return data;
}

export function kMeans(
  rows: Float64Array[],
  k: number,
  seed: number,
  restarts: number = CLUSTER_RULES.restarts,
  maxIterations: number = CLUSTER_RULES.maxIterations,
): Int32Array {
  const random = seededRandom(seed);
  const data = flatten(rows);
  let best: KMeansRun | null = null;
  for (let r = 0; r < restarts; r++) {
    const run = kMeansOnce(data, rows.length, rows[0]?.length ?? 0, k, random, maxIterations);
    if (!best || run.inertia < best.inertia - 1e-9) best = run;
  }
  return best!.labels;
}

/** Pairwise Euclidean distances, once per data set: the silhouettes of every k share them. */
export function distanceMatrix(rows: Float64Array[]): Float64Array {
  const n = rows.length;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.sqrt(squaredDistance(rows[i]!, rows[j]!));
      out[i * n + j] = d;
      out[j * n + i] = d;
    }
  }
  return out;
}

/** Mean silhouette of a labelling (Rousseeuw 1987); a member alone in its group counts 0. */
export function silhouette(distances: Float64Array, labels: Int32Array, k: number): number {
  const n = labels.length;
  const sizes = new Int32Array(k);
  for (const l of labels) sizes[l]!++;
  let total = 0;
  const sums = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    sums.fill(0);
    for (let j = 0; j < n; j++) if (j !== i) sums[labels[j]!]! += distances[i * n + j]!;
    const own = labels[i]!;
    if (sizes[own]! <= 1) continue;
    const a = sums[own]! / (sizes[own]! - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c]! > 0) b = Math.min(b, sums[c]! / sizes[c]!);
    const m = Math.max(a, b);
    if (Number.isFinite(b) && m > 0) total += (b - a) / m;
  }
  return total / n;
}

export interface BestClustering {
  k: number;
  labels: Int32Array;
  silhouette: number;
}

/** The k (2…5) with the best silhouette among those whose every group is big enough; null if none. */
export function bestClustering(
  rows: Float64Array[],
  seed = 1,
  restarts: number = CLUSTER_RULES.restarts,
  maxIterations: number = CLUSTER_RULES.maxIterations,
): BestClustering | null {
  const n = rows.length;
  const smallest = minGroupSize(n);
  const distances = distanceMatrix(rows);
  let best: BestClustering | null = null;
  for (let k = 2; k <= Math.min(CLUSTER_RULES.maxGroups, Math.floor(n / smallest)); k++) {
    const labels = kMeans(rows, k, seed + k, restarts, maxIterations);
    const sizes = new Int32Array(k);
    for (const l of labels) sizes[l]!++;
    if (sizes.some((s) => s < smallest)) continue;
    const score = silhouette(distances, labels, k);
    if (!best || score > best.silhouette + 1e-12) best = { k, labels, silhouette: score };
  }
  return best;
}

/** The rows with each column's entries shuffled among rows: the same answers, no pattern. */
export function shuffleColumns(rows: Float64Array[], random: () => number): Float64Array[] {
  const out = rows.map((r) => Float64Array.from(r));
  const n = rows.length;
  const width = rows[0]?.length ?? 0;
  for (let j = 0; j < width; j++) {
    for (let i = n - 1; i > 0; i--) {
      const swap = Math.floor(random() * (i + 1));
      const x = out[i]![j]!;
      out[i]![j] = out[swap]![j]!;
      out[swap]![j] = x;
    }
  }
  return out;
}

export interface GroupsFound {
  /** null when nothing separates the members. */
  clustering: BestClustering | null;
  /** The best silhouette found, even when it was not enough (null below four members). */
  silhouette: number | null;
  /** The best silhouette among the shuffled copies it was compared with. */
  shuffledSilhouette: number | null;
}

/** Opinion groups, or none when the data show no more structure than shuffled answers do. */
export function findGroups(rows: Float64Array[], seed = 1): GroupsFound {
  const found = rows.length >= 4 ? bestClustering(rows, seed) : null;
  if (!found) return { clustering: null, silhouette: null, shuffledSilhouette: null };
  const random = seededRandom(seed * 7919);
  const small = rows.length <= CLUSTER_RULES.smallClass;
  const shuffles = small ? CLUSTER_RULES.shufflesSmall : CLUSTER_RULES.shufflesLarge;
  const restarts = small ? CLUSTER_RULES.shuffledRestarts : CLUSTER_RULES.largeShuffledRestarts;
  const steps = small ? CLUSTER_RULES.maxIterations : CLUSTER_RULES.largeShuffledIterations;
  let shuffled = 0;
  for (let s = 0; s < shuffles; s++) {
    const copy = bestClustering(shuffleColumns(rows, random), seed + 100 * (s + 1), restarts, steps);
    shuffled = Math.max(shuffled, copy?.silhouette ?? 0);
  }
  const distinct =
    found.silhouette >= CLUSTER_RULES.minSilhouette &&
    found.silhouette >= shuffled + CLUSTER_RULES.minGainOverShuffled + 1 / rows.length;
  return {
    clustering: distinct ? found : null,
    silhouette: found.silhouette,
    shuffledSilhouette: shuffled,
  };
}
