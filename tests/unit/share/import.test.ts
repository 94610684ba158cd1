import { describe, expect, it } from 'vitest';
import { LIMITS } from '@/utils/share/format';
import { parseImport } from '@/utils/share/import';
import { rejectionMessage } from '@/utils/share/result';
import { encodeShareCode } from '@/utils/share/share-code';
import { memberFile, URL_A } from './fixtures';

const ctx = { articleUrl: URL_A };
const valid = () => memberFile('p1', 'Ada', [5, 1, 3], ['Yes, because']);
const reasonOf = async (input: string | Uint8Array) => {
  const r = await parseImport(input, ctx);
  return r.ok ? 'ok' : r.rejection.reason;
};

describe('parseImport', () => {
  it('accepts a valid file, as text, bytes or share code', async () => {
    const json = JSON.stringify(valid());
    for (const input of [json, new TextEncoder().encode(json), await encodeShareCode(json)]) {
      const r = await parseImport(input, ctx);
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value.participant).toEqual({ id: 'p1', name: 'Ada' });
      expect(r.value.article.questions.map((q) => q.position)).toEqual([5, 1, 3]);
      expect(r.value.article.questions[0]?.note).toBe('Yes, because');
    }
  });

  it('rejects each kind of bad file with its own reason and message', async () => {
    const cases: [string | Uint8Array, string][] = [
      ['{ not json', 'not-json'],
      [new Uint8Array([0xff, 0xfe, 0x00]), 'not-json'],
      ['[1,2,3]', 'not-stance'],
      ['{"format":"something-else","version":1}', 'not-stance'],
      [JSON.stringify({ ...valid(), version: 2 }), 'newer-version'],
      [JSON.stringify({ ...valid(), format: 'stance-backup' }), 'is-backup'],
      ['x'.repeat(LIMITS.fileBytes + 1), 'too-large'],
      [new Uint8Array(LIMITS.fileBytes + 1), 'too-large'],
      ['stance1.@@@', 'bad-share-code'],
      ['stance1.AAAA', 'bad-share-code'],
      [
        JSON.stringify({ ...valid(), articles: [{ ...valid().articles[0], url: 'https://other.example/' }] }),
        'other-article',
      ],
      [JSON.stringify({ ...valid(), participant: { id: '', name: null } }), 'invalid'],
    ];
    for (const [input, reason] of cases) {
      const r = await parseImport(input, ctx);
      expect(r.ok ? 'ok' : r.rejection.reason, String(input).slice(0, 60)).toBe(reason);
      if (!r.ok) expect(rejectionMessage(r.rejection)).not.toMatch(/^share|^$/);
    }
  });

  it('names the field that is wrong', async () => {
    const file = valid();
    (file.articles[0]!.questions[1] as { position: unknown }).position = 7;
    const r = await parseImport(JSON.stringify(file), ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.rejection).toMatchObject({ reason: 'invalid', path: 'articles.0.questions.1.position' });
    expect(rejectionMessage(r.rejection)).toContain('a position is not on the scale');
  });

  it('bounds sizes: notes, questions, names', async () => {
    const longNote = valid();
    longNote.articles[0]!.questions[0]!.note = 'n'.repeat(LIMITS.noteChars + 1);
    expect(await reasonOf(JSON.stringify(longNote))).toBe('invalid');
    const many = valid();
    const q = many.articles[0]!.questions[0]!;
    many.articles[0]!.questions = Array.from({ length: LIMITS.questionsPerArticle + 1 }, (_, i) => ({
      ...q,
      id: `x${i}`,
    }));
    const r = await parseImport(JSON.stringify(many), ctx);
    expect(!r.ok && rejectionMessage(r.rejection)).toContain('more than 500 questions');
    const named = valid();
    named.participant.name = 'N'.repeat(LIMITS.nameChars + 1);
    expect(await reasonOf(JSON.stringify(named))).toBe('invalid');
  });

  it('rejects prototype keys as question ids and duplicate question ids', async () => {
    for (const id of ['__proto__', 'constructor']) {
      const file = valid();
      file.articles[0]!.questions[0]!.id = id;
      expect(await reasonOf(JSON.stringify(file))).toBe('invalid');
    }
    const dup = valid();
    dup.articles[0]!.questions[1]!.id = 'q1';
    expect(await reasonOf(JSON.stringify(dup))).toBe('invalid');
  });

  it('refuses an article address that is not http(s), even as the context article, naming the field', async () => {
    for (const url of [
      'javascript:alert(document.domain)//',
      'data:text/html,x',
      'constructor',
      'toString',
    ]) {
      const file = valid();
      file.articles[0]!.url = url;
      for (const input of [JSON.stringify(file), await encodeShareCode(JSON.stringify(file))]) {
        const r = await parseImport(input, { articleUrl: url });
        expect(r.ok ? 'ok' : r.rejection, url).toMatchObject({ reason: 'invalid', path: 'articles.0.url' });
        if (!r.ok) expect(rejectionMessage(r.rejection)).toContain('not a web address (http or https)');
      }
    }
  });

  it('strips control and bidi characters, keeps HTML as plain characters', async () => {
    const file = valid();
    file.participant.name = '\u202EAda\u0007 <b>';
    file.articles[0]!.questions[0]!.note = '<img src=x onerror=alert(1)>\u0000';
    const r = await parseImport(JSON.stringify(file), ctx);
    expect(r.ok && r.value.participant.name).toBe('Ada <b>');
    expect(r.ok && r.value.article.questions[0]?.note).toBe('<img src=x onerror=alert(1)>');
  });

  it('picks the context article out of a file with several', async () => {
    const file = valid();
    file.articles.unshift({ ...file.articles[0]!, url: 'https://other.example/' });
    const r = await parseImport(JSON.stringify(file), ctx);
    expect(r.ok && r.value.article.url).toBe(URL_A);
  });
});
