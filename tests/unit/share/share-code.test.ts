import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodeShareCode, encodeShareCode, findShareCodes } from '@/utils/share/share-code';

describe('share codes', () => {
  it('round-trips text, accents and emoji, URL-safe', () => {
    const text = JSON.stringify({ hello: 'café ☕ 🚀', list: Array.from({ length: 50 }, (_, i) => i) });
    const code = encodeShareCode(text);
    expect(code).toMatch(/^stance1\.[A-Za-z0-9_-]+$/);
    expect(decodeShareCode(code, 1e6)).toEqual({ ok: true, json: text });
  });

  it('finds every code in a pasted chat', () => {
    const a = encodeShareCode('{"a":1}');
    const b = encodeShareCode('{"b":2}');
    expect(findShareCodes(`Ada: here is mine ${a}\nBob: ${b} (mine)`)).toEqual([a, b]);
  });

  it('stops a decompression bomb at the bound', () => {
    const bomb = deflateSync(new Uint8Array(20 * 1024 * 1024), { level: 9 });
    let binary = '';
    for (const byte of bomb) binary += String.fromCharCode(byte);
    const code = `stance1.${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
    expect(code.length).toBeLessThan(100_000);
    expect(decodeShareCode(code, 5 * 1024 * 1024)).toEqual({ ok: false, reason: 'too-large' });
  });

  it('reports truncated or corrupt codes as damaged', () => {
    const code = encodeShareCode(JSON.stringify({ some: 'text that compresses', n: [1, 2, 3, 4, 5] }));
    expect(decodeShareCode(code.slice(0, code.length - 6), 1e6).ok).toBe(false);
    expect(decodeShareCode('stance1.%%%', 1e6)).toEqual({ ok: false, reason: 'bad-share-code' });
    expect(decodeShareCode('nope', 1e6)).toEqual({ ok: false, reason: 'bad-share-code' });
  });
});
