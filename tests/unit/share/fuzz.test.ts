// Fuzz of the importer: malformed and hostile inputs of every kind. None may throw, and none but
// a valid file may change stored data; a valid one changes only its group's item.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { saveArticle } from '@/utils/positions/store';
import { importIntoGroup } from '@/utils/share/group-store';
import { parseImport } from '@/utils/share/import';
import { rejectionMessage } from '@/utils/share/result';
import { encodeShareCode, SHARE_CODE_PREFIX } from '@/utils/share/share-code';
import { memberFile, readerArticle, URL_A } from './fixtures';

// Under Stryker (npm run mutate sets STANCE_MUTATE_TESTS) every mutant the importer's code holds
// reruns this test: a tenth of the inputs keeps a mutant's cost near a second, and can only miss a
// mutant, never count one killed that npm test's full run would let live.
const RUNS = process.env.STANCE_MUTATE_TESTS ? 1_000 : 10_000;
const base = memberFile('p1', 'Ada', [5, 1, 'undecided'], ['note', undefined, 'other']);

/** Every path to a value in the valid file, to aim mutations at. */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return [prefix, ...entries.flatMap(([k, v]) => paths(v, [...prefix, k]))];
}
const PATHS = paths(base).filter((p) => p.length > 0);

function mutate(path: (string | number)[], replacement: unknown, remove: boolean, pid: number): unknown {
  const copy = structuredClone(base) as unknown as Record<string | number, unknown>;
  // A fresh participant per input, so valid files are stored rather than all turned away as duplicates.
  copy.participant = { id: `p${pid}`, name: null };
  let target = copy;
  for (const k of path.slice(0, -1)) target = target[k] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete target[last];
  else target[last] = replacement;
  return copy;
}

// Keys that pollute or replace a prototype when code copies an object key by key. Written as text:
// in an object literal `__proto__` sets the prototype instead of making a key, and JSON.stringify
// drops it, so no parser would ever see it. JSON.parse makes it an own key, as a hostile file would.
const POLLUTER = '"__proto__":{"polluted":true},';
const baseJson = JSON.stringify(base);
const inject = (after: string, text: string) => {
  if (!baseJson.includes(after)) throw new Error(`the valid file has no ${after}`);
  return baseJson.replace(after, `${after}${text}`);
};
const HOSTILE_KEYS: [string, string][] = [
  ['__proto__ at the top', inject('{', POLLUTER)],
  ['__proto__ in the participant', inject('"participant":{', POLLUTER)],
  ['__proto__ in an article', inject('"articles":[{', POLLUTER)],
  ['__proto__ in a question', inject('"questions":[{', POLLUTER)],
  ['__proto__ in a form', inject('"form":{', POLLUTER)],
  ['constructor.prototype at the top', inject('{', '"constructor":{"prototype":{"polluted":true}},')],
  ['__proto__ as the whole file', '{"__proto__":{"format":"stance-positions","version":1}}'],
];

/** Every object reachable from a value has a plain prototype and no `polluted` property, own or inherited. */
function expectUnpolluted(value: unknown, path = 'value') {
  if (value === null || typeof value !== 'object') return;
  const proto = Object.getPrototypeOf(value);
  expect(
    proto === Object.prototype || proto === Array.prototype || proto === null,
    `${path}'s prototype`,
  ).toBe(true);
  expect('polluted' in value, `${path}.polluted`).toBe(false);
  for (const [key, child] of Object.entries(value)) expectUnpolluted(child, `${path}.${key}`);
}

const ownKeysDeep = (value: unknown): string[] =>
  value !== null && typeof value === 'object'
    ? Object.entries(value).flatMap(([key, child]) => [key, ...ownKeysDeep(child)])
    : [];

const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '<img src=x onerror=alert(1)>',
    '__proto__',
    'constructor',
    '=cmd|" /C calc"!A0',
    '\u202Egnp.exe',
    '\u0000\u0001',
    'x'.repeat(20_000),
    'stance1.',
    '',
  ),
  fc.constantFrom(...HOSTILE_KEYS.map(([, text]) => text)),
);
const weirdValue = fc.oneof(
  fc.jsonValue(),
  hostileString,
  fc.constantFrom(0, -1, 6, 1.5, 1e308, 2, 'undecided', null, [], {}),
);

