// A reading group on the demo article, in three real browser profiles launched one after another:
// each answers three questions differently (one note shared) and downloads a JSON file from the
// Group view; then the first imports the other two and a broken file, and the group view shows
// exact counts, spreads and agreement, the reader's own place, and the gate on an unanswered question.
import { Buffer } from 'node:buffer';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type ChromiumSession,
  DEMO_PATH,
  launchChromium,
  openPageWithPanel,
  prepareE2eBuild,
  runAxe,
  serveFixtures,
} from './harness';

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
const card = (panel: Page, index: number) => panel.locator(DEBATE).nth(index);

let server: Awaited<ReturnType<typeof serveFixtures>>;
let root: string;
let extensionDir: string;
let session: ChromiumSession | undefined;
/** The demo's debate questions, in page order, as the article view shows them. */
let questionTexts: string[] = [];
const exported: Record<string, string> = {};
const shareCodes: Record<string, string> = {};

beforeAll(async () => {
  server = await serveFixtures();
  root = mkdtempSync(join(tmpdir(), 'stance-groups-'));
  // One production build copy for all three profiles; each profile has its own directory.
  extensionDir = prepareE2eBuild('chrome-mv3', 'groups');
});
afterAll(async () => {
  await session?.context.close();
  await server?.close();
  rmSync(root, { recursive: true, force: true });
});

async function openDemo(member: Member): Promise<Page> {
  session = await launchChromium(join(root, member.profile), { extensionDir, locale: 'en' });
  const { panel } = await openPageWithPanel(session, server.url + DEMO_PATH);
  await panel.waitForSelector(DEBATE);
  return panel;
}

async function closeSession(): Promise<void> {
  await session?.context.close();
  session = undefined;
}

/** Answers as `member`, then downloads the JSON export from the Group view; returns the file's path. */
async function answerAndExport(member: Member): Promise<string> {
  const panel = await openDemo(member);
  questionTexts = await panel.locator(`${DEBATE} h3 .text`).allTextContents();
  for (const a of member.answers) {
    await card(panel, a.question).locator(`input[value="${a.position}"]`).check();
    if (a.sharedNote) {
      await card(panel, a.question).locator('textarea').fill(a.sharedNote);
      await card(panel, a.question).locator('.note input[type=checkbox]').check();
    }
  }
  await panel.getByRole('button', { name: 'Group', exact: true }).click();
  await panel.locator('.share-export input[type=text]').fill(member.name);
  // The preview is exactly what the download holds: wait until it has every answer and the note.
  const note = member.answers.find((a) => a.sharedNote)?.sharedNote ?? '';
  await expect
    .poll(() => panel.locator('.share-export .share-preview').first().textContent())
    .toContain(note);
  expect(await panel.locator('.share-export').textContent()).toContain(
    `${member.answers.length} positions and 1 shared note on 1 article will leave this device`,
  );
  const downloading = panel.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download', exact: true }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^le-coup-de-ma.*\.json$/);
  const file = join(root, `${member.profile}.json`);
  await download.saveAs(file);
  // The same positions as a share code, deflated by the browser's own CompressionStream.
  await panel.locator('.share-export input[value="code"]').check();
  await expect
    .poll(() => panel.locator('.share-export .share-preview').first().textContent())
    .toMatch(/^stance1\./);
  shareCodes[member.name] = (await panel.locator('.share-export .share-preview').first().textContent()) ?? '';
  await closeSession();
  return file;
}

/** The group's card for a question of the demo, found by its text. */
const groupCard = (panel: Page, question: number) =>
  panel
    .locator('li.group-question')
    .filter({ has: panel.locator('.group-question-text', { hasText: questionTexts[question]! }) });

/** A chart read through its text alternative: its name, and per row [step, count, is the reader's]. */
async function readChart(panel: Page, question: number) {
  const chart = groupCard(panel, question).locator('ul.group-chart');
  await chart.waitFor();
  const rows = await chart
    .locator('li')
    .evaluateAll((items) =>
      items.map((li) => [
        li.querySelector('.group-chart-step')?.textContent ?? '',
        Number(li.querySelector('.group-chart-count')?.textContent),
        li.querySelector('.group-chart-you')?.textContent ?? '',
      ]),
    );
  return { name: await chart.getAttribute('aria-label'), rows };
}

/** Opens a card's shared notes; returns [position heading, author, text] per note. */
async function unfoldNotes(groupQuestion: Locator) {
  await groupQuestion.locator('details.group-notes summary').click();
  // The notes render on the details' toggle event, after the click.
  await groupQuestion.locator('details.group-notes section').first().waitFor();
  return groupQuestion
    .locator('details.group-notes section')
    .evaluateAll((sections) =>
      sections.flatMap((section) =>
        [...section.querySelectorAll('li')].map((li) => [
          section.querySelector('h4')?.textContent,
          li.querySelector('.group-note-author')?.textContent,
          li.querySelector('.group-note-text')?.textContent,
        ]),
      ),
    );
}

