// How a payload is laid out in storage.sync items, and read back: every item under the per-item
// quota in the browser that counts more, a head that names its parts and checksum, and a verdict on
// what is read back (whole and checked, a write still arriving, or damaged). Small payloads, so each
// case costs microseconds (chunks-budget.test.ts runs the same code on whole coded libraries).
import { describe, expect, it } from 'vitest';
import {
  articleKey,
  assembleItems,
  checksum,
  headKeyOf,
  isBucketKey,
  itemsFootprint,
  splitIntoItems,
} from '@/utils/sync/chunks';
import { itemBytes, SYNC_QUOTA_BYTES_PER_ITEM } from '@/utils/sync/limits';

// Payloads are base85 text (utils/sync/base85.ts's alphabet: nothing JSON or Chrome escapes).
const BASE85 = '!#$()*+,-./0123456789:;?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_abcdefghijklmnopqrstuvwxyz{|}~';
const ascii = (n: number, seed = 7) => {
  let s = seed;
  return Array.from({ length: n }, () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return BASE85[s % 85];
  }).join('');
};
const reader = (items: Record<string, string>) => (key: string) =>
  Object.hasOwn(items, key) ? items[key] : undefined;

describe('splitIntoItems', () => {
  it('keeps a small payload in one item behind a one-part head with its checksum', () => {
    const items = splitIntoItems('b0', 'hello', 'chrome');
    expect(items).toEqual({ b0: `*1.${checksum('hello')}|hello` });
  });

  it('uses the whole item when it fits to the byte, and splits one byte past it', () => {
    // A payload whose one-part item is exactly 8,192 bytes (the checksum's length varies with it).
    let payload = '';
    for (let seed = 1; !payload; seed++) {
      const candidate = ascii(8_192 - 'b0'.length - 2 - '*1.|'.length - 11, seed);
      for (let n = candidate.length; n > candidate.length - 12; n--) {
        const p = candidate.slice(0, n);
        if (itemBytes('b0', `*1.${checksum(p)}|${p}`) === SYNC_QUOTA_BYTES_PER_ITEM) payload = p;
      }
    }
    expect(Object.keys(splitIntoItems('b0', payload, 'chrome'))).toEqual(['b0']);
    const split = splitIntoItems('b0', `${payload}#`, 'chrome');
    expect(Object.keys(split)).toEqual(['b0', 'b0.1']);
    expect(split.b0).toMatch(/^\*2\.[0-9a-z]+\|/);
  });

  it('splits a long payload into parts that each fit, in order, and reads it back whole', () => {
    const payload = ascii(30_000);
    for (const browser of ['chrome', 'firefox'] as const) {
      const items = splitIntoItems('b0', payload, browser);
      const keys = Object.keys(items);
      expect(keys).toEqual(['b0', 'b0.1', 'b0.2', 'b0.3']);
      for (const [k, v] of Object.entries(items)) expect(itemBytes(k, v, browser)).toBeLessThanOrEqual(8_192);
      expect(items.b0!.startsWith(`*4.${checksum(payload)}|`)).toBe(true);
      expect(assembleItems('b0', reader(items))).toEqual({ ok: true, payload, checked: true });
    }
  });

  it('counts text that JSON escapes or UTF-8 widens, so no part passes the quota', () => {
    const payload = 'é"\\\u2028'.repeat(3_000);
    const items = splitIntoItems('b0', payload, 'chrome');
    expect(Object.keys(items).length).toBeGreaterThan(2);
    for (const [k, v] of Object.entries(items)) expect(itemBytes(k, v, 'chrome')).toBeLessThanOrEqual(8_192);
    expect(assembleItems('b0', reader(items))).toMatchObject({ ok: true, payload });
  });
});

describe('itemsFootprint', () => {
  it('is never below what splitIntoItems stores, and close to it', () => {
    for (const length of [0, 1, 100, 8_000, 8_150, 8_200, 16_300, 16_400, 50_000, 98_000]) {
      const payload = ascii(length, length + 1);
      const items = splitIntoItems('b0', payload, 'chrome');
      const real = Object.entries(items).reduce((sum, [k, v]) => sum + itemBytes(k, v, 'chrome'), 0);
      const footprint = itemsFootprint('b0', length);
      expect(footprint.items).toBe(Object.keys(items).length);
      expect(footprint.bytes).toBeGreaterThanOrEqual(real);
      // The checksum counted at its longest (11 characters) is the only slack.
      expect(footprint.bytes - real).toBe(11 - checksum(payload).length);
    }
  });
});

