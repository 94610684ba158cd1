// Stable question ids: the same question text gives the same id on every device and for every
// member of a group, whatever its case, accents, spacing or punctuation.
import { foldText } from './text';

const encoder = new TextEncoder();

/**
 * Base-36 FNV-1a (64-bit) over the UTF-8 bytes of the folded text. The label ("Le Monopole
 * Ultime") is left out on purpose: a question keeps its id when a page drops or rewords its label.
 */
export function questionId(text: string): string {
  // 64-bit arithmetic on two 32-bit halves: BigInt per byte was the extractor's slowest step.
  // The prime is 2^40 + 435, so h * prime = h * 435 + (h << 40).
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of encoder.encode(foldText(text))) {
    // `>>> 0` is the remainder by 2^32 of these exact integers (below 2^53): % and Math.floor on
    // numbers past 32 bits are far slower calls in V8.
    lo = (lo ^ byte) >>> 0;
    const low = lo * 435;
    const lowBits = low >>> 0;
    hi = (hi * 435 + (low - lowBits) / 0x100000000 + ((lo << 8) >>> 0)) >>> 0;
    lo = lowBits;
  }
  return ((BigInt(hi) << 32n) | BigInt(lo)).toString(36);
}
