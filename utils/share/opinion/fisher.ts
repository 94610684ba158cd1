// Fisher's exact test, one-sided: is a group's count at one end of the scale higher than chance
// would give at this size? Exact over the hypergeometric distribution, so it holds for a club of
// six where a normal approximation (a z-test on proportions) would not.

const logFactorials: number[] = [0];
function logFactorial(n: number): number {
  for (let i = logFactorials.length; i <= n; i++) logFactorials[i] = logFactorials[i - 1]! + Math.log(i);
  return logFactorials[n]!;
}

function logChoose(n: number, k: number): number {
  return logFactorial(n) - logFactorial(k) - logFactorial(n - k);
}

/**
 * P(X ≥ a) for X the number "at the end" among a group of `n`, when `a + b` of all `n + m`
 * members are at that end and the group is drawn from them at random.
 */
export function fisherGreater(a: number, n: number, b: number, m: number): number {
  const total = n + m;
  const successes = a + b;
  const high = Math.min(n, successes);
  const denominator = logChoose(total, n);
  let p = 0;
  for (let x = a; x <= high; x++) {
    if (n - x > total - successes) continue;
    p += Math.exp(logChoose(successes, x) + logChoose(total - successes, n - x) - denominator);
  }
  return Math.min(1, p);
}
