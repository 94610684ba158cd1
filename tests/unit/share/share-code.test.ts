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
});
