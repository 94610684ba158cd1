// Share codes: a positions file as one line of text for a chat — deflated, base64url, behind a
// `stance1.` prefix that says what it is. Decoding stops at a size bound so a "zip bomb" cannot
// exhaust the panel's memory.
import { deflateSync, Inflate } from 'fflate';

export const SHARE_CODE_PREFIX = 'stance1.';
const CODE_PATTERN = /stance1\.[A-Za-z0-9_-]+/g;

export function encodeShareCode(json: string): string {
  return SHARE_CODE_PREFIX + toBase64Url(deflateSync(new TextEncoder().encode(json), { level: 9 }));
}

/** Every share code in a pasted text (a chat transcript may hold several, or words around one). */
export function findShareCodes(text: string): string[] {
  return text.match(CODE_PATTERN) ?? [];
}

export type DecodedShareCode =
  | { ok: true; json: string }
  | { ok: false; reason: 'bad-share-code' | 'too-large' };

/** The JSON text inside a code, or why there is none; never inflates beyond `maxBytes`. */
export function decodeShareCode(code: string, maxBytes: number): DecodedShareCode {
  const body = code.trim();
  if (!body.startsWith(SHARE_CODE_PREFIX)) return { ok: false, reason: 'bad-share-code' };
  const bytes = fromBase64Url(body.slice(SHARE_CODE_PREFIX.length));
  if (!bytes) return { ok: false, reason: 'bad-share-code' };
  const chunks: Uint8Array[] = [];
  let total = 0;
  let tooLarge = false;
  let ended = false;
  const inflate = new Inflate((chunk, final) => {
    total += chunk.length;
    if (total > maxBytes) tooLarge = true;
    else chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    // Small input slices keep each burst of output small, so the bound is checked early.
    const SLICE = 1024;
    for (let i = 0; i < bytes.length && !tooLarge; i += SLICE) {
      inflate.push(bytes.subarray(i, i + SLICE), i + SLICE >= bytes.length);
    }
  } catch {
    // fflate throws on corrupt deflate data: for us that is a damaged code, an expected outcome.
    return { ok: false, reason: 'bad-share-code' };
  }
  if (tooLarge) return { ok: false, reason: 'too-large' };
  if (!ended) return { ok: false, reason: 'bad-share-code' };
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  try {
    return { ok: true, json: new TextDecoder('utf-8', { fatal: true }).decode(out) };
  } catch {
    return { ok: false, reason: 'bad-share-code' };
  }
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