/** Counts per row of the scale [1, 2, 3, 4, 5, undecided]. */
const counts = (rows: (string | number)[][]) => rows.map((r) => r[1]);
/** Index of the row marked "(you)", or -1. */
const mine = (rows: (string | number)[][]) => rows.findIndex((r) => r[2] === '(you)');

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
    await panel.getByRole('button', { name: 'Group', exact: true }).click();
    expect(await panel.locator('.group-view').textContent()).toContain('No group yet.');
    await panel
      .locator('.group-import input[type=file]')
      .setInputFiles([exported.Bob!, exported.Cy!, broken]);

    const verdicts = panel.locator('.group-verdicts li');
    await expect.poll(() => verdicts.count()).toBe(3);
    expect(await verdicts.allTextContents()).toEqual([
      'bob.json imported: Bob',
      'cy.json imported: Cy',
      'broken.json not imported: this is not a Stance positions file.',
    ]);
    await panel.waitForSelector('li.group-question');
    expect(await panel.locator('.group-header').textContent()).toContain('2 members');

    // Question 0: both members answered (Bob 5, Cy 4); Ada (the reader) said 5, Yes.
    const q0 = groupCard(panel, 0);
    expect(await q0.textContent()).toContain('2 of 2 members answered');
    expect(await q0.locator('.group-reader').textContent()).toBe('Your position: Yes');
    expect(await q0.locator('.group-agreement').textContent()).toBe('Agreement: 94 %'); // 1 − var(4,5)/4
    const chart0 = await readChart(panel, 0);
    expect(chart0.name).toBe(`The group’s positions on: ${questionTexts[0]}`);
    expect(counts(chart0.rows)).toEqual([0, 0, 0, 1, 1, 0]);
    expect(mine(chart0.rows)).toBe(4);
    expect(chart0.rows[4]?.[0]).toBe('Yes');
    // Shared notes, folded, by the position of their author: Cy's under 4; Ada's own is not the group's.
    expect(await unfoldNotes(q0)).toEqual([[chart0.rows[3]![0], 'Cy', CY.answers[0]!.sharedNote]]);
    expect(await q0.textContent()).not.toContain(ADA.answers[0]!.sharedNote!);

    // Question 1: only Bob has it (3); Ada said 1, No.
    const q1 = groupCard(panel, 1);
    // Bob had the question but left it: "did not answer", not "did not have it".
    expect(await q1.textContent()).toContain('1 of 2 members answered');
    expect(await q1.locator('.group-reader').textContent()).toBe('Your position: No');
    expect(await q1.locator('.group-agreement').textContent()).toBe('Agreement: too few answers to measure');
    const chart1 = await readChart(panel, 1);
    expect(counts(chart1.rows)).toEqual([0, 0, 1, 0, 0, 0]);
    expect(mine(chart1.rows)).toBe(0);

    // Question 2: both answered (Bob 4, Cy 2), Ada has not: the group stays behind the gate.
    const q2 = groupCard(panel, 2);
    expect(await q2.textContent()).toContain('2 of 2 members answered');
    expect(await q2.locator('.group-reader').textContent()).toBe('You have not answered yet');
    expect(await q2.locator('ul.group-chart').count()).toBe(0);
    expect(await q2.getByRole('button', { name: 'Show the group' }).count()).toBe(1);
    expect(await q2.textContent()).not.toContain(BOB.answers[2]!.sharedNote!);
    expect(await runAxe(panel)).toEqual([]);
    await q2.getByRole('button', { name: 'Show the group' }).click();
    const chart2 = await readChart(panel, 2);
    expect(counts(chart2.rows)).toEqual([0, 1, 0, 1, 0, 0]);
    expect(mine(chart2.rows)).toBe(-1);
    expect(await q2.locator('.group-agreement').textContent()).toBe('Agreement: 75 %'); // 1 − var(2,4)/4
    expect(await unfoldNotes(q2)).toEqual([[chart2.rows[3]![0], 'Bob', BOB.answers[2]!.sharedNote]]);

    // Question 3: only Ada answered it; both members had it and left it.
    const q3 = groupCard(panel, 3);
    expect(await q3.textContent()).toContain('0 of 2 members answered');

    // Question 4: only Cy answered it, and Ada has not: gated too.
    const q4 = groupCard(panel, 4);
    expect(await q4.textContent()).toContain('1 of 2 members answered');
    expect(await q4.getByRole('button', { name: 'Show the group' }).count()).toBe(1);

    // Most divided first: question 2 (75 %) before question 0 (94 %).
    const order = await panel.locator('li.group-question .group-question-text').allTextContents();
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
    await panel.locator('#group-import-codes').fill(`Cy: ${shareCodes.Cy}\nbomb: ${bomb}`);
    await panel.getByRole('button', { name: 'Import the codes' }).click();
    await expect.poll(() => verdicts.count()).toBe(5);
    const pasted = await verdicts.allTextContents();
    expect(pasted[0]).toContain('Cy is already in this group');
    expect(pasted[1]).toBe('Share code 2 not imported: the file is larger than 5 MB.');
    const inflated = await panel.evaluate(
      () => (globalThis as unknown as { inflatedBytes: number }).inflatedBytes,
    );
    expect(inflated).toBeGreaterThan(5 * 1024 * 1024);
    expect(inflated).toBeLessThan(8 * 1024 * 1024);
    expect(await panel.locator('.group-header').textContent()).toContain('2 members');
  });
});
