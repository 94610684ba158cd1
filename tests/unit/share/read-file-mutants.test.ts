// The first checks of every imported file at their edges, and every refusal's words, written against
// mutants Stryker left alive (npm run mutate).
import * as v from 'valibot';
import { describe, expect, test } from 'vitest';
import { markdownBlock, markdownInline } from '@/utils/share/markdown-text';
import { checkFormat, readJson, validate } from '@/utils/share/read-file';
import { type Rejection, rejectionMessage } from '@/utils/share/result';
import { encodeShareCode } from '@/utils/share/share-code';

const MB = 1024 * 1024;
const reason = (r: { ok: boolean; rejection?: Rejection }) => (r.ok ? 'ok' : r.rejection!.reason);

describe('readJson', () => {
  test('size: at the bound passes, one byte over is refused, with the bound in MB', async () => {
    const json = (n: number) => `"${'x'.repeat(n - 2)}"`;
    expect(reason(await readJson(json(2 * MB), 2 * MB))).toBe('ok');
    expect(await readJson(json(2 * MB + 1), 2 * MB)).toEqual({
      ok: false,
      rejection: { reason: 'too-large', limitMb: 2 },
    });
    const bytes = new TextEncoder().encode(json(2 * MB + 1));
    expect(reason(await readJson(bytes, 2 * MB))).toBe('too-large');
    expect(reason(await readJson(bytes.subarray(1), 2 * MB))).toBe('not-json');
  });

  test('a string is measured in UTF-8: three bytes a euro sign', async () => {
    const euros = (n: number) => `"${'€'.repeat(n)}"`;
    // 1,000 euro signs: 3,002 bytes, 1,002 code units.
    expect(reason(await readJson(euros(1000), 3002))).toBe('ok');
    expect(reason(await readJson(euros(1000), 3001))).toBe('too-large');
    // Past a third of the bound in code units but within it in bytes: measured, and accepted.
    expect(reason(await readJson(`"${'a'.repeat(1500)}"`, 3002))).toBe('ok');
  });

  test('bytes that are not UTF-8, text that is not JSON, a BOM and spaces around', async () => {
    expect(reason(await readJson(new Uint8Array([0x22, 0xff, 0x22]), MB))).toBe('not-json');
    expect(reason(await readJson('{nope', MB))).toBe('not-json');
    expect(await readJson('\uFEFF  {"a":1}\n', MB)).toEqual({ ok: true, value: { a: 1 } });
    expect(await readJson(new TextEncoder().encode('\uFEFF[1]'), MB)).toEqual({ ok: true, value: [1] });
  });

  test('a share code: inflated within the bound, too large past it, damaged otherwise', async () => {
    const code = await encodeShareCode(JSON.stringify({ a: 'x'.repeat(5000) }));
    expect(await readJson(`  ${code}  `, MB)).toEqual({ ok: true, value: { a: 'x'.repeat(5000) } });
    expect(await readJson(code, 4000)).toEqual({ ok: false, rejection: { reason: 'too-large', limitMb: 0 } });
    expect(reason(await readJson(`${code.slice(0, 12)}!`, MB))).toBe('bad-share-code');
    expect(reason(await readJson(await encodeShareCode('not json'), MB))).toBe('not-json');
  });
});

describe('checkFormat', () => {
  const check = (json: unknown) =>
    checkFormat(json, 'stance-positions', 1, { format: 'stance-backup', reason: 'is-backup' });
  test.each([
    [null, 'not-stance'],
    [[], 'not-stance'],
    ['stance-positions', 'not-stance'],
    [{}, 'not-stance'],
    [{ format: 'other' }, 'not-stance'],
    [{ format: 'stance-backup', version: 1 }, 'is-backup'],
    [{ format: 'stance-positions', version: 2 }, 'newer-version'],
    [{ format: 'stance-positions', version: 1 }, 'ok'],
    [{ format: 'stance-positions', version: 0 }, 'ok'],
    [{ format: 'stance-positions', version: 1.5 }, 'ok'],
    [{ format: 'stance-positions', version: '2' }, 'ok'],
  ])('%j: %s', (json, expected) => {
    expect(reason(check(json))).toBe(expected);
  });

  test('a newer version is named, and a file that passes is returned as it is', () => {
    expect(check({ format: 'stance-positions', version: 7 })).toEqual({
      ok: false,
      rejection: { reason: 'newer-version', version: 7 },
    });
    const file = { format: 'stance-positions', version: 1, x: 1 };
    expect(check(file)).toEqual({ ok: true, value: file });
  });
});