const mutatedFile = fc
  .record({
    path: fc.constantFrom(...PATHS),
    value: weirdValue,
    remove: fc.boolean(),
    pid: fc.nat(1_000_000),
  })
  .map(({ path, value, remove, pid }) => JSON.stringify(mutate(path, value, remove, pid)));

/** An input, or a share code to make from a text (encoding is async, arbitraries are not). */
type RawInput = string | Uint8Array | { code: string; corrupt?: { at: number; char: string } };

async function asImportInput(raw: RawInput): Promise<string | Uint8Array> {
  if (typeof raw === 'string' || !('code' in raw)) return raw;
  const code = await encodeShareCode(raw.code);
  if (!raw.corrupt) return code;
  // One base64url character changed somewhere in the deflated body: corrupt, or (rarely) other text.
  const at = SHARE_CODE_PREFIX.length + (raw.corrupt.at % (code.length - SHARE_CODE_PREFIX.length));
  return code.slice(0, at) + raw.corrupt.char + code.slice(at + 1);
}

const input: fc.Arbitrary<RawInput> = fc.oneof(
  { weight: 4, arbitrary: mutatedFile },
  { weight: 1, arbitrary: mutatedFile.map((json) => ({ code: json })) },
  { weight: 1, arbitrary: mutatedFile.chain((json) => fc.nat(json.length).map((n) => json.slice(0, n))) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: hostileString },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }) },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 256 }).map((b) => ({ code: String.fromCharCode(...b) })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ json: mutatedFile, at: fc.nat(), char: fc.constantFrom('A', '_', '-', 'z', '9', '/') })
      .map(({ json, at, char }) => ({ code: json, corrupt: { at, char } })),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({ version: fc.integer(), format: fc.constantFrom('stance-positions', 'stance-backup', 'x') })
      .map((head) => JSON.stringify({ ...base, ...head })),
  },
);

describe('importer fuzz', () => {
  beforeAll(async () => {
    fakeBrowser.reset();
    await saveArticle(readerArticle());
  });

  it(`survives ${RUNS} malformed or hostile inputs; only valid files change storage`, async () => {
    let checked = 0;
    let accepted = 0;
    const readerKey = `article:${URL_A}`;
    await fc.assert(
      fc.asyncProperty(input, async (raw) => {
        const before = await browser.storage.local.get(null);
        const parsed = await parseImport(await asImportInput(raw), { articleUrl: URL_A });
        let stored = false;
        if (parsed.ok) {
          const r = await importIntoGroup(URL_A, parsed.value, { choice: 'ask' });
          stored = r.ok;
          if (!r.ok) expect(rejectionMessage(r.rejection)).toBeTruthy();
        } else {
          expect(rejectionMessage(parsed.rejection)).toBeTruthy();
        }
        const after = await browser.storage.local.get(null);
        if (stored) {
          accepted++;
          expect(after[readerKey]).toEqual(before[readerKey]);
        } else {
          expect(after).toEqual(before);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        checked++;
      }),
      { numRuns: RUNS },
    );
    console.log(`share fuzz: ${checked} inputs checked (${accepted} valid and stored)`);
    // The inputs reach both outcomes: some are stored, and most are turned away.
    expect(accepted).toBeGreaterThan(0);
    expect(accepted).toBeLessThan(checked / 2);
  }, 300_000);

  it.each(HOSTILE_KEYS)('a file with %s pollutes nothing it returns or stores', async (_, text) => {
    // JSON.parse keeps the key as an own key, as the importer sees it.
    expect(ownKeysDeep(JSON.parse(text))).toContain(
      text.includes('constructor') ? 'constructor' : '__proto__',
    );
    const parsed = await parseImport(text, { articleUrl: URL_A });
    if (parsed.ok) {
      expectUnpolluted(parsed.value);
      const r = await importIntoGroup(URL_A, parsed.value, { choice: 'replace' });
      expect(r.ok).toBe(true);
    } else {
      expect(rejectionMessage(parsed.rejection)).toBeTruthy();
    }
    expectUnpolluted(await browser.storage.local.get(null), 'storage');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
