// Share codes: a positions file as one line of text for a chat — raw deflate, base64url, behind a
// `stance1.` prefix that says what it is. The platform's (De)CompressionStream does the deflating
// (no library in the panel); decoding stops at a size bound so a "zip bomb" cannot exhaust memory.

export const SHARE_CODE_PREFIX = 'stance1.';
const CODE_PATTERN = /stance1\.[A-Za-z0-9_-]+/g;
// Deflate expands at most ~1032:1, so one slice of input inflates to about 1 MB at worst: the bound
// is checked after each slice, and a bomb stops after a few slices rather than after all of them.
const INPUT_SLICE = 1024;

export async function encodeShareCode(json: string): Promise<string> {
  const stream = new CompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  // Written without waiting: the stream holds the write until its output is read below.
  const written = writer.write(new TextEncoder().encode(json)).then(() => writer.close());
  const chunks: Uint8Array[] = [];
  const reader = stream.readable.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  await written;
  return SHARE_CODE_PREFIX + toBase64Url(concat(chunks));
}

/** Every share code in a pasted text (a chat transcript may hold several, or words around one). */
export function findShareCodes(text: string): string[] {
  return text.match(CODE_PATTERN) ?? [];
}

export type DecodedShareCode =
  | { ok: true; json: string }
  | { ok: false; reason: 'bad-share-code' | 'too-large' };

/** The JSON text inside a code, or why there is none; never inflates much beyond `maxBytes`. */
export async function decodeShareCode(code: string, maxBytes: number): Promise<DecodedShareCode> {
  const body = code.trim();
  if (!body.startsWith(SHARE_CODE_PREFIX)) return { ok: false, reason: 'bad-share-code' };
  const bytes = fromBase64Url(body.slice(SHARE_CODE_PREFIX.length));
  if (!bytes) return { ok: false, reason: 'bad-share-code' };
  const inflated = await inflateBounded(bytes, maxBytes);
  if (inflated === 'too-large' || inflated === 'corrupt')
    return { ok: false, reason: inflated === 'too-large' ? 'too-large' : 'bad-share-code' };
  try {
    return { ok: true, json: new TextDecoder('utf-8', { fatal: true }).decode(inflated) };
  } catch {
    return { ok: false, reason: 'bad-share-code' };
  }
}

/**
 * Inflates raw deflate data, feeding it a slice at a time while the output is read and counted;
 * past `maxBytes` both sides are cancelled. Corrupt or truncated data rejects the stream's promises
 * (a TypeError in browsers, a zlib error in Node): for us that is a damaged code, an expected outcome.
 */
async function inflateBounded(
  bytes: Uint8Array<ArrayBuffer>,
  maxBytes: number,
): Promise<Uint8Array | 'too-large' | 'corrupt'> {
  const stream = new DecompressionStream('deflate-raw');
  const writer = stream.writable.getWriter();
  const reader = stream.readable.getReader();
  let total = 0;
  let tooLarge = false;
  const writing = (async () => {
    for (let i = 0; i < bytes.length && !tooLarge; i += INPUT_SLICE) {
      await writer.write(bytes.subarray(i, i + INPUT_SLICE));
    }
    if (!tooLarge) await writer.close();
  })();
  // Handled later on every path; this keeps a rejection meanwhile from being reported as unhandled.
  writing.catch(() => undefined);
  const chunks: Uint8Array[] = [];
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      total += r.value.length;
      if (total > maxBytes) {
        tooLarge = true;
        break;
      }
      chunks.push(r.value);
    }
  } catch {
    await writing.catch(() => undefined);
    return 'corrupt';
  }
  if (tooLarge) {
    // Cancelling the readable errors the writable side, so the pending write rejects: expected.
    await reader.cancel().catch(() => undefined);
    await writing.catch(() => undefined);
    return 'too-large';
  }
  try {
    await writing;
  } catch {
    return 'corrupt';
  }
  return concat(chunks);
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
