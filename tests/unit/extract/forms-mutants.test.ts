// Answer forms at their edges, written against mutants Stryker left alive (npm run mutate): the
// question word after a comma or a preposition, the marks around a question, the shared frame of
// two alternatives, the German verb last, lists, the same word twice, and poles too long or cut.
import { describe, expect, test } from 'vitest';
import { answerFormFor } from '@/utils/extract/forms';

const alternatives = (a: string, b: string) => ({ type: 'alternatives', poles: [a, b] });
const YES_NO = { type: 'yes-no' };
const OPEN = { type: 'open' };

describe('answerFormFor', () => {
  test.each([
    ['Est-ce que tu viens ?', 'fr', YES_NO],
    ['Et vous, que pensez-vous ?', 'fr', OPEN],
    ['And you, what do you think?', 'en', OPEN],
    ['Honestly, is it good?', 'en', YES_NO],
    ['Le progrès, est-ce bien ?', 'fr', YES_NO],
    ['Für wen ist das gut?', 'de', OPEN],
    ['In which city do you live?', 'en', OPEN],
    ['To what end?', 'en', OPEN],
  ])('open or closed: %s', (text, lang, form) => {
    expect(answerFormFor(text, lang)).toEqual(form);
  });

  test.each([
    ['¿Prefieres el mar o la montaña?', 'es', alternatives('el mar', 'la montaña')],
    ['Tea or coffee??', 'en', alternatives('Tea', 'coffee')],
    ['Tea or coffee ?»', 'en', alternatives('Tea', 'coffee')],
    ['Tea or coffee? ', 'en', alternatives('Tea', 'coffee')],
    ['Do you want to live in the city or in the country?', 'en', alternatives('city', 'country')],
    ['Should we build for housing or for parks?', 'en', alternatives('housing', 'parks')],
    ['Should the city buy buses, or should the city buy trams?', 'en', alternatives('buses', 'trams')],
    ['Should the city buy buses or should the city buy trams?', 'en', alternatives('buses', 'trams')],
    ['Do we go to the left side or the right side?', 'en', alternatives('left side', 'right side')],
    ['Do you prefer red apples or green apples?', 'en', alternatives('red apples', 'green apples')],
    ['Wollen Sie in der Stadt oder auf dem Land wohnen?', 'de', alternatives('in der Stadt', 'auf dem Land')],
  ])('two alternatives: %s', (text, lang, form) => {
    expect(answerFormFor(text, lang)).toEqual(form);
  });

  test.each([
    ['Which is better, tea or coffee?', alternatives('tea', 'coffee')],
    ['What, tea or coffee?', alternatives('tea', 'coffee')],
    ['Which: tea or coffee?', alternatives('tea', 'coffee')],
    ['What should the city buy: buses, or trams?', alternatives('buses', 'trams')],
    ['Which tea or coffee?', OPEN],
    ['What do you make of buses or trams?', OPEN],
  ])('a question word, with the choice set apart or not: %s', (text, form) => {
    expect(answerFormFor(text, 'en')).toEqual(form);
  });

  test.each([
    ['a list', 'Tea, coffee or water?'],
    ['the same thing twice', 'Do you prefer cats or cats?'],
    ['or not', 'Is it red or not?'],
    ['a pole past 100 characters', `Do you prefer the ${'x'.repeat(120)} or the y?`],
    ['poles cut after an article', 'Do you prefer it with the or without the?'],
    ['nothing after or', 'Is it good or ?'],
  ])('no alternatives, yes or no: %s', (_, text) => {
    expect(answerFormFor(text, 'en')).toEqual(YES_NO);
  });

  test('a statement is agreed with or not', () => {
    expect(answerFormFor('Tea is better than coffee.', 'en')).toEqual({ type: 'agree-disagree' });
  });
});
