// A small context-mixing compressor, in the spirit of Matt Mahoney's lpaq: each bit is predicted
// by several models (the previous 1–6 bytes, the current word, the byte's position in its JSON
// field), their predictions mixed by an online logistic mixer, refined by an SSE stage, then
// arithmetic-coded. On the test fixture's French and English prose it codes 18% smaller than
// deflate with the same dictionary (3,536 bytes against 4,302; context-coder.test.ts requires at
// least 15%), and on whole articles, whose stamps and layout it learns too, the gap is larger:
// that is what lets 300+ articles fit in storage.sync's 100 KB.
//
// It is part of the wire format: every device must predict the same probabilities bit for bit, so
// everything is integer arithmetic (exact in doubles, no Math.exp/log, no typed-array overflow
// that differs between engines). Changing any constant here needs a new format in format.ts.

/**
 * Log2 of the slots of the hash table of bit predictions (4 bytes each), chosen by the encoder from
 * the size of what it will code and written in the stream's first byte: collisions cost more than
 * the table, up to 16 MB for a full sync area.
 */
const MIN_TABLE_BITS = 12;
const MAX_TABLE_BITS = 22;
/** The adaptation rate of a slot slows with its count, up to this limit (then stays adaptive). */
const COUNT_LIMIT = 60;
const MODELS = 9;
const INPUTS = MODELS + 2;
/** Bytes hashed to find an earlier occurrence of the current context (the match model). */
const MATCH_MIN = 5;
/** The mixer's learning rate is 2^-MIXER_SHIFT (measured: larger rates code these texts worse). */
const MIXER_SHIFT = 11;
const MIXER_ROUND = (1 << MIXER_SHIFT) - 1;

// squash(d) = 4096 / (1 + e^-d/256), by interpolation in a fixed table (as lpaq), and its inverse.
const SQUASH_POINTS = [
  1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047, 2549, 2994, 3348, 3607, 3785,
  3901, 3975, 4022, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094,
];
function squash(d: number): number {
  if (d > 2047) return 4095;
  if (d < -2047) return 1;
  const w = d & 127;
  const i = (d >> 7) + 16;
  return (SQUASH_POINTS[i]! * (128 - w) + SQUASH_POINTS[i + 1]! * w + 64) >> 7;
}
/** squash(d) for d in -2047..2047, at d + 2047: the mixer's output without the interpolation. */
const SQUASHED = Int16Array.from({ length: 4095 }, (_, i) => squash(i - 2047));
const STRETCH = (() => {
  const table = new Int16Array(4096);
  let pi = 0;
  for (let x = -2047; x <= 2047; x++) {
    const v = squash(x);
    for (let i = pi; i <= v; i++) table[i] = x;
    pi = v + 1;
  }
  for (let i = pi; i < 4096; i++) table[i] = 2047;
  return table;
})();
/**
 * 65536 / (n + 1.5) / 65536: a slot seen n times moves by 1/(n + 1.5) of its error. The integer
 * quotient scaled by 2^-16 is exact, so (error · RATE[n]) | 0 truncates as the integer division did.
 */
const RATE = Float64Array.from(
  { length: COUNT_LIMIT + 1 },
  (_, n) => Math.floor(131072 / (2 * n + 3)) / 65536,
);
/** A slot's P(1) and count share one 32-bit word (P << COUNT_BITS | count): one cache line per slot. */
const COUNT_BITS = 6;
const COUNT_MASK = (1 << COUNT_BITS) - 1;
/** The count after one more sighting: it stops at COUNT_LIMIT. */
const NEXT_COUNT = Int32Array.from({ length: COUNT_MASK + 1 }, (_, n) => Math.min(n + 1, COUNT_LIMIT));

// Divisions by powers of two as multiplications by their exact inverses: the same doubles (both
// are exact), without a division's latency on every bit.
const INV_65536 = 1 / 65536;
const INV_8192 = 1 / 8192;

