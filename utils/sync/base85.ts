// Bytes as JSON-safe text, 5 characters per 4 bytes (base64 needs 5.33): a deflated article is
// stored as a JSON string, so the alphabet avoids every character either browser would escape.

// Printable ASCII minus " \ (JSON escapes), < (Chrome escapes it as \u003C) and > & ' ` % = (spare).
const ALPHABET = '!#$()*+,-./0123456789:;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~';
const CODES = Uint8Array.from(ALPHABET, (c) => c.charCodeAt(0));
/** Each character code's digit, or -1 for a code outside the alphabet (and anything past 127). */
const DIGIT = (() => {
  const digits = new Int8Array(128).fill(-1);
  for (const [i, code] of CODES.entries()) digits[code] = i;
  return digits;
})();
const latin1 = new TextDecoder('latin1');

export function encodeBase85(bytes: Uint8Array): string {
  // Character codes into one buffer, decoded once: a sync area's payload is ~100 KB, built per plan.
  const out = new Uint8Array(Math.ceil(bytes.length / 4) * 5);
  let o = 0;
  for (let i = 0; i < bytes.length; i += 4) {
    const n = Math.min(4, bytes.length - i);
    let value = 0;
    for (let j = 0; j < 4; j++) value = value * 256 + (j < n ? bytes[i + j]! : 0);
    for (let j = 4; j >= 0; j--) {
      out[o + j] = CODES[value % 85]!;
      value = Math.floor(value / 85);
    }
    // A final group of n bytes needs only n + 1 digits.
    o += n + 1;
  }
  return latin1.decode(out.subarray(0, o));
}

/** The bytes, or null if the text is not valid base85 of this alphabet. */
export function decodeBase85(text: string): Uint8Array | null {
  if (text.length % 5 === 1) return null;
  const out = new Uint8Array(Math.floor(text.length / 5) * 4 + Math.max(0, (text.length % 5) - 1));
  let o = 0;
  for (let i = 0; i < text.length; i += 5) {
    const length = Math.min(5, text.length - i);
    let value = 0;
    for (let j = 0; j < 5; j++) {
      // A short group was cut after its meaningful digits; padding with the highest digit restores it.
      const code = j < length ? text.charCodeAt(i + j) : CODES[84]!;
      const d = code < 128 ? DIGIT[code]! : -1;
      if (d < 0) return null;
      value = value * 85 + d;
    }
    if (value > 0xffffffff) return null;
    for (let j = 0; j < length - 1; j++) out[o++] = Math.floor(value / 256 ** (3 - j)) % 256;
  }
  return out;
}
