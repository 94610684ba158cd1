import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeArticle } from '@/utils/positions/merge';
import { decodeBase85, encodeBase85 } from '@/utils/sync/base85';
import {
  compactArticle,
  hasPageSnapshots,
  isPlaceholder,
  packArticle,
  packEntries,
  tombstoneOf,
  unpackItem,
} from '@/utils/sync/codec';
import { canonicalJson } from '@/utils/sync/engine';
import { itemBytes } from '@/utils/sync/limits';
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
    expect(unpackItem('Lnot-a-stamp')).toEqual({ ok: false, reason: 'unknown-format' });
    fc.assert(fc.property(fc.string(), (junk) => void unpackItem(`1${junk}`)));
  });
});

/** typicalArticle(7) and a local-only marker, as the previous version (format 2) packed them. */
const FORMAT_2_ITEM =
  '2E~}CTmv/RI3$](#[eI+3v+|eU#ILL2#n{b5tZp+C1rX/+Vbu~gI)Ht|E$oN!ZG~WGf3,0~FGUIaoZy,GXz$$EVgFNx/T3,Hd|GAs02|[pYt8x{ca-5/FEe.L.Tp*mG,N+2ZjFp|]nuchg$.Vl0sYL.VgNI$:dcXKG~~__F?zX;+qm8s?a1Ij/NutO4f:/XKFHCDbOy5zX_qsd+9$M]/IdVNIG?Q35Yx]eLF$0i1j23tXO4zyKd#X;mt00c24OfFk8.{MnDr4q223#1IP(?OP(mmQEKtfq:;n/l{b/MS_m[NTn?;Ir48){DG8~Gh-c]v8lBL4gsW8_+R3m/n]+.sduOy[Xmo$!|w,zqU6LAaRQC[62Blu4gEP5OVpfITwZd#IQsOC(T*OPm@BxQkP4{j^Ah_cw!xY*kj#LR-AxcqF}]@zQe8Z;AQ]E9XtVR/_9tcC,07@a_j4LbHPTQpN:mijO,r)f{a1A:zGR]H_lkr2@I8ak}eoi[5cJfX4tKUSU]1jhy4(?k?biWzhWi-pD#^TE_PnJg.jAQp{qhM0w0;omdm4*rgpu|aUiRx4u37pyJE^;-(O.)?gQhlj,yh8PG@egP1CxSZuL3+h!tJW~gdvyT?JON^YNXEaT|+Wyz?L1Gv^ym06Ary[S(9Rz9NLy+2t1a*L]@(1;5FrGanPt6+.K]1)mPSykO^KL*0y4}M6gTs~^WdO!TKkp4Ym$*xMzO^i,|/()pfj}u}.~:PJjHTTG/MujW*iK]D#G88:hmq]9?+_n~,8}0qr)7]iC(NySlywVgIer$iHbSW./kuF4tp.-:^-,-mC9gxNuMFt)(Es*cJ.d7S,G$!6/8b$$Y?zz!go1k|LB*}RhRR5bGR|)YaeFoqVNTN1]Om!VR)|NB{f+[^GKj}$MftD3pISMvaecnKIPlg*AZc|dgfGxjymPYJso]CFp|cKRMuYxJ##[J+:8fuib3Y~MFWE,?PwDLU9onJN;V^[HJQQSqlZ2da:3Cy-GDR4|{:5~9{B;+';

describe('codec: compact tier', () => {
  it('still decodes items written by the previous format ("2")', () => {
    const article = typicalArticle(7);
    const decoded = unpackItem(FORMAT_2_ITEM);
    expect(decoded.ok && canonicalJson(decoded.entries)).toBe(
      canonicalJson([
        { kind: 'article', article },
        { kind: 'localOnly', key: 'k3v9qa12', localOnly: { v: true, at: article.meta.at } },
      ]),
    );
    // Nothing compact in it: written as format 2 still, which the previous version reads.
    expect(packEntries(decoded.ok ? decoded.entries : [])).toBe(FORMAT_2_ITEM);
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
      expect(packed[0]).toBe('3');
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

  it('reports a malformed compact question as corrupt', () => {
    const packed = packArticle(compactArticle(typicalArticle(1)));
    expect(unpackItem(`2${packed.slice(1)}`).ok).toBe(false);
  });
});
