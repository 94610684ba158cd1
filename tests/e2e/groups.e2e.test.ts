// A reading group on the demo article, in three real browser profiles launched one after another:
// each answers three questions differently (one note shared) and downloads a JSON file from the
// Group view; then the first imports the other two and a broken file, and the group view shows
// exact counts, spreads and agreement, the reader's own place, and the gate on an unanswered question.
// Chromium runs the production build with no host permission: each member clicks the toolbar
// button on the demo article and works in the real side panel; downloads are real files on disk,
// and the import goes through the file chooser the panel's file input opens.
import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { plantedClass, questionId as plantedId } from '../unit/share/support/planted-class';
import {
  type ChromiumSession,
  DEMO_PATH,
  launchChromium,
  openPageWithPanel,
  runAxe,
  serveFixtures,
  uiText,
  waitUntil,
} from './harness';
import {
  clickButton,
  countButtons,
  counted,
  Downloads,
  fillField,
  message,
  openView,
  textOf,
  textsOf,
} from './support-chromium';

const EN = 'en';

interface Answer {
  /** Index of the debate question in the article view (the demo has five). */
  question: number;
  position: 1 | 2 | 3 | 4 | 5;
  /** A note, marked shared so it leaves in the export. */
  sharedNote?: string;
}

interface Member {
  name: string;
  profile: string;
  answers: Answer[];
}

const ADA: Member = {
  name: 'Ada',
  profile: 'ada',
  answers: [
    { question: 0, position: 5, sharedNote: 'Ada: states still have levers.' },
    { question: 1, position: 1 },
    { question: 3, position: 2 },
  ],
};
const BOB: Member = {
  name: 'Bob',
  profile: 'bob',
  answers: [
    { question: 0, position: 5 },
    { question: 1, position: 3 },
    { question: 2, position: 4, sharedNote: 'Bob: solar power in orbit is cheaper.' },
  ],
};
const CY: Member = {
  name: 'Cy',
  profile: 'cy',
  answers: [
    { question: 0, position: 4, sharedNote: 'Cy: too big, but not yet too big to regulate.' },
    { question: 2, position: 2 },
    { question: 4, position: 1 },
  ],
};

const DEBATE = 'section[aria-labelledby="section-debate"] article';
/** The debate card at `index` (0-based): the section's articles follow its heading. */
const card = (index: number) => `${DEBATE}:nth-of-type(${index + 1})`;
const PREVIEW = '.share-export .share-preview';

let server: Awaited<ReturnType<typeof serveFixtures>>;
let root: string;
let session: ChromiumSession | undefined;
let downloads: Downloads | undefined;
/** The demo's debate questions, in page order, as the article view shows them. */
let questionTexts: string[] = [];
const exported: Record<string, string> = {};
const shareCodes: Record<string, string> = {};