/** FNV-style hash step, multiplication kept exact with Math.imul. */
const mix = (h: number, x: number) => Math.imul((h ^ x) >>> 0, 0x01000193) >>> 0;
const isWordByte = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c >= 128 || c === 39;

/**
 * P(next bit = 1), learnt from every bit seen so far. Each model hashes its context and the bits of
 * the current byte so far into a slot of one shared table; the slots' predictions are stretched,
 * mixed by weights chosen by the partial byte and the place in the layout, then refined by SSE.
 */
class Predictor {
  private readonly tableMask: number;
  private readonly tableShift: number;
  /** Per slot: P(1) in 16 bits, and how often it was seen (its learning rate slows with it). */
  private readonly table: Int32Array;
  private readonly weights: Int32Array;
  /** SSE: the mixed prediction refined by the partial and previous byte, 33 buckets interpolated. */
  private readonly sse: Uint16Array;
  private readonly sseMask: number;
  private readonly contexts = new Uint32Array(MODELS);
  private readonly slots = new Int32Array(MODELS);
  private readonly inputs = new Int32Array(INPUTS);
  private c0 = 1;
  private history = 0;
  private history2 = 0;
  private word = 0;
  private previousWord = 0;
  private fieldPosition = 0;
  private mixed = 2048;
  private sseIndex = 0;
  private sseWeight = 0;
  private p = 2048;
  private mixerBase = 0;
  /** What predict needs of the last byte, set once per byte: its mixer offset and SSE row. */
  private placeOffset = 0;
  private sseRow = 0;
  /** Where in the JSON layout the byte is: bracket depth and element index at each depth. */
  private depth = 0;
  private readonly elementIndex = new Uint8Array(16);
  private inString = false;
  // Match model: the byte that followed the last occurrence of the current context predicts this one.
  private buffer: Uint8Array;
  private length = 0;
  private readonly lastSeen: Int32Array;
  private readonly lastSeenShift: number;
  private matchPtr = -1;
  private matchLength = 0;
  private readonly matchProb: Uint16Array;
  private matchSlot = -1;

  /** A fresh predictor whose tables hold 2^bits slots; or a copy of `from`. */
  constructor(bits: number, from?: Predictor) {
    this.tableMask = (1 << bits) - 1;
    this.tableShift = 32 - bits;
    this.sseMask = (1 << (bits - 6)) - 1;
    this.lastSeenShift = 32 - (bits - 4);
    if (from) {
      this.table = from.table.slice();
      this.weights = from.weights.slice();
      this.sse = from.sse.slice();
      this.buffer = from.buffer.slice();
      this.lastSeen = from.lastSeen.slice();
      this.matchProb = from.matchProb.slice();
      this.elementIndex.set(from.elementIndex);
      this.contexts.set(from.contexts);
      this.slots.set(from.slots);
      this.inputs.set(from.inputs);
      const to = this as unknown as Record<string, unknown>;
      for (const key of Predictor.scalars) to[key] = (from as unknown as Record<string, unknown>)[key];
      return;
    }
    this.table = new Int32Array(1 << bits).fill(32768 << COUNT_BITS);
    this.weights = new Int32Array(256 * 16 * INPUTS).fill(Math.floor(65536 * 0.3));
    this.sse = new Uint16Array((this.sseMask + 1) * 33);
    const row = Uint16Array.from({ length: 33 }, (_, j) => squash((j - 16) * 128) * 16);
    for (let i = 0; i <= this.sseMask; i++) this.sse.set(row, i * 33);
    this.buffer = new Uint8Array(1 << 12);
    this.lastSeen = new Int32Array(1 << (bits - 4)).fill(-1);
    this.matchProb = new Uint16Array(64).fill(32768);
    this.setContexts();
    this.predict();
  }

