// Bytes as JSON-safe text, 5 characters per 4 bytes (base64 needs 5.33): a deflated article is
// stored as a JSON string, so the alphabet avoids every character either browser would escape.

// Printable ASCII minus " \ (JSON escapes), < (Chrome escapes it as \u003C) and > & ' ` % = (spare).
const ALPHABET = '!#$()*+,-./0123456789:;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~';
const DIGIT = new Map([...ALPHABET].map((c, i) => [c, i]));

export function encodeBase85(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const n = Math.min(4, bytes.length - i);
    let value = 0;
    for (let j = 0; j < 4; j++) value = value * 256 + (j < n ? bytes[i + j]! : 0);
    const digits: string[] = [];
    for (let j = 0; j < 5; j++) {
      digits.unshift(ALPHABET[value % 85]!);
      value = Math.floor(value / 85);
    }
    // A final group of n bytes needs only n + 1 digits.
    out += digits.slice(0, n + 1).join('');
  }
  return out;
}

/** The bytes, or null if the text is not valid base85 of this alphabet. */
export function decodeBase85(text: string): Uint8Array | null {
  if (text.length % 5 === 1) return null;
  const out = new Uint8Array(Math.floor(text.length / 5) * 4 + Math.max(0, (text.length % 5) - 1));
  let o = 0;
  for (let i = 0; i < text.length; i += 5) {
    const group = text.slice(i, i + 5);
    let value = 0;
    for (let j = 0; j < 5; j++) {
      // A short group was cut after its meaningful digits; padding with the highest digit restores it.
      const d = j < group.length ? DIGIT.get(group[j]!) : 84;
      if (d === undefined) return null;
      value = value * 85 + d;
    }
    if (value > 0xffffffff) return null;
    for (let j = 0; j < group.length - 1; j++) out[o++] = Math.floor(value / 256 ** (3 - j)) % 256;
  }
  return out;
}
