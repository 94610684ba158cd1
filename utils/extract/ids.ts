// Stable question ids: the same question text gives the same id on every device and for every
// member of a group, whatever its case, accents, spacing or punctuation.
import { foldText } from './text';

const FNV_OFFSET = 0xcbf29ce484222325n;
const FNV_PRIME = 0x100000001b3n;
const MASK_64 = 0xffffffffffffffffn;

/**
 * Base-36 FNV-1a (64-bit) over the UTF-8 bytes of the folded text. The label ("Le Monopole
 * Ultime") is left out on purpose: a question keeps its id when a page drops or rewords its label.
 */
export function questionId(text: string): string {
  let hash = FNV_OFFSET;
  for (const byte of new TextEncoder().encode(foldText(text))) {
    hash = ((hash ^ BigInt(byte)) * FNV_PRIME) & MASK_64;
  }
  return hash.toString(36);
}