describe('validate', () => {
  const schema = v.object({
    a: v.object({ b: v.pipe(v.string(), v.minLength(1, 'shareInvalidText')) }),
    n: v.number(),
  });
  test("the first issue's dot path, and its message key when it is one of ours", () => {
    expect(validate(schema, { a: { b: '' }, n: 1 })).toEqual({
      ok: false,
      rejection: { reason: 'invalid', path: 'a.b', issue: 'shareInvalidText' },
    });
    expect(validate(schema, { a: { b: 'x' }, n: 'one' })).toEqual({
      ok: false,
      rejection: { reason: 'invalid', path: 'n', issue: 'shareInvalidField' },
    });
    expect(validate(schema, 'nothing')).toEqual({
      ok: false,
      rejection: { reason: 'invalid', path: '', issue: 'shareInvalidField' },
    });
    expect(validate(schema, { a: { b: 'x' }, n: 1, extra: 2 })).toEqual({
      ok: true,
      value: { a: { b: 'x' }, n: 1 },
    });
  });
});

describe('rejectionMessage', () => {
  test.each([
    [{ reason: 'too-large', limitMb: 5 }, 'the file is larger than 5 MB.'],
    [{ reason: 'not-json' }, 'this is not a JSON file.'],
    [{ reason: 'not-stance' }, 'this is not a Stance positions file.'],
    [{ reason: 'is-backup' }, 'this is a Stance backup; restore it from the settings instead.'],
    [
      { reason: 'is-positions' },
      'this is a group member’s positions file, not a backup; import it in the Group view.',
    ],
    [{ reason: 'bad-share-code' }, 'the share code is damaged or incomplete; copy it again in full.'],
    [
      { reason: 'newer-version', version: 3 },
      'it was made by a newer Stance (format version 3); update Stance to import it.',
    ],
    [
      { reason: 'invalid', path: 'articles.0.url', issue: 'shareInvalidText' },
      'the file is damaged at articles.0.url: a text is missing.',
    ],
    [
      { reason: 'invalid', path: '', issue: 'shareInvalidField' },
      'the file is damaged at /: a value is missing or of the wrong kind.',
    ],
    [{ reason: 'other-article', titles: ['A', 'B'] }, 'it holds positions on another article (A · B).'],
    [
      { reason: 'duplicate-participant', name: 'Ada' },
      'Ada is already in this group. Replace the earlier file, or keep both?',
    ],
    [{ reason: 'too-many-participants', limit: 1 }, 'the group already has the maximum of 1 member.'],
    [{ reason: 'too-many-participants', limit: 1000 }, 'the group already has the maximum of 1,000 members.'],
  ] as [Rejection, string][])('%j', (rejection, text) => {
    expect(rejectionMessage(rejection)).toBe(text);
  });
});

describe('Markdown text', () => {
  test('inline: every Markdown and HTML character escaped, whitespace folded to one space', () => {
    expect(markdownInline('  a\n\tb  ')).toBe('a b');
    expect(markdownInline('\\`*_{}[]()<>#+-.!|~&')).toBe(
      '\\\\\\`\\*\\_\\{\\}\\[\\]\\(\\)\\<\\>\\#\\+\\-\\.\\!\\|\\~\\&',
    );
  });

  test('block: each line behind its prefix, trimmed, CRLF or LF', () => {
    expect(markdownBlock(' one \r\ntwo [x]\n\n', '> ')).toBe('> one\n> two \\[x\\]\n>\n>');
  });
});
