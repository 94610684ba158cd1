import { describe, expect, it } from 'vitest';
import {
  buildPositionsFile,
  csvCell,
  positionsToCsv,
  positionsToJson,
  positionsToMarkdown,
  previewExport,
  renderExport,
} from '@/utils/share/export';
import { parseImport } from '@/utils/share/import';
import { decodeShareCode } from '@/utils/share/share-code';
import { PRIVATE_NOTE, readerArticle, SHARED_NOTE, URL_A } from './fixtures';

const identity = { id: 'p-me', name: 'Grace' };
/** The JSON text a share code holds. */
async function decodedCode(code: string): Promise<string> {
  const decoded = await decodeShareCode(code, 1_000_000);
  if (!decoded.ok) throw new Error(`the export's share code does not decode: ${decoded.reason}`);
  return decoded.json;
}

const file = () => buildPositionsFile([readerArticle()], identity, new Date('2026-01-01T00:00:00Z'));

describe('export', () => {
  it('builds a stance-positions v1 file with positions, forms, ids and only the shared note', () => {
    const f = file();
    expect(f).toMatchObject({
      format: 'stance-positions',
      version: 1,
      participant: { id: 'p-me', name: 'Grace' },
    });
    const [a] = f.articles;
    expect(a?.url).toBe(URL_A);
    expect(a?.questions.map((q) => [q.id, q.position, q.form.type, q.note])).toEqual([
      ['q1', 5, 'yes-no', SHARED_NOTE],
      ['q2', 2, 'agree-disagree', undefined],
      ['q3', null, 'alternatives', undefined],
    ]);
  });

  it('never lets a private note out, in any format', async () => {
    for (const format of ['json', 'markdown', 'csv', 'code'] as const) {
      const rendered = await renderExport(file(), format);
      // A share code is deflated base64url: no note could show in it as text. Read what it holds.
      const text = format === 'code' ? await decodedCode(rendered) : rendered;
      expect(text).not.toContain(PRIVATE_NOTE);
      expect(text).toContain(format === 'markdown' ? 'Shared: the market decides' : SHARED_NOTE);
    }
  });

  it('leaves out removed questions and writes null for no name', () => {
    const article = readerArticle();
    article.questions.q3!.removed = { v: true, at: '0000000040000dev' };
    const f = buildPositionsFile([article], { id: 'p', name: '  ' });
    expect(f.participant.name).toBeNull();
    expect(f.articles[0]?.questions.map((q) => q.id)).toEqual(['q1', 'q2']);
  });

  it('previews what leaves and counts the private notes that stay', () => {
    expect(previewExport([readerArticle()], file())).toEqual({
      articles: 1,
      positions: 2,
      sharedNotes: 1,
      privateNotesKept: 1,
    });
  });

  it('JSON re-imports as the same positions', async () => {
    const r = await parseImport(positionsToJson(file()), { articleUrl: URL_A });
    expect(r.ok && r.value.article.questions.map((q) => q.position)).toEqual([5, 2, null]);
  });

  it('Markdown reads as text, with words for positions, and escapes markup', () => {
    const article = readerArticle();
    article.meta.v.title = 'Title <script>alert(1)</script> [x](javascript:y)';
    const md = positionsToMarkdown(buildPositionsFile([article], identity));
    expect(md).toContain('Positions of Grace');
    expect(md).toContain('Position: Yes');
    expect(md).toContain('Position: Rather disagree');
    expect(md).toContain('Position: No position');
    expect(md).toContain('\\<script\\>');
    expect(md).toContain('\\[x\\]\\(javascript:y\\)');
    expect(md).not.toContain('<script>');
  });

  it('CSV has one row per question and neutralises formulas at cell start', () => {
    const article = readerArticle();
    article.questions.q1!.note = { v: '=HYPERLINK("http://evil","x")', at: '0000000050000dev' };
    article.questions.q2!.q.v.text = '+1 is -1 @home';
    const csv = positionsToCsv(buildPositionsFile([article], { id: 'p', name: '@admin' }));
    const rows = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows).toHaveLength(4);
    expect(rows[1]).toContain('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(rows[2]).toContain('"\'+1 is -1 @home"');
    expect(rows[1]).toContain('"\'@admin"');
    for (const c of ['=1', '+1', '-1', '@x', '\tx']) expect(csvCell(c).startsWith(`"'`)).toBe(true);
    expect(csvCell('a"b')).toBe('"a""b"');
  });
});