describe('itemsFootprint at the item boundary', () => {
  it('counts one item up to 8,192 bytes with the longest checksum, two past it', () => {
    // 'b0', its quotes, `*1.`, 11 checksum characters and `|`: 19 bytes around the payload.
    expect(itemsFootprint('b0', 8_192 - 19)).toEqual({ bytes: 8_192, items: 1 });
    expect(itemsFootprint('b0', 8_192 - 18).items).toBe(2);
  });
});

describe('assembleItems', () => {
  const payload = ascii(20_000);
  const items = splitIntoItems('b0', payload, 'chrome');

  it('passes on what an older version wrote bare, unchecked', () => {
    expect(assembleItems('b0', reader({ b0: '4abc' }))).toEqual({
      ok: true,
      payload: '4abc',
      checked: false,
    });
    expect(assembleItems('b0', reader({}))).toEqual({ ok: true, payload: undefined, checked: false });
    expect(assembleItems('b0', () => 42)).toEqual({ ok: true, payload: 42, checked: false });
  });

  it('reads a payload split into more than nine parts', () => {
    const long = ascii(100_000, 3);
    const many = splitIntoItems('b0', long, 'chrome');
    expect(Object.keys(many).length).toBeGreaterThan(10);
    expect(assembleItems('b0', reader(many))).toEqual({ ok: true, payload: long, checked: true });
  });

  it('calls a head that is not one damaged', () => {
    const sum = checksum('p');
    for (const head of ['*', '*x.abc|', '*2.|abc', '*2.abc', '*1234.abc|x', '*2.ABC|x', `*zz*1.${sum}|p`])
      expect(assembleItems('b0', reader({ b0: head }))).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('calls a missing or mismatched part a write still arriving, a failing single item damaged', () => {
    const missing = { ...items };
    delete missing['b0.1'];
    expect(assembleItems('b0', reader(missing))).toEqual({ ok: false, reason: 'incomplete' });
    const stale = { ...items, 'b0.2': `${items['b0.2']!.slice(1)}!` };
    expect(assembleItems('b0', reader(stale))).toEqual({ ok: false, reason: 'incomplete' });
    const one = splitIntoItems('b0', 'hello', 'chrome');
    expect(assembleItems('b0', reader({ b0: one.b0!.replace('hello', 'hellp') }))).toEqual({
      ok: false,
      reason: 'corrupt',
    });
    // A part that is not text (another key's value) is as good as missing.
    expect(assembleItems('b0', reader({ ...items, 'b0.1': 7 as unknown as string }))).toEqual({
      ok: false,
      reason: 'incomplete',
    });
  });

  it('reads no part beyond the count its head names', () => {
    const one = splitIntoItems('b0', 'hello', 'chrome');
    const read: string[] = [];
    assembleItems('b0', (key) => {
      read.push(key);
      return key === 'b0' ? one.b0 : 'extra';
    });
    expect(read).toEqual(['b0']);
  });
});

describe('keys', () => {
  it('knows Stance’s item keys and the head each part belongs to', () => {
    for (const key of ['b0', 'b7', 'b0.1', 'b12.30']) expect(isBucketKey(key)).toBe(true);
    for (const key of ['a0', 'b', 'b0.', 'b.1', 'xb0', 'b0.1.2', 'b0x', 'syncOutbox'])
      expect(isBucketKey(key)).toBe(false);
    expect(headKeyOf('b0')).toBe('b0');
    expect(headKeyOf('b0.12')).toBe('b0');
    expect(headKeyOf('b3.2')).toBe('b3');
  });

  it('gives the checksums and article keys every version wrote (they are in storage.sync)', () => {
    expect(checksum('abc')).toBe('1dtlchkfkb1');
    expect(checksum('')).toBe('wvjl67o803');
    expect(articleKey('https://exemple.fr/a')).toBe('vb82z03c');
    expect(articleKey('https://example.org/debate')).toBe('ubimqbcd');
  });

  it('gives a checksum that changes with any character and is short base 36', () => {
    expect(checksum('abc')).toMatch(/^[0-9a-z]{1,11}$/);
    expect(checksum('abc')).toBe(checksum('abc'));
    expect(checksum('abc')).not.toBe(checksum('abd'));
    expect(checksum('abc')).not.toBe(checksum('acb'));
    expect(checksum('')).not.toBe(checksum(' '));
  });
});
