// A two-dimensional map of members: the first two principal components of the centred matrix.
// Each question is centred on its own mean and a missing answer counts as that mean (0 after
// centring), so it pulls the member nowhere; as in Polis, a member who answered few questions is
// then scaled out by √(questions / answered) so they are not all drawn in a heap at the centre.
// Power iteration with a fixed start: the same input always gives the same map (signs included).

export interface Projection {
  /** Per-question means of the decided answers, to place a newcomer (the reader) the same way. */
  means: Float64Array;
  /** The two axes, unit vectors over the questions. */
  axes: [Float64Array, Float64Array];
  /** The centred, mean-imputed rows the axes were found in (also what the groups are found in). */
  centred: Float64Array[];
  /** Each member's place on the two axes. */
  points: [number, number][];
}

const ITERATIONS = 300;
const TOLERANCE = 1e-10;

export function columnMeans(values: Float64Array[], width: number): Float64Array {
  const sum = new Float64Array(width);
  const count = new Float64Array(width);
  for (const row of values) {
    for (let j = 0; j < width; j++) {
      const x = row[j]!;
      if (!Number.isNaN(x)) {
        sum[j]! += x;
        count[j]!++;
      }
    }
  }
  return sum.map((s, j) => (count[j]! > 0 ? s / count[j]! : 3));
}

export function centreRow(row: Float64Array, means: Float64Array): Float64Array {
  return row.map((x, j) => (Number.isNaN(x) ? 0 : x - means[j]!));
}

/** √(questions / answered), or 0 for a row with no answer at all. */
function sparsityScale(row: Float64Array): number {
  const answered = row.reduce((n, x) => (Number.isNaN(x) ? n : n + 1), 0);
  return answered === 0 ? 0 : Math.sqrt(row.length / answered);
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!;
  return s;
}

function normalise(v: Float64Array): number {
  const norm = Math.sqrt(dot(v, v));
  if (norm > 0) for (let j = 0; j < v.length; j++) v[j]! /= norm;
  return norm;
}

/** The leading eigenvector of XᵀX orthogonal to `against`, by power iteration (XᵀX is never formed). */
function leadingAxis(x: Float64Array[], width: number, against: Float64Array | null): Float64Array {
  // A fixed, unsymmetric start, so no axis is missed by being exactly orthogonal to it.
  let v = Float64Array.from({ length: width }, (_, j) => 1 + Math.sin(j + 1) / 2);
  const orthogonalise = (u: Float64Array) => {
    if (!against) return;
    const d = dot(u, against);
    for (let j = 0; j < width; j++) u[j]! -= d * against[j]!;
  };
  orthogonalise(v);
  if (normalise(v) === 0) return v;
  for (let iter = 0; iter < ITERATIONS; iter++) {
    const next = new Float64Array(width);
    for (const row of x) {
      const s = dot(row, v);
      if (s !== 0) for (let j = 0; j < width; j++) next[j]! += s * row[j]!;
    }
    orthogonalise(next);
    if (normalise(next) === 0) return next; // no variance left along any other direction
    let change = 0;
    for (let j = 0; j < width; j++) change += (next[j]! - v[j]!) ** 2;
    v = next;
    if (change < TOLERANCE) break;
  }
  // The sign of an eigenvector is arbitrary: fix it so its largest entry is positive.
  let largest = 0;
  for (let j = 0; j < width; j++) if (Math.abs(v[j]!) > Math.abs(v[largest]!)) largest = j;
  if (v[largest]! < 0) for (let j = 0; j < width; j++) v[j] = -v[j]!;
  return v;
}

/** Where a row (1…5 or NaN per question) falls on the map's two axes. */
export function placeRow(
  row: Float64Array,
  projection: Pick<Projection, 'means' | 'axes'>,
): [number, number] {
  const c = centreRow(row, projection.means);
  const scale = sparsityScale(row);
  return [dot(c, projection.axes[0]) * scale, dot(c, projection.axes[1]) * scale];
}

export function projectMembers(values: Float64Array[], width: number): Projection {
  const means = columnMeans(values, width);
  const centred = values.map((row) => centreRow(row, means));
  const first = leadingAxis(centred, width, null);
  const second = leadingAxis(centred, width, first);
  const axes: [Float64Array, Float64Array] = [first, second];
  const points = values.map((row) => placeRow(row, { means, axes }));
  return { means, axes, centred, points };
}
