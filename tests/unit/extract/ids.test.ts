import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { questionId } from '../../../utils/extract';
import { foldText } from '../../../utils/extract/text';

describe('questionId', () => {
  it('folds case, diacritics, spacing and punctuation', () => {
    const id = questionId('Croyez-vous vraiment que l’espace soit la solution ?');
    expect(questionId('croyez vous vraiment que l espace soit la solution')).toBe(id);
    expect(questionId("  CROYEZ-VOUS  vraiment que l'Espace soit la solution?! ")).toBe(id);
    expect(questionId('Croyez-vous vraiment que l’espace soit une solution ?')).not.toBe(id);
  });

  it('is the 64-bit FNV-1a of the folded text, in base 36', () => {
    // Published FNV-1a 64 test vectors: "" and "a".
    expect(questionId('')).toBe(BigInt('0xcbf29ce484222325').toString(36));
    expect(questionId(' A! ')).toBe(BigInt('0xaf63dc4c8601ec8c').toString(36));
  });

  it('is short base-36', () => {
    expect(questionId('Is congestion a price worth paying?')).toMatch(/^[0-9a-z]{1,13}$/);
  });

  it('ignores case and spacing changes for any text', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(questionId(` ${text.toUpperCase()}  `)).toBe(questionId(text.toUpperCase()));
        expect(foldText(foldText(text))).toBe(foldText(text));
      }),
    );
  });
});
