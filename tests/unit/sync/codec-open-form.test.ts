// An open question (answered in words) keeps its form through sync, in full and compact tiers.
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@/utils/sync/engine';
import { packArticle, unpackItem } from '@/utils/sync/format';
import { compactArticle } from '@/utils/sync/tiers';
import { typicalArticle } from '../../support/sync-fixtures';

function openArticle() {
  const article = typicalArticle(4);
  const [id] = Object.keys(article.questions);
  const q = article.questions[id!]!;
  q.q = { ...q.q, v: { ...q.q.v, text: 'What did I miss?', form: { type: 'open' } } };
  return { article, id: id! };
}

function decoded(packed: string) {
  const item = unpackItem(packed);
  if (!item.ok) throw new Error('not decoded');
  const entry = item.entries[0];
  if (entry?.kind !== 'article') throw new Error('no article');
  return entry.article;
}

describe('sync of an open question', () => {
  it('round-trips an open form in full', () => {
    const { article } = openArticle();
    expect(canonicalJson(decoded(packArticle(article)))).toBe(canonicalJson(article));
  });

  it('keeps the open form in the compact tier', () => {
    const { article, id } = openArticle();
    const compact = compactArticle(article);
    expect(decoded(packArticle(compact)).questions[id]?.q.v.form).toEqual({ type: 'open' });
  });
});
