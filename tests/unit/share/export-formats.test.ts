// The Markdown and CSV exports, whole: what a reader posts or opens in a spreadsheet is exactly
// this text, so a changed word, a lost escape or a note where it should not be shows here. The file
// holds what a hostile or careless title can hold (Markdown marks, a formula, quotes, new lines).
import { describe, expect, it } from 'vitest';
import {
  exportProblemMessage,
  exportProblems,
  positionsToCsv,
  positionsToMarkdown,
} from '@/utils/share/export';
import type { PositionsFile, SharedQuestion } from '@/utils/share/format';

const q = (over: Partial<SharedQuestion> & Pick<SharedQuestion, 'id' | 'text' | 'form'>): SharedQuestion => ({
  kind: 'debate',
  label: '',
  order: 0,
  position: null,
  ...over,
});

const FILE: PositionsFile = {
  format: 'stance-positions',
  version: 1,
  exportedAt: '2026-12-01T10:00:00.000Z',
  participant: { id: 'p-ada', name: 'Ada *the* Reader' },
  articles: [
    {
      url: 'https://example.org/débat sur <les> réseaux',
      title: '=Réseaux #sociaux: [faut-il] les *fermer*?',
      questions: [
        q({
          id: 'q1',
          label: 'Question 1',
          text: 'Faut-il interdire les réseaux aux moins de 15 ans ?',
          form: { type: 'yes-no' },
          position: 5,
          note: 'Oui, "vraiment".\nDeux lignes.',
        }),
        q({
          id: 'q2',
          text: 'Les écrans nuisent au sommeil.',
          form: { type: 'agree-disagree' },
          position: 'undecided',
        }),
        q({
          id: 'q3',
          kind: 'raised',
          text: 'Loi ou éducation ?',
          form: { type: 'alternatives', poles: ['La loi', 'L’éducation'] },
          position: 2,
        }),
        q({
          id: 'q4',
          kind: 'own',
          label: 'Ma question',
          text: 'Que feriez-vous à la place des parents ?',
          form: { type: 'open' },
          note: '-Je parlerais d’abord avec eux',
        }),
        q({ id: 'q5', text: 'Pourquoi maintenant ?', form: { type: 'open' }, position: 4 }),
        q({ id: 'q6', text: 'Sans réponse ?', form: { type: 'yes-no' } }),
      ],
    },
    {
      url: 'https://example.org/second',
      title: 'Second',
      questions: [q({ id: 'a', text: 'Un seul ?', form: { type: 'agree-disagree' }, position: 1 })],
    },
  ],
};

/** The Markdown a reader posts, line by line (read and checked by hand when pinned). */
const MARKDOWN = [
  '## =Réseaux \\#sociaux: \\[faut\\-il\\] les \\*fermer\\*?',
  '',
  '<https://example.org/débat%20sur%20%3Cles%3E%20réseaux>',
  '',
  '*Positions of Ada \\*the\\* Reader*',
  '',
  '- **Question 1** — Faut\\-il interdire les réseaux aux moins de 15 ans ?',
  '  Position: Yes',
  '  > Oui, "vraiment"\\.',
  '  > Deux lignes\\.',
  '- Les écrans nuisent au sommeil\\.',
  '  Position: Undecided',
  '- Loi ou éducation ?',
  '  Position: Rather: La loi',
  '- **Ma question** — Que feriez\\-vous à la place des parents ?',
  '  > \\-Je parlerais d’abord avec eux',
  '- Pourquoi maintenant ?',
  '  Position: Rather agree',
  '- Sans réponse ?',
  '  Position: No position',
  '',
  '## Second',
  '',
  '<https://example.org/second>',
  '',
  '*Positions of Ada \\*the\\* Reader*',
  '',
  '- Un seul ?',
  '  Position: Disagree',
  '',
].join('\n');

