// Two alternatives on real question shapes in five languages: where the poles start and end (marks,
// quotes, a shared frame, a shared lead word, the German verb last), and when a question only looks
// like a choice (a list, "or not", a pole too long or cut on an article). Outputs read by hand.
import { describe, expect, test } from 'vitest';
import { answerFormFor } from '@/utils/extract/forms';

const choice = (a: string, b: string) => ({ type: 'alternatives', poles: [a, b] });
const YES_NO = { type: 'yes-no' };
const OPEN = { type: 'open' };

describe('answerFormFor: two alternatives', () => {
  test.each([
    ['Est-ce que vous préférez le train ou l’avion ?', 'fr', choice('train', 'l’avion')],
    ['Faut-il choisir : le train, ou l’avion ?', 'fr', choice('train', 'l’avion')],
    ['¿Prefieres el tren o el avión?', 'es', choice('tren', 'avión')],
    ['¡Tren o avión?', 'es', choice('Tren', 'avión')],
    ['Meglio il treno o l’aereo?', 'it', choice('treno', 'l’aereo')],
    ['Prefere o comboio ou o avião?', 'pt', choice('comboio', 'avião')],
    ['Tea or coffee?!', 'en', choice('Tea', 'coffee')],
    ['Tea or coffee?”', 'en', choice('Tea', 'coffee')],
    ['Tea or coffee ?  ', 'en', choice('Tea', 'coffee')],
    ['Tea; or coffee;?', 'en', choice('Tea', 'coffee')],
    ['Which is better, tea or coffee?', 'en', choice('tea', 'coffee')],
    [
      'Should we live in a world where cars rule, or in a world where people walk?',
      'en',
      choice('cars rule', 'people walk'),
    ],
    ['Should the money go to housing, or to parks?', 'en', choice('housing', 'parks')],
    ['Is it better for housing or for parks?', 'en', choice('housing', 'parks')],
    ['Wollen Sie in der Stadt oder auf dem Land wohnen?', 'de', choice('in der Stadt', 'auf dem Land')],
    ['Leben Sie lieber in der Stadt oder auf dem Land?', 'de', choice('in der Stadt', 'auf dem Land')],
    ['Die Stadt oder das Land?', 'de', choice('Die Stadt', 'das Land')],
  ])('%s (%s)', (text, lang, form) => {
    expect(answerFormFor(text, lang)).toEqual(form);
  });
});

describe('answerFormFor: what only looks like a choice', () => {
  test.each([
    // A yes-or-no question whatever its "or": a list, "or not", a pole cut on an article, long poles.
    ['Do you want tea, coffee or water?', 'en', YES_NO],
    ['Is this good or not?', 'en', YES_NO],
    ['Do you choose the one or the?', 'en', YES_NO],
    [
      'Do you prefer to spend the weekend reading long novels or watching old films at home with friends?',
      'en',
      YES_NO,
    ],
    [
      `Should the council spend it on ${'very '.repeat(20)}long roads or on ${'quite '.repeat(20)}short paths?`,
      'en',
      YES_NO,
    ],
    ['Est-ce que la ville doit interdire les voitures ?', 'fr', YES_NO],
    // Asking for words: a question word first, after a short lead and a comma, or after a preposition.
    ['What do you make of buses or trams?', 'en', OPEN],
    ['For what reason or purpose?', 'en', OPEN],
    ['In your view, how should we decide?', 'en', OPEN],
    ['To whom should we listen?', 'en', OPEN],
    ['Alors, quoi de neuf ?', 'fr', OPEN],
    ['Bref, pourquoi pas ?', 'fr', OPEN],
    ['Y tú, ¿qué opinas?', 'es', OPEN],
  ])('%s (%s)', (text, lang, form) => {
    expect(answerFormFor(text, lang)).toEqual(form);
  });
});
