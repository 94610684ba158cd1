// Random schedules of edits on 2–3 devices, offline periods, restarts and late, duplicated,
// reordered deliveries: every schedule must end with all devices equal and no write lost that a
// later write did not supersede.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ensureQuestion,
  newArticle,
  removeQuestion,
  setArticleNote,
  setChangeReason,
  setDeleted,
  setLocalOnly,
  setPosition,
  setQuestionNote,
} from '@/utils/positions/actions';
import type { Stamp } from '@/utils/positions/clock';
import type { ArticleRecord, Position, QuestionSnapshot, Stamped } from '@/utils/positions/model';
import { canonicalJson } from '@/utils/sync/engine';
import { type SimulatedDevice, simulatedDevices } from '../../support/sync-devices';
import { typicalArticle } from '../../support/sync-fixtures';

const URLS = ['https://exemple.fr/idees/loyers', 'https://example.com/opinion/school-start'];
const QUESTIONS = ['qa', 'qb'];
const META = { title: 'Encadrer les loyers ?', siteName: 'Exemple', lang: 'fr', readingMinutes: 5 };

/**
 * Schedules in one of two settings: both questions the reader's own, under the real quota (every
 * article in full); or 'qb' a page question with long wording, under a quota where both articles
 * fit compact but not both in full, so the compact tier comes and goes as articles grow and shrink.
 */
interface Setting {
  pageQuestion: boolean;
  quotaBytes?: number;
}
const OWN_ONLY: Setting = { pageQuestion: false };
const COMPACT_TIER: Setting = { pageQuestion: true, quotaBytes: 256 + 1_500 };
// About 3,000 characters of varied text: ~900 bytes coded, so one article in full fits 1,500, not two.
const pageWording = (variant: number) =>
  Array.from({ length: 8 }, (_, i) =>
    Object.values(typicalArticle(variant * 8 + i).questions)
      .map((q) => q.q.v.text)
      .join(' '),
  ).join(' ');
const WORDINGS = [0, 1, 2, 3].map(pageWording);
/** Device 0 reads article 0's page, device 1 article 1's: both wordings do not fit in full. */
const ONE_WORDING_EACH: Command[] = [0, 1].map((url) => ({
  t: 'edit',
  device: url,
  url,
  op: { k: 'snapshot', q: 'qb', variant: url },
}));
const isPage = (setting: Setting, id: string) => setting.pageQuestion && id === 'qb';

const snapshot = (setting: Setting, id: string, variant: number): QuestionSnapshot => ({
  kind: isPage(setting, id) ? 'debate' : 'own',
  label: '',
  text: isPage(setting, id) ? WORDINGS[variant]! : `Faut-il ${id} ? (v${variant}) — réponse «oui»`,
  form: variant % 2 ? { type: 'agree-disagree' } : { type: 'yes-no' },
  order: QUESTIONS.indexOf(id),
});

type Op =
  | { k: 'position'; q: string; p: Position | null }
  | { k: 'qnote'; q: string; text: string }
  | { k: 'note'; text: string }
  | { k: 'delete'; on: boolean }
  | { k: 'localOnly'; on: boolean }
  | { k: 'snapshot'; q: string; variant: number }
  | { k: 'remove'; q: string; on: boolean }
  | { k: 'reason'; q: string; text: string };

type Command =
  | { t: 'edit'; device: number; url: number; op: Op }
  | { t: 'flush'; device: number }
  | { t: 'deliver'; pick: number; duplicate: boolean }
  | { t: 'online'; device: number; on: boolean }
  | { t: 'restart'; device: number }
  | { t: 'advance'; ms: number };

const q = fc.constantFrom(...QUESTIONS);
const text = fc.string({ maxLength: 12, unit: fc.constantFrom('a', 'é', ' ', '€', 'Z', '"', '<') });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('position' as const),
      q,
      p: fc.constantFrom<Position | null>(1, 2, 3, 4, 5, 'undecided', null),
    }),
  },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('qnote' as const), q, text }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('note' as const), text }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('delete' as const), on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('localOnly' as const), on: fc.boolean() }) },
  {
    weight: 1,
    arbitrary: fc.record({ k: fc.constant('snapshot' as const), q, variant: fc.integer({ min: 0, max: 3 }) }),
  },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('remove' as const), q, on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('reason' as const), q, text }) },
);
const device = fc.integer({ min: 0, max: 2 });
const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('edit' as const),
      device,
      url: fc.integer({ min: 0, max: 1 }),
      op,
    }),
  },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('flush' as const), device }) },
  {
    weight: 5,
    arbitrary: fc.record({ t: fc.constant('deliver' as const), pick: fc.nat(), duplicate: fc.boolean() }),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('online' as const), device, on: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('restart' as const), device }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 70_000 }) }),
  },
);

