import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  foldText,
  isQuestionSentence,
  isQuotedSentence,
  splitSentences,
  wordCount,
} from '../../../utils/extract/text';

describe('splitSentences', () => {
  it('keeps French spacing, numbers and quotes inside sentences', () => {
    expect(
      splitSentences(
        'Elle vaut 1,5 trillion. Pourquoi ce revirement ? Parce qu’en 2026, tout change… Vraiment !',
      ),
    ).toEqual([
      'Elle vaut 1,5 trillion.',
      'Pourquoi ce revirement ?',
      'Parce qu’en 2026, tout change…',
      'Vraiment !',
    ]);
    expect(splitSentences('Version 3.5 is out. Is it “better?” Yes.')).toEqual([
      'Version 3.5 is out.',
      'Is it “better?”',
      'Yes.',
    ]);
  });

  it('ends a sentence after a guillemet closed with French spacing', () => {
    expect(splitSentences('Le sondage demande : « Qui a raison ? » Réagissez ci-dessous.')).toEqual([
      'Le sondage demande : « Qui a raison ? »',
      'Réagissez ci-dessous.',
    ]);
    expect(splitSentences('Il a dit « Qui a raison ? ». Puis il est parti.')).toEqual([
      'Il a dit « Qui a raison ? ».',
      'Puis il est parti.',
    ]);
    expect(isQuestionSentence('Le sondage demande : « Qui a raison ? »')).toBe(true);
    expect(isQuotedSentence('Le sondage demande : « Qui a raison ? »')).toBe(true);
  });
});

describe('isQuotedSentence', () => {
  it('tells quoted questions from the author’s own', () => {
    expect(isQuotedSentence('The host quipped, “isn’t that against the rules?”')).toBe(true);
    expect(isQuotedSentence('« Qui a gagné ? »')).toBe(true);
    expect(isQuotedSentence('Musk a-t-il raison de dire que le « Hardware » gagnera ?')).toBe(false);
  });
});

describe('foldText', () => {
  // The definition, in regexes: question ids are hashes of folded text, kept in every file and
  // device, so the fast path must give exactly this for any text.
  const reference = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  // Letters with and without marks, combining marks, final sigma, dotted İ, Hangul, ligatures,
  // a surrogate pair, punctuation and spaces of several kinds.
  const tricky = fc.constantFrom(
    ...'aZé É ç Ç ñ ü ß ẞ ø Å œ ﬁ ǅ ı İ Σ σ ς ΟΔΟΣ 한 日本 Ⅻ ① ٣ ¹ ’ « » — - _ . ? ¿ \u00a0 \u2009 \u0301 \u0308 \u200d 🙂 𝐀'.split(
      '',
    ),
  );
  const texts = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: tricky, maxLength: 40 }),
    fc.string({ unit: fc.oneof(tricky, fc.constantFrom(...'abcdefghij ')) }),
  );

  it('folds any text as its definition does', () => {
    fc.assert(
      fc.property(texts, (text) => {
        expect(foldText(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('counts words as its definition does, for any text', () => {
    const definition = (text: string) => text.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)?.length ?? 0;
    fc.assert(
      fc.property(
        fc.oneof(texts, fc.string({ unit: fc.constantFrom(..."ab é'’- \u0301".split('')) })),
        (text) => {
          expect(wordCount(text)).toBe(definition(text));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('folds French, German and Spanish the same way whatever their normal form', () => {
    for (const text of [
      'Qu’en pensez-vous ? Êtes-vous d’accord ?',
      'Größer, schöner – MÜNCHEN',
      '¿Qué opináis?',
    ]) {
      expect(foldText(text)).toBe(reference(text));
      expect(foldText(text.normalize('NFD'))).toBe(foldText(text.normalize('NFC')));
    }
    expect(foldText('Êtes-vous d’accord ?')).toBe('etes vous d accord');
    expect(foldText('ΟΔΟΣ Σ')).toBe(reference('ΟΔΟΣ Σ'));
  });
});

describe('splitSentences, for any text', () => {
  // The rule, one character at a time, as it was first written: the fast scan must agree with it.
  const TERMINATORS = '.!?…？';
  const CLOSERS = '»"”’)]';
  const reference = (text: string): string[] => {
    const line = text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
    const out: string[] = [];
    let start = 0;
    let i = 0;
    while (i < line.length) {
      if (!TERMINATORS.includes(line[i] as string)) {
        i++;
        continue;
      }
      let end = i + 1;
      while (end < line.length && (TERMINATORS + CLOSERS).includes(line[end] as string)) end++;
      if (line[end] === ' ' && line[end + 1] === '»') {
        end += 2;
        while (end < line.length && TERMINATORS.includes(line[end] as string)) end++;
      }
      if (end === line.length || line[end] === ' ') {
        const sentence = line.slice(start, end).trim();
        if (sentence) out.push(sentence);
        start = end;
      }
      i = end;
    }
    const rest = line.slice(start).trim();
    if (rest) out.push(rest);
    return out;
  };
  const alphabet = fc.constantFrom(...'ab1 .!?…？»"”’)]«\n\t'.split(''));

  it('cuts as the character-by-character rule does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: alphabet }), fc.string()), (text) => {
        expect(splitSentences(text)).toEqual(reference(text));
      }),
      { numRuns: 5000 },
    );
  });
});