  /** Takes `from`'s state into this predictor's tables (same size), allocating nothing new. */
  copyFrom(from: Predictor): void {
    this.table.set(from.table);
    this.weights.set(from.weights);
    this.sse.set(from.sse);
    if (this.buffer.length === from.buffer.length) this.buffer.set(from.buffer);
    else this.buffer = from.buffer.slice();
    this.lastSeen.set(from.lastSeen);
    this.matchProb.set(from.matchProb);
    this.elementIndex.set(from.elementIndex);
    this.contexts.set(from.contexts);
    this.slots.set(from.slots);
    this.inputs.set(from.inputs);
    const to = this as unknown as Record<string, unknown>;
    for (const key of Predictor.scalars) to[key] = (from as unknown as Record<string, unknown>)[key];
  }

  /** The state that is not in a table (copied by the constructor). */
  private static readonly scalars = [
    'c0',
    'history',
    'history2',
    'word',
    'previousWord',
    'fieldPosition',
    'mixed',
    'sseIndex',
    'sseWeight',
    'p',
    'mixerBase',
    'placeOffset',
    'sseRow',
    'depth',
    'inString',
    'length',
    'matchPtr',
    'matchLength',
    'matchSlot',
  ];

  /** P(next bit = 1) in 1..4095. */
  get probability(): number {
    return this.p;
  }

  update(bit: number): void {
    const target = bit ? 65535 : 0;
    const { slots, table } = this;
    for (let i = 0; i < MODELS; i++) {
      // Read again for each model: two models may share a slot, and the second sees the first's update.
      const s = slots[i]!;
      const slot = table[s]!;
      const n = slot & COUNT_MASK;
      const p = slot >> COUNT_BITS;
      table[s] = ((p + (((target - p) * RATE[n]!) | 0)) << COUNT_BITS) | NEXT_COUNT[n]!;
    }
    if (this.matchSlot >= 0) {
      const m = this.matchProb[this.matchSlot]!;
      this.matchProb[this.matchSlot] = m + ((target - m) >> 6);
    }
    // Mixer: gradient step on coding cost.
    const err = (bit << 12) - this.mixed;
    const { weights, inputs, mixerBase: base } = this;
    // |input · err| < 2047 · 4096 fits in 32 bits: the step is that over 2^MIXER_SHIFT, truncated
    // toward zero (negatives are rounded up before the shift), all in integers.
    for (let i = 0; i < INPUTS; i++) {
      const x = inputs[i]! * err;
      weights[base + i] = (weights[base + i]! + ((x + ((x >> 31) & MIXER_ROUND)) >> MIXER_SHIFT)) | 0;
    }
    // SSE: both interpolation points move toward the bit.
    const t = bit ? 65535 : 0;
    const a = this.sseIndex;
    this.sse[a] = this.sse[a]! + (((t - this.sse[a]!) * (128 - this.sseWeight) * INV_8192) | 0);
    this.sse[a + 1] = this.sse[a + 1]! + (((t - this.sse[a + 1]!) * this.sseWeight * INV_8192) | 0);

    this.c0 = (this.c0 << 1) | bit;
    if (this.c0 >= 256) {
      this.byteDone(this.c0 & 255);
      this.c0 = 1;
    }
    this.predict();
  }

  /** A whole byte is known: move the match model and every context past it. */
  private byteDone(c: number): void {
    this.updateMatch(c);
    this.history2 = ((this.history2 << 8) | (this.history >>> 24)) >>> 0;
    this.history = ((this.history << 8) | c) >>> 0;
    if (isWordByte(c)) this.word = mix(this.word, c >= 65 && c <= 90 ? c + 32 : c);
    else if (this.word !== 0) {
      this.previousWord = this.word;
      this.word = 0;
    }
    if (c === 34) this.inString = !this.inString;
    else if (!this.inString) {
      if (c === 91 && this.depth < 15) this.elementIndex[++this.depth] = 0;
      else if (c === 93 && this.depth > 0) this.depth--;
      else if (c === 44) this.elementIndex[this.depth] = Math.min(this.elementIndex[this.depth]! + 1, 255);
    }
    // JSON fields: the position since the last quote/comma/bracket says what kind of text follows.
    this.fieldPosition =
      c === 34 || c === 44 || c === 91 || c === 93 ? 0 : Math.min(this.fieldPosition + 1, 15);
    this.setContexts();
  }

