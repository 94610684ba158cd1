import fc from 'fast-check';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { decodeStamp, encodeStamp } from '@/utils/positions/clock';
import { mergeArticle } from '@/utils/positions/merge';
import { BackupArticleSchema } from '@/utils/share/format';
import { decodeBase85, encodeBase85 } from '@/utils/sync/base85';
import { canonicalJson } from '@/utils/sync/engine';
import {
  type DecodedItem,
  EntryStream,
  entryLine,
  packArticle,
  packEntries,
  unpackItem,
} from '@/utils/sync/format';
import type { SyncEntry } from '@/utils/sync/layout';
import { itemBytes } from '@/utils/sync/limits';
import {
  compactArticle,
  hasPageSnapshots,
  isPageQuestion,
  isPlaceholder,
  lacksNewestWording,
  newestSnapshots,
  placeholderSnapshot,
  tombstoneOf,
} from '@/utils/sync/tiers';
import format2Item from '../../fixtures/sync/format-2-item.json';
import format3Item from '../../fixtures/sync/format-3-item.json';
import format4Item from '../../fixtures/sync/format-4-item.json';
import { typicalArticle } from '../../support/sync-fixtures';

describe('base85', () => {
  it('round-trips any bytes with JSON-safe characters only', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = encodeBase85(bytes);
        expect(text).not.toMatch(/["\\<>&'`%=\s]/);
        expect(decodeBase85(text)).toEqual(bytes);
      }),
    );
  });

  it('rejects text outside its alphabet', () => {
    expect(decodeBase85('ab"cd')).toBeNull();
    expect(decodeBase85('a')).toBeNull();
    expect(decodeBase85('abcdé')).toBeNull();
    // Five digits can say more than 32 bits: the largest is not a group any encoder wrote.
    expect(decodeBase85(encodeBase85(Uint8Array.of(255, 255, 255, 255)))).toEqual(
      Uint8Array.of(255, 255, 255, 255),
    );
    expect(decodeBase85('~~~~~')).toBeNull();
  });

  it('writes the text it always wrote (stored payloads are read by every version)', () => {
    const bytes = Uint8Array.of(0, 1, 2, 3, 255, 254, 253, 252, 128, 64, 7);
    expect(encodeBase85(bytes)).toBe('!!.1+|?T~yQ7aE');
    expect(decodeBase85('!!.1+|?T~yQ7aE')).toEqual(bytes);
  });
});

function articleOf(decoded: ReturnType<typeof unpackItem>) {
  if (!decoded.ok || decoded.entries[0]?.kind !== 'article') throw new Error('not an article');
  return decoded.entries[0].article;
}

describe('codec', () => {
  it('round-trips typical articles exactly', () => {
    for (let i = 0; i < 40; i++) {
      const article = typicalArticle(i);
      const decoded = unpackItem(packArticle(article));
      expect(decoded.ok && canonicalJson(articleOf(decoded))).toBe(canonicalJson(article));
    }
  });

  it('round-trips odd records: raw stamps, own ids, anchors, reasons, alternatives', () => {
    const article = typicalArticle(3);
    const [id] = Object.keys(article.questions);
    const q = article.questions[id!]!;
    const changeAt = Object.keys(q.history)[0]!;
    article.questions['own-7'] = {
      q: {
        v: {
          kind: 'own',
          label: 'Ma question',
          text: 'Et si « non » ?',
          form: { type: 'alternatives', poles: ['A', 'B'] },
          order: 9,
          anchor: 'passage',
        },
        at: 'not-a-stamp',
      },
      position: { v: 'undecided', at: '' },
      shared: { v: true, at: changeAt },
      removed: { v: false, at: changeAt },
      history: { [changeAt]: { from: null, to: 'undecided', reason: { v: 'Parce que <b>', at: changeAt } } },
    };
    article.localOnly = { v: false, at: changeAt };
    const decoded = unpackItem(packArticle(article));
    expect(decoded.ok && canonicalJson(articleOf(decoded))).toBe(canonicalJson(article));
  });

  it('packs a typical article in about a third of its JSON size', () => {
    const article = typicalArticle(5);
    const packed = itemBytes('a12345678', packArticle(article));
    expect(packed).toBeLessThan(itemBytes(`article:${article.url}`, article) / 2.5);
  });

  it('packs a tombstone without content and a local-only marker without URL', () => {
    const article = { ...typicalArticle(2), deleted: { v: true, at: '0mpufzeo00000dev0x' } };
    const marker = {
      kind: 'localOnly' as const,
      key: 'k3v9qa12',
      localOnly: { v: true, at: '0mpufzeo00000dev0x' },
    };
    const packed = packEntries([{ kind: 'article', article: tombstoneOf(article) }, marker]);
    const decoded = unpackItem(packed);
    expect(decoded.ok && decoded.entries).toEqual([
      { kind: 'article', article: tombstoneOf(article) },
      marker,
    ]);
    expect(tombstoneOf(article).questions).toEqual({});
  });

  it('packs articles together in less room than one by one', () => {
    const articles = Array.from({ length: 16 }, (_, i) => typicalArticle(i));
    const alone = articles.reduce((sum, a) => sum + packArticle(a).length, 0);
    const together = packEntries(articles.map((article) => ({ kind: 'article', article }))).length;
    expect(together).toBeLessThan(alone / 1.2);
  });

  it('reports an unknown format or a corrupt item instead of throwing', () => {
    const packed = packArticle(typicalArticle(1));
    expect(unpackItem(`9${packed.slice(1)}`)).toEqual({ ok: false, reason: 'unknown-format' });
    expect(unpackItem(packed.slice(0, 40))).toEqual({ ok: false, reason: 'corrupt' });
    expect(unpackItem(`${packed.slice(0, 30)}zz${packed.slice(32)}`).ok).toBe(false);
    expect(unpackItem(42)).toEqual({ ok: false, reason: 'corrupt' });
    // A later format is a digit after '4'; any other first character is damage.
    expect(unpackItem(`5${packed.slice(1)}`)).toEqual({ ok: false, reason: 'unknown-format' });
    expect(unpackItem('Lnot-a-stamp')).toEqual({ ok: false, reason: 'corrupt' });
    expect(unpackItem(`a${packed.slice(1)}`)).toEqual({ ok: false, reason: 'corrupt' });
  });
});

