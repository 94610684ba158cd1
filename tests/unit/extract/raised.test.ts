// Questions raised in the text: only those a reader could weigh, best first. Pages written here,
// shaped like the corpus's (a reading list, an ad, a quotation running over sentences, headings).
import { describe, expect, it } from 'vitest';
import { parseHtmlDocument } from '../../../scripts/lib/node-dom';
import { extractFromDocument } from '../../../utils/extract';
import { collectTextUnits } from '../../../utils/extract/blocks';
import { debateCandidates } from '../../../utils/extract/debate';
import { FEATURE_NAMES } from '../../../utils/extract/features';
import type { DebateModel } from '../../../utils/extract/model';
import { rankRaisedQuestions } from '../../../utils/extract/raised';

const PROSE = (topic: string) =>
  `<p>The council met on Tuesday to weigh the ${topic}, which has divided the town for months. Supporters say it brings jobs and a new square; opponents fear the traffic and the cost, which has doubled since the first estimate two years ago. Both sides have gathered signatures and written to the newspaper.</p>`;

function page(body: string): Document {
  return parseHtmlDocument(
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The fare plan</title></head><body><main><article><h1>The fare plan</h1>${body}</article></main></body></html>`,
  );
}

function raisedOf(doc: Document): string[] {
  const result = extractFromDocument(doc, 'https://town.example/fares');
  if (!result.ok) throw new Error(result.reason);
  return result.extraction.questions.filter((q) => q.kind === 'raised').map((q) => q.text);
}

const KEPT = [
  'Should a bus ride cost the same whether it lasts five minutes or an hour?',
  'Is a fare that rises at rush hour a tax on people who cannot choose their hours?',
];

describe('questions raised in the text', () => {
  it('keeps the text’s own questions and drops headings, links, ads, calls to respond and quoted speech', () => {
    const raised = raisedOf(
      page(`
        ${PROSE('fare plan')}
        <h2>What changes on the first of June?</h2>
        <p>The flat fare goes. ${KEPT[0]} The council thinks not, and so does the operator.</p>
        ${PROSE('new timetable')}
        <p>“We looked at every city in the region. Why would anyone pay double for the same seat? We could not answer that,” the mayor told the assembly on Tuesday evening.</p>
        <p>Economists are split on one point. ${KEPT[1]} The study leaves it open.</p>
        <p>Want more ways to save on your commute? Download our free guide.</p>
        ${PROSE('budget')}
        <p>Why not sign up for our weekly newsletter? Every Friday, the week in transport.</p>
        <p>Which stop do you use most, and would you tell us about it? The survey closes in May.</p>
        <p>The opposition was not convinced. Who will pay for the night buses, the opposition asked? No figure was given.</p>
        <p>Our most read piece this week: <a href="/adult">Are you a financial adult yet?</a> Readers from across the region wrote in for days, and many of them disagreed with it.</p>
        <blockquote><p>We were told it would be quick. Is three years quick?</p></blockquote>
        <aside><p>Is your bus pass about to expire this month?</p></aside>
        <p>At the meeting one line came back again and again. “Is a bus a right or a service?” Nobody answered it.</p>
        <p>“Is anyone surprised? Not me,” said a driver who has worked the line for twenty years.</p>
        <p>The vote was delayed again. When? Nobody at the town hall would say, and the date was left open.</p>
        <p><a href="/f">Fares and passes</a> · <a href="/n">Bus network</a> · <a href="/t">Tram works</a> · <a href="/h">Night timetables</a> · Which line is next?</p>
        ${PROSE('timetable')}
        <ul class="reading">
          <li><a href="/a">Are you a financial adult yet?</a></li>
          <li><a href="/b">Is the tram worth the wait?</a></li>
          <li><a href="/c">Can a city be too clean?</a></li>
        </ul>
        ${PROSE('vote')}
      `),
    );
    expect([...raised].sort()).toEqual([...KEPT].sort());
  });

  it('ranks them best first by the model’s score, ties in page order', () => {
    const doc = page(`
      ${PROSE('fare plan')}
      <p>It was a long night. Why now? Nobody at the meeting could say.</p>
      ${PROSE('timetable')}
      <p>The question is simple. Would you give up your car for a month if the bus were free? Many said yes.</p>
      ${PROSE('budget')}
      <p>The mayor wrote again. Why now? The letter does not say.</p>
      <p>Then came the second vote. Was it ever in doubt? The count was close.</p>
      ${PROSE('vote')}
    `);
    const article = doc.querySelector('article')!;
    const units = collectTextUnits(article);
    const candidates = debateCandidates(units, 'en');
    // A model that weighs one thing, addressing the reader, and never takes a debate question.
    const weights = FEATURE_NAMES.map((name) => (name === 'addresses_reader' ? 3 : 0));
    const model: DebateModel = { bias: 0, weights, threshold: 2 };
    const ranked = rankRaisedQuestions(candidates, model).map((hit) => hit.text);
    expect(ranked).toEqual([
      'Would you give up your car for a month if the bus were free?',
      'Why now?',
      'Why now?',
      'Was it ever in doubt?',
    ]);
  });
});