  /** Appends the byte; follows the current match, or looks for one ending with the last bytes. */
  private updateMatch(c: number): void {
    if (this.length === this.buffer.length) {
      const grown = new Uint8Array(this.buffer.length * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.length++] = c;
    if (this.matchLength > 0 && this.buffer[this.matchPtr] === c) {
      this.matchLength = Math.min(this.matchLength + 1, 31);
      this.matchPtr++;
    } else this.matchLength = 0;
    if (this.length >= MATCH_MIN) {
      let h = 0;
      for (let i = this.length - MATCH_MIN; i < this.length; i++) h = mix(h, this.buffer[i]!);
      h >>>= this.lastSeenShift;
      if (this.matchLength === 0) {
        const at = this.lastSeen[h]!;
        if (at >= 0) {
          let n = 0;
          while (n < 31 && at - n > 0 && this.buffer[at - n - 1] === this.buffer[this.length - n - 1]) n++;
          if (n >= MATCH_MIN) {
            this.matchLength = n;
            this.matchPtr = at;
          }
        }
      }
      this.lastSeen[h] = this.length;
    }
  }

  private setContexts(): void {
    const h = this.history;
    const c = this.contexts;
    c[0] = 0;
    c[1] = mix(1, h & 0xff);
    c[2] = mix(2, h & 0xffff);
    c[3] = mix(3, h & 0xffffff);
    c[4] = mix(4, h);
    c[5] = mix(mix(5, h), this.history2 & 0xffff);
    c[6] = mix(mix(6, this.word), this.previousWord);
    c[7] = mix(7, this.word);
    c[8] = mix(
      mix(mix(8, this.depth), this.elementIndex[this.depth]!),
      this.elementIndex[Math.max(this.depth - 1, 0)]! * 256 + (h & 0xff),
    );
    // One weight set per partial byte and place in the layout (inside a string: how far in).
    const place = this.inString
      ? 8 + Math.min(this.fieldPosition, 7)
      : Math.min(this.elementIndex[this.depth]!, 7);
    this.placeOffset = place * INPUTS;
    this.sseRow = (h & 0xff) << 8;
  }

  private predict(): void {
    const c0 = this.c0;
    const hashC0 = Math.imul(c0, 0x2f0b4c27);
    const { contexts, slots, inputs, table, tableShift, tableMask } = this;
    for (let i = 0; i < MODELS; i++) {
      const s = ((Math.imul(contexts[i]! ^ hashC0, 0x9e3779b1) >>> tableShift) ^ i) & tableMask;
      slots[i] = s;
      inputs[i] = STRETCH[table[s]! >> (COUNT_BITS + 4)]!;
    }
    this.inputs[MODELS] = 256;
    this.matchSlot = -1;
    this.inputs[MODELS + 1] = 0;
    if (this.matchLength > 0) {
      const expected = this.buffer[this.matchPtr]! | 256;
      const bits = 31 - Math.clz32(c0);
      if (expected >> (8 - bits) === c0) {
        const bit = (expected >> (7 - bits)) & 1;
        this.matchSlot = (this.matchLength << 1) | bit;
        this.inputs[MODELS + 1] = STRETCH[this.matchProb[this.matchSlot]! >> 4]!;
      }
    }
    const base = c0 * (16 * INPUTS) + this.placeOffset;
    this.mixerBase = base;
    const weights = this.weights;
    let dot = 0;
    for (let i = 0; i < INPUTS; i++) dot += weights[base + i]! * inputs[i]!;
    dot = Math.floor(dot * INV_65536);
    const mixed = SQUASHED[(dot < -2047 ? -2047 : Math.min(dot, 2047)) + 2047]!;
    this.mixed = mixed;
    // SSE on the previous byte and the partial byte.
    const st = STRETCH[mixed]! + 2048;
    const sseWeight = st & 127;
    const sseIndex = ((this.sseRow | c0) & this.sseMask) * 33 + (st >> 7);
    this.sseWeight = sseWeight;
    this.sseIndex = sseIndex;
    const sse = this.sse;
    const refined = (sse[sseIndex]! * (128 - sseWeight) + sse[sseIndex + 1]! * sseWeight) >> 11;
    const p = (mixed + 3 * refined + 2) >> 2;
    this.p = p < 1 ? 1 : Math.min(p, 4095);
  }
}

/** The table size for about `bytes` of input: roomy (collisions cost more than memory), capped. */
export function tableBitsFor(bytes: number): number {
  // ceil(log2(bytes)) in integers: devices in different browsers must choose the same size.
  const bits = 32 - Math.clz32(Math.max(Math.min(bytes, 2 ** 31) - 1, 0)) + 7;
  return Math.min(MAX_TABLE_BITS, Math.max(MIN_TABLE_BITS, bits));
}

// Priming a predictor on the primer costs as much as coding it: done once per table size and
// primer, then copied. A primed full-size predictor is 22 MB: let go 30 s after its last use.
const RELEASE_MS = 30_000;
const primedCache = new Map<
  string,
  { primer: Uint8Array; predictor: Predictor; release?: ReturnType<typeof setTimeout> }
>();
function primed(bits: number, primer: Uint8Array): Predictor {
  const key = `${bits}:${primer.length}`;
  let cached = primedCache.get(key);
  if (!cached || !sameBytes(cached.primer, primer)) {
    const predictor = new Predictor(bits);
    for (const byte of primer) for (let j = 7; j >= 0; j--) predictor.update((byte >> j) & 1);
    cached = { primer, predictor };
    primedCache.set(key, cached);
  }
  clearTimeout(cached.release);
  cached.release = setTimeout(() => primedCache.delete(key), RELEASE_MS);
  // In Node (tests, benchmarks) the timer must not keep the process alive.
  (cached.release as { unref?: () => void }).unref?.();
  return new Predictor(bits, cached.predictor);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A point of an encoding: what `finishAt` needs to end the stream there. */
export interface Mark {
  readonly bytesIn: number;
  readonly outLength: number;
  readonly low: number;
}

/**
 * Codes bytes as they come; the stream of everything written so far (or up to an earlier mark) can
 * be taken at any time and decodes on its own: the planner writes articles one by one and keeps
 * the stream at the last one that fits.
 */
export class ContextEncoder {
  private readonly predictor: Predictor;
  private out = new Uint8Array(1 << 12);
  private outLength = 0;
  private low = 0;
  private high = 0xffffffff;
  private bytesIn = 0;

  constructor(
    readonly bits: number,
    primer: Uint8Array | ContextEncoder = new Uint8Array(),
  ) {
    if (!Number.isInteger(bits) || bits < MIN_TABLE_BITS || bits > MAX_TABLE_BITS)
      throw new RangeError('table bits');
    if (primer instanceof ContextEncoder) {
      // A copy of `primer` as it is now (see clone).
      this.predictor = new Predictor(bits, primer.predictor);
      this.out = primer.out.slice(0, Math.max(primer.outLength, 1 << 12));
      this.outLength = primer.outLength;
      this.low = primer.low;
      this.high = primer.high;
      this.bytesIn = primer.bytesIn;
      return;
    }
    this.predictor = primed(bits, primer);
  }

  /**
   * An encoder in this one's exact state, independent of it: what it writes next gives the bytes
   * this one would. The planner keeps one before the most recent articles, so an edit to one of
   * them codes only what follows (a copy of the tables: ~22 MB, a few milliseconds).
   */
  clone(): ContextEncoder {
    return new ContextEncoder(this.bits, this);
  }

  /**
   * Takes `from`'s exact state (an encoder of the same table size), reusing this one's memory: a
   * planner that resumes from its checkpoint on every edit does not allocate 22 MB each time.
   */
  copyFrom(from: ContextEncoder): void {
    if (from.bits !== this.bits) throw new RangeError('table bits');
    this.predictor.copyFrom(from.predictor);
    if (this.out.length < from.outLength) this.out = new Uint8Array(from.out.length);
    this.out.set(from.out.subarray(0, from.outLength));
    this.outLength = from.outLength;
    this.low = from.low;
    this.high = from.high;
    this.bytesIn = from.bytesIn;
  }

  write(bytes: Uint8Array): void {
    const predictor = this.predictor;
    let { low, high } = this;
    for (const byte of bytes) {
      for (let j = 7; j >= 0; j--) {
        const bit = (byte >> j) & 1;
        const mid = low + ((high - low) >>> 12) * predictor.probability;
        if (bit) high = mid;
        else low = mid + 1;
        predictor.update(bit);
        while (((low ^ high) & 0xff000000) === 0) {
          this.push(high >>> 24);
          low = (low << 8) >>> 0;
          high = ((high << 8) | 255) >>> 0;
        }
      }
    }
    this.low = low;
    this.high = high;
    this.bytesIn += bytes.length;
  }

  mark(): Mark {
    return { bytesIn: this.bytesIn, outLength: this.outLength, low: this.low };
  }

  /** The size `finishAt(mark)` returns, without building it. */
  sizeAt(mark: Mark): number {
    return 1 + varintLength(mark.bytesIn) + mark.outLength + 1;
  }

  /** The complete stream up to `mark`: table size, length, the coded bytes, one closing byte. */
  finishAt(mark: Mark = this.mark()): Uint8Array {
    const header = [this.bits, ...varint(mark.bytesIn)];
    const result = new Uint8Array(header.length + mark.outLength + 1);
    result.set(header);
    result.set(this.out.subarray(0, mark.outLength), header.length);
    // Any value from low's top byte followed by 0xFF bytes (what the decoder reads past the end)
    // lies in [low, high]: the top bytes of low and high differ, so this one byte closes the stream.
    result[result.length - 1] = mark.low >>> 24;
    return result;
  }

  /** How many bytes this encoder was given. */
  get bytesWritten(): number {
    return this.bytesIn;
  }

  /** The bytes coded so far (final: later input never changes them). A view, not a copy. */
  coded(): Uint8Array {
    return this.out.subarray(0, this.outLength);
  }

  /** Decodes `length` bytes of `data` from `at` with this encoder's state as the decoder's (see continuation). */
  decodeRest(data: Uint8Array, at: number, length: number): Uint8Array | null {
    return decodeInto(this.predictor, data, at, { low: this.low, high: this.high }, new Uint8Array(length));
  }

  private push(byte: number) {
    if (this.outLength === this.out.length) {
      const grown = new Uint8Array(this.out.length * 2);
      grown.set(this.out);
      this.out = grown;
    }
    this.out[this.outLength++] = byte;
  }
}

function varint(n: number): number[] {
  const bytes: number[] = [];
  do {
    bytes.push((n % 128) | (n >= 128 ? 128 : 0));
    n = Math.floor(n / 128);
  } while (n > 0);
  return bytes;
}
function varintLength(n: number): number {
  return varint(n).length;
}

/** The bytes of a whole input, compressed (one `ContextEncoder` pass). */
export function compress(bytes: Uint8Array, primer?: Uint8Array): Uint8Array {
  const encoder = new ContextEncoder(tableBitsFor(bytes.length), primer);
  encoder.write(bytes);
  return encoder.finishAt();
}

/** A stream's header: its table size, how many bytes it codes, and where its coded bytes start. */
function headerOf(data: Uint8Array): { bits: number; length: number; body: number } | null {
  const bits = data[0];
  if (bits === undefined || bits < MIN_TABLE_BITS || bits > MAX_TABLE_BITS) return null;
  let at = 1;
  let length = 0;
  for (let scale = 1; ; scale *= 128) {
    const b = data[at++];
    if (b === undefined || scale > 2 ** 28) return null;
    length += (b & 127) * scale;
    if (b < 128) break;
  }
  return { bits, length, body: at };
}

/**
 * Decodes `out.length` bytes from `data` at `at`, with the coder's interval at [low, high] and
 * `predictor` in the state the bytes before them left it; or null if `data` then has bytes left
 * over (a stream of ours ends where its coder stopped).
 */
function decodeInto(
  predictor: Predictor,
  data: Uint8Array,
  from: number,
  interval: { low: number; high: number },
  out: Uint8Array,
): Uint8Array | null {
  let at = from;
  const next = () => (at < data.length ? data[at++]! : 255);
  let { low, high } = interval;
  let x = 0;
  for (let i = 0; i < 4; i++) x = ((x << 8) | next()) >>> 0;
  for (let i = 0; i < out.length; i++) {
    let c = 0;
    for (let j = 0; j < 8; j++) {
      const mid = low + ((high - low) >>> 12) * predictor.probability;
      const bit = x <= mid ? 1 : 0;
      if (bit) high = mid;
      else low = mid + 1;
      predictor.update(bit);
      c = (c << 1) | bit;
      while (((low ^ high) & 0xff000000) === 0) {
        low = (low << 8) >>> 0;
        high = ((high << 8) | 255) >>> 0;
        x = ((x << 8) | next()) >>> 0;
      }
    }
    out[i] = c;
  }
  return at >= data.length ? out : null;
}

/** The original bytes, or null if `data` is not such a stream or would decode past `maxLength`. */
export function decompress(
  data: Uint8Array,
  primer: Uint8Array = new Uint8Array(),
  maxLength = 1 << 20,
): Uint8Array | null {
  const header = headerOf(data);
  if (!header || header.length > maxLength) return null;
  const predictor = primed(header.bits, primer);
  return decodeInto(
    predictor,
    data,
    header.body,
    { low: 0, high: 0xffffffff },
    new Uint8Array(header.length),
  );
}

/**
 * The bytes `data` codes after those `encoder` was given, if `data` is the stream of those bytes
 * and more: the same table size, `encoder`'s output so far as its start, and coding the rest again
 * from `encoder`'s state gives `data` exactly (so decompress would give those bytes and the rest);
 * null otherwise, or past `maxLength`. The state is copied into `scratch` (an encoder of the same
 * table size, left in no particular state): a device that planned the same articles reads a
 * stream another device extended without decoding what they share.
 */
export function continuation(
  encoder: ContextEncoder,
  data: Uint8Array,
  scratch: ContextEncoder,
  maxLength = 1 << 20,
): Uint8Array | null {
  const header = headerOf(data);
  const shared = encoder.coded();
  if (!header || header.bits !== encoder.bits || scratch.bits !== encoder.bits) return null;
  const rest = header.length - encoder.bytesWritten;
  if (header.length > maxLength || rest < 0 || data.length < header.body + shared.length) return null;
  for (let i = 0; i < shared.length; i++) if (data[header.body + i] !== shared[i]) return null;
  scratch.copyFrom(encoder);
  const out = scratch.decodeRest(data, header.body + shared.length, rest);
  if (!out) return null;
  // The proof: the rest, coded again from the same state, gives these very bytes.
  scratch.copyFrom(encoder);
  scratch.write(out);
  const again = scratch.finishAt();
  if (again.length !== data.length) return null;
  for (let i = 0; i < again.length; i++) if (again[i] !== data[i]) return null;
  return out;
}