/** The CSV rows a spreadsheet opens, after its BOM, CRLF between rows. */
const CSV_ROWS = [
  '"article_url","article_title","participant","question_id","question_kind","question_label","question_text","answer_form","pole_1","pole_5","position","position_label","shared_note"',
  '"https://example.org/débat sur <les> réseaux","\'=Réseaux #sociaux: [faut-il] les *fermer*?","Ada *the* Reader","q1","debate","Question 1","Faut-il interdire les réseaux aux moins de 15 ans ?","yes-no","No","Yes","5","Yes","Oui, ""vraiment"".\nDeux lignes."',
  '"https://example.org/débat sur <les> réseaux","\'=Réseaux #sociaux: [faut-il] les *fermer*?","Ada *the* Reader","q2","debate","","Les écrans nuisent au sommeil.","agree-disagree","Disagree","Agree","undecided","Undecided",""',
  '"https://example.org/débat sur <les> réseaux","\'=Réseaux #sociaux: [faut-il] les *fermer*?","Ada *the* Reader","q3","raised","","Loi ou éducation ?","alternatives","La loi","L’éducation","2","Rather: La loi",""',
  '"https://example.org/débat sur <les> réseaux","\'=Réseaux #sociaux: [faut-il] les *fermer*?","Ada *the* Reader","q4","own","Ma question","Que feriez-vous à la place des parents ?","open","","","","","\'-Je parlerais d’abord avec eux"',
  '"https://example.org/débat sur <les> réseaux","\'=Réseaux #sociaux: [faut-il] les *fermer*?","Ada *the* Reader","q5","debate","","Pourquoi maintenant ?","open","","","4","Rather agree",""',
  '"https://example.org/débat sur <les> réseaux","\'=Réseaux #sociaux: [faut-il] les *fermer*?","Ada *the* Reader","q6","debate","","Sans réponse ?","yes-no","No","Yes","","No position",""',
  '"https://example.org/second","Second","Ada *the* Reader","a","debate","","Un seul ?","agree-disagree","Disagree","Agree","1","Disagree",""',
  '',
];

describe('export formats', () => {
  it('writes the Markdown a reader posts: marks escaped, the address kept whole, open answers as words', () => {
    expect(positionsToMarkdown(FILE)).toBe(MARKDOWN);
  });

  it('names nobody when the reader exports anonymously', () => {
    const md = positionsToMarkdown({ ...FILE, participant: { id: 'p-x', name: null } });
    expect(md).toBe(MARKDOWN.replaceAll('*Positions of Ada \\*the\\* Reader*', '*Positions of Anonymous*'));
    expect(positionsToCsv({ ...FILE, participant: { id: 'p-x', name: null } })).not.toContain('Ada');
  });

  it('writes the CSV a spreadsheet opens: a BOM, quoted cells, formulas defused, CRLF rows', () => {
    const csv = positionsToCsv(FILE);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(CSV_ROWS);
  });
});

describe('exportProblems', () => {
  it('finds nothing wrong in a file the panel wrote', () => {
    expect(exportProblems(FILE)).toEqual([]);
  });

  it('says which article and question hold what a recipient would refuse, each problem once', () => {
    const bad = structuredClone(FILE);
    bad.articles[0]!.questions[1]!.note = 'x'.repeat(10_001);
    bad.articles[0]!.questions[2]!.note = 'y'.repeat(10_001);
    bad.articles[1]!.title = 't'.repeat(2_001);
    // Two fields of one question too long: one problem, said once.
    bad.articles[1]!.questions[0]!.label = 'l'.repeat(2_001);
    bad.articles[1]!.questions[0]!.text = 'q'.repeat(2_001);
    const problems = exportProblems(bad);
    expect(problems).toEqual([
      {
        article: '=Réseaux #sociaux: [faut-il] les *fermer*?',
        question: 'Les écrans nuisent au sommeil.',
        issue: 'shareTooLongNote',
      },
      {
        article: '=Réseaux #sociaux: [faut-il] les *fermer*?',
        question: 'Loi ou éducation ?',
        issue: 'shareTooLongNote',
      },
      { article: `${'t'.repeat(79)}…`, issue: 'shareTooLongText' },
      { article: `${'t'.repeat(79)}…`, question: `${'q'.repeat(79)}…`, issue: 'shareTooLongText' },
    ]);
    expect(problems.map(exportProblemMessage)).toEqual([
      expect.stringMatching(
        /^In “=Réseaux #sociaux.*”, the question “Les écrans nuisent au sommeil\.”: .*10,000 characters/,
      ),
      expect.stringMatching(/the question “Loi ou éducation \?”/),
      expect.stringMatching(/^In “t{79}…”: /),
      expect.stringMatching(/^In “t{79}…”, the question “q{79}…”: /),
    ]);
  });

  it('names a problem of the file as a whole, and a file too large to import', () => {
    const noName = { ...FILE, participant: { id: '', name: null } };
    expect(exportProblems(noName)).toEqual([{ issue: 'shareInvalidId' }]);
    const huge = structuredClone(FILE);
    for (let i = 0; i < 400; i++)
      huge.articles.push({ ...structuredClone(FILE.articles[0]!), url: `https://example.org/${i}` });
    for (const a of huge.articles) for (const x of a.questions) x.note = 'n'.repeat(9_000);
    const problems = exportProblems(huge);
    expect(problems.at(-1)).toEqual({ issue: 'shareRejectTooLarge' });
    expect(exportProblemMessage(problems.at(-1)!)).toMatch(/MB/);
  });
});