/**
 * What the decoder may return for any input: a refusal as damage, or entries that are well-formed
 * records (the backup schema is the model's) and pack back to themselves.
 */
function expectWellFormed(decoded: DecodedItem) {
  if (!decoded.ok) {
    expect(decoded.reason).toBe('corrupt');
    return;
  }
  for (const entry of decoded.entries) {
    if (entry.kind === 'article')
      expect(v.safeParse(BackupArticleSchema, entry.article).issues).toBeUndefined();
    else expect(decodeStamp(entry.localOnly.at)).not.toBeNull();
  }
  const again = unpackItem(packEntries(decoded.entries));
  expect(again.ok && canonicalJson(again.entries)).toBe(canonicalJson(decoded.entries));
}

describe('codec: the format-4 decoder, fuzzed', () => {
  const real = packEntries(FORMAT_4.entries);
  const lines = FORMAT_4.entries.map(entryLine);

  it('refuses a real stream with a character changed or cut short, or decodes well-formed entries', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), (at, from, cut) => {
        // Characters of the payload itself, so the base85 stays valid and the coder decodes it.
        const i = 1 + (at % (real.length - 1));
        expectWellFormed(
          unpackItem(real.slice(0, i) + real[1 + (from % (real.length - 1))] + real.slice(i + 1)),
        );
        expectWellFormed(unpackItem(real.slice(0, 1 + (cut % real.length))));
      }),
      { numRuns: 100 },
    );
  }, 120_000);

  it('refuses a real layout with any element replaced by any JSON, or decodes well-formed entries', () => {
    // Every place in every layout (each element of each nested array), chosen uniformly; small
    // integers most often, as the layout's codes are (a position code, a flag, a stamp index).
    const places = lines.flatMap((line, which) => {
      const out: { which: number; path: number[] }[] = [];
      const walk = (node: unknown, path: number[]) => {
        if (!Array.isArray(node)) return;
        node.forEach((child, i) => {
          out.push({ which, path: [...path, i] });
          walk(child, [...path, i]);
        });
      };
      walk(JSON.parse(line), []);
      return out;
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...places),
        fc.oneof(
          { weight: 3, arbitrary: fc.integer({ min: -3, max: 9 }) },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
        ),
        ({ which, path }, value) => {
          const layout = JSON.parse(lines[which]!) as unknown[];
          let parent = layout;
          for (const step of path.slice(0, -1)) parent = parent[step] as unknown[];
          parent[path.at(-1)!] = value;
          // Coded by the real encoder: the decoder's layout reader gets exactly this JSON.
          const stream = new EntryStream(2_000);
          stream.write(`${JSON.stringify(layout)}\n`);
          expectWellFormed(unpackItem(stream.payloadAt(stream.mark())));
        },
      ),
      { numRuns: 500 },
    );
  }, 120_000);
});

/**
 * An item the previous versions wrote (format 2: deflate, 8 buckets): typicalArticle(7) of that
 * version's fixture and a local-only marker, with what it decodes to.
 */
const FORMAT_2 = format2Item as { item: string; entries: SyncEntry[] };
/** A compact article as the previous compact tier (format 3) packed it. */
const FORMAT_3 = format3Item as { item: string; entries: SyncEntry[] };
/** A full article, a compact one with its wording hints, and a marker, as this version writes them. */
const FORMAT_4 = format4Item as { item: string; entries: SyncEntry[] };