/** A write a reader made: where, when, what, on which device. */
interface Write {
  url: string;
  path: string;
  at: Stamp;
  v: unknown;
  device: string;
}

function registerAt(article: ArticleRecord | undefined, path: string): Stamped<unknown> | undefined {
  if (!article) return undefined;
  const [field, id, sub, historyAt] = path.split('|');
  if (field === 'meta' || field === 'note' || field === 'deleted' || field === 'localOnly')
    return article[field];
  const question = article.questions[id!];
  if (!question) return undefined;
  if (sub === 'reason') return question.history[historyAt!]?.reason;
  if (sub === 'history') {
    const entry = question.history[historyAt!];
    return entry ? { v: { from: entry.from, to: entry.to }, at: historyAt! } : undefined;
  }
  return question[sub as 'q' | 'position' | 'note' | 'removed'];
}

function applyOp(
  setting: Setting,
  device: string,
  article: ArticleRecord | undefined,
  url: string,
  o: Op,
  at: Stamp,
  log: Write[],
): ArticleRecord {
  const before = article;
  let a = article ?? newArticle(url, META, at);
  if ('q' in o && o.k !== 'snapshot')
    a = ensureQuestion(a, a.questions[o.q]?.q.v ?? snapshot(setting, o.q, 0), o.q, at);
  switch (o.k) {
    case 'position':
      a = setPosition(a, o.q, o.p, at);
      break;
    case 'qnote':
      a = setQuestionNote(a, o.q, o.text, at);
      break;
    case 'note':
      a = setArticleNote(a, o.text, at);
      break;
    case 'delete':
      a = setDeleted(a, o.on, at);
      break;
    case 'localOnly':
      a = setLocalOnly(a, o.on, at);
      break;
    case 'snapshot':
      a = ensureQuestion(a, snapshot(setting, o.q, o.variant), o.q, at);
      break;
    case 'remove':
      a = removeQuestion(a, o.q, o.on, at);
      break;
    case 'reason': {
      const changes = Object.keys(a.questions[o.q]?.history ?? {}).sort();
      const last = changes[changes.length - 1];
      if (last) a = setChangeReason(a, o.q, last, o.text, at);
      break;
    }
  }
  // Log every register this action stamped.
  const paths = ['meta', 'note', 'deleted', 'localOnly'];
  for (const id of Object.keys(a.questions)) {
    for (const sub of ['q', 'position', 'note', 'removed']) paths.push(`q|${id}|${sub}`);
    for (const h of Object.keys(a.questions[id]!.history))
      paths.push(`q|${id}|reason|${h}`, `q|${id}|history|${h}`);
  }
  for (const path of paths) {
    const reg = registerAt(a, path);
    if (reg && reg.at === at && registerAt(before, path)?.at !== at)
      log.push({ url, path, at, v: reg.v, device });
  }
  return a;
}

/**
 * What must be equal everywhere: a deleted article is its tombstone (content stays where it was);
 * an article kept on one device only is out of sync by design, so it is checked apart. A page
 * question's snapshot does not travel in the compact tier: it is checked apart too.
 */
function visible(setting: Setting, library: Map<string, ArticleRecord>, privateUrls: Set<string>): string {
  const out: Record<string, unknown> = {};
  for (const [url, a] of library) {
    if (privateUrls.has(url)) continue;
    const questions = Object.fromEntries(
      Object.entries(a.questions).map(([id, q]) => [id, isPage(setting, id) ? { ...q, q: null } : q]),
    );
    out[url] = a.deleted?.v ? { url, deleted: a.deleted } : { ...a, questions };
  }
  return canonicalJson(out);
}

