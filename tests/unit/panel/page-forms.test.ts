// The page script returns questions without answer forms (the cue lexicon is never injected into
// pages); the panel gives them their forms as the reading arrives.
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { extractFromDocument } from '@/utils/extract';
import { readArticleQuestions } from '@/utils/extract/read';
import { extractFromTab } from '@/utils/page-bridge';
import { loadFixture } from '../extract/load-fixture';

const DEMO_URL = 'http://127.0.0.1:8000/demo/spacex-ipo.html';

describe('answer forms, given in the panel', () => {
  beforeEach(() => fakeBrowser.reset());

  it('the page script reads no form; the panel gives each question the form Node gives it', async () => {
    const reading = readArticleQuestions(loadFixture('demo/spacex-ipo.html'), DEMO_URL);
    if (!reading.ok) throw new Error(reading.reason);
    expect(reading.extraction.questions.some((q) => 'form' in q)).toBe(false);
    // The page's side of executeScript: the injected script's return value, as the browser hands it over.
    fakeBrowser.scripting.executeScript = (async () => [
      { frameId: 0, documentId: 'doc', result: structuredClone(reading) },
    ]) as typeof fakeBrowser.scripting.executeScript;

    const read = await extractFromTab({ tabId: 3, url: DEMO_URL });
    const inNode = extractFromDocument(loadFixture('demo/spacex-ipo.html'), DEMO_URL);
    expect(read).toEqual(inNode);
    if (!read.ok) throw new Error(read.reason);
    const forms = read.extraction.questions.map((q) => q.form.type);
    expect(forms).toContain('alternatives');
    expect(forms).toContain('open');
  });
});
