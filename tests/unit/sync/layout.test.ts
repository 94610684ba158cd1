// The layout reader refuses, as damage, every value the rest of Stance would refuse: what it
// decodes from storage.sync is merged into the library, so it must pass the backup schema (the
// model's) whole. Each case is a real format-4 line with one value changed, coded by the real
// encoder, so the reader gets exactly this JSON.
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@/utils/limits';
import { encodeStamp } from '@/utils/positions/clock';
import { BackupArticleSchema } from '@/utils/share/format';
import { type DecodedItem, EntryStream, entryLine, unpackItem } from '@/utils/sync/format';
import type { SyncEntry } from '@/utils/sync/layout';
import format4Item from '../../fixtures/sync/format-4-item.json';

// Entry 0: an article in full (page questions' ids left out, as 0); entry 1: a compact one (its
// first question in full, then placeholders [id, kind, form type, order, hint, ...data]); entry 2:
// a "this device only" marker [0, key, stamp].
const LINES = (format4Item as { entries: SyncEntry[] }).entries.map(entryLine);
// biome-ignore lint/suspicious/noExplicitAny: a layout is positional JSON, edited by position.
type Layout = any[];

function decode(layout: unknown): DecodedItem {
  const stream = new EntryStream(2_000);
  stream.write(`${JSON.stringify(layout)}\n`);
  return unpackItem(stream.payloadAt(stream.mark()));
}

/** Entry `which` of the fixture, changed by `edit`, decoded. */
function edited(which: number, edit: (layout: Layout) => void): DecodedItem {
  const layout = JSON.parse(LINES[which]!) as Layout;
  edit(layout);
  return decode(layout);
}

const DAMAGE = { ok: false, reason: 'corrupt' };

/** The article an accepted edit decoded to, checked against the backup schema. */
function accepted(decoded: DecodedItem) {
  expect(decoded.ok).toBe(true);
  if (!decoded.ok || decoded.entries[0]?.kind !== 'article') throw new Error('not an article');
  expect(v.safeParse(BackupArticleSchema, decoded.entries[0].article).issues).toBeUndefined();
  return decoded.entries[0].article;
}

const BAD_IDS: [string, string][] = [
  ['empty', ''],
  ['one character too long', 'x'.repeat(LIMITS.idChars + 1)],
  ['__proto__', '__proto__'],
  ['constructor', 'constructor'],
  ['prototype', 'prototype'],
  ['a control character', 'ab\u0000c'],
  ['a bidi override', '\u202Eabc'],
  ['a leading space', ' abc'],
  ['a trailing newline', 'abc\n'],
];

describe('layout reader: question ids', () => {
  it('decodes the fixture itself, and ids as long as the schema allows', () => {
    for (const line of LINES) expect(decode(JSON.parse(line)).ok).toBe(true);
    const long = 'x'.repeat(LIMITS.idChars);
    expect(Object.keys(accepted(edited(1, (l) => (l[6][1][0] = long))).questions)).toContain(long);
    expect(Object.keys(accepted(edited(0, (l) => (l[6][0][0] = long))).questions)).toContain(long);
  });

  // The counterexample the fuzz test found (seed 89383016): {"which":1,"path":[6,1,0]}, "".
  it.each(BAD_IDS)('refuses a placeholder whose id is %s', (_, id) => {
    expect(edited(1, (l) => (l[6][1][0] = id))).toEqual(DAMAGE);
  });

  it.each(BAD_IDS)('refuses a question in full whose id is %s', (_, id) => {
    expect(edited(0, (l) => (l[6][0][0] = id))).toEqual(DAMAGE);
  });

  // One of the two would silently replace the other.
  it.each<[string, number, (l: Layout) => void]>([
    ['two placeholders with one id', 1, (l) => (l[6][2][0] = l[6][1][0])],
    // Its id is the hash of its text, computed twice.
    ['the same page question twice', 0, (l) => l[6].push(l[6][0])],
    [
      'a question whose explicit id another question has',
      0,
      (l) => {
        const copy = [...l[6][1]];
        copy[0] = Object.keys(accepted(decode(JSON.parse(LINES[0]!))).questions)[0];
        l[6].push(copy);
      },
    ],
  ])('refuses an article that lists a question twice: %s', (_, which, edit) => {
    expect(edited(which, edit)).toEqual(DAMAGE);
  });
});

describe('layout reader: stamps', () => {
  it('keeps odd stamps the schema keeps: raw, empty, as long as it allows', () => {
    const long = 'x'.repeat(LIMITS.stampChars);
    // Stamp 0 of the table (the meta's) as a raw string.
    expect(accepted(edited(0, (l) => (l[1][1] = long))).meta.at).toBe(long);
    expect(accepted(edited(0, (l) => (l[1][1] = ''))).meta.at).toBe('');
  });

  it('refuses a raw stamp longer than the schema allows', () => {
    expect(edited(0, (l) => (l[1][1] = 'x'.repeat(LIMITS.stampChars + 1)))).toEqual(DAMAGE);
  });

  it('refuses a device name that makes its stamps longer than the schema allows', () => {
    expect(edited(0, (l) => (l[1][0][0] = 'd'.repeat(LIMITS.stampChars)))).toEqual(DAMAGE);
  });

  it('refuses a stamp longer than the schema allows even where no record uses it', () => {
    expect(edited(0, (l) => l[1].push('x'.repeat(LIMITS.stampChars + 1)))).toEqual(DAMAGE);
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'refuses a history entry stamped %s (a backup would drop it)',
    (key) => {
      // The first question's history entry is stamped by table index 4; make that stamp `key`.
      expect(edited(0, (l) => (l[1][5] = key))).toEqual(DAMAGE);
    },
  );

  it('refuses two history entries under one stamp (one of them would be dropped)', () => {
    expect(edited(0, (l) => l[6][0][13].push([4, 4, 2, 0]))).toEqual(DAMAGE);
  });

  it('refuses a "this device only" marker whose stamp is longer than the schema allows', () => {
    const long = encodeStamp(1_775_858_175_793, 0, 'd'.repeat(LIMITS.stampChars));
    expect(decode([0, 'k3v9qa12', long])).toEqual(DAMAGE);
    expect(decode([0, 'k3v9qa12', encodeStamp(1_775_858_175_793, 0, 'k3v9qa')]).ok).toBe(true);
  });
});