async function runSchedule(devices: number, skews: number[], commands: Command[], setting = OWN_ONLY) {
  const env = simulatedDevices(devices, devices === 3 ? 'firefox' : 'chrome', skews, setting.quotaBytes);
  const log: Write[] = [];
  for (const d of env.devices) await d.engine.setEnabled(true);
  const dev = (i: number): SimulatedDevice => env.devices[i % devices]!;
  for (const c of commands) {
    switch (c.t) {
      case 'edit': {
        const d = dev(c.device);
        const url = URLS[c.url]!;
        await d.edit(url, (a, at) => applyOp(setting, d.id, a, url, c.op, at, log));
        break;
      }
      case 'flush':
        await dev(c.device).engine.flushNow();
        break;
      case 'deliver': {
        const ready = env.network.deliverable();
        if (ready.length > 0) env.network.deliver(ready[c.pick % ready.length]!, c.duplicate);
        for (const d of env.devices) await d.engine.idle();
        break;
      }
      case 'online':
        env.network.setOnline(c.device % devices, c.on);
        break;
      case 'restart': {
        const d = dev(c.device);
        d.restart();
        await d.engine.setEnabled(true);
        break;
      }
      case 'advance':
        env.time.now += c.ms;
        break;
    }
  }
  // Everyone comes back online; let the writes and deliveries run out.
  for (let i = 0; i < devices; i++) env.network.setOnline(i, true);
  let rounds = 0;
  for (; rounds < 50; rounds++) {
    env.time.now += 10_000;
    for (const d of env.devices) await d.engine.flushNow();
    await env.network.deliverAll(async () => {
      for (const d of env.devices) await d.engine.idle();
    });
    if (env.devices.every((d) => !d.engine.status.pending) && env.network.pending.length === 0) break;
  }
  expect(rounds).toBeLessThan(50);
  // Kept on a device only: every device holding the article agrees it is, with the same stamp.
  const privateUrls = new Set(
    env.devices.flatMap((d) => [...d.library.values()].filter((a) => a.localOnly?.v).map((a) => a.url)),
  );
  for (const url of privateUrls) {
    const flags = env.devices.flatMap((d) =>
      d.library.has(url) ? [JSON.stringify(d.library.get(url)!.localOnly)] : [],
    );
    expect(new Set(flags).size).toBe(1);
  }
  const [first, ...others] = env.devices.map((d) => visible(setting, d.library, privateUrls));
  for (const other of others) expect(other).toBe(first);
  if (setting.pageQuestion) {
    // A page question's snapshot is a placeholder (stamped '', no wording) where only the compact
    // form came; a device that wrote a real one keeps it or a later one (checked with the writes).
    for (const d of env.devices)
      for (const a of d.library.values())
        for (const q of Object.values(a.questions)) if (q.q.at === '') expect(q.q.v.text).toBe('');
    expect(env.devices.every((d) => d.engine.status.localByBudget === 0)).toBe(true);
  }
  const placeholders = env.devices.flatMap((d) =>
    [...d.library.values()].flatMap((a) => Object.values(a.questions).filter((q) => q.q.at === '')),
  ).length;
  for (const d of env.devices) {
    for (const w of log) {
      const article = d.library.get(w.url);
      if (privateUrls.has(w.url)) continue;
      if (article?.deleted?.v && w.path !== 'deleted') continue;
      // Checked where it was written only: it travels in the full tier, not in the compact one.
      if (isPage(setting, w.path.split('|')[1] ?? '') && w.path.endsWith('|q') && w.device !== d.id) continue;
      const reg = registerAt(article, w.path);
      expect(reg, `${d.id} lost ${w.path} @${w.at}`).toBeDefined();
      expect(reg!.at >= w.at, `${d.id}: ${w.path} went back in time`).toBe(true);
      if (reg!.at === w.at) expect(reg!.v).toEqual(w.v);
    }
  }
  return placeholders;
}