describe('codec: compact tier', () => {
  it('still decodes items written by the previous format ("2")', () => {
    const decoded = unpackItem(FORMAT_2.item);
    expect(decoded.ok && canonicalJson(decoded.entries)).toBe(canonicalJson(FORMAT_2.entries));
    // This version writes the same entries as format 4, in less room.
    const repacked = packEntries(FORMAT_2.entries);
    expect(repacked[0]).toBe('4');
    expect(repacked.length).toBeLessThan(FORMAT_2.item.length);
  });

  it('keeps every piece of reader data and the wording of own questions and picked passages', () => {
    for (let i = 0; i < 20; i++) {
      const article = typicalArticle(i);
      const [first] = Object.keys(article.questions);
      article.questions[first!]!.q.v.anchor = 'un passage choisi';
      const alternatives = Object.values(article.questions).find((q) => q.q.v.form.type === 'alternatives')!;
      const compact = compactArticle(article);
      expect(hasPageSnapshots(article)).toBe(true);
      expect(hasPageSnapshots(compact)).toBe(false);
      const packed = packArticle(compact);
      expect(packed[0]).toBe('4');
      expect(packed.length).toBeLessThan(packArticle(article).length);
      const decoded = unpackItem(packed);
      const back = decoded.ok && decoded.entries[0]?.kind === 'article' ? decoded.entries[0].article : null;
      expect(canonicalJson(back)).toBe(canonicalJson(compact));
      // Reader data identical; page snapshots are placeholders stamped '', kind, form type and order kept.
      const strip = (a: typeof article) =>
        canonicalJson({
          ...a,
          questions: Object.fromEntries(Object.entries(a.questions).map(([id, q]) => [id, { ...q, q: 0 }])),
        });
      expect(strip(back!)).toBe(strip(article));
      for (const [id, q] of Object.entries(back!.questions)) {
        const original = article.questions[id]!.q;
        if (original.v.kind === 'own' || original.v.anchor !== undefined) expect(q.q).toEqual(original);
        else {
          expect(isPlaceholder(q.q)).toBe(true);
          expect(q.q.v).toMatchObject({ kind: original.v.kind, order: original.v.order, text: '' });
          expect(q.q.v.form.type).toBe(original.v.form.type);
        }
      }
      if (alternatives.q.v.kind !== 'own') {
        const id = Object.keys(article.questions).find((k) => article.questions[k] === alternatives)!;
        // The poles are the page's: not kept.
        expect(back!.questions[id]!.q.v.form).toEqual({ type: 'alternatives', poles: ['', ''] });
      }
      // Packing a compact copy again gives the same bytes: a device that only has it re-packs it as is.
      expect(packArticle(back!)).toBe(packed);
    }
  });

  it('never lets a placeholder replace a real snapshot, whatever the order of merging', () => {
    const article = typicalArticle(4);
    const compact = compactArticle(article);
    compact.note = { v: 'Écrit ailleurs', at: '9zzzzzzz00000dev9x' };
    for (const merged of [mergeArticle(article, compact), mergeArticle(compact, article)]) {
      for (const [id, q] of Object.entries(article.questions)) expect(merged.questions[id]!.q).toEqual(q.q);
      expect(merged.note?.v).toBe('Écrit ailleurs');
    }
  });

  it('writes format 4 exactly as before: its bytes are the wire format every device reads', () => {
    // If this fails, the coder or the layout changed: that needs a new format character, not a
    // new fixture, or devices running different versions will not read each other's items.
    expect(packEntries(FORMAT_4.entries)).toBe(FORMAT_4.item);
    const decoded = unpackItem(FORMAT_4.item);
    expect(decoded.ok && canonicalJson(decoded.entries)).toBe(canonicalJson(FORMAT_4.entries));
  });

  it('still decodes the previous compact tier ("3"), whose placeholders are corrupt in format 2', () => {
    const decoded = unpackItem(FORMAT_3.item);
    expect(decoded.ok && canonicalJson(decoded.entries)).toBe(canonicalJson(FORMAT_3.entries));
    expect(unpackItem(`2${FORMAT_3.item.slice(1)}`)).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('tells every device which page wording is newest, so one with an older one knows it lacks it', () => {
    const article = typicalArticle(6);
    const [id, q] = Object.entries(article.questions).find(([, q]) => isPageQuestion(q.q.v))!;
    const newer = encodeStamp(decodeStamp(q.q.at)!.ms + 60_000, 0, 'other1');
    // Another device packed the question compact, knowing a newer wording than this one.
    const synced = { placeholder: placeholderSnapshot(q.q.v), newest: newer };
    const newest = newestSnapshots(article, (qid) => (qid === id ? synced : undefined));
    expect(newest[id]).toBe(newer);
    expect(lacksNewestWording(article, newest)).toBe(true);
    expect(lacksNewestWording(article, newestSnapshots(article))).toBe(false);
    // The hint travels with the placeholder in format 4.
    const entry: SyncEntry = { kind: 'article', article: compactArticle(article), newest };
    const decoded = unpackItem(packEntries([entry]));
    expect(decoded.ok && decoded.entries[0]).toEqual(entry);
  });
});
