import { describe, expect, it } from 'vitest';
import { isQuestionSentence, isQuotedSentence, splitSentences } from '../../../utils/extract/text';

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