describe('sync convergence (property)', () => {
  it('applies a "this device only" marker that arrived before a stale copy of its article', async () => {
    // Found by the property below: the marker was held in memory, then the late copy hid it.
    const position: Command = { t: 'edit', device: 1, url: 0, op: { k: 'position', q: 'qa', p: 1 } };
    const localOnly: Command = { t: 'edit', device: 1, url: 0, op: { k: 'localOnly', on: true } };
    for (const pick of [0, 1]) {
      await runSchedule(
        2,
        [0, 0, 0],
        [
          position,
          { t: 'flush', device: 1 },
          localOnly,
          { t: 'advance', ms: 5000 },
          { t: 'flush', device: 1 },
          { t: 'deliver', pick, duplicate: false },
          { t: 'restart', device: 0 },
        ],
      );
    }
  });

  it('ends every random schedule with all devices equal and no unsuperseded write lost', async () => {
    let schedules = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: -300_000, max: 300_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(command, { minLength: 1, maxLength: 40 }),
        async (devices, skews, commands) => {
          schedules++;
          await runSchedule(devices, skews, commands);
        },
      ),
      { numRuns: 1000 },
    );
    console.log(`sync property: ${schedules} schedules checked`);
  }, 600_000);

  it('settles when a worker stopped before re-planning the echo of its own write starts again', async () => {
    // Found by the property above (seed 1042123683): the start with nothing new restored the
    // status saved with the echo ("waiting"), and nothing was left to clear it.
    await runSchedule(
      2,
      [0, 0, 0],
      [
        { t: 'edit', device: 1, url: 0, op: { k: 'position', q: 'qa', p: 1 } },
        { t: 'flush', device: 1 },
        { t: 'flush', device: 0 },
        { t: 'restart', device: 1 },
        { t: 'advance', ms: 0 },
      ],
    );
  });

  // Schedules the property below once found that never settled (the devices overwrote each other
  // for ever), each after the start every compact-tier schedule has.
  const FOUND: { livelock: string; skews: number[]; after: Command[] }[] = [
    {
      livelock: 'each device packed a placeholder from its own snapshot (their form types differed)',
      skews: [0, 9460, 0],
      after: [
        { t: 'edit', device: 1, url: 0, op: { k: 'qnote', q: 'qb', text: '' } },
        { t: 'edit', device: 0, url: 1, op: { k: 'qnote', q: 'qb', text: '' } },
      ],
    },
    {
      livelock: 'a device missing one wording saw room to write the other article in full',
      skews: [0, 1, 0],
      after: [
        { t: 'flush', device: 0 },
        { t: 'deliver', pick: 0, duplicate: false },
        { t: 'edit', device: 0, url: 0, op: { k: 'reason', q: 'qa', text: '' } },
      ],
    },
    {
      livelock: 'each device missed a wording the other had, and removed what the other wrote',
      skews: [0, 0, 0],
      after: [
        { t: 'edit', device: 0, url: 1, op: { k: 'position', q: 'qa', p: 1 } },
        { t: 'flush', device: 0 },
        { t: 'deliver', pick: 0, duplicate: true },
        { t: 'online', device: 0, on: false },
      ],
    },
    {
      livelock:
        'one device deleted an article and took it back from this device only while another kept it there',
      skews: [0, 0, 0],
      after: [
        { t: 'edit', device: 0, url: 1, op: { k: 'delete', on: true } },
        { t: 'edit', device: 1, url: 1, op: { k: 'localOnly', on: true } },
        { t: 'edit', device: 0, url: 1, op: { k: 'localOnly', on: false } },
        { t: 'deliver', pick: 0, duplicate: false },
      ],
    },
  ];
  it.each(FOUND)('settles where $livelock', async ({ skews, after }) => {
    await runSchedule(2, skews, [...ONE_WORDING_EACH, ...after], COMPACT_TIER);
  });

  it('converges with nothing lost when articles move between the full and the compact tier', async () => {
    let schedules = 0;
    let compactSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 3 }),
        fc.array(fc.integer({ min: -300_000, max: 300_000 }), { minLength: 3, maxLength: 3 }),
        fc.array(command, { minLength: 1, maxLength: 40 }),
        async (devices, skews, commands) => {
          schedules++;
          if ((await runSchedule(devices, skews, [...ONE_WORDING_EACH, ...commands], COMPACT_TIER)) > 0)
            compactSeen++;
        },
      ),
      { numRuns: 500 },
    );
    // The setting does reach the compact tier (a schedule where both articles carry the wording).
    const both: Command[] = [0, 1].flatMap((url) => [
      { t: 'edit', device: 0, url, op: { k: 'snapshot', q: 'qb', variant: url } } as const,
      { t: 'edit', device: 0, url, op: { k: 'position', q: 'qb', p: 3 } } as const,
    ]);
    expect(
      await runSchedule(2, [0, 0, 0], [...both, { t: 'flush', device: 0 }], COMPACT_TIER),
    ).toBeGreaterThan(0);
    console.log(
      `sync property (compact tier): ${schedules} schedules checked, ${compactSeen} ended with a placeholder`,
    );
    expect(compactSeen).toBeGreaterThan(schedules / 10);
  }, 600_000);
});
