import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, sameJson } from '@/utils/sync/engine';

// Values as records hold them, with undefined fields and keys set in any order.
const value = fc.letrec((tie) => ({
  leaf: fc.oneof(
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom('', 'a', 'b'),
  ),
  node: fc.oneof(
    { depthSize: 'small' },
    tie('leaf'),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('a', 'b', 'c'), tie('node'), { maxKeys: 3 }),
  ),
})).node;

/** The same value with every object's keys in reverse order. */
function reordered(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reordered);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .reverse()
        .map(([k, x]) => [k, reordered(x)]),
    );
  return v;
}

describe('sameJson', () => {
  it('says what comparing canonicalJson says', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const objects = (x: unknown) => ({ x });
        expect(sameJson(objects(a), objects(b))).toBe(
          canonicalJson(objects(a)) === canonicalJson(objects(b)),
        );
      }),
      { numRuns: 5000 },
    );
  });

  it('holds whatever order the keys were set in, and with undefined fields left out', () => {
    fc.assert(
      fc.property(value, (a) => {
        expect(sameJson({ a }, { a: reordered(a) })).toBe(true);
      }),
    );
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 1, b: null })).toBe(false);
    expect(sameJson({ a: [1, undefined] }, { a: [1, null] })).toBe(true);
    expect(sameJson({ a: [1, 2] }, { a: [1, 2, 3] })).toBe(false);
    expect(sameJson({ a: { b: 'x' } }, { a: { b: 'y' } })).toBe(false);
  });
});