beforeAll(async () => {
  server = await serveFixtures();
  root = mkdtempSync(join(tmpdir(), 'stance-groups-'));
});
afterAll(async () => {
  await closeSession();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

/** Launches `member`'s own profile on the production build and opens the panel on the demo. */
async function openDemo(member: Member): Promise<Page> {
  await closeSession(); // a test that failed halfway left its browser open
  session = await launchChromium(join(root, member.profile), { locale: EN });
  downloads = await Downloads.start(session.browser);
  const { panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
  await panel.waitForSelector(DEBATE);
  return panel;
}

async function closeSession(): Promise<void> {
  await downloads?.stop();
  await session?.browser.close();
  downloads = undefined;
  session = undefined;
}

/** Answers as `member`, then downloads the JSON export from the Group view; returns the file's path. */
async function answerAndExport(member: Member): Promise<string> {
  const panel = await openDemo(member);
  questionTexts = await textsOf(panel, `${DEBATE} h3 .text`);
  for (const a of member.answers) {
    await panel.locator(`${card(a.question)} input[type=radio][value="${a.position}"]`).click();
    if (a.sharedNote) {
      // The note opens once the question has a position.
      await fillField(panel, `${card(a.question)} textarea`, a.sharedNote);
      await panel.locator(`${card(a.question)} .note input[type=checkbox]`).click();
    }
  }
  await openView(panel, 'navGroup', EN);
  await fillField(panel, '.share-export input[type=text]', member.name);
  // The preview is exactly what the download holds: wait until it has every answer and the note.
  const note = member.answers.find((a) => a.sharedNote)?.sharedNote ?? '';
  await waitUntil(
    panel,
    ([selector, name, text]) => {
      const preview = document.querySelector(selector)?.textContent ?? '';
      return preview.includes(`"name": ${JSON.stringify(name)}`) && preview.includes(text);
    },
    [PREVIEW, member.name, note] as const,
  );
  expect(await textOf(panel, '.share-export')).toContain(
    message(
      'sharePreviewSummary',
      EN,
      counted('sharePreviewPositions', member.answers.length, EN),
      counted('sharePreviewSharedNotes', 1, EN),
      counted('sharePreviewArticles', 1, EN),
    ),
  );
  const preview = await textOf(panel, PREVIEW);
  const download = await downloads!.during(() => clickButton(panel, uiText('shareDownload', EN)));
  expect(download.suggestedFilename).toMatch(/^le-coup-de-ma.*\.json$/);
  expect(download.text).toBe(preview);
  // The reader renames each member's file before sending it on: the verdicts name the files.
  const file = join(root, `${member.profile}.json`);
  writeFileSync(file, download.text);
  // The same positions as a share code, deflated by the browser's own CompressionStream.
  await panel.locator('.share-export input[value="code"]').click();
  await waitUntil(
    panel,
    (selector) => /^stance1\./.test(document.querySelector(selector)?.textContent ?? ''),
    PREVIEW,
  );
  shareCodes[member.name] = await textOf(panel, PREVIEW);
  await closeSession();
  return file;
}

/** The group's card for a question of the demo, found by its text (waits for it). */
async function groupCard(panel: Page, question: number): Promise<ElementHandle<HTMLLIElement>> {
  const handle = await panel.waitForFunction(
    (text) =>
      [...document.querySelectorAll('li.group-question')].find(
        (li) => li.querySelector('.group-question-text')?.textContent === text,
      ),
    { timeout: 10_000 },
    questionTexts[question]!,
  );
  return handle as unknown as ElementHandle<HTMLLIElement>;
}

/** What a question's group card says: its whole text, the reader's line, the agreement. */
async function readGroupCard(panel: Page, question: number) {
  const li = await groupCard(panel, question);
  const read = await li.evaluate((el) => ({
    text: el.textContent ?? '',
    reader: el.querySelector('.group-reader')?.textContent ?? null,
    agreement: el.querySelector('.group-agreement')?.textContent ?? null,
    charts: el.querySelectorAll('ul.group-chart').length,
  }));
  const reveal = await countButtons(li, uiText('groupShowTheGroup', EN));
  await li.dispose();
  return { ...read, reveal };
}

/** A chart read through its text alternative: its name, and per row [step, count, is the reader's]. */
async function readChart(panel: Page, question: number) {
  const li = await groupCard(panel, question);
  const chart = await li.waitForSelector('ul.group-chart', { timeout: 10_000 });
  const read = await chart!.evaluate((ul) => ({
    name: ul.getAttribute('aria-label'),
    rows: [...ul.querySelectorAll('li')].map((row) => [
      row.querySelector('.group-chart-step')?.textContent ?? '',
      Number(row.querySelector('.group-chart-count')?.textContent),
      row.querySelector('.group-chart-you')?.textContent ?? '',
    ]),
  }));
  await li.dispose();
  return read;
}

/** Opens a card's shared notes; returns [position heading, author, text] per note. */
async function unfoldNotes(panel: Page, question: number) {
  const li = await groupCard(panel, question);
  await (await li.waitForSelector('details.group-notes summary'))!.click();
  // The notes render on the details' toggle event, after the click.
  await li.waitForSelector('details.group-notes section', { timeout: 10_000 });
  const notes = await li.evaluate((el) =>
    [...el.querySelectorAll('details.group-notes section')].flatMap((section) =>
      [...section.querySelectorAll('li')].map((item) => [
        section.querySelector('h4')?.textContent,
        item.querySelector('.group-note-author')?.textContent,
        item.querySelector('.group-note-text')?.textContent,
      ]),
    ),
  );
  await li.dispose();
  return notes;
}

/** Counts per row of the scale [1, 2, 3, 4, 5, undecided]. */
const counts = (rows: (string | number)[][]) => rows.map((r) => r[1]);
/** Index of the row marked as the reader's, or -1. */
const mine = (rows: (string | number)[][]) => rows.findIndex((r) => r[2] === uiText('groupYouAreHere', EN));
/** "2 of 3 members answered", as the group card counts it. */
const answeredOf = (answered: number, members: number) =>
  counted('groupAnsweredCount', answered, EN, counted('groupOfMembers', members, EN));
const VERDICTS = '.group-verdicts li';

describe('a reading group of three on the demo article', () => {
  test('each member answers differently and downloads a JSON export from the Group view', async () => {
    for (const member of [ADA, BOB, CY]) exported[member.name] = await answerAndExport(member);
    expect(questionTexts).toHaveLength(5);
    for (const member of [ADA, BOB, CY]) {
      const file = JSON.parse(readFileSync(exported[member.name]!, 'utf8'));
      expect(file).toMatchObject({
        format: 'stance-positions',
        version: 1,
        participant: { name: member.name },
      });
      // Every question of the page is in the file, answered or not, so "did not answer" reads apart
      // from "did not have this question".
      const questions = file.articles[0].questions as {
        text: string;
        position: number | null;
        note?: string;
      }[];
      for (const text of questionTexts) expect(questions.map((q) => q.text)).toContain(text);
      expect(questions.filter((q) => q.position !== null).map((q) => [q.text, q.position, q.note])).toEqual(
        member.answers.map((a) => [questionTexts[a.question], a.position, a.sharedNote]),
      );
    }
  });

  test('the first imports the others and a broken file; the group view shows the group exactly', async () => {
    const broken = join(root, 'broken.json');
    writeFileSync(broken, '{"format":"other"}');
    const panel = await openDemo(ADA);
    await openView(panel, 'navGroup', EN);
    expect(await textOf(panel, '.group-view')).toContain(uiText('groupEmpty', EN));
    // The reader's way in: the file input opens a file chooser, where they pick the three files.
    const choosing = panel.waitForFileChooser({ timeout: 10_000 });
    await panel.locator('.group-import input[type=file]').click();
    const chooser = await choosing;
    expect(chooser.isMultiple()).toBe(true);
    await chooser.accept([exported.Bob!, exported.Cy!, broken]);

    await waitUntil(panel, ([selector, n]) => document.querySelectorAll(selector).length === n, [
      VERDICTS,
      3,
    ] as const);
    expect(await textsOf(panel, VERDICTS)).toEqual([
      `bob.json ${message('shareVerdictImported', EN, 'Bob')}`,
      `cy.json ${message('shareVerdictImported', EN, 'Cy')}`,
      `broken.json ${message('shareVerdictRejected', EN, uiText('shareRejectNotStance', EN))}`,
    ]);
    await panel.waitForSelector('li.group-question');
    expect(await textOf(panel, '.group-header')).toContain(counted('groupMemberCount', 2, EN));

    // Question 0: both members answered (Bob 5, Cy 4); Ada (the reader) said 5, Yes.
    const q0 = await readGroupCard(panel, 0);
    expect(q0.text).toContain(answeredOf(2, 2));
    expect(q0.reader).toBe(message('groupYourPosition', EN, uiText('stepYes', EN)));
    expect(q0.agreement).toBe(message('groupAgreement', EN, 94)); // 1 − var(4,5)/4
    const chart0 = await readChart(panel, 0);
    expect(chart0.name).toBe(message('groupChartLabel', EN, questionTexts[0]!));
    expect(counts(chart0.rows)).toEqual([0, 0, 0, 1, 1, 0]);
    expect(mine(chart0.rows)).toBe(4);
    expect(chart0.rows[4]?.[0]).toBe(uiText('stepYes', EN));
    // Shared notes, folded, by the position of their author: Cy's under 4; Ada's own is not the group's.
    expect(await unfoldNotes(panel, 0)).toEqual([[chart0.rows[3]![0], 'Cy', CY.answers[0]!.sharedNote]]);
    expect((await readGroupCard(panel, 0)).text).not.toContain(ADA.answers[0]!.sharedNote!);

    // Question 1: only Bob has it (3); Ada said 1, No.
    const q1 = await readGroupCard(panel, 1);
    // Cy had the question but left it: "did not answer", not "did not have it".
    expect(q1.text).toContain(answeredOf(1, 2));
    expect(q1.reader).toBe(message('groupYourPosition', EN, uiText('stepNo', EN)));
    expect(q1.agreement).toBe(uiText('groupAgreementNone', EN));
    const chart1 = await readChart(panel, 1);
    expect(counts(chart1.rows)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(mine(chart1.rows)).toBe(0);

    // Question 2: both answered (Bob 4, Cy 2), Ada has not: the group stays behind the gate.
    const q2 = await readGroupCard(panel, 2);
    expect(q2.text).toContain(answeredOf(2, 2));
    expect(q2.reader).toBe(uiText('groupYouHaveNotAnswered', EN));
    expect(q2.charts).toBe(0);
    expect(q2.reveal).toBe(1);
    expect(q2.text).not.toContain(BOB.answers[2]!.sharedNote!);
    expect(await runAxe(panel)).toEqual([]);
    const gated = await groupCard(panel, 2);
    await clickButton(gated, uiText('groupShowTheGroup', EN));
    await gated.dispose();
    const chart2 = await readChart(panel, 2);
    expect(counts(chart2.rows)).toEqual([0, 1, 0, 1, 0, 0]);
    expect(mine(chart2.rows)).toBe(-1);
    expect((await readGroupCard(panel, 2)).agreement).toBe(message('groupAgreement', EN, 75)); // 1 − var(2,4)/4
    expect(await unfoldNotes(panel, 2)).toEqual([[chart2.rows[3]![0], 'Bob', BOB.answers[2]!.sharedNote]]);

    // Question 3: only Ada answered it; both members had it and left it.
    expect((await readGroupCard(panel, 3)).text).toContain(answeredOf(0, 2));

    // Question 4: only Cy answered it, and Ada has not: gated too.
    const q4 = await readGroupCard(panel, 4);
    expect(q4.text).toContain(answeredOf(1, 2));
    expect(q4.reveal).toBe(1);

    // Most divided first: question 2 (75 %) before question 0 (94 %).
    const order = await textsOf(panel, 'li.group-question .group-question-text');
    expect(order.indexOf(questionTexts[2]!)).toBeLessThan(order.indexOf(questionTexts[0]!));
    expect(await runAxe(panel)).toEqual([]);

    // Pasted share codes, inflated in the browser: Cy's again asks before replacing; a bomb that
    // would inflate to 64 MB is turned away at the 5 MB bound.
    const bomb = `stance1.${Buffer.from(deflateSync(new Uint8Array(64 * 1024 * 1024), { level: 9 })).toString('base64url')}`;
    // Chromium inflates each written chunk whole, so the decoder must feed small slices: count what
    // the page's DecompressionStream hands out to prove the bound is checked while streaming.
    await panel.evaluate(() => {
      const Native = globalThis.DecompressionStream;
      const page = globalThis as unknown as { inflatedBytes: number; DecompressionStream: unknown };
      page.inflatedBytes = 0;
      page.DecompressionStream = class {
        readonly readable: ReadableStream<Uint8Array>;
        readonly writable: WritableStream<BufferSource>;
        constructor(format: CompressionFormat) {
          const inner = new Native(format);
          this.writable = inner.writable;
          this.readable = inner.readable.pipeThrough(
            new TransformStream<Uint8Array, Uint8Array>({
              transform(chunk, controller) {
                page.inflatedBytes += chunk.byteLength;
                controller.enqueue(chunk);
              },
            }),
          );
        }
      };
    });
    await fillField(panel, '#group-import-codes', `Cy: ${shareCodes.Cy}\nbomb: ${bomb}`);
    await clickButton(panel, uiText('shareImportCodes', EN));
    await waitUntil(panel, ([selector, n]) => document.querySelectorAll(selector).length === n, [
      VERDICTS,
      5,
    ] as const);
    const pasted = await textsOf(panel, VERDICTS);
    expect(pasted[0]).toContain(
      `${message('shareCodeN', EN, 1)} ${message('shareVerdictRejected', EN, message('shareRejectDuplicate', EN, 'Cy'))}`,
    );
    expect(pasted[1]).toBe(
      `${message('shareCodeN', EN, 2)} ${message('shareVerdictRejected', EN, message('shareRejectTooLarge', EN, 5))}`,
    );
    const inflated = await panel.evaluate(
      () => (globalThis as unknown as { inflatedBytes: number }).inflatedBytes,
    );
    expect(inflated).toBeGreaterThan(5 * 1024 * 1024);
    expect(inflated).toBeLessThan(8 * 1024 * 1024);
    expect(await textOf(panel, '.group-header')).toContain(counted('groupMemberCount', 2, EN));
    // The duplicate waits for the reader's choice: its two buttons are offered on its verdict.
    expect(await countButtons(panel, uiText('shareReplace', EN))).toBe(1);
    expect(await countButtons(panel, uiText('shareKeepBoth', EN))).toBe(1);
  });
});

// A class: the teacher adds a question of their own and downloads a question pack; sixteen
// students' files, planted in two camps on the pack's questions, are imported through the file
// chooser, and the map shows the two camps; then a student's own profile imports the pack,
// answers the teacher's question, and the teacher's group lines that answer up under its id.
const TEACHER: Member = { name: 'Ms Martin', profile: 'teacher', answers: [] };
const STUDENT: Member = { name: 'Sam', profile: 'student', answers: [] };
const OWN_QUESTION = 'Should our class invest its savings in rockets?';
const OWN_SECTION = 'section[aria-labelledby="section-own"] article';
let packFile = '';

interface PackQuestion {
  id: string;
  kind: string;
  label: string;
  text: string;
  form: { type: string };
  order: number;
}

/** Sixteen planted students' files on the pack's debate questions and the teacher's own. */
function plantedClassFiles(pack: { article: { url: string; title: string }; questions: PackQuestion[] }) {
  const asked = pack.questions.filter((q) => q.kind === 'debate' || q.kind === 'own');
  const planted = plantedClass({ members: 16, questions: asked.length, camps: 2, noise: 0.4, seed: 11 });
  const files = planted.group.members.map((m) => ({
    format: 'stance-positions',
    version: 1,
    exportedAt: '2026-12-01T10:00:00.000Z',
    participant: { id: m.participantId, name: m.name },
    articles: [
      {
        url: pack.article.url,
        title: pack.article.title,
        questions: asked.map((q, j) => ({ ...q, position: m.answers[plantedId(j)]?.position ?? null })),
      },
    ],
  }));
  return { planted, asked, files };
}

/** What the map shows: each marker's member key and accessible name. */
function readMap(panel: Page) {
  return panel.evaluate(() =>
    [...document.querySelectorAll('.opinion-point')].map((g) => ({
      key: (g as SVGGElement).dataset.member ?? '',
      label: g.getAttribute('aria-label') ?? '',
    })),
  );
}

describe('a class of sixteen with a question pack', () => {
  let planted: ReturnType<typeof plantedClassFiles>;

  test('the teacher downloads a pack, imports a planted class and sees its two camps on the map', async () => {
    const panel = await openDemo(TEACHER);
    const debateTexts = await textsOf(panel, `${DEBATE} h3 .text`);
    await fillField(panel, '#add-question-input', OWN_QUESTION);
    await clickButton(panel, uiText('addQuestionSubmit', EN));
    await panel.waitForFunction(
      ([selector, text]) =>
        [...document.querySelectorAll(selector)].some((a) => a.textContent?.includes(text)),
      { timeout: 10_000 },
      [OWN_SECTION, OWN_QUESTION] as const,
    );
    await openView(panel, 'navGroup', EN);
    await fillField(panel, '.share-export input[type=text]', TEACHER.name);
    await waitUntil(
      panel,
      (name) => (document.querySelector('.share-export .share-preview')?.textContent ?? '').includes(name),
      TEACHER.name,
    );
    const download = await downloads!.during(() => clickButton(panel, uiText('packDownload', EN)));
    packFile = join(root, 'question-pack.json');
    writeFileSync(packFile, download.text);
    const pack = JSON.parse(download.text);
    expect(pack).toMatchObject({
      format: 'stance-question-pack',
      version: 1,
      author: { name: TEACHER.name },
    });
    const debate = (pack.questions as PackQuestion[]).filter((q) => q.kind === 'debate');
    expect(debate.map((q) => q.text)).toEqual(debateTexts);
    expect((pack.questions as PackQuestion[]).filter((q) => q.kind === 'own').map((q) => q.text)).toEqual([
      OWN_QUESTION,
    ]);

    planted = plantedClassFiles(pack);
    const paths = planted.files.map((file, i) => {
      const path = join(root, `student-${String(i + 1).padStart(2, '0')}.json`);
      writeFileSync(path, JSON.stringify(file));
      return path;
    });
    const choosing = panel.waitForFileChooser({ timeout: 10_000 });
    await panel.locator('.group-import input[type=file]').click();
    await (await choosing).accept(paths);
    await waitUntil(panel, ([selector, n]) => document.querySelectorAll(selector).length === n, [
      VERDICTS,
      16,
    ] as const);
    expect(await textOf(panel, '.group-header')).toContain(counted('groupMemberCount', 16, EN));

    // The teacher has answered nothing: the groups wait behind their button, like every answer.
    expect(await textOf(panel, '.opinion-groups')).not.toContain(counted('opinionGroupsFound', 2, EN));
    await clickButton(panel, uiText('opinionShow', EN));
    await waitUntil(panel, (n) => document.querySelectorAll('.opinion-point').length === n, 16);
    const section = await textOf(panel, '.opinion-groups');
    expect(section).toContain(counted('opinionGroupsFound', 2, EN));
    // The map was computed off the panel's main thread, in Stance's own worker.
    expect(panel.workers().map((w) => w.url())).toEqual([
      expect.stringMatching(/\/assets\/worker-[\w-]+\.js$/),
    ]);
    expect(section).toContain(uiText('opinionYouNotPlaced', EN));
    expect(await textOf(panel, '.opinion-map figcaption')).toContain(counted('opinionMapMembers', 16, EN));
    expect(await panel.$('.opinion-you')).toBeNull();
    // Each group on the map is one planted camp, whole; members with no name are said as such.
    const markers = await readMap(panel);
    const groupOf = (label: string) => label.slice(label.lastIndexOf(' ') + 1);
    for (const g of ['A', 'B']) {
      const inGroup = markers.filter((m) => groupOf(m.label) === g);
      expect(inGroup).toHaveLength(8);
      expect(new Set(inGroup.map((m) => planted.planted.camp.get(m.key))).size).toBe(1);
    }
    expect(markers.filter((m) => m.label.startsWith(`${uiText('shareAnonymous', EN)}, `))).toHaveLength(3);
    expect(await runAxe(panel)).toEqual([]);

    // The teacher answers as the first camp would: they appear on the map, beside that camp.
    await openView(panel, 'navArticle', EN);
    const camp0 = planted.planted.profiles[0]!;
    for (const [j, q] of planted.asked.entries()) {
      if (q.kind !== 'debate') continue;
      await panel
        .locator(`${card(debate.indexOf(q))} input[type=radio][value="${camp0[j]! < 3 ? 1 : 5}"]`)
        .click();
    }
    await openView(panel, 'navGroup', EN);
    await panel.waitForSelector('.opinion-you', { timeout: 10_000 });
    const camp0Group = groupOf(markers.find((m) => planted.planted.camp.get(m.key) === 0)!.label);
    expect(await textOf(panel, '.opinion-you-text')).toBe(message('opinionYouNearest', EN, camp0Group));
    await closeSession();
  });

  test('the pack round-trips: a student imports it, answers the teacher’s question, the teacher sees it', async () => {
    expect(packFile).not.toBe('');
    let panel = await openDemo(STUDENT);
    await openView(panel, 'navGroup', EN);
    const choosing = panel.waitForFileChooser({ timeout: 10_000 });
    await panel.locator('.question-pack input[type=file]').click();
    await (await choosing).accept([packFile]);
    await waitUntil(
      panel,
      (text) => document.querySelector('.question-pack [role=status]')?.textContent === text,
      counted('packAdded', 1, EN, TEACHER.name),
    );
    await openView(panel, 'navArticle', EN);
    const own = await textOf(panel, OWN_SECTION);
    expect(own).toContain(message('packQuestionLabel', EN, TEACHER.name));
    expect(own).toContain(OWN_QUESTION);
    await panel.locator(`${OWN_SECTION} input[type=radio][value="4"]`).click();
    await openView(panel, 'navGroup', EN);
    await fillField(panel, '.share-export input[type=text]', STUDENT.name);
    await waitUntil(
      panel,
      (text) => (document.querySelector('.share-export .share-preview')?.textContent ?? '').includes(text),
      OWN_QUESTION,
    );
    const download = await downloads!.during(() => clickButton(panel, uiText('shareDownload', EN)));
    const studentFile = join(root, 'sam.json');
    writeFileSync(studentFile, download.text);
    const teacherQuestion = planted.asked.find((q) => q.kind === 'own')!;
    const answered = JSON.parse(download.text).articles[0].questions.find(
      (q: { id: string }) => q.id === teacherQuestion.id,
    );
    expect(answered).toMatchObject({ text: OWN_QUESTION, position: 4 });
    // Importing the same pack again adds nothing.
    const again = panel.waitForFileChooser({ timeout: 10_000 });
    await panel.locator('.question-pack input[type=file]').click();
    await (await again).accept([packFile]);
    await waitUntil(
      panel,
      (text) => document.querySelector('.question-pack [role=status]')?.textContent === text,
      uiText('packAlreadyHere', EN),
    );
    await closeSession();

    // Back in the teacher's profile: Sam's answer joins the sixteen on the teacher's question.
    panel = await openDemo(TEACHER);
    await openView(panel, 'navGroup', EN);
    const choosingStudent = panel.waitForFileChooser({ timeout: 10_000 });
    await panel.locator('.group-import input[type=file]').click();
    await (await choosingStudent).accept([studentFile]);
    await waitUntil(
      panel,
      (selector) => document.querySelector(selector)?.textContent?.includes('Sam') ?? false,
      VERDICTS,
    );
    const li = (await panel.waitForFunction(
      (text) =>
        [...document.querySelectorAll('li.group-question')].find(
          (item) => item.querySelector('.group-question-text')?.textContent === text,
        ),
      { timeout: 10_000 },
      OWN_QUESTION,
    )) as unknown as ElementHandle<HTMLLIElement>;
    const text = await li.evaluate((el) => el.textContent ?? '');
    expect(text).toContain(answeredOf(17, 17));
    await closeSession();
  });
});
