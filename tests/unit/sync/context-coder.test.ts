import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ContextEncoder, compress, continuation, decompress, tableBitsFor } from '@/utils/sync/context-coder';
import { DEFLATE_DICTIONARY } from '@/utils/sync/dictionary';
import { textUsed, typicalArticle, typicalLibrary } from '../../support/sync-fixtures';

const utf8 = new TextEncoder();
/** The reader text of a few typical articles: notes, titles, questions, in French and English. */
const prose = utf8.encode(
  Array.from({ length: 12 }, (_, i) => {
    const a = typicalArticle(i);
    return [a.meta.v.title, ...Object.values(a.questions).flatMap((q) => [q.q.v.text, q.note?.v ?? ''])].join(
      '\n',
    );
  }).join('\n'),
);

/**
 * Layout-like lines of the dictionary's words, from a fixed seed: an input of this file's own, so
 * the pinned digests below change only when the coder does.
 */
function pinnedInput(length: number): Uint8Array {
  const words = new TextDecoder().decode(DEFLATE_DICTIONARY).split(/[ /]+/).filter(Boolean);
  let seed = 12345;
  const next = (n: number) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return (seed >>> 8) % n;
  };
  let text = '';
  while (text.length < length) {
    const phrase = Array.from({ length: 3 + next(12) }, () => words[next(words.length)]).join(' ');
    text += `["https://www.${words[next(words.length)]}.fr/${next(100000)}",[${next(5000)},${next(3)},${next(2)}],"${phrase}",${next(6) - 1}]\n`;
  }
  return utf8.encode(text.slice(0, length));
}
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('context coder', () => {
  it('writes format 4 bit for bit: streams of a fixed input keep the digests pinned when it shipped', () => {
    // Every device decodes what any other wrote: a faster predictor must give these same bytes, a
    // different one needs a new format in format.ts.
    const input = pinnedInput(60_000);
    const small = compress(input.subarray(0, 3_000), DEFLATE_DICTIONARY);
    expect([small.length, sha256(small)]).toEqual([
      763,
      'bee353bbc8aea4a61fcf94b1504b6a28adc59ecebdc2dd79be265408c5ac31fc',
    ]);
    // The largest table a sync area uses, and a clone taken halfway (the planner's checkpoint).
    const encoder = new ContextEncoder(22, DEFLATE_DICTIONARY);
    encoder.write(input.subarray(0, 30_000));
    const resumed = encoder.clone();
    resumed.write(input.subarray(30_000));
    const large = resumed.finishAt();
    expect([large.length, sha256(large)]).toEqual([
      10_681,
      '7a5bbb1725149cd346c42d5e9aa81c1b90c73d1b1e755ee67fb965d79a039302',
    ]);
    expect(decompress(large, DEFLATE_DICTIONARY)).toEqual(input);
  });

  it('round-trips any bytes, with or without a primer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), fc.boolean(), (bytes, withPrimer) => {
        const primer = withPrimer ? DEFLATE_DICTIONARY : undefined;
        expect(decompress(compress(bytes, primer), primer)).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('codes French and English prose at least 15% below deflate with the same dictionary (18% measured)', () => {
    const coded = compress(prose, DEFLATE_DICTIONARY);
    const deflated = deflateSync(prose, { level: 9, dictionary: DEFLATE_DICTIONARY });
    expect(decompress(coded, DEFLATE_DICTIONARY)).toEqual(prose);
    expect(coded.length).toBeLessThan(deflated.length * 0.85);
  });

  it('gives the stream of every prefix at its mark, each decoding on its own', () => {
    const encoder = new ContextEncoder(tableBitsFor(prose.length), DEFLATE_DICTIONARY);
    const cuts = [0, 1, 17, 500, 2_000, prose.length];
    const marks = [];
    let at = 0;
    for (const cut of cuts) {
      encoder.write(prose.subarray(at, cut));
      at = cut;
      marks.push(encoder.mark());
    }
    for (const [i, mark] of marks.entries()) {
      const stream = encoder.finishAt(mark);
      expect(stream.length).toBe(encoder.sizeAt(mark));
      expect(decompress(stream, DEFLATE_DICTIONARY)).toEqual(prose.subarray(0, cuts[i]));
    }
  });

  it('a clone codes what follows to the bytes the original gives, and leaves the original as it was', () => {
    const whole = new ContextEncoder(tableBitsFor(prose.length), DEFLATE_DICTIONARY);
    whole.write(prose);
    const head = new ContextEncoder(tableBitsFor(prose.length), DEFLATE_DICTIONARY);
    head.write(prose.subarray(0, 5_000));
    const before = head.finishAt();
    const copy = head.clone();
    copy.write(prose.subarray(5_000));
    expect(copy.finishAt()).toEqual(whole.finishAt());
    // Writing to the copy changed nothing in the original: it still ends where it was, and goes on the same way.
    expect(head.finishAt()).toEqual(before);
    head.write(prose.subarray(5_000));
    expect(head.finishAt()).toEqual(whole.finishAt());
  });

  it('codes the same input to the same bytes in another process (every device must agree)', () => {
    const once = compress(prose, DEFLATE_DICTIONARY);
    // A fresh process: its own JIT and no primed predictor in its cache (this one has one).
    const here = dirname(fileURLToPath(import.meta.url));
    const module = (path: string) => JSON.stringify(pathToFileURL(resolve(here, path)).href);
    const child = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import { compress } from ${module('../../../utils/sync/context-coder.ts')};
         import { DEFLATE_DICTIONARY } from ${module('../../../utils/sync/dictionary.ts')};
         import { readFileSync } from 'node:fs';
         const coded = compress(new Uint8Array(readFileSync(0)), DEFLATE_DICTIONARY);
         process.stdout.write(Buffer.from(coded).toString('hex'));`,
      ],
      { input: prose, encoding: 'utf8' },
    );
    expect(child.stderr).toBe('');
    expect(child.stdout).toBe(Buffer.from(once).toString('hex'));
    // A fresh primer copy with the same bytes primes the same way.
    expect(compress(prose, DEFLATE_DICTIONARY.slice())).toEqual(once);
  }, 60_000);

  it("reads a stream that continues an encoder's from its state: the rest, or null when it does not continue it", () => {
    // Small tables: the property copies the state a few hundred times.
    const bits = 16;
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 300 }),
        fc.uint8Array({ maxLength: 300 }),
        (shared, rest, other) => {
          const encoder = new ContextEncoder(bits, DEFLATE_DICTIONARY);
          encoder.write(shared);
          const scratch = new ContextEncoder(bits);
          const extended = encoder.clone();
          extended.write(rest);
          expect(continuation(encoder, extended.finishAt(), scratch)).toEqual(rest);
          // A stream of other bytes continues it only if it starts with the same ones.
          const elsewhere = new ContextEncoder(bits, DEFLATE_DICTIONARY);
          elsewhere.write(other);
          const found = continuation(encoder, elsewhere.finishAt(), scratch);
          const starts = other.length >= shared.length && shared.every((b, i) => other[i] === b);
          expect(found).toEqual(starts ? other.subarray(shared.length) : null);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives from a damaged or cut stream only what decompress gives, and nothing with other-sized tables', () => {
    const encoder = new ContextEncoder(16, DEFLATE_DICTIONARY);
    encoder.write(prose.subarray(0, 2000));
    const extended = encoder.clone();
    extended.write(prose.subarray(2000, 3000));
    const stream = extended.finishAt();
    const scratch = new ContextEncoder(16);
    expect(continuation(encoder, stream, scratch)).toEqual(prose.subarray(2000, 3000));
    const variants: Uint8Array[] = [];
    for (let at = 1; at < stream.length; at += Math.ceil(stream.length / 40)) {
      const damaged = stream.slice();
      damaged[at]! ^= 0x10;
      variants.push(damaged);
    }
    for (let cut = 1; cut < 6; cut++) variants.push(stream.subarray(0, stream.length - cut));
    let refused = 0;
    for (const variant of variants) {
      const read = continuation(encoder, variant, scratch);
      if (!read) refused++;
      // A stream it reads is one that, decoded from the start, gives the shared bytes and these.
      else
        expect(decompress(variant, DEFLATE_DICTIONARY)).toEqual(
          new Uint8Array([...prose.subarray(0, 2000), ...read]),
        );
    }
    expect(refused).toBeGreaterThan(variants.length / 2);
    expect(continuation(encoder, stream, new ContextEncoder(17))).toBeNull();
    const larger = new ContextEncoder(17, DEFLATE_DICTIONARY);
    larger.write(prose.subarray(0, 3000));
    expect(continuation(encoder, larger.finishAt(), scratch)).toBeNull();
    // The shared bytes alone: nothing follows them.
    expect(continuation(encoder, encoder.finishAt(), scratch)).toEqual(new Uint8Array());
  });

  it('refuses what it did not write instead of decoding garbage at length', () => {
    const coded = compress(prose, DEFLATE_DICTIONARY);
    // A table size outside the format, a length past the limit, a stream with bytes left over.
    expect(decompress(Uint8Array.of(99, ...coded.subarray(1)), DEFLATE_DICTIONARY)).toBeNull();
    expect(decompress(coded, DEFLATE_DICTIONARY, 100)).toBeNull();
    expect(decompress(Uint8Array.of(...coded, 1, 2, 3, 4, 5), DEFLATE_DICTIONARY)).toBeNull();
    expect(decompress(new Uint8Array(), DEFLATE_DICTIONARY)).toBeNull();
    expect(() => new ContextEncoder(40)).toThrow(RangeError);
  });

  it('is measured on text that never repeats: the capacity library reuses no sentence', () => {
    // The benchmark's 520 articles; a coder that remembers earlier articles gains nothing unfair.
    typicalLibrary(520);
    for (const lang of ['fr', 'en'] as const) expect(textUsed(lang)?.wrapped).toBe(0);
  });
});
