import { deflateSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { decodeShareCode, encodeShareCode, findShareCodes } from '@/utils/share/share-code';

const base64url = (bytes: Uint8Array) => {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

/** DecompressionStream that counts the bytes it inflates (all that its reader pulled from it). */
function countInflated(): { inflated: () => number } {
  const Native = globalThis.DecompressionStream;
  let inflated = 0;
  class Counting {
    readonly readable: ReadableStream<Uint8Array>;
    readonly writable: WritableStream<BufferSource>;
    constructor(format: CompressionFormat) {
      const inner = new Native(format);
      this.writable = inner.writable;
      this.readable = inner.readable.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            inflated += chunk.byteLength;
            controller.enqueue(chunk);
          },
        }),
      );
    }
  }
  vi.stubGlobal('DecompressionStream', Counting);
  return { inflated: () => inflated };
}

describe('share codes', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('round-trips text, accents and emoji, URL-safe', async () => {
    const text = JSON.stringify({ hello: 'café ☕ 🚀', list: Array.from({ length: 50 }, (_, i) => i) });
    const code = await encodeShareCode(text);
    expect(code).toMatch(/^stance1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareCode(code, 1e6)).toEqual({ ok: true, json: text });
  });

  it('reads codes made by the earlier encoder (fflate, level 9): same format', async () => {
    const text = JSON.stringify({ format: 'stance-positions', note: 'déjà vu ✓' });
    const old = `stance1.${base64url(deflateSync(new TextEncoder().encode(text), { level: 9 }))}`;
    expect(await decodeShareCode(old, 1e6)).toEqual({ ok: true, json: text });
  });

  it('finds every code in a pasted chat', async () => {
    const a = await encodeShareCode('{"a":1}');
    const b = await encodeShareCode('{"b":2}');
    expect(findShareCodes(`Ada: here is mine ${a}\nBob: ${b} (mine)`)).toEqual([a, b]);
  });

  it('stops a decompression bomb at the bound, long before its end', async () => {
    const bomb = deflateSync(new Uint8Array(20 * 1024 * 1024), { level: 9 });
    const code = `stance1.${base64url(bomb)}`;
    expect(code.length).toBeLessThan(100_000);
    const counter = countInflated();
    expect(await decodeShareCode(code, 5 * 1024 * 1024)).toEqual({ ok: false, reason: 'too-large' });
    // Stopped within about one input slice's worth (~1 MB) past the 5 MB bound, not at 20 MB.
    expect(counter.inflated()).toBeLessThan(7 * 1024 * 1024);
  });

  it('reports truncated, corrupt or empty codes as damaged', async () => {
    const code = await encodeShareCode(JSON.stringify({ some: 'text that compresses', n: [1, 2, 3, 4, 5] }));
    expect(await decodeShareCode(code.slice(0, code.length - 6), 1e6)).toEqual({
      ok: false,
      reason: 'bad-share-code',
    });
    expect(await decodeShareCode('stance1.%%%', 1e6)).toEqual({ ok: false, reason: 'bad-share-code' });
    expect(await decodeShareCode('stance1.', 1e6)).toEqual({ ok: false, reason: 'bad-share-code' });
    expect(await decodeShareCode('stance1.____', 1e6)).toEqual({ ok: false, reason: 'bad-share-code' });
    expect(await decodeShareCode('nope', 1e6)).toEqual({ ok: false, reason: 'bad-share-code' });
  });

  it('turns away text that is not UTF-8', async () => {
    const latin1 = `stance1.${base64url(deflateSync(new Uint8Array([0x7b, 0xe9, 0x7d])))}`;
    expect(await decodeShareCode(latin1, 1e6)).toEqual({ ok: false, reason: 'bad-share-code' });
  });

  it('finds no code in text without one', () => {
    expect(findShareCodes('no code here, not even stance1. alone')).toEqual([]);
  });

  it('reads a code pasted with spaces or a new line around it', async () => {
    const code = await encodeShareCode('{"a":1}');
    expect(await decodeShareCode(`  ${code}\n`, 1e6)).toEqual({ ok: true, json: '{"a":1}' });
  });

  it('turns away a code without its prefix, or whose length no base64 text has', async () => {
    const code = await encodeShareCode('{"a":1}');
    const body = code.slice('stance1.'.length);
    expect(await decodeShareCode(body, 1e6)).toEqual({ ok: false, reason: 'bad-share-code' });
    expect(await decodeShareCode(`stance2.${body}`, 1e6)).toEqual({ ok: false, reason: 'bad-share-code' });
    // 4n + 1 characters cannot come from any bytes.
    expect(await decodeShareCode(`stance1.${'A'.repeat(4 * 5 + 1)}`, 1e6)).toEqual({
      ok: false,
      reason: 'bad-share-code',
    });
  });

  it('round-trips a file larger than one input slice and one encoding chunk, byte for byte', async () => {
    // Text that does not compress: its deflated form spans many 1 KB slices and 32 KB chunks.
    let seed = 5;
    const json = JSON.stringify(
      Array.from({ length: 60_000 }, () => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return String.fromCharCode(0x20 + (seed % 0x5e), 0x4e00 + (seed % 2000));
      }).join(''),
    );
    const code = await encodeShareCode(json);
    expect(code.length).toBeGreaterThan(4 * 0x8000);
    expect(code).toMatch(/^stance1\.[A-Za-z0-9_-]+$/);
    expect(await decodeShareCode(code, 1e7)).toEqual({ ok: true, json });
  });

  it('accepts a file exactly at the bound, and refuses one byte past it', async () => {
    const json = JSON.stringify({ text: 'x'.repeat(5_000) });
    const code = await encodeShareCode(json);
    expect(await decodeShareCode(code, json.length)).toEqual({ ok: true, json });
    expect(await decodeShareCode(code, json.length - 1)).toEqual({ ok: false, reason: 'too-large' });
  });
});
